"""``esmtool plan``: the state plan's commands (init, check, export).

Thin, like the rest of the CLI: options, output and exit codes; the work is in
:mod:`esmtool.plan`. Loaded by the command group when ``esmtool plan`` runs.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .options import (
    CatalogOpt,
    IncludeOpt,
    NoInputOpt,
    ReportFormatOpt,
    SetOpt,
    StrictOpt,
    load,
)
from .output import Destination, default_format, err, print_each, report_error, stdout_console

app = plan_app = typer.Typer(
    help="The state plan: every ESM of a state checked together, one document, one workbook.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PlanArg = Annotated[
    Path,
    typer.Argument(help="The plan file (plan.yaml), or the folder that holds it.", metavar="PLAN"),
]


@plan_app.command("check")
def plan_check(
    plan: PlanArg,
    fmt: ReportFormatOpt = None,
    strict: StrictOpt = False,
    catalog: CatalogOpt = None,
) -> None:
    """Check a state plan: the federal requirements, the Evidence Center's advice, every draft.

    Exit codes as for `esmtool check`: 0 no errors (no warnings either with --strict);
    1 findings at that level (in the plan or any draft); 2 the plan or a draft could not
    be read (its problems go to stderr).
    """
    from ..plan.check import PlanCheck, overall, render_plan_table, write_json
    from ..plan.model import read_plan

    cat = load(catalog)
    loaded = read_plan(plan)
    check = PlanCheck(loaded, cat)
    fmt_name = fmt.value if fmt else default_format()
    if fmt_name == "json":
        report = write_json(check, sys.stdout.write)
        sys.stdout.flush()
    else:
        from ..checks.report import render_tables

        drafts = (r for r in check.drafts() if r.checked)
        console = print_each(drafts, lambda r, c: render_tables([r], c))
        if console is None:
            console = stdout_console()
        else:
            console.print()
        report = check.result()
        render_plan_table(report, console)
    for _path, error in check.failed:
        report_error(error)
    err(overall(check, report))
    raise typer.Exit(check.exit_code(report, strict=strict))


@plan_app.command("init")
def plan_init(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Where plan.yaml and the drafts folder go (default: here).", metavar="DIR"
        ),
    ] = Path("."),
    sets: SetOpt = None,
    no_input: NoInputOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing plan.yaml.")] = False,
    catalog: CatalogOpt = None,
) -> None:
    """Start a state plan: plan.yaml and a drafts folder (scripted with --set and --no-input)."""
    from ..draft.answers import gather
    from ..draft.autosave import wants_walk
    from ..fsutil import check_writable
    from ..plan.init import build_plan, remember_state, remembered_state, write_plan

    answers = gather(sets=sets or []).data  # as for draft: --set read and applied the same way
    if folder.is_dir():  # refuse before any question is asked
        check_writable(folder / "plan.yaml", force=force)
    cat = load(catalog)
    if wants_walk(no_input=no_input, answers=None):
        from ..plan.walk import run_plan_walk

        answers = run_plan_walk(answers, cat, remembered_state=remembered_state())
    plan = build_plan(answers)
    target, made = write_plan(plan, folder, force=force)
    remember_state(plan.state)
    for sub in made:
        err(f"Created {sub}/")
    err(f"Wrote {target}")
    from ..plan.check import PlanCheck
    from ..plan.model import read_plan

    check = PlanCheck(read_plan(target), cat)
    errors = [x for x in check.result().findings if x.finding.severity == "error"]
    if errors:
        err(f"The plan has {len(errors)} problem(s) to address; see: esmtool plan check {target}")


class PlanExportFormat(str, Enum):
    docx = "docx"
    html = "html"
    md = "md"
    xlsx = "xlsx"


@plan_app.command("export")
def plan_export(
    plan: PlanArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write (.docx, .html, .md, .xlsx); '-' or none: Markdown on stdout.",
            metavar="FILE",
        ),
    ] = None,
    fmt: Annotated[
        PlanExportFormat | None,
        typer.Option("--format", help="docx, html, md or xlsx (default: from -o, else md)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    include: IncludeOpt = None,
    catalog: CatalogOpt = None,
) -> None:
    """Export a state plan: a cover, the action plan by domain, every ESM (Word, HTML, Markdown,
    or an Excel workbook with sheets Action plan, ESMs, Measures, Objectives)."""
    from ..errors import UsageError
    from ..export import parse_include
    from ..plan.export import render_plan
    from ..plan.model import read_plan

    wanted = parse_include(include)
    to_stdout = output is None or str(output) == "-"
    if fmt is not None:
        fmt_name = fmt.value
    elif to_stdout:
        fmt_name = "md"
    else:
        assert output is not None
        suffix = output.suffix.lower()
        names = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".xlsx": "xlsx"}
        if suffix not in names:
            raise UsageError(
                f"Cannot tell the format from the file name '{output.name}'.",
                hint="End the name with .docx, .html, .md or .xlsx, or add --format.",
            )
        fmt_name = names[suffix]
    dest = Destination(output, force=force)  # refused before any work
    dest.refuse_binary(fmt_name)
    cat = load(catalog)
    loaded = read_plan(plan)
    result = render_plan(loaded, cat, fmt_name, include=wanted)
    n = result.esm_count
    payload = result.payload.decode("utf-8") if dest.to_stdout else result.payload
    dest.write(payload, note=f" ({n} ESM{'s' if n != 1 else ''})")
