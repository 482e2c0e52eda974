"""The context keys of the yearly cycle: ``progress`` and ``turn_the_curve`` (both ``None`` when
the draft has no actuals, or none of the turn-the-curve fields).

``progress``
    ``years`` (oldest first: ``year``, ``objective`` / ``objective_text``, ``actual`` /
    ``actual_text``, ``computed``, ``met`` (true/false/None), ``met_text`` ("Met", "Not met",
    ""), ``share_text`` (of the way from the baseline, "67%"), ``change_text`` ("↑ +2"),
    ``status``), ``trend_text`` (one sentence, or None), ``on_track`` (true/false/None),
    ``forecast`` (``year``, ``value``, ``text``), ``unit_label`` ("Percent", "Number",
    "Rate per 1,000"), ``chart_svg`` (HTML only: the turn-the-curve chart as an ``<svg>``
    element, to print with ``|safe``; otherwise None).
``turn_the_curve``
    ``story``, ``partners`` (list), ``what_works``, ``action_plan``, ``data_development``
    (list, in priority order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..numtext import compact

if TYPE_CHECKING:
    from ..draft import Draft


def unit_label(unit_type: str | None, unit_number: int | None) -> str:
    """The y axis label: 'Percent', 'Number', 'Rate per 1,000'."""
    if unit_type == "percentage":
        return "Percent"
    if unit_type == "rate":
        return f"Rate per {unit_number:,}" if unit_number else "Rate"
    return "Number"


def progress_context(draft: Draft) -> dict[str, Any] | None:
    esm = draft.esm
    if not esm.actuals:
        return None
    from ..cycle.progress import progress
    from ..cycle.report import change_text, share_text
    from ..numtext import value_text

    def text(v: float | None) -> str:
        return "" if v is None else value_text(round(v, 2), esm.unit_type, esm.unit_number)

    p = progress(draft)
    years = [
        {
            "year": y.year,
            "objective": None if y.objective is None else compact(y.objective),
            "objective_text": text(y.objective),
            "actual": None if y.actual is None else compact(y.actual),
            "actual_text": text(y.actual),
            "computed": y.computed,
            "met": y.met,
            "met_text": {True: "Met", False: "Not met", None: ""}[y.met],
            "share_text": share_text(y.share),
            "change_text": change_text(y.change),
            "status": y.status,
        }
        for y in p.years
    ]
    trend_text = None
    if p.trend is not None:
        slope = round(p.trend.slope, 2)
        state = {
            True: "at this pace the last objective will be reached",
            False: "at this pace the last objective will not be reached",
            None: "no objective remains after the last actual",
        }[p.on_track]
        trend_text = (
            f"The actuals change by {'+' if slope > 0 else ''}{compact(slope)} a year "
            f"(a straight line through {p.trend.points} points); {state}."
        )
    return {
        "years": years,
        "trend_text": trend_text,
        "on_track": p.on_track,
        "forecast": [
            {"year": y, "value": compact(round(v, 2)), "text": text(v)}
            for y, v in sorted(p.forecast.items())
        ],
        "unit_label": unit_label(esm.unit_type, esm.unit_number),
        "chart_svg": None,
    }


def turn_the_curve(draft: Draft) -> dict[str, Any] | None:
    esm = draft.esm
    parts = {
        "story": esm.story,
        "partners": list(esm.partners or []),
        "what_works": esm.what_works,
        "action_plan": esm.action_plan,
        "data_development": list(esm.data_development or []),
    }
    return parts if any(parts.values()) else None
