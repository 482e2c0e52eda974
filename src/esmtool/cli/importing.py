"""`esmtool import` and `esmtool catalog import`: options, the reports on stderr, exit codes.

`catalog import` is registered on the catalog group by :mod:`.catalog` (one line).

The work is :mod:`esmtool.importers`' (records and spreadsheets) and
:mod:`esmtool.importers.strategy_page` (saved MCHbest pages). stdout gets the paths written, one
per line, so a script can pass them on (``esmtool import … | xargs esmtool check``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import EXIT_INPUT, UsageError
from .options import command_app
from .output import err, out

if TYPE_CHECKING:
    from ..importers import RecordReport

app = command_app()


def import_command(
    files: Annotated[
        list[str], typer.Argument(help="Record text, CSV or Excel files.", metavar="FILE...")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="A folder (one draft per record, named from the ESM number; created when "
            "missing), or a .yaml/.json file for a single record.",
            metavar="DIR|FILE",
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="auto (default: from the file's name and contents), record, csv or xlsx.",
            metavar="FORMAT",
        ),
    ] = "auto",
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help='A column the header table does not know, as "Column name=draft key", e.g. '
            '--map "Our goal=esm.goal". Repeatable.',
            metavar="COLUMN=KEY",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing draft files.")] = False,
    catalog: Annotated[
        list[Path] | None,
        typer.Option("--catalog", help="Your own catalog folder(s), as elsewhere.", metavar="DIR"),
    ] = None,
) -> None:
    """Import state ESM records (as the Find State ESMs database shows them) or spreadsheets.

    Writes one draft per record, a report per record on stderr (what was read, mapped, left
    out and why, with its line), and the paths written on stdout. Drafts that lack required
    fields are written as incomplete drafts: finish them with `esmtool draft --resume FILE`.
    Exit codes: 0 every record written; 2 a file could not be read or a draft not written.
    """
    from ..catalog import load_catalog
    from ..importers import FORMATS, import_files, parse_map, write_drafts

    if fmt.lower() not in FORMATS:
        raise UsageError(f"--format {fmt}: use one of {', '.join(FORMATS)}.")
    mapping = parse_map(maps or [])
    cat = load_catalog(catalog or [])
    for note in cat.notices:
        err(f"Note: {note}")
    results = import_files(files, cat, fmt.lower(), mapping)
    imported = [item for r in results for item in r.imported]
    failed = False
    for r in results:
        if r.error is not None:
            failed = True
            _error(r.error.lines(), r.error.hint)
    if imported:
        write_drafts(imported, output, force=force, inputs=files)
    for item in imported:
        _report(item.report)
        if item.report.written:
            out(f"{item.report.written}\n")
        else:
            failed = True
    done = sum(1 for i in imported if i.report.written)
    incomplete = sum(1 for i in imported if i.report.written and not i.report.complete)
    tail = (
        f" ({incomplete} incomplete: finish with esmtool draft --resume FILE)" if incomplete else ""
    )
    err(f"Imported {done} of {len(imported)} record{'s' if len(imported) != 1 else ''}{tail}")
    if failed:
        raise typer.Exit(EXIT_INPUT)


def _error(lines: list[str], hint: str | None) -> None:
    err(f"Error: {lines[0]}")
    for line in lines[1:]:
        err(line)
    if hint:
        err(hint)


def _report(r: RecordReport) -> None:
    head = f"{r.source}:{r.line}: {r.label}"
    if r.written:
        state = "complete" if r.complete else "incomplete"
        err(f"{head} -> {r.written} ({state})")
    else:
        err(f"Error: {head}: not written: {r.error}")
    err(f"  read: {', '.join(r.read) or 'nothing'}")
    for line in r.mapped:
        err(f"  mapped: {line}")
    for line in r.left_out:
        err(f"  left out: {line}")
    if r.missing:
        err(f"  still missing: {', '.join(r.missing)}")


def catalog_import_command(
    pages: Annotated[
        list[Path],
        typer.Argument(help="Saved MCHbest strategy pages (text or HTML).", metavar="PAGE..."),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Your catalog folder (created when missing).", metavar="DIR"
        ),
    ],
    url: Annotated[
        str | None,
        typer.Option("--url", help="The page's address, when the saved copy lacks it (one page)."),
    ] = None,
    sid: Annotated[
        str | None,
        typer.Option("--id", help="The strategy's code, when the page lacks it (one page)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing entry files.")] = False,
) -> None:
    """Turn saved MCHbest strategy pages into entries of your own catalog folder.

    Each page becomes DIR/ID.yaml, checked like `esmtool catalog validate DIR`; what the page
    lacks is listed. An id that is in the bundled catalog is replaced by yours (with a notice
    wherever the folder is used). Exit codes: 0 every page imported; 2 otherwise.
    """
    from ..catalog import load_catalog
    from ..errors import EsmtoolError
    from ..importers import read_bytes, text_of
    from ..importers.strategy_page import read_page, write_entry

    if (url or sid) and len(pages) != 1:
        raise UsageError("--url and --id name one page; give one PAGE with them.")
    cat = load_catalog([], use_env=False)
    failed = False
    written: list[Path] = []
    for page in pages:
        try:
            text = text_of(read_bytes(str(page)), str(page))
            result = read_page(text, str(page), cat, url=url, sid=sid)
            path = write_entry(result, output, cat, force=force)
        except EsmtoolError as exc:
            failed = True
            _error(exc.lines(), exc.hint)
            continue
        written.append(path)
        err(f"{page} -> {path} (strategy {result.entry['id']})")
        for what in result.lacking:
            err(f"  the page lacks: {what}")
        for note in result.notes:
            err(f"  note: {note}")
        out(f"{path}\n")
    if written:
        checked = load_catalog([output], use_env=False)  # the folder as `catalog validate` reads it
        for note in checked.notices:
            err(f"Note: {note}")
    err(f"Imported {len(written)} of {len(pages)} page{'s' if len(pages) != 1 else ''} to {output}")
    if failed:
        raise typer.Exit(EXIT_INPUT)


app.command("import")(import_command)
