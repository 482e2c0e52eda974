"""`esmtool chart`: the turn-the-curve chart of one draft, as SVG or PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import command_app
from .output import err, write_bytes

app = command_app()


@app.command()
def chart(
    draft: Annotated[
        str, typer.Argument(help="A draft file (YAML or JSON); '-' reads stdin.", metavar="DRAFT")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="FILE.svg or FILE.png ('-': SVG to stdout).", metavar="FILE"
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="svg or png (default: from -o's extension).", metavar="FMT"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Draw the turn-the-curve chart: baseline, annual objectives, actuals and the forecast
    from the actuals' trend (PNG at print resolution, or deterministic SVG)."""
    from ..cycle import read_draft
    from ..cycle.chart import render_chart
    from ..errors import UsageError
    from ..export.batch import input_ids
    from ..fsutil import atomic_write, check_writable

    to_stdout = str(output) == "-"
    name = (fmt or ("svg" if to_stdout else output.suffix.lstrip("."))).lower()
    if name not in ("svg", "png"):
        raise UsageError(
            f"Cannot draw a chart as '{name or output.name}'.",
            hint="End the file name with .svg or .png, or add --format svg|png.",
        )
    inputs = input_ids([draft])
    if not to_stdout:
        check_writable(output, force=force, protect=inputs)
    payload = render_chart(read_draft(draft), name)
    if to_stdout:
        write_bytes(payload)
        return
    atomic_write(output, payload, force=force, protect=inputs)
    err(f"Wrote {output}")
