"""`esmtool export`: documents from drafts, one or many."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import EXIT_INPUT
from .options import CatalogOpt, IncludeOpt, command_app, load
from .output import Destination, err, report_lines, stderr_console

app = command_app()


@app.command()
def export(
    drafts: Annotated[
        list[str],
        typer.Argument(
            help="Draft files (YAML or JSON); '-' reads one from stdin.", metavar="DRAFT"
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="A file for one draft ('-' or none: stdout), or a folder for several (created "
            "when missing; one file each, named from the ESM number or title).",
            metavar="FILE|DIR|-",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="md, docx, html, csv, xlsx, json, yaml or clearimpact (Clear Impact Scorecard's "
            "import CSV: several drafts go to one file) (default: from -o's extension, else md).",
            metavar="FORMAT",
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Your own Jinja2 template (Markdown or HTML: *.md.j2 or *.html.j2, or --format) "
            "rendered in a sandbox with the same data as the built-in documents.",
            metavar="FILE",
        ),
    ] = None,
    include: IncludeOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing output files.")] = False,
    catalog: CatalogOpt = None,
) -> None:
    """Export drafts as documents (Word, HTML, Markdown, CSV) or data (JSON, YAML), one or many."""
    from ..export import parse_include, render
    from ..export.batch import export_batch, input_ids, load_draft, plan_export

    if (fmt or "").lower() == "clearimpact" and len(drafts) > 1:
        from .export_clearimpact import export_clearimpact

        export_clearimpact(drafts, output, force=force, catalog=catalog)
        return
    wanted = parse_include(include)
    plan = plan_export(drafts, output, fmt, template)
    if not plan.batch:
        inputs = input_ids(drafts, template)  # never written over, even with --force
        dest = Destination(plan.target, force=force, protect=inputs)  # refused before any work
        dest.refuse_binary(plan.fmt)  # Word or Excel to a pipe or a file, never to a terminal
        cat = load(catalog)
        payload = render(
            load_draft(drafts[0], cat), cat, plan.fmt, template=template, include=wanted
        )
        dest.write(payload)
        return

    from ..export.batch import Failure

    target = plan.target
    assert target is not None
    cat = load(catalog)
    console = stderr_console() if sys.stderr.isatty() else None

    def say(failure: Failure) -> None:
        report_lines(failure.lines(), console=console)

    def run(advance: Callable[[], object] | None = None) -> Any:
        def report(_src: str, _path: Path | None, failure: Failure | None) -> None:
            if failure:
                say(failure)
            if advance is not None:
                advance()

        return export_batch(
            drafts,
            cat,
            plan.fmt,
            target,
            template=template,
            include=wanted,
            force=force,
            report=report,
        )

    if console is None:
        result = run()
    else:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("Exporting"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("export", total=len(drafts))
            result = run(lambda: progress.advance(task))
    n, m = len(result.written), result.total
    err(f"Exported {n} of {m} draft{'s' if m != 1 else ''} to {plan.target}")
    if result.failures:
        raise typer.Exit(EXIT_INPUT)
