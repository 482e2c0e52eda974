"""Starting a draft for a plan, the core of ``esmtool draft --plan PLAN [--npm CODE]``
(called by :mod:`esmtool.cli.draft`): which NPM still needs an ESM, and where its draft goes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..catalog import Catalog
    from .model import LoadedPlan


@dataclass(frozen=True)
class DraftStart:
    npm: str
    state: str
    #: where the new draft is saved: the plan's first drafts folder, named after the NPM
    path: Path
    #: the plan's NPMs that still have no ESM, in the plan's order
    without_esm: tuple[str, ...]


def npms_without_esm(lp: LoadedPlan, catalog: Catalog) -> list[str]:
    """The plan's NPMs with no ESM among its drafts (drafts that cannot be read count as none)."""
    from ..draft.answers import read_answers_file
    from ..errors import EsmtoolError
    from .rules import counts_for

    drafted: list[str] = []
    for _entry, _i, path in lp.draft_files():
        if path is None:
            continue
        try:
            data, _index = read_answers_file(path)
        except EsmtoolError:
            continue
        npm = data.get("npm")
        if isinstance(npm, str):
            drafted.append(npm)
    chosen = list(dict.fromkeys(lp.plan.npms))
    return [c for c in chosen if not any(counts_for(d, c, catalog) for d in drafted)]


def next_draft(lp: LoadedPlan, catalog: Catalog, npm: str | None = None) -> DraftStart:
    """The NPM to draft next (``npm`` if given: it must be one of the plan's) and its file."""
    from ..fsutil import safe_filename

    missing = npms_without_esm(lp, catalog)
    if npm is not None:
        if npm not in lp.plan.npms:
            raise UsageError(
                f"{npm} is not one of the plan's NPMs ({', '.join(lp.plan.npms)}).",
                hint=f"Add it to npms in {lp.index.source} first, or choose one of those.",
            )
        code = npm
    elif missing:
        code = missing[0]
    else:
        raise UsageError(
            "Every NPM of the plan already has an ESM.",
            hint="Name the NPM for another ESM with --npm, or add an NPM to the plan.",
        )
    folders = [d for d in lp.plan.drafts if not d.lower().endswith((".yaml", ".yml", ".json"))]
    folder = lp.folder / (folders[0] if folders else "drafts")
    stem = safe_filename(code, fallback="esm")
    path = folder / f"{stem}.yaml"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.yaml"
        n += 1
    return DraftStart(code, lp.plan.state, path, tuple(missing))
