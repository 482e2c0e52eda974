"""`esmtool actuals import`: the year's actuals from a CSV or Excel file into drafts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import command_app
from .output import err

app = command_app(help="Enter the year's actuals into drafts.", no_args_is_help=True)


@app.callback()
def _group() -> None:
    """Enter the year's actuals into drafts."""


@app.command("import")
def actuals_import(
    file: Annotated[
        Path,
        typer.Argument(
            help="A .csv or .xlsx file: Clear Impact Scorecard's columns (id, "
            "actual_value_date, target_value, actual_value, comment) or esmtool's (esm, year, "
            "value, numerator, denominator, status, comment).",
            metavar="FILE",
        ),
    ],
    into: Annotated[
        list[str],
        typer.Option(
            "--into",
            help="A draft to update (repeatable); rows match its ESM number.",
            metavar="DRAFT",
        ),
    ],
    force: Annotated[
        bool,
        typer.Option("--force", help="Write the drafts (without it, only say what would change)."),
    ] = False,
) -> None:
    """Read each row's actual into the draft with the same ESM number (esm.id).

    A year already in the draft is replaced by the row. Without --force nothing is written
    (a draft is never replaced without it): esmtool says what would change and exits 2.
    """
    from ..cycle import read_draft
    from ..cycle.clearimpact import apply_rows, esm_key, read_rows
    from ..draft.autosave import DraftFile
    from ..errors import EXIT_INPUT, UsageError
    from ..fsutil import atomic_write, file_ids

    rows = read_rows(file)
    updates = [apply_rows(src, read_draft(src), rows) for src in into]
    matched = {esm_key(u.data.get("esm", {}).get("id")) for u in updates if u.years}
    for row in rows:
        if row.esm not in matched:
            err(f"Note: {file}:{row.line}: no draft given has ESM number '{row.esm}'.")
    for u in updates:
        for note in u.notes:
            err(f"Note: {u.source}: {note}")
    changed = [u for u in updates if u.years]
    if not changed:
        raise UsageError(
            f"No row of {file} matches the ESM number of the drafts given.",
            hint="Check the 'id' column against each draft's esm.id (e.g. ESM 11.1).",
        )
    protect = file_ids([file])
    for u in changed:
        years = ", ".join(str(y) for y in sorted(set(u.years)))
        if not force:
            err(f"Would add actuals for {years} to {u.source}.")
            continue
        text = DraftFile(Path(u.source))._text(u.data)
        atomic_write(Path(u.source), text, force=True, protect=protect)
        err(f"Added actuals for {years} to {u.source}.")
    if not force:
        err("Nothing was written: add --force to update the drafts.")
        raise typer.Exit(EXIT_INPUT)
