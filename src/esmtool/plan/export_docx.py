"""The plan as a Word document: cover, action plan, ESM summary, then each ESM's sections
written by the single-draft exporter (:func:`esmtool.export.docx.add_esm`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.enum.text import WD_BREAK

from ..export.docx import (
    DASH,
    _heading_at,
    _para,
    _t,
    add_esm,
    new_document,
    save,
    setup,
    table,
)
from ..export.docx_page import page_header_footer

if TYPE_CHECKING:
    from .export import PlanEsm


def _lines(items: list[str]) -> Any:
    return [(_t(x), "") for x in items] if items else DASH


def render_plan_docx(parts: dict[str, Any], esms: list[PlanEsm]) -> bytes:
    c = parts["cover"]
    d = new_document()
    setup(
        d,
        {
            "document": {
                "title": c["title"],
                "subject": "Title V state action plan and ESMs",
                "generated_by": c["generated_by"],
            },
            "npm": None,
            "strategy": None,
        },
    )
    _heading_at(d, _t(c["title"]), 0)
    status = d.add_paragraph()
    status.add_run(c["status"].upper()).bold = True
    for line in [*c["lines"], c["date"], c["versions"]]:
        d.add_paragraph(_t(line))
    if c["notes"]:
        d.add_paragraph(_t(c["notes"]))
    _para(d).add_run().add_break(WD_BREAK.PAGE)  # the cover is a page of its own

    _heading_at(d, "Action plan", 1)
    d.add_paragraph(
        "Priority needs, their objectives and strategies, the measures they link to and the "
        "ESMs that track each strategy, by population health domain."
    )
    for group in parts["action_plan"]:
        _heading_at(d, _t(group["domain"]), 2)
        rows: list[tuple[Any, ...]] = [
            (
                _t(r["need"]),
                _lines(r["objectives"]),
                _lines(r["strategies"]),
                _t(r["measure"]),
                _lines(r["esms"]),
            )
            for r in group["rows"]
        ]
        table(
            d,
            ("Priority need", "Objectives", "Strategies", "NPM / SPM", "ESMs"),
            rows,
            (1.2, 1.7, 1.4, 1.3, 0.9),
        )

    _heading_at(d, "ESM summary", 1)
    summary: list[tuple[Any, ...]] = [
        (
            _t(r["id"]),
            _t(r["title"]),
            _t(r["npm"]),
            _t(r["strategy"]),
            _t(r["evidence"]),
            _t(r["quadrant"]),
            _t(r["baseline"]),
            _lines(r["objectives"]),
        )
        for r in parts["summary"]
    ]
    table(
        d,
        ("ESM", "Title", "NPM", "Strategy", "Evidence", "Quadrant", "Baseline", "Objectives"),
        summary or [(DASH,) * 8],
        (0.55, 1.35, 0.85, 0.85, 0.7, 0.7, 0.6, 0.9),
    )

    for e in esms:
        _para(d).add_run().add_break(WD_BREAK.PAGE)
        add_esm(d, e.context, depth=1)
    page_header_footer(d, c)
    return save(d)
