"""Bringing existing work in: state ESM records and spreadsheets as drafts (``esmtool import``).

:func:`read_file` reads one file into records (:mod:`.records` for record text, :mod:`.tables`
for CSV and Excel); :func:`~.mapping.map_record` makes each a draft with its report;
:func:`write_drafts` writes one YAML draft per record, named as batch export names its files
(:func:`esmtool.export.batch.output_stem`), never replacing a file without ``force`` and never an
input of the same run. Saved MCHbest strategy pages are :mod:`.strategy_page`'s. Nothing here
prints: the command shows the reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EsmtoolError, InputFileError, UsageError
from .mapping import Imported, RecordReport, map_record
from .records import RawRecord, looks_like_records, parse_records

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..draft import ESM

FORMATS = ("auto", "record", "csv", "xlsx")
DRAFT_SUFFIXES = (".yaml", ".yml", ".json")

__all__ = [
    "FORMATS",
    "Imported",
    "RecordReport",
    "import_files",
    "parse_map",
    "read_file",
    "write_drafts",
]


def parse_map(values: Sequence[str]) -> dict[str, str]:
    """``--map "Column name=esm.goal"`` values as {column: key}."""
    out: dict[str, str] = {}
    for raw in values:
        name, sep, key = raw.rpartition("=")
        if not sep or not name.strip() or not key.strip():
            raise UsageError(
                f'--map {raw}: write it as "Column name=key", e.g. --map "Our goal=esm.goal".'
            )
        out[name.strip()] = key.strip()
    return out


def detect_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm") or head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if suffix in (".csv", ".tsv"):
        return "csv"
    return "record"


def read_bytes(source: str) -> bytes:
    """A file's bytes, refusing a folder, an unreadable file or one over the input limit."""
    from ..yamlio import MAX_INPUT_BYTES

    path = Path(source)
    try:
        if path.is_dir():
            raise InputFileError(
                f"{source}: is a folder, not a file.", hint="Give the path of the file to import."
            )
        if path.stat().st_size > MAX_INPUT_BYTES:  # refused by its size, unread
            raise InputFileError(
                f"{source}: is larger than {MAX_INPUT_BYTES:,} bytes, more than esmtool reads.",
                hint="Split it into smaller files.",
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputFileError(
            f"{source}: cannot be read ({exc.strerror or exc}).",
            hint="Check the file name and that you may read it.",
        ) from None


def text_of(raw: bytes, source: str) -> str:
    """Text as esmtool reads every file (UTF-8, or UTF-16 with its mark); no binary files."""
    from ..yamlio import decode

    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError(
            f"{source}: looks like a binary file, not text.",
            hint="Copy the records or the page into a text file (or save a sheet as CSV or .xlsx) "
            "and import that.",
        )
    return decode(raw, source)


def read_file(
    source: str, fmt: str = "auto", mapping: Mapping[str, str] | None = None
) -> list[RawRecord]:
    """The records of one file, in order; :class:`InputFileError` when it cannot be read."""
    from . import tables

    path = Path(source)
    raw = read_bytes(source)
    kind = detect_format(path, raw[:4]) if fmt == "auto" else fmt
    if kind == "xlsx":
        return tables.read_xlsx(path, source, mapping or {})
    text = text_of(raw, source)
    if kind == "csv":
        return tables.read_csv(text, source, mapping or {})
    records = parse_records(text, source)
    if not records and fmt == "auto" and not looks_like_records(text) and "," in text[:2000]:
        return tables.read_csv(text, source, mapping or {})
    return records


@dataclass
class FileResult:
    source: str
    imported: list[Imported]
    error: EsmtoolError | None = None


def import_files(
    sources: Sequence[str],
    catalog: Catalog,
    fmt: str = "auto",
    mapping: Mapping[str, str] | None = None,
) -> list[FileResult]:
    """Every file's records as drafts with reports; a file that cannot be read carries its error."""
    results = []
    for source in sources:
        try:
            records = read_file(source, fmt, mapping)
        except EsmtoolError as exc:
            results.append(FileResult(source, [], exc))
            continue
        if not records:
            results.append(
                FileResult(
                    source,
                    [],
                    InputFileError(
                        f"{source}: holds no ESM record esmtool can find (no line like "
                        "'ESM 4.1 The number of …', or no header row).",
                        hint="Check --format (record, csv or xlsx) and the file's contents.",
                    ),
                )
            )
            continue
        results.append(FileResult(source, [map_record(r, catalog) for r in records]))
    return results


def target_paths(imported: Sequence[Imported], output: Path) -> tuple[list[Path], bool]:
    """Where each draft goes, and whether ``output`` is a folder."""
    from ..draft import Draft
    from ..export.batch import Namer, output_stem

    as_file = output.suffix.lower() in DRAFT_SUFFIXES and not output.is_dir()
    if as_file:
        if len(imported) != 1:
            raise UsageError(
                f"-o {output}: {len(imported)} records were read, and one file holds one draft.",
                hint="Give a folder with -o (it is created when missing).",
            )
        return [output], False
    namer = Namer()
    paths = []
    for item in imported:
        draft = Draft.model_construct(esm=_esm(item))
        stem = output_stem(draft, item.report.source)
        paths.append(output / namer(stem, ".yaml"))
    return paths, True


def _esm(item: Imported) -> ESM:
    from ..draft import ESM

    esm = item.data.get("esm", {})
    return ESM.model_construct(id=esm.get("id"), title=esm.get("title"))


def write_drafts(
    imported: Sequence[Imported], output: Path, *, force: bool, inputs: Sequence[str]
) -> None:
    """Write each draft (YAML or JSON by the file's extension); failures go in its report."""
    from ..export.batch import make_folder
    from ..fsutil import atomic_write, file_ids
    from ..yamlio import dump_json, dump_yaml

    paths, folder = target_paths(imported, output)
    if folder:
        make_folder(output)
    protect = file_ids(inputs)
    for item, path in zip(imported, paths, strict=True):
        payload = dump_json(item.data) if path.suffix.lower() == ".json" else dump_yaml(item.data)
        try:
            atomic_write(path, payload, force=force, protect=protect)
        except EsmtoolError as exc:
            item.report.error = " ".join(exc.lines()) + (f" {exc.hint}" if exc.hint else "")
            continue
        item.report.written = str(path)
