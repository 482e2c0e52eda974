"""`esmtool draft`: the guided walk on a terminal, or a draft from --answers/--set in scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import OutputError, UsageError
from .options import CatalogOpt, IncludeOpt, command_app, load
from .output import binary_to_stdout, err, write_bytes

app = command_app()

SAVED_ELSEWHERE = (
    "Your draft is saved in the file named above; write it elsewhere with: "
    "esmtool export THAT-FILE -o NEW-PATH"
)


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
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Start from last year's draft: objectives and actuals kept, the status asked "
            "again, the history noted.",
            metavar="OLD",
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
    from ..fsutil import atomic_write, check_writable, file_ids

    wanted = parse_include(include)
    cat = load(catalog)
    export_format = format_for(output, fmt)
    to_stdout = output is None or str(output) == "-"
    if from_ is not None and resume is not None:
        raise UsageError(
            "--from starts a new draft and --resume continues one: use one of them.",
            hint="esmtool draft --from LAST-YEAR.yaml -o THIS-YEAR.yaml",
        )
    read = [p for p in (answers, from_) if p and p != "-"]
    inputs = file_ids(read)  # never written over
    if not to_stdout:
        assert output is not None
        check_writable(output, force=force, protect=inputs)  # refuse before any question
    gathered = gather(resume=resume, answers=answers, sets=sets or [], npm=npm, strategy=strategy)
    if from_ is not None:
        from ..cycle.carry import carried
        from ..draft import merge

        gathered.data = merge(carried(from_, cat), gathered.data)
        gathered.index = None
    interactive = wants_walk(no_input=no_input, answers=answers)

    if interactive:
        from ..walk import choose_export, run_walk

        autosave = autosave_for(resume, output)
        again = [f"-o {output}"] if output is not None else []
        again += [f"--catalog {c}" for c in catalog or []]
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

    payload = render(result, cat, export_format, include=wanted)
    if to_stdout:
        binary_to_stdout(export_format)
        write_bytes(payload)
    else:
        assert output is not None
        try:
            atomic_write(output, payload, force=force, protect=inputs)
        except OutputError as exc:
            if not interactive:
                raise
            # the walk's last message named the file that holds the draft
            hint = f"{exc.hint or ''} {SAVED_ELSEWHERE}".strip()
            raise OutputError(exc.message, hint=hint) from None
        err(f"Wrote {output}")
