"""CSV export: one table of an ESM's figures and measures, for Excel and scorecard tools.

Each row is one thing, named in the ``row`` column, and carries the ESM's identity (number,
title, state, NPM, strategy, evidence) so rows can be filtered, sorted and pasted together:

``baseline``
    the baseline: ``year``, ``value``, ``unit`` and ``unit_number`` (the ESM's unit type and
    number: percentage 100, rate 1000, count), ``direction``, ``note``;
``objective``
    one row per year, oldest first: the annual objective's ``year`` and ``value`` in the
    ESM's ``unit`` and ``unit_number``, ``direction``;
``measure``
    one row per measure of the RBA measure set, in quadrant order then draft order:
    ``quadrant``, ``quadrant_name``, ``measure``, ``headline`` (yes/no), ``template`` and
    ``unit``, the measure's own unit form read from its wording (count for "Number of …",
    percentage for "Percent of …", rate for "Rate of …", empty when it says none). A
    measure has no year, value or unit number: those are the ESM's.

A draft with none of these gives one ``esm`` row with the ESM's columns filled, so it is
never silently missing. Values are plain numbers (42 for 42%), so a spreadsheet can chart
them; ``unit`` says what they count.

The file is UTF-8 with a byte-order mark (so Excel reads accented letters and dashes
correctly) and CRLF line ends (RFC 4180). Free text that starts like a spreadsheet formula
(``=``, ``+``, ``-``, ``@``) gets a leading apostrophe so Excel shows it as text instead of
running it.
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
    "row",
    "year",
    "value",
    "unit",
    "unit_number",
    "direction",
    "note",
    "quadrant",
    "quadrant_name",
    "measure",
    "headline",
    "template",
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
    common = {
        "esm_id": _text(esm["id"]),
        "esm_title": _text(esm["title"]),
        "state": _text(ctx["state"]),
        "npm": _text(npm["code"] if npm else None),
        "npm_name": _text(npm["name"] if npm else None),
        "strategy": _text(strategy["id"] if strategy else None),
        "strategy_name": _text(strategy["name"] if strategy else None),
        "evidence": _text(evidence["level"] if evidence else None),
    }
    figure = {
        "unit": _plain(esm["unit_type"]),
        "unit_number": _plain(esm["unit_number"]),
        "direction": _plain(esm["direction"]),
    }
    rows: list[dict[str, str]] = []
    baseline = esm["baseline"]
    if baseline:
        rows.append(
            {
                "row": "baseline",
                "year": _plain(baseline["year"]),
                "value": _plain(baseline["value"]),
                **figure,
                "note": _text(baseline["note"]),
            }
        )
    for o in esm["objectives"]:
        rows.append(
            {"row": "objective", "year": _plain(o["year"]), "value": _plain(o["value"]), **figure}
        )
    for m in ctx["measures"]:
        rows.append(
            {
                "row": "measure",
                "unit": _plain(m.get("unit")),
                "quadrant": str(m["quadrant"]),
                "quadrant_name": _text(m["quadrant_name"]),
                "measure": _text(m["text"]),
                "headline": "yes" if m["headline"] else "no",
                "template": _text(m["template"]),
            }
        )
    if not rows:
        rows.append({"row": "esm", **figure})
    return [[{**common, **row}.get(c, "") for c in COLUMNS] for row in rows]


def render_csv(contexts: list[dict[str, Any]]) -> str:
    """A CSV text (header plus rows) for one or more drafts."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for ctx in contexts:
        writer.writerows(csv_rows(ctx))
    return buf.getvalue()
