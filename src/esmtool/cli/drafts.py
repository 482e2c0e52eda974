"""`esmtool drafts`: the drafts on the go (autosaves and drafts the walk saved elsewhere)."""

from __future__ import annotations

from .options import ReportFormatOpt, command_app
from .output import default_format, err, out, stdout_console

app = command_app()


@app.command()
def drafts(
    fmt: ReportFormatOpt = None,
) -> None:
    """List your drafts, the last changed first: title, measure, progress, last change, path.

    Lists the autosaves in esmtool's data folder and the drafts a walk saved elsewhere
    (beside -o, in a plan's drafts folder). Continue one with: esmtool draft --resume PATH
    (or --resume alone, to choose).
    """
    from ..draft.recent import recent_drafts

    infos = recent_drafts()
    if (fmt.value if fmt else default_format()) == "json":
        import json

        out(json.dumps([i.to_json() for i in infos], indent=2, ensure_ascii=False) + "\n")
        return
    if not infos:
        err("No drafts yet. Start one with: esmtool draft")
        return
    from rich.table import Table

    table = Table(show_lines=False)
    table.add_column("Title", ratio=1)
    for name in ("Measure", "Progress", "Last change", "Path"):  # ids and paths never broken
        table.add_column(name, no_wrap=name != "Progress")
    for i in infos:
        when = i.modified.astimezone().strftime("%Y-%m-%d %H:%M")
        table.add_row(i.title or "(no title yet)", i.npm or "", i.progress, when, str(i.path))
    stdout_console().print(table)
