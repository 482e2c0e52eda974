"""`esmtool export DRAFT... --format clearimpact`: several drafts in one Clear Impact CSV."""

from __future__ import annotations

from pathlib import Path

from .options import load
from .output import err, write_bytes


def export_clearimpact(
    drafts: list[str], output: Path | None, *, force: bool, catalog: list[Path] | None
) -> None:
    """One CSV (Clear Impact Scorecard's import columns) with the rows of every draft."""
    from ..cycle.clearimpact import render_clearimpact
    from ..export.batch import input_ids, load_draft
    from ..fsutil import atomic_write, check_writable

    inputs = input_ids(drafts)
    to_stdout = output is None or str(output) == "-"
    if not to_stdout:
        assert output is not None
        check_writable(output, force=force, protect=inputs)
    cat = load(catalog)
    payload = render_clearimpact([load_draft(d, cat) for d in drafts]).encode("utf-8")
    if to_stdout:
        write_bytes(payload)
        return
    assert output is not None
    atomic_write(output, payload, force=force, protect=inputs)
    err(f"Wrote {output}")
