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
    from ..render import records_table

    rows = [
        {
            "path": str(i.path),
            "title": i.title or "(no title yet)",
            "npm": i.npm or "",
            "progress": i.progress,
            "last_change": i.modified.astimezone().strftime("%Y-%m-%d %H:%M"),
        }
        for i in infos
    ]
    # a table where the paths fit whole, else a block per draft; a path longer than the
    # terminal is not cut (crop=False): the terminal wraps it softly, so it copies whole
    stdout_console().print(records_table("drafts", rows), crop=False)
