"""`esmtool check`: review drafts the way the MCH Evidence Center's reviewers do."""

from __future__ import annotations

import typer

from .options import CatalogOpt, DraftsArg, ReportFormatOpt, StrictOpt, command_app, load
from .output import default_format, err, out, print_each, report_error

app = command_app()


@app.command()
def check(
    drafts: DraftsArg,
    fmt: ReportFormatOpt = None,
    strict: StrictOpt = False,
    catalog: CatalogOpt = None,
) -> None:
    """Review drafts the way the MCH Evidence Center's reviewers do.

    Infers each measure's RBA quadrant and checks balance, definition, alignment,
    targets, completeness and clarity. Exit codes: 0 no errors (no warnings
    either with --strict); 1 findings at that level; 2 a file could not be read
    or is not a valid draft (its problems go to stderr; it is left out of the output).
    """
    from ..checks.report import Tally, iter_reports, render_tables, stream_json

    cat = load(catalog)
    tally = Tally()  # results are streamed: memory stays flat however many drafts there are
    reports = tally.watch(iter_reports(drafts, cat))
    fmt_name = fmt.value if fmt else default_format()
    if fmt_name == "json":
        stream_json(reports, out)
    else:  # files that could not be checked go to stderr only
        print_each((r for r in reports if r.checked), lambda r, c: render_tables([r], c))
    for r in tally.failed:
        if r.error is not None:
            report_error(r.error)
    if tally.checked:
        err(tally.overall())
    raise typer.Exit(tally.exit_code(strict=strict))
