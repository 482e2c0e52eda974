"""`esmtool draft`: the guided walk on a terminal, or a draft from --answers/--set in scripts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from ..errors import OutputError, UsageError
from ..startup import freeze_what_lives
from .options import CatalogOpt, IncludeOpt, NoInputOpt, SetOpt, command_app, load
from .output import Destination, err

if TYPE_CHECKING:
    from ..draft.answers import Answers

app = command_app()


def bare_resume(args: list[str]) -> list[str]:
    """``--resume`` with no file after it (last, or before another option) as ``--resume=``:
    the walk then offers the recent drafts. (Click options take a value or none, not both.)"""
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        following = args[i + 1] if i + 1 < len(args) else None
        if arg == "--resume" and (
            following is None or (following.startswith("-") and following != "-")
        ):
            args[i] = "--resume="
    return args


class _DraftCommand(TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, bare_resume(args))


SAVED_ELSEWHERE = (
    "Your draft is saved in the file named above; write it elsewhere with: "
    "esmtool export THAT-FILE -o NEW-PATH"
)


@app.command(cls=_DraftCommand)
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
    sets: SetOpt = None,
    resume: Annotated[
        str | None,
        typer.Option(
            "--resume",
            help="Continue a saved draft; asks only what is missing, and writes where its -o "
            "said. Without FILE: choose one of your recent drafts (esmtool drafts lists them).",
            metavar="[FILE]",
        ),
    ] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="Start a draft for one of this plan's NPMs that has no ESM yet (or --npm), "
            "saved in the plan's drafts folder.",
            metavar="PLAN",
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Start from last year's draft: objectives and actuals kept, the status asked "
            "again, the history noted.",
            metavar="OLD",
        ),
    ] = None,
    no_input: NoInputOpt = False,
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
    include: IncludeOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing output file.")
    ] = False,
    catalog: CatalogOpt = None,
) -> None:
    """Draft an ESM: interactively on a terminal, or from --answers/--set in scripts."""
    from ..draft import draft_error, validate_draft
    from ..draft.answers import gather
    from ..draft.autosave import autosave_for, offers_export, wants_walk
    from ..export import format_for, parse_include, render
    from ..fsutil import check_writable, file_ids

    wanted = parse_include(include)
    cat = load(catalog)
    if from_ is not None and resume is not None:
        raise UsageError(
            "--from starts a new draft and --resume continues one: use one of them.",
            hint="esmtool draft --from LAST-YEAR.yaml -o THIS-YEAR.yaml",
        )
    interactive = wants_walk(no_input=no_input, answers=answers)
    state = None
    if plan is not None:
        output, npm, state = _plan_start(plan, cat, npm=npm, output=output, resume=resume)
    if resume == "":
        resume = _recent(interactive)
    read = [p for p in (answers, from_) if p and p != "-"]
    inputs = file_ids(read)  # never written over
    export_format = format_for(output, fmt)
    if output is not None and str(output) != "-":
        check_writable(output, force=force, protect=inputs)  # refuse before any question
    gathered = gather(resume=resume, answers=answers, sets=sets or [], npm=npm, strategy=strategy)
    if state and not gathered.data.get("state"):
        gathered.data["state"] = state
    # where its -o said when it was started; a redirected stdout (`> FILE`) is this run's choice
    if interactive and output is None and resume and sys.stdout.isatty():
        output = _remembered_output(gathered)
        if output is not None:
            export_format = format_for(output, fmt)
            check_writable(output, force=force, protect=inputs)
    elif interactive and output is not None and str(output) != "-":
        _remember_output(gathered, output)
    to_stdout = output is None or str(output) == "-"
    if from_ is not None:
        from ..cycle.carry import carried
        from ..draft import merge

        gathered.data = merge(carried(from_, cat), gathered.data)
        gathered.index = None

    if interactive:
        from ..draft.recent import remember
        from ..walk import choose_export, run_walk

        autosave = autosave_for(resume, output)
        remember(autosave)  # esmtool drafts lists it, wherever it is
        again = [f"--catalog {c}" for c in catalog or []]  # -o is kept in the draft
        # What is loaded by now (modules, the catalog) lives as long as the walk: keep it out
        # of the collector's full passes. The first would otherwise come while the first
        # question is built and scan all of it (about 15 ms before the person sees anything).
        freeze_what_lives()
        result = run_walk(gathered.data, cat, autosave=autosave, again=again)
        if to_stdout and offers_export(output):
            picked = choose_export(result, cat, autosave=autosave)
            if picked is None:
                err(f"Your draft is saved in {autosave}.")
                return
            output, export_format = picked
            to_stdout = False
    else:
        from ..draft.rules import drafting_problems, dropped_from

        checked, problems = validate_draft(gathered.data, cat, index=gathered.index, complete=True)
        if problems or checked is None:
            raise draft_error(problems)
        # the rules a new draft must also pass (a title that contradicts the unit type)
        problems = drafting_problems(checked, cat)
        if problems:
            raise draft_error(problems)
        for key, why in dropped_from(gathered.data, checked):
            err(f"Note: {key} was left out: {why}.")
        result = checked

    dest = Destination(output, force=force, protect=inputs, checked=True)
    dest.refuse_binary(export_format)
    payload = render(result, cat, export_format, include=wanted)
    try:
        dest.write(payload)
    except OutputError as exc:
        if not interactive:
            raise
        # the walk's last message named the file that holds the draft
        hint = f"{exc.hint or ''} {SAVED_ELSEWHERE}".strip()
        raise OutputError(exc.message, hint=hint) from None
    if interactive and not to_stdout and output is not None and Path(output) != autosave:
        # two files now look alike (a new user could not tell which to share): say which is which
        err(f"Share {output}. Keep {autosave} for later changes: esmtool draft --resume {autosave}")


def _plan_start(
    plan: Path, cat: Any, *, npm: str | None, output: Path | None, resume: str | None
) -> tuple[Path, str, str]:
    """``--plan``: the NPM to draft, the file in the plan's drafts folder, the plan's state."""
    from ..fsutil import ensure_folder
    from ..plan.drafting import next_draft
    from ..plan.model import read_plan

    if output is not None or resume is not None:
        raise UsageError(
            "--plan starts a new draft in the plan's drafts folder: leave out "
            + ("-o" if output is not None else "--resume")
            + ".",
            hint="Export the draft afterwards with: esmtool export DRAFT -o FILE.docx",
        )
    start = next_draft(read_plan(plan), cat, npm)
    ensure_folder(start.path.parent)
    if start.without_esm:
        err(f"The plan's NPMs without an ESM: {', '.join(start.without_esm)}.")
    err(f"This draft is for {start.npm}; it is saved as {start.path}")
    return start.path, start.npm, start.state


def _recent(interactive: bool) -> str:
    """``--resume`` without a file: the draft the person picks (the latest by default)."""
    from ..draft.recent import recent_drafts, unfinished

    infos = recent_drafts()
    if not infos:
        raise UsageError(
            "There is no draft to resume: esmtool has no autosave and no walk saved one yet.",
            hint="Start one with: esmtool draft (or give the file: esmtool draft --resume FILE).",
        )
    if not interactive:
        latest = (unfinished(infos) or infos)[0]
        raise UsageError(
            "--resume without a file needs a terminal to choose one.",
            hint=f"Name the draft, e.g. the latest: esmtool draft --resume {latest.path} "
            "(esmtool drafts lists them all).",
        )
    from ..walk.resume import choose_recent

    return str(choose_recent(infos))


def _remembered_output(gathered: Answers) -> Path | None:
    """The -o kept in the draft being resumed (walk.output), if any."""
    walk = gathered.data.get("walk")
    kept = walk.get("output") if isinstance(walk, dict) else None
    if isinstance(kept, str) and kept:
        err(f"The finished draft goes to {kept} (the -o given when it was started).")
        return Path(kept)
    return None


def _remember_output(gathered: Answers, output: Path) -> None:
    """Keep the walk's -o in the draft (walk.output), so --resume writes there too."""
    walk = gathered.data.get("walk")
    if walk is None or isinstance(walk, dict):
        gathered.data["walk"] = {**(walk or {}), "output": str(output.absolute())}
