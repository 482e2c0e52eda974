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


def _missing_years(baseline_year: int, years: list[int]) -> list[int]:
    """The years without an objective: from the one after the baseline to the last objective,
    and at least the usual five years (a shorter series names the years it leaves out)."""
    from ..draft.rules import TARGET_YEARS

    last = max([*years, baseline_year + TARGET_YEARS])
    return [y for y in range(baseline_year + 1, last + 1) if y not in years]


def _years(years: list[int]) -> str:
    text = [str(y) for y in years]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + " and " + text[-1]


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
    if base is not None and targets:
        gaps = _missing_years(base.year, [y for y, _ in targets])
        if gaps:
            yield Finding(
                "warning",
                "targets.year-missing",
                "esm.targets",
                f"No objective is set for {_years(gaps)}.",
                "Set an objective for every year from the one after the baseline, or say in the "
                "data issues why a year has none.",
            )
    yield from direction_findings(draft)
    d = esm.direction
    if d is None or not targets:
        return
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


def direction_findings(draft: Draft) -> Iterator[Finding]:
    """Objectives that move against the declared direction: from the baseline (the first
    objective), and from one year to the next (one finding for the whole series).

    The walk shows them as each target is typed (a warning, not a refusal).
    """
    esm = draft.esm
    targets = sorted((esm.targets or {}).items())
    base, d = esm.baseline, esm.direction
    if d is None or not targets:
        return
    sign = 1 if d == "increase" else -1
    if base is not None and (targets[0][1] - base.value) * sign < 0:
        y, v = targets[0]
        better = "above" if d == "increase" else "below"
        yield Finding(
            "warning",
            "targets.against-baseline",
            f"esm.targets.{y}",
            f"The {y} objective ({_num(v)}) is not {better} the baseline ({_num(base.value)} "
            f"in {base.year}), though the measure should {d}.",
            f"Objectives for an '{d}' measure should {d} from the baseline; check the figure "
            "or the direction.",
        )
    against = [
        (y0, v0, y1, v1)
        for (y0, v0), (y1, v1) in itertools.pairwise(targets)
        if (v1 - v0) * sign < 0
    ]
    if against:
        steps = "; ".join(
            f"{y1}: {_num(v1)} after {_num(v0)} in {y0}" for y0, v0, y1, v1 in against
        )
        years = _years([y1 for _, _, y1, _ in against])
        verb, noun = ("moves", "objective") if len(against) == 1 else ("move", "objectives")
        yield Finding(
            "warning",
            "targets.against-direction",
            f"esm.targets.{against[0][2]}" if len(against) == 1 else "esm.targets",
            f"The {noun} for {years} {verb} against the declared direction ({d}) from the "
            f"objective before ({steps}).",
            f"Each year's objective should {d} (or hold) from the year before; check the "
            "figures or the direction.",
        )
