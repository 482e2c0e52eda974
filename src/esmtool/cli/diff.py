"""`esmtool diff`: what changed between two drafts of one ESM."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from .options import CatalogOpt, command_app, load
from .output import default_format, out, stdout_console

app = command_app()


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="Last year's draft (YAML or JSON).", metavar="OLD")],
    new: Annotated[str, typer.Argument(help="This year's draft.", metavar="NEW")],
    fmt: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default on a terminal), json (default when piped) or md (for the "
            "annual report).",
        ),
    ] = None,
    catalog: CatalogOpt = None,
) -> None:
    """Field-level changes between two drafts of one ESM: definition, objectives, actuals,
    measures (added, removed, moved between quadrants, reworded), status, strategy and its
    evidence, and the inferred quadrant.

    Exit codes: 0 done (with or without changes); 2 a file could not be read or is not a
    valid draft.
    """
    from ..cycle import read_draft
    from ..cycle.diff import diff as changes_of
    from ..cycle.diff import label, markdown, value_words
    from ..yamlio import dump_json

    cat = load(catalog)
    before, after = read_draft(old), read_draft(new)
    changes = changes_of(before, after, cat)
    unit = (after.esm.unit_type, after.esm.unit_number)
    name = fmt.value if fmt else default_format()
    if name == "json":
        out(dump_json([c.to_json() for c in changes]))
        return
    if name == "md":
        out(markdown(changes, old, new, unit))
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = stdout_console()
    if not changes:
        console.print(Text("No changes.", style="green"))
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for col in ("Change", "Kind", "Was", "Now"):
        table.add_column(col, overflow="fold")
    for c in changes:
        table.add_row(
            Text(f"{label(c.path)}\n") + Text(c.path, style="dim"),
            c.kind,
            Text(value_words(c.old)),
            Text(value_words(c.new)),
        )
    console.print(table)
