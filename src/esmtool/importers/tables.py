"""Spreadsheets with a header row: CSV (any common delimiter) and Excel workbooks (.xlsx).

Each row below the header is one record; each column is matched to a field by
its header (:func:`esmtool.importers.labels.field_for_header`), or by the
person's ``--map "Column name=esm.goal"``. Columns nobody mapped are kept with
``field=None`` so the report can list them. Empty rows are skipped. Excel is
read with openpyxl (imported here only), values only, read-only, first sheet
unless a sheet's header row matches better.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputFileError
from .labels import field_for_header, norm
from .records import Cell, RawRecord

#: A spreadsheet of more rows than this is refused (README "Limits").
MAX_ROWS = 10_000


def _header_fields(headers: Sequence[str], mapping: Mapping[str, str]) -> list[str | None]:
    mapped = {norm(k): v for k, v in mapping.items()}
    out: list[str | None] = []
    for h in headers:
        key = mapped.get(norm(h))
        out.append(f"key:{key}" if key else field_for_header(h))
    return out


def _rows_to_records(
    rows: Iterable[Sequence[Any]], source: str, mapping: Mapping[str, str], first_line: int = 1
) -> list[RawRecord]:
    it = iter(rows)
    headers: list[str] | None = None
    line = first_line - 1
    for row in it:  # the header: the first row with any text in it
        line += 1
        if row and _cell_text(row[0]).startswith("#"):  # a comment line above the header
            continue
        if any(_cell_text(v) for v in row):
            headers = [_cell_text(v) for v in row]
            break
    if headers is None:
        return []
    fields = _header_fields(headers, mapping)
    records: list[RawRecord] = []
    for row in it:
        line += 1
        values = [_cell_text(v) for v in row]
        if not any(values):
            continue
        if len(records) >= MAX_ROWS:
            raise InputFileError(
                f"{source}: has more than {MAX_ROWS:,} rows; esmtool imports at most that many "
                "at once.",
                hint="Split the spreadsheet into smaller files.",
            )
        rec = RawRecord(source, line)
        for name, fld, value in zip(headers, fields, values, strict=False):
            if value and name:
                rec.cells.append(Cell(name, fld, value, line))
        records.append(rec)
    return records


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):  # a date cell: its year is what ESM sheets mean
        return str(getattr(value, "year", value))
    return " ".join(str(value).split())


def read_csv(text: str, source: str, mapping: Mapping[str, str]) -> list[RawRecord]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return _rows_to_records(csv.reader(io.StringIO(text), dialect), source, mapping)


def read_xlsx(path: Path, source: str, mapping: Mapping[str, str]) -> list[RawRecord]:
    import zipfile

    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency of esmtool
        raise InputFileError(
            f"{source}: reading Excel files needs openpyxl, which is not installed.",
            hint="Install it with: pip install openpyxl (or save the sheet as CSV).",
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputFileError(
            f"{source}: is not an Excel workbook esmtool can read ({type(exc).__name__}).",
            hint="Open it in Excel and save it as .xlsx or CSV, then import that file.",
        ) from None
    try:
        best: list[RawRecord] = []
        best_score = -1
        for sheet in book.worksheets:
            recs = _rows_to_records(sheet.iter_rows(values_only=True), source, mapping)
            score = sum(1 for r in recs[:1] for c in r.cells if c.field)
            if score > best_score:
                best, best_score = recs, score
        return best
    finally:
        book.close()
