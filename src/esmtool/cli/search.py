"""`esmtool search`: strategies (and measures) ranked by how well they match."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import CatalogOpt, FormatOpt, command_app, show_notices
from .output import default_format, err, out, stdout_console

app = command_app()


@app.command()
def search(
    text: Annotated[list[str], typer.Argument(help="Words to look for.")],
    npm: Annotated[
        str | None, typer.Option("--npm", help="Only strategies for this measure code.")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="At most this many results.")
    ] = 20,
    fmt: FormatOpt = None,
    catalog: CatalogOpt = None,
) -> None:
    """Search strategy names, approaches, overviews and outcomes (and measures), best match first."""
    from ..catalog.records import search_corpus
    from ..catalog.search import results
    from ..render import records_csv, records_table, serialise

    corpus, index, notices = search_corpus(catalog or [])
    show_notices(notices)
    found = results(corpus, " ".join(text), npm=npm, limit=limit, index=index)
    rows = found.rows
    for note in found.notes:
        err(note)
    fmt_name = fmt.value if fmt else default_format()
    if fmt_name == "table":
        if rows:
            stdout_console().print(records_table("search", rows))
        shown = f", showing the first {len(rows)} (see --limit)" if found.total > len(rows) else ""
        err(f"{found.total} match{'es' if found.total != 1 else ''}{shown}")
    elif fmt_name == "csv":
        out(records_csv("search", rows))
    else:
        out(serialise(rows, fmt_name))
