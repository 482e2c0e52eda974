"""Excel export: a workbook a director can filter and sort, built with openpyxl.

Four sheets, the same for one draft (``esmtool export DRAFT -o x.xlsx``) and for a
plan (``esmtool plan export PLAN -o x.xlsx``):

- **Action plan**: domain, priority need, objectives, strategies, measure, measure type, ESMs;
- **ESMs**: one row per ESM (its detail sheet's fields, evidence, quadrant, findings);
- **Measures**: one row per RBA measure of each ESM;
- **Objectives**: each ESM's baseline and annual objectives, one row per year.

Each sheet has a bold header row, frozen panes, an autofilter, set column widths and
wrapped text. Numbers are stored as numbers; values of a percentage ESM are stored as
fractions with a percent format (42 → 0.42 shown as 42%), so they sort and sum.
openpyxl is imported only here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .textutil import clean_text

#: (header, width in characters, wrap)
Column = tuple[str, int, bool]

ACTION_COLUMNS: list[Column] = [
    ("Domain", 22, True),
    ("Priority need", 34, True),
    ("Objectives", 48, True),
    ("Strategies", 36, True),
    ("Measure", 34, True),
    ("Measure type", 16, False),
    ("ESMs", 16, True),
]
ESM_COLUMNS: list[Column] = [
    ("ESM number", 12, False),
    ("Title", 50, True),
    ("State", 16, False),
    ("NPM code", 22, False),
    ("NPM", 30, True),
    ("Domain", 18, False),
    ("Strategy ID", 22, False),
    ("Strategy", 30, True),
    ("Evidence", 20, True),
    ("ESM quadrant", 10, False),
    ("Status", 11, False),
    ("Unit type", 12, False),
    ("Unit number", 11, False),
    ("Numerator", 44, True),
    ("Denominator", 44, True),
    ("Direction", 11, False),
    ("Baseline year", 10, False),
    ("Baseline", 11, False),
    ("Data sources", 36, True),
    ("Significance", 50, True),
    ("Errors", 8, False),
    ("Warnings", 9, False),
    ("File", 30, False),
]
MEASURE_COLUMNS: list[Column] = [
    ("ESM number", 12, False),
    ("NPM code", 22, False),
    ("Quadrant", 9, False),
    ("Quadrant name", 18, False),
    ("Measure", 70, True),
    ("Headline", 9, False),
    ("Template", 30, False),
]
OBJECTIVE_COLUMNS: list[Column] = [
    ("ESM number", 12, False),
    ("NPM code", 22, False),
    ("Year", 8, False),
    ("Kind", 10, False),
    ("Value", 11, False),
    ("Unit type", 12, False),
    ("Unit number", 11, False),
    ("Note", 40, True),
]
HEADER_FILL = "E7ECF2"


@dataclass
class EsmRow:
    """One ESM for the workbook: its document context and what the context does not hold."""

    context: dict[str, Any]
    quadrant: int | None = None
    file: str | None = None


@dataclass
class Workbook:
    esms: list[EsmRow]
    #: rows of the Action plan sheet, in ACTION_COLUMNS order
    action_plan: list[tuple[Any, ...]] = field(default_factory=list)
    title: str = "ESMs"


def _text(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def _value(value: float | int | None, unit_type: str | None) -> tuple[Any, str | None]:
    """A baseline or objective as a number cell and its number format."""
    if value is None:
        return None, None
    if unit_type == "percentage":
        whole = float(value).is_integer()
        return value / 100, "0%" if whole else "0.0%"
    if isinstance(value, float) and not value.is_integer():
        return value, "#,##0.0##"
    return int(value), "#,##0"


def action_rows_for_draft(ctx: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The Action plan sheet of a single draft: one row linking its strategy, NPM and ESM."""
    npm, strategy, esm = ctx["npm"], ctx["strategy"], ctx["esm"]
    objectives = "; ".join(f"{o['year']}: {o['text']}" for o in esm["objectives"])
    return [
        (
            npm["domain"] if npm else None,
            None,
            objectives or None,
            strategy["name"] if strategy else None,
            npm["label"] if npm else None,
            npm["kind_label"] if npm else None,
            esm["id"] or esm["title"],
        )
    ]


def render_xlsx(book: Workbook) -> bytes:
    """The workbook as .xlsx bytes."""
    from openpyxl import Workbook as XWorkbook

    wb = XWorkbook()
    ws = wb.active
    ws.title = "Action plan"
    _fill(ws, ACTION_COLUMNS, [[_text(v) for v in row] for row in book.action_plan], "B2")
    _fill(wb.create_sheet("ESMs"), ESM_COLUMNS, list(_esm_rows(book.esms)), "C2")
    _fill(wb.create_sheet("Measures"), MEASURE_COLUMNS, list(_measure_rows(book.esms)), "B2")
    _fill(wb.create_sheet("Objectives"), OBJECTIVE_COLUMNS, list(_objective_rows(book.esms)), "C2")
    wb.properties.title = clean_text(book.title)[:255]
    wb.properties.creator = "esmtool"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


#: a cell with an explicit number format: (value, format)
_Fmt = tuple[Any, str]


def _esm_rows(esms: Sequence[EsmRow]) -> Any:
    for row in esms:
        c = row.context
        esm, npm, strategy = c["esm"], c["npm"], c["strategy"]
        ev = (strategy or {}).get("evidence") or {}
        b = esm["baseline"] or {}
        base, fmt = _value(b.get("value"), esm["unit_type"])
        counts = c["findings_summary"]
        yield [
            esm["id"],
            esm["title"],
            c["state"],
            npm["code"] if npm else None,
            npm["name"] if npm else None,
            npm["domain"] if npm else None,
            strategy["id"] if strategy else None,
            strategy["name"] if strategy else None,
            ev.get("level"),
            row.quadrant,
            esm["status_label"],
            esm["unit_type_label"],
            esm["unit_number"],
            esm["numerator"],
            esm["denominator"],
            esm["direction_label"],
            b.get("year"),
            (base, fmt) if fmt else base,
            esm["data_sources"],
            esm["significance"],
            counts["error"],
            counts["warning"],
            row.file,
        ]


def _measure_rows(esms: Sequence[EsmRow]) -> Any:
    for row in esms:
        c = row.context
        for m in c["measures"]:
            yield [
                c["esm"]["id"],
                c["npm"]["code"] if c["npm"] else None,
                m["quadrant"],
                m["quadrant_name"],
                m["text"],
                "Yes" if m["headline"] else None,
                m["template"],
            ]


def _objective_rows(esms: Sequence[EsmRow]) -> Any:
    for row in esms:
        c = row.context
        esm = c["esm"]
        code = c["npm"]["code"] if c["npm"] else None
        entries = []
        if esm["baseline"]:
            b = esm["baseline"]
            entries.append((b["year"], "Baseline", b["value"], b["note"]))
        entries += [(o["year"], "Objective", o["value"], None) for o in esm["objectives"]]
        for year, kind, value, note in entries:
            v, fmt = _value(value, esm["unit_type"])
            yield [
                esm["id"],
                code,
                year,
                kind,
                (v, fmt) if fmt else v,
                esm["unit_type_label"],
                esm["unit_number"],
                note,
            ]


def _fill(ws: Any, columns: list[Column], rows: list[list[Any]], freeze: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(vertical="top", wrap_text=True)
    plain = Alignment(vertical="top")
    ws.append([h for h, _, _ in columns])
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    for row in rows:
        values: list[Any] = []
        formats: dict[int, str] = {}
        for i, v in enumerate(row):
            if isinstance(v, tuple):
                v, formats[i] = v
            values.append(_text(v))
        ws.append(values)
        r = ws.max_row
        for i, (_, _, wrapped) in enumerate(columns):
            cell = ws.cell(row=r, column=i + 1)
            cell.alignment = wrap if wrapped else plain
            if cell.data_type == "f":  # text typed as '=...' stays text, never a formula
                cell.data_type = "s"
            if i in formats:
                cell.number_format = formats[i]
    for i, (_, width, _) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = freeze
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 1)}"


def draft_workbook(draft: Any, ctx: dict[str, Any], file: str | None = None) -> Workbook:
    """The workbook of one draft (``ctx`` is its :func:`~esmtool.export.context.build_context`)."""
    from ..checks.rules import esm_inference

    inf = esm_inference(draft)
    return Workbook(
        [EsmRow(ctx, inf.quadrant if inf else None, file)],
        action_rows_for_draft(ctx),
        title=ctx["document"]["title"],
    )
