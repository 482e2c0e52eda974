"""Actuals from a spreadsheet into drafts, and drafts in Clear Impact Scorecard's import shape.

Rows are read from CSV (UTF-8, a header row) or Excel (.xlsx, the first sheet; openpyxl is
imported only for it). Two column sets are understood, by their header names (any case):

- Clear Impact Scorecard's import columns: ``id`` (the ESM number), ``actual_value_date``
  (a date such as 2026-12-31 or 12/31/2026, or a year), ``target_value``, ``actual_value``,
  ``comment``;
- esmtool's own: ``esm`` or ``id``, ``year``, ``value``, ``numerator``, ``denominator``,
  ``status``, ``data_year``, ``comment``.

Rows are matched to drafts by ESM number (``esm.id``; case, spaces and an "ESM" prefix do not
matter: "ESM 11.1", "esm11.1" and "11.1" match). A ``target_value`` fills a year without an
objective; one that differs from the draft's objective is reported and not applied.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputFileError, Problem

if TYPE_CHECKING:
    from ..draft import Draft

#: Clear Impact Scorecard's import columns, in their order.
CLEAR_IMPACT_COLUMNS = ("id", "actual_value_date", "target_value", "actual_value", "comment")
MAX_ROWS = 100_000


def esm_key(text: Any) -> str:
    """'ESM 11.1' -> '11.1': the ESM number as rows and drafts are matched."""
    t = re.sub(r"\s+", "", str(text or "")).lower()
    return t.removeprefix("esm").lstrip(":#-")


@dataclass
class Row:
    line: int
    esm: str
    year: int
    actual: dict[str, Any] = field(default_factory=dict)
    target: Any = None


def _year(value: Any) -> int | None:
    import datetime

    if isinstance(value, datetime.date):
        return value.year
    text = str(value or "").strip()
    m = re.fullmatch(r"(\d{4})(?:\.0)?", text) or re.match(r"(\d{4})-\d{1,2}-\d{1,2}", text)
    if m is None:
        m = re.fullmatch(r"\d{1,2}/\d{1,2}/(\d{4})", text.split(" ")[0])
    return int(m.group(1)) if m else None


def _records(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line or row number, {lower-case header: value}) for each data row."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        if not path.is_file():
            raise InputFileError(f"{path}: no such file.")
        try:
            from openpyxl import load_workbook
        except ImportError:  # pragma: no cover - openpyxl is a dependency
            raise InputFileError(f"{path}: reading Excel files needs openpyxl.") from None
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise InputFileError(
                f"{path}: is not an Excel workbook esmtool can read ({type(exc).__name__}).",
                hint="Save it as .xlsx (or export the sheet as CSV) and try again.",
            ) from None
        rows = wb.worksheets[0].iter_rows(values_only=True)
        table = [list(r) for _, r in zip(range(MAX_ROWS + 1), rows, strict=False)]
        wb.close()
    elif suffix == ".csv":
        try:
            if path.stat().st_size > 50 << 20:
                raise InputFileError(f"{path}: is larger than 50 MB; split it into several files.")
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputFileError(f"{path}: no such file.") from None
        except UnicodeDecodeError:
            raise InputFileError(
                f"{path}: is not UTF-8 text.", hint="Save the sheet as 'CSV UTF-8' and try again."
            ) from None
        except OSError as exc:
            raise InputFileError(f"{path}: cannot be read ({exc.strerror}).") from None
        try:
            table = [list(r) for r in csv.reader(io.StringIO(text))][: MAX_ROWS + 1]
        except csv.Error as exc:
            raise InputFileError(f"{path}: is not a CSV file esmtool can read ({exc}).") from None
    else:
        raise InputFileError(
            f"{path}: esmtool reads actuals from .csv or .xlsx files.",
            hint="Save the sheet as CSV (UTF-8) or Excel (.xlsx).",
        )
    if not table:
        raise InputFileError(f"{path}: is empty; it needs a header row and one row per actual.")
    header = [str(h or "").strip().lower() for h in table[0]]
    return [
        (n, dict(zip(header, row, strict=False)))
        for n, row in enumerate(table[1:], 2)
        if any(v not in (None, "") for v in row)
    ]


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def read_rows(path: Path) -> list[Row]:
    """The file's actuals, one per row; every unreadable row reported at once."""
    records = _records(path)
    problems: list[Problem] = []
    out: list[Row] = []
    for line, rec in records:
        esm = rec.get("id") if not _blank(rec.get("id")) else rec.get("esm")
        when = rec.get("actual_value_date") if "actual_value_date" in rec else rec.get("year")
        year = _year(when)
        where = f"{path}:{line}"
        if _blank(esm):
            problems.append(Problem(where, "has no ESM number (column 'id' or 'esm')"))
            continue
        if year is None:
            problems.append(Problem(where, f"'{when}' is not a year or a date"))
            continue
        actual: dict[str, Any] = {}
        value = rec.get("actual_value") if "actual_value" in rec else rec.get("value")
        for key, raw in (
            ("value", value),
            ("numerator", rec.get("numerator")),
            ("denominator", rec.get("denominator")),
            ("status", rec.get("status")),
            ("data_year", rec.get("data_year")),
            ("comment", rec.get("comment")),
        ):
            if not _blank(raw):
                actual[key] = raw.strip() if isinstance(raw, str) else raw
        target = rec.get("target_value")
        out.append(Row(line, esm_key(esm), year, actual, None if _blank(target) else target))
    if problems:
        from ..errors import DraftError

        raise DraftError(f"{path}: some rows could not be read:", problems)
    return out


@dataclass
class Update:
    """What importing does to one draft."""

    source: str
    data: dict[str, Any]  # the draft with the actuals in
    years: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def apply_rows(source: str, draft: Draft, rows: list[Row]) -> Update:
    """The draft's data with its rows' actuals (a year already there is replaced)."""
    from ..draft import validate_draft
    from ..errors import DraftError

    data = draft.to_data()
    key = esm_key(draft.esm.id)
    esm = data.setdefault("esm", {})
    update = Update(source, data)
    for row in rows:
        if not key or row.esm != key:
            continue
        if row.actual:  # a row with only a target adds no actual
            esm.setdefault("actuals", {})[row.year] = dict(row.actual)
            update.years.append(row.year)
        if row.target is not None:
            targets = esm.setdefault("targets", {})
            if row.year not in targets:
                targets[row.year] = row.target
            else:
                same, _ = validate_draft({"esm": {"targets": {row.year: row.target}}})
                if same is None or (same.esm.targets or {}).get(row.year) != targets[row.year]:
                    update.notes.append(
                        f"row {row.line}: target {row.target} for {row.year} differs from the "
                        f"draft's objective ({targets[row.year]}); the objective is kept"
                    )
    checked, problems = validate_draft(data)
    if checked is None:
        raise DraftError(f"{source}: the imported actuals do not fit the draft:", problems)
    update.data = checked.to_data()
    return update


# ----- the Clear Impact shape ----------------------------------------------------------------------


def clearimpact_rows(draft: Draft) -> list[dict[str, Any]]:
    """One row per year with an objective or an actual, in Clear Impact's import columns."""
    from .progress import actual_value

    esm = draft.esm
    targets, actuals = esm.targets or {}, esm.actuals or {}
    rows = []
    for year in sorted(set(targets) | set(actuals)):
        value = None
        comment = None
        if year in actuals:
            value, _ = actual_value(esm, actuals[year])
            comment = actuals[year].comment
        rows.append(
            {
                "id": esm.id or "",
                "actual_value_date": f"{year}-12-31",
                "target_value": _cell(targets.get(year)),
                "actual_value": _cell(value),
                "comment": comment or "",
            }
        )
    return rows


def _cell(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else repr(round(float(v), 6))


def render_clearimpact(drafts: list[Draft]) -> str:
    """CSV in Clear Impact Scorecard's import columns, for one or more drafts."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CLEAR_IMPACT_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for d in drafts:
        writer.writerows(clearimpact_rows(d))
    return buf.getvalue()
