"""`esmtool show`: a whole catalog entry."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

import typer

from .options import CatalogOpt, choice, command_app, ready
from .output import default_format, out, stdout_console

app = command_app()


class ShowFormat(str, Enum):
    table = "table"
    json = "json"
    yaml = "yaml"
    md = "md"


class ShowKind(str, Enum):
    npm = "npm"
    measure = "measure"
    strategy = "strategy"


@app.command()
def show(
    kind: Annotated[
        str, typer.Argument(help="npm (or measure) or strategy.", metavar="npm|strategy")
    ],
    key: Annotated[str, typer.Argument(help="The measure code or strategy id.", metavar="ID")],
    fmt: Annotated[
        ShowFormat | None,
        typer.Option("--format", "-f", help="table (default on a terminal), json, yaml, md."),
    ] = None,
    catalog: CatalogOpt = None,
) -> None:
    """Show a whole catalog entry: a measure with its strategies, or a strategy with its measures."""
    from ..catalog.records import detail
    from ..render import (
        measure_markdown,
        measure_panel,
        serialise,
        strategy_markdown,
        strategy_panel,
    )

    kind = choice(kind, [k.value for k in ShowKind], "show")
    panel: Callable[[dict[str, Any]], Any]
    if kind == ShowKind.strategy.value:
        data = ready(detail("strategy", key, catalog or []))
        panel, markdown = strategy_panel, strategy_markdown
    else:
        data = ready(detail("npm", key, catalog or []))
        panel, markdown = measure_panel, measure_markdown
    fmt_name = fmt.value if fmt else default_format()
    if fmt_name == "table":
        stdout_console().print(panel(data))
    elif fmt_name == "md":
        out(markdown(data))
    else:
        out(serialise(data, fmt_name))
