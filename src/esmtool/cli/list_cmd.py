"""`esmtool list`: measures, strategies, quadrants, evidence levels, templates, practices."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from .options import CatalogOpt, FormatOpt, choice, command_app, load, ready
from .output import default_format, err, out, stdout_console

app = command_app()


class ListKind(str, Enum):
    npms = "npms"
    strategies = "strategies"
    quadrants = "quadrants"
    evidence = "evidence"
    templates = "templates"
    practices = "practices"


@app.command("list")
def list_cmd(
    kind: Annotated[
        str,
        typer.Argument(
            help="What to list: npms, strategies, quadrants, evidence, templates or practices.",
            metavar="WHAT",
        ),
    ],
    npm: Annotated[
        str | None, typer.Option("--npm", help="Only strategies for this measure code.")
    ] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="Only this evidence level (e.g. moderate).")
    ] = None,
    min_evidence: Annotated[
        str | None, typer.Option("--min-evidence", help="This evidence level or stronger.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Source contains this text.")
    ] = None,
    outcome: Annotated[
        str | None, typer.Option("--outcome", help="An outcome component contains this text.")
    ] = None,
    domain: Annotated[
        str | None,
        typer.Option("--domain", help="The measure's population domain contains this text."),
    ] = None,
    fmt: FormatOpt = None,
    catalog: CatalogOpt = None,
) -> None:
    """List measures (npms), strategies, quadrants, evidence levels, templates or practices."""
    kind = choice(kind, [k.value for k in ListKind], "list")
    from ..render import records_csv, records_table, serialise

    filters = (npm, evidence, min_evidence, source, outcome, domain)
    if any(f is not None for f in filters):
        from ..catalog.browse import StrategyFilter, list_records

        rows = list_records(load(catalog), kind, StrategyFilter(*filters))
    else:  # the whole list: ready-made while the catalog's files are unchanged
        from ..catalog.records import listing

        rows = ready(listing(kind, catalog or []))
    fmt_name = fmt.value if fmt else default_format()
    if fmt_name == "table":
        console = stdout_console()
        console.print(records_table(kind, rows))
        err(f"{len(rows)} {kind}")
    elif fmt_name == "csv":
        out(records_csv(kind, rows))
    else:
        out(serialise(rows, fmt_name))
