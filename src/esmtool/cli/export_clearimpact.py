"""`esmtool export DRAFT... --format clearimpact`: several drafts in one Clear Impact CSV."""

from __future__ import annotations

from pathlib import Path

from .options import load
from .output import Destination


def export_clearimpact(
    drafts: list[str], output: Path | None, *, force: bool, catalog: list[Path] | None
) -> None:
    """One CSV (Clear Impact Scorecard's import columns) with the rows of every draft."""
    from ..cycle.clearimpact import render_clearimpact
    from ..export.batch import input_ids, load_draft

    dest = Destination(output, force=force, protect=input_ids(drafts))  # before any work
    cat = load(catalog)
    dest.write(render_clearimpact([load_draft(d, cat) for d in drafts]).encode("utf-8"))
