"""The command line: options, output formats, and errors turned into exit codes.

Everything else lives in the core modules (catalog, browse, draft, check,
export), which return data or raise :class:`esmtool.errors.EsmtoolError`.
Results go to stdout; messages, prompts and progress go to stderr.
Heavy modules are imported inside the commands that need them.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from . import __version__, stdio
from .errors import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EsmtoolError,
    Interrupted,
    OutputError,
    UsageError,
)

if TYPE_CHECKING:
    from .catalog import Catalog

EXIT_INTERNAL = 3


class _Group(TyperGroup):
    """Turns our errors (and Ctrl-C, and bugs) into a message and an exit code; never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except EsmtoolError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err("Interrupted.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except BrokenPipeError:
            _quiet_broken_pipe()
        except Exception as exc:  # a bug: say so plainly, without a traceback
            if os.environ.get("ESMTOOL_DEBUG"):
                raise
            err(
                f"esmtool hit an unexpected problem ({type(exc).__name__}: {exc}). "
                "This is a bug in esmtool; please report it with the command you ran. "
                "Set ESMTOOL_DEBUG=1 to see the details."
            )
            raise typer.Exit(EXIT_INTERNAL) from None


def _quiet_broken_pipe() -> NoReturn:
    # `esmtool list strategies | head` closes the pipe early: that is not an error.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(0)


app = typer.Typer(
    cls=_Group,
    name="esmtool",
    help=(
        "Draft, check and export Title V ESMs (Evidence-based or -informed Strategy Measures) "
        "from the MCHbest strategy catalog."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
catalog_app = typer.Typer(
    help="Where the catalog lives, and checking your own catalog folder.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(catalog_app, name="catalog")


# ----- output helpers ------------------------------------------------------------------------


# err: a line for people on stderr; out: results on stdout (exactly the text, UTF-8).
# Both show control characters instead of sending them to a terminal (see stdio).
err = stdio.err
out = stdio.out


def report_error(exc: EsmtoolError) -> None:
    lines = exc.lines()
    # an interruption is the person's choice, not an error: say what was kept
    err(lines[0] if isinstance(exc, Interrupted) else f"Error: {lines[0]}")
    for line in lines[1:]:
        err(line)
    if exc.hint:
        err(exc.hint)


def _stdout_console() -> Any:
    return stdio.console()


def _stderr_console() -> Any:
    return stdio.console(stderr=True)


def _default_format() -> str:
    return "table" if sys.stdout.isatty() else "json"


CatalogOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--catalog",
        help="A folder of your own catalog files (measures, strategies, templates) read after the "
        "bundled catalog; may replace bundled entries by id. Repeatable. Also: ESMTOOL_CATALOG.",
        metavar="DIR",
    ),
]


def load(catalog_dirs: list[Path] | None) -> Catalog:
    from .catalog import load_catalog

    cat = load_catalog(catalog_dirs or [])
    for note in cat.notices:
        err(f"Note: {note}")
    return cat


# ----- version ---------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        out(f"esmtool {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Draft, check and export Title V ESMs from the MCHbest strategy catalog.

    Exit codes: 0 ok; 1 `check` found problems; 2 usage or input error (an unwritable
    standard output included); 130 interrupted; 129/143 stopped by SIGHUP/SIGTERM.
    """


# ----- list / show / search ------------------------------------------------------------------


class ListKind(str, Enum):
    npms = "npms"
    strategies = "strategies"
    quadrants = "quadrants"
    evidence = "evidence"
    templates = "templates"
    practices = "practices"


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"


class ShowFormat(str, Enum):
    table = "table"
    json = "json"
    yaml = "yaml"
    md = "md"


class ShowKind(str, Enum):
    npm = "npm"
    measure = "measure"
    strategy = "strategy"


def _choice(value: str, choices: list[str], command: str) -> str:
    """``value`` if it is one of ``choices`` (any case); else a usage error that suggests one."""
    low = value.strip().lower()
    if low in choices:
        return low
    import difflib

    close = difflib.get_close_matches(low, choices, n=1, cutoff=0.6)
    hint = f"Did you mean: esmtool {command} {close[0]}?" if close else None
    raise UsageError(
        f"esmtool {command} does not know '{value}'; use one of: {', '.join(choices)}.",
        hint=hint,
    )


FormatOpt = Annotated[
    TableFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table (default on a terminal), json (default when piped), yaml, csv.",
    ),
]


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
    kind = _choice(kind, [k.value for k in ListKind], "list")
    from .browse import StrategyFilter, list_records
    from .render import records_csv, records_table, serialise

    cat = load(catalog)
    rows = list_records(
        cat,
        kind,
        StrategyFilter(npm, evidence, min_evidence, source, outcome, domain),
    )
    fmt_name = fmt.value if fmt else _default_format()
    if fmt_name == "table":
        console = _stdout_console()
        console.print(records_table(kind, rows))
        err(f"{len(rows)} {kind}")
    elif fmt_name == "csv":
        out(records_csv(kind, rows))
    else:
        out(serialise(rows, fmt_name))


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
    from .browse import measure_detail, strategy_detail
    from .render import (
        measure_markdown,
        measure_panel,
        serialise,
        strategy_markdown,
        strategy_panel,
    )

    cat = load(catalog)
    kind = _choice(kind, [k.value for k in ShowKind], "show")
    if kind == ShowKind.strategy.value:
        data = strategy_detail(cat, cat.strategy(key))
        panel, markdown = strategy_panel, strategy_markdown
    else:
        data = measure_detail(cat, cat.measure(key))
        panel, markdown = measure_panel, measure_markdown
    fmt_name = fmt.value if fmt else _default_format()
    if fmt_name == "table":
        _stdout_console().print(panel(data))
    elif fmt_name == "md":
        out(markdown(data))
    else:
        out(serialise(data, fmt_name))


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
    from .browse import search as run_search
    from .render import records_csv, records_table, serialise

    cat = load(catalog)
    rows = run_search(cat, " ".join(text), npm=npm, limit=limit)
    fmt_name = fmt.value if fmt else _default_format()
    if fmt_name == "table":
        if rows:
            _stdout_console().print(records_table("search", rows))
        err(f"{len(rows)} match{'es' if len(rows) != 1 else ''}")
    elif fmt_name == "csv":
        out(records_csv("search", rows))
    else:
        out(serialise(rows, fmt_name))


# ----- catalog ----------------------------------------------------------------------------------


@catalog_app.command("path")
def catalog_path() -> None:
    """Print the folder of the bundled catalog."""
    from .catalog import bundled_path

    out(f"{bundled_path()}\n")


@catalog_app.command("validate")
def catalog_validate(
    folders: Annotated[
        list[Path], typer.Argument(help="Your catalog folder(s) or file(s).", metavar="DIR...")
    ],
) -> None:
    """Check your own catalog folder on top of the bundled one; report every problem at once."""
    from .catalog import load_catalog

    cat = load_catalog(folders, use_env=False)
    for note in cat.notices:
        err(f"Note: {note}")
    user_files = sum(1 for _ in folders)
    err(
        f"OK: {', '.join(map(str, folders))} ({user_files} folder{'s' if user_files != 1 else ''}) "
        f"is valid. The combined catalog has {len(cat.measures)} measures, "
        f"{len(cat.strategies)} strategies and {len(cat.templates)} templates."
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of draft files (for editors that validate YAML/JSON)."""
    from .draft import json_schema
    from .yamlio import dump_json

    out(dump_json(json_schema()))


# ----- check ------------------------------------------------------------------------------------


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def check(
    drafts: Annotated[
        list[str],
        typer.Argument(help="Draft files (YAML or JSON); '-' reads stdin.", metavar="DRAFT"),
    ],
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format", "-f", help="table (default on a terminal) or json (default when piped)."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")
    ] = False,
    catalog: CatalogOpt = None,
) -> None:
    """Review drafts the way the MCH Evidence Center's reviewers do.

    Infers each measure's RBA quadrant and checks balance, definition, alignment,
    targets, completeness and clarity. Exit codes: 0 no errors (no warnings
    either with --strict); 1 findings at that level; 2 a file could not be read
    or is not a valid draft (its problems go to stderr; it is left out of the output).
    """
    from .checks.report import check_files, exit_code, overall, render_json, render_tables

    cat = load(catalog)
    reports = check_files(drafts, cat)
    if any(r.checked for r in reports):  # files that could not be checked go to stderr only
        fmt_name = fmt.value if fmt else _default_format()
        if fmt_name == "json":
            out(render_json(reports))
        else:
            render_tables(reports, _stdout_console())
    for r in reports:
        if r.error is not None:
            report_error(r.error)
    if any(r.checked for r in reports):
        err(overall(reports))
    raise typer.Exit(exit_code(reports, strict=strict))


# ----- draft ------------------------------------------------------------------------------------


@app.command()
def draft(
    npm: Annotated[
        str | None, typer.Option("--npm", help="Measure code; skips choosing it.")
    ] = None,
    strategy: Annotated[
        str | None, typer.Option("--strategy", help="Strategy id; skips choosing it.")
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            help="A draft/answers file (YAML or JSON); '-' reads stdin.",
            metavar="FILE",
        ),
    ] = None,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            "-s",
            help="KEY=VALUE answer, e.g. esm.unit_type=count. Repeatable; wins over --answers.",
            metavar="KEY=VALUE",
        ),
    ] = None,
    resume: Annotated[
        str | None,
        typer.Option(
            "--resume", help="Continue a saved draft; asks only what is missing.", metavar="FILE"
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt; fail listing what is missing.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where the result goes (.yaml, .json, .docx, .html, .md, .csv); '-' for stdout.",
            metavar="PATH",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="yaml, json, docx, html, md or csv (default: from -o, else yaml)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing output file.")
    ] = False,
    catalog: CatalogOpt = None,
) -> None:
    """Draft an ESM: interactively on a terminal, or from --answers/--set in scripts."""
    from .answers import gather
    from .draft import draft_error, validate_draft
    from .export import format_for, render
    from .fsutil import atomic_write, check_writable, file_ids

    cat = load(catalog)
    export_format = format_for(output, fmt)
    to_stdout = output is None or str(output) == "-"
    inputs = file_ids([answers] if answers and answers != "-" else [])  # never written over
    if not to_stdout:
        assert output is not None
        check_writable(output, force=force, protect=inputs)  # refuse before any question
    gathered = gather(resume=resume, answers=answers, sets=sets or [], npm=npm, strategy=strategy)
    interactive = not no_input and sys.stdin.isatty() and answers != "-"

    if interactive:
        from .autosave import default_path
        from .walk import run_walk

        autosave = Path(resume) if resume else default_path(output)
        try:
            result = run_walk(gathered.data, cat, autosave=autosave)
        except Interrupted as stop:
            again = [f"-o {output}"] if output is not None else []
            again += [f"--catalog {c}" for c in catalog or []]
            if again and stop.saved_to:
                stop.hint = f"When you resume, add {' '.join(again)} again."
            raise
        if to_stdout and output is None and sys.stdout.isatty():
            # a person at a terminal with no -o: offer a document instead of YAML on the screen
            from .walk import choose_export

            picked = choose_export(result, cat, autosave=autosave)
            if picked is None:
                err(f"Your draft is saved in {autosave}.")
                return
            output, export_format = picked
            to_stdout = False
    else:
        checked, problems = validate_draft(gathered.data, cat, index=gathered.index, complete=True)
        if problems or checked is None:
            raise draft_error(problems)
        result = checked

    payload = render(result, cat, export_format)
    if to_stdout:
        if export_format == "docx":
            from .errors import UsageError

            raise UsageError("A Word document cannot go to the terminal.", hint="Add -o FILE.docx.")
        stdio.write_bytes(payload)
    else:
        assert output is not None
        try:
            atomic_write(output, payload, force=force, protect=inputs)
        except OutputError as exc:
            if interactive:  # the walk's last message named the file that holds the draft
                exc.hint = (
                    f"{exc.hint or ''} Your draft is saved in the file named above; write it "
                    "elsewhere with: esmtool export THAT-FILE -o NEW-PATH"
                ).strip()
            raise
        err(f"Wrote {output}")


# ----- export -----------------------------------------------------------------------------------


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
            help="md, docx, html, csv, json or yaml (default: from -o's extension, else md).",
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
    force: Annotated[bool, typer.Option("--force", help="Replace existing output files.")] = False,
    catalog: CatalogOpt = None,
) -> None:
    """Export drafts as documents (Word, HTML, Markdown, CSV) or data (JSON, YAML), one or many."""
    from .export import render
    from .export.batch import export_batch, input_ids, load_draft, plan_export
    from .fsutil import atomic_write, check_writable

    plan = plan_export(drafts, output, fmt, template)
    if not plan.batch:
        inputs = input_ids(drafts, template)  # never written over, even with --force
        if plan.target is not None:
            check_writable(plan.target, force=force, protect=inputs)  # refuse before any work
        cat = load(catalog)
        payload = render(load_draft(drafts[0], cat), cat, plan.fmt, template=template)
        if plan.target is None:
            stdio.write_bytes(payload)
        else:
            atomic_write(plan.target, payload, force=force, protect=inputs)
            err(f"Wrote {plan.target}")
        return

    from .export.batch import Failure

    assert plan.target is not None
    cat = load(catalog)
    console = _stderr_console() if sys.stderr.isatty() else None

    def say(failure: Failure) -> None:
        lines = failure.lines()
        if console is None:
            err(f"Error: {lines[0]}")
            for line in lines[1:]:
                err(line)
        else:
            from rich.text import Text

            console.print(Text(f"Error: {lines[0]}"), soft_wrap=True)
            for line in lines[1:]:
                console.print(Text(line), soft_wrap=True)

    if console is None:
        result = export_batch(
            drafts,
            cat,
            plan.fmt,
            plan.target,
            template=template,
            force=force,
            report=lambda _src, _path, failure: say(failure) if failure else None,
        )
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

            def report(_src: str, _path: Path | None, failure: Failure | None) -> None:
                if failure:
                    say(failure)
                progress.advance(task)

            result = export_batch(
                drafts, cat, plan.fmt, plan.target, template=template, force=force, report=report
            )
    n, m = len(result.written), result.total
    err(f"Exported {n} of {m} draft{'s' if m != 1 else ''} to {plan.target}")
    if result.failures:
        raise typer.Exit(EXIT_INPUT)


from .cli_import import register as _register_import  # noqa: E402 - `import`, `catalog import`

_register_import(app, catalog_app)


def _keep_only_invoked(argv: list[str]) -> None:
    """Register only the command being run, so Typer builds one click command, not nine.

    Typer turns every registered command into a click command (reading every parameter's
    annotations) before it parses the command line; for `esmtool list ...` that is work for
    eight commands that will not run. When the first argument names a command, the others are
    dropped for this process. Anything else (no argument, an option such as --help, a typo
    that click should answer with its own message) keeps them all.
    """
    if not argv or argv[0].startswith("-"):
        return
    wanted = argv[0]
    commands = [c for c in app.registered_commands if _command_name(c) == wanted]
    groups = [g for g in app.registered_groups if g.name == wanted]
    if commands or groups:
        app.registered_commands[:] = commands
        app.registered_groups[:] = groups


def _command_name(info: Any) -> str:
    name = info.name or (info.callback.__name__ if info.callback else "")
    return str(name).replace("_", "-")


def main() -> None:
    """Console entry point."""
    stdio.guard()  # a full or closed stdout/stdin: a message and exit 2, never a traceback
    stdio.install_signal_cleanup()  # SIGTERM/SIGHUP leave no temporary file behind
    try:
        _keep_only_invoked(sys.argv[1:])
        try:
            app()
        finally:
            stdio.finish()  # what is still buffered (a full disk often shows only here)
    except KeyboardInterrupt:  # Ctrl-C outside a command (e.g. while importing)
        err("Interrupted.")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except EsmtoolError as exc:  # outside a command: --version or --help to a full disk
        report_error(exc)
        sys.exit(exc.exit_code)


__all__ = ["EXIT_INPUT", "app", "main"]
