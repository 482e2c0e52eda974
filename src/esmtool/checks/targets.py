"""Review rules on the baseline and the annual objectives (``targets.*``)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..numtext import number_text
from .base import Finding

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..draft import Draft


# ----- 5. targets --------------------------------------------------------------------------------


def _num(v: float) -> str:
    return number_text(v, grouped=False)


def rule_targets(draft: Draft, catalog: Catalog) -> Iterator[Finding]:
    esm = draft.esm
    targets = sorted((esm.targets or {}).items())
    base = esm.baseline
    if base and targets and base.year >= targets[0][0]:
        yield Finding(
            "warning",
            "targets.baseline-year",
            "esm.baseline.year",
            f"The baseline year {base.year} is not before the first objective ({targets[0][0]}).",
            "The baseline is the latest figure before the objectives start; use an earlier "
            "year, or start the objectives after it.",
        )
    d = esm.direction
    if d is None or not targets:
        return
    sign = 1 if d == "increase" else -1
    if base is not None and (targets[0][1] - base.value) * sign < 0:
        y, v = targets[0]
        yield Finding(
            "warning",
            "targets.against-baseline",
            f"esm.targets.{y}",
            f"The {y} objective ({_num(v)}) moves against the declared direction ({d}) "
            f"from the baseline ({_num(base.value)} in {base.year}).",
            f"Objectives for an '{d}' measure should {d} from the baseline; check the figure "
            "or the direction.",
        )
    for (y0, v0), (y1, v1) in itertools.pairwise(targets):
        if (v1 - v0) * sign < 0:
            yield Finding(
                "warning",
                "targets.against-direction",
                f"esm.targets.{y1}",
                f"The {y1} objective ({_num(v1)}) moves against the declared direction ({d}) "
                f"from {y0} ({_num(v0)}).",
                f"Each year's objective should {d} (or hold) from the year before; check the "
                "figure or the direction.",
            )
    start = base.value if base is not None else targets[0][1]
    if (base is not None or len(targets) > 1) and all(v == start for _, v in targets):
        yield Finding(
            "info",
            "targets.flat",
            "esm.targets",
            f"Every objective equals {'the baseline' if base is not None else 'the first'} "
            f"({_num(start)}): the measure is not expected to {d}.",
            "Set objectives that move in the declared direction, or explain in the data issues "
            "why holding steady is the goal (for example, the baseline is already at its ceiling).",
        )
