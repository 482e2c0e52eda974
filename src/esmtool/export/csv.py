"""CSV export: one row per measure of the RBA measure set, for Excel and scorecard tools.

The file is UTF-8 with a byte-order mark (so Excel reads accented letters and
dashes correctly) and CRLF line ends (RFC 4180). Rows come in quadrant order,
then draft order. A draft without measures gives one row with the ESM's
columns filled and the measure columns empty, so it is never silently missing.
Free text that starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``)
gets a leading apostrophe so Excel shows it as text instead of running it.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .textutil import clean_text

COLUMNS: tuple[str, ...] = (
    "esm_id",
    "esm_title",
    "state",
    "npm",
    "npm_name",
    "strategy",
    "strategy_name",
    "evidence",
    "quadrant",
    "quadrant_name",
    "measure",
    "headline",
    "template",
    "unit_type",
    "unit_number",
    "direction",
    "baseline_year",
    "baseline_value",
)
_FORMULA_START = ("=", "+", "-", "@")


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = clean_text(str(value))
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def csv_rows(ctx: dict[str, Any]) -> list[list[str]]:
    """The rows (without the header) for one draft's context."""
    esm, npm, strategy = ctx["esm"], ctx["npm"], ctx["strategy"]
    evidence = strategy["evidence"] if strategy else None
    baseline = esm["baseline"] or {}
    common = {
        "esm_id": _text(esm["id"]),
        "esm_title": _text(esm["title"]),
        "state": _text(ctx["state"]),
        "npm": _text(npm["code"] if npm else None),
        "npm_name": _text(npm["name"] if npm else None),
        "strategy": _text(strategy["id"] if strategy else None),
        "strategy_name": _text(strategy["name"] if strategy else None),
        "evidence": _text(evidence["level"] if evidence else None),
        "unit_type": _plain(esm["unit_type"]),
        "unit_number": _plain(esm["unit_number"]),
        "direction": _plain(esm["direction"]),
        "baseline_year": _plain(baseline.get("year")),
        "baseline_value": _plain(baseline.get("value")),
    }
    measures = ctx["measures"] or [None]
    rows = []
    for m in measures:
        row = dict(common)
        if m is not None:
            row.update(
                quadrant=str(m["quadrant"]),
                quadrant_name=_text(m["quadrant_name"]),
                measure=_text(m["text"]),
                headline="yes" if m["headline"] else "no",
                template=_text(m["template"]),
            )
        rows.append([row.get(c, "") for c in COLUMNS])
    return rows


def render_csv(contexts: list[dict[str, Any]]) -> str:
    """A CSV text (header plus rows) for one or more drafts."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for ctx in contexts:
        writer.writerows(csv_rows(ctx))
    return buf.getvalue()
