"""Progress against the annual objectives: the figures of ``esmtool progress``, ``check`` and exports.

For each year that has an objective or an actual: the objective, the actual (its value, or
for a percentage or rate, numerator / denominator × unit number when no value is written),
whether it met the objective by the draft's direction, the share of the way from the
baseline to the objective, and the change from the previous actual.

The trend is a least-squares line through the actuals, with the baseline as the first point
when it comes before them; it needs two points (so one actual after the baseline is enough).
Its forecast for the years with an objective after the last actual says whether the last
objective will be reached (``progress.off-track`` when not).

"Past" years are those before the reporting year (``--year``, default the current year): a
state reports a year's figure the year after, so an objective year before the reporting
year without an actual is ``progress.actual-missing``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..numtext import number_text

if TYPE_CHECKING:
    from ..draft import ESM, Draft
    from ..draft.yearly import Actual


def current_year() -> int:
    return datetime.datetime.now(datetime.timezone.utc).year


@dataclass(frozen=True)
class Year:
    year: int
    objective: float | None
    actual: float | None
    status: str | None  # provisional | final | None
    computed: bool  # the actual was computed from numerator and denominator
    met: bool | None  # None: no objective, no actual, or no direction
    share: float | None  # of the way from the baseline to the objective (1.0 = reached)
    change: float | None  # from the previous year's actual

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "objective": _num(self.objective),
            "actual": _num(self.actual),
            "met": self.met,
            "share": None if self.share is None else round(self.share, 4),
            "change": _num(None if self.change is None else round(self.change, 6)),
            "status": self.status,
            "computed": self.computed,
        }


@dataclass(frozen=True)
class Trend:
    slope: float  # per year
    intercept: float
    points: int

    def at(self, year: int) -> float:
        return self.intercept + self.slope * year


@dataclass(frozen=True)
class Progress:
    years: list[Year]
    trend: Trend | None
    #: the trend's value for each objective year after the last actual
    forecast: dict[int, float] = field(default_factory=dict)
    #: whether the trend reaches the last objective (None: no trend, no objective or direction)
    on_track: bool | None = None

    @property
    def has_actuals(self) -> bool:
        return any(y.actual is not None for y in self.years)

    def to_json(self) -> dict[str, Any]:
        trend = None
        if self.trend is not None:
            trend = {
                "slope_per_year": round(self.trend.slope, 6),
                "points": self.trend.points,
                "forecast": [
                    {"year": y, "value": round(v, 4)} for y, v in sorted(self.forecast.items())
                ],
                "on_track": self.on_track,
            }
        return {"years": [y.to_json() for y in self.years], "trend": trend}


def _num(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def scale(esm: ESM) -> float | None:
    """What numerator / denominator is multiplied by: 100 for a percentage, the unit number for a rate."""
    if esm.unit_type == "percentage":
        return 100.0
    if esm.unit_type == "rate" and esm.unit_number:
        return float(esm.unit_number)
    return None


def computed_value(esm: ESM, actual: Actual) -> float | None:
    """numerator / denominator × scale for a percentage or rate; None when it cannot be computed."""
    k = scale(esm)
    if k is None or actual.numerator is None or not actual.denominator:
        return None
    return actual.numerator / actual.denominator * k


def actual_value(esm: ESM, actual: Actual) -> tuple[float | None, bool]:
    """(the actual's value, whether it was computed)."""
    if actual.value is not None:
        return actual.value, False
    value = computed_value(esm, actual)
    return (round(value, 6), True) if value is not None else (None, False)


def _decimals(value: float) -> int:
    text = repr(float(value))
    if "e" in text:
        return 6
    return len(text.split(".")[1].rstrip("0"))


def mismatch(esm: ESM, actual: Actual) -> float | None:
    """The computed value when it disagrees with the written one beyond its rounding, else None."""
    if actual.value is None:
        return None
    value = computed_value(esm, actual)
    if value is None:
        return None
    tolerance = 0.5 * 10 ** -_decimals(actual.value) + 1e-9
    return value if abs(value - actual.value) > tolerance else None


def _met(direction: str | None, actual: float, objective: float) -> bool | None:
    if direction == "increase":
        return actual >= objective
    if direction == "decrease":
        return actual <= objective
    return None


def fit(points: list[tuple[int, float]]) -> Trend | None:
    """The least-squares line through (year, value) points; None with fewer than two years."""
    if len({y for y, _ in points}) < 2:
        return None
    n = len(points)
    mx = sum(y for y, _ in points) / n
    my = sum(v for _, v in points) / n
    sxx = sum((y - mx) ** 2 for y, _ in points)
    sxy = sum((y - mx) * (v - my) for y, v in points)
    slope = sxy / sxx
    return Trend(slope=slope, intercept=my - slope * mx, points=n)


def progress(draft: Draft) -> Progress:
    """The draft's figures by year, its trend and forecast."""
    esm = draft.esm
    targets = esm.targets or {}
    actuals = esm.actuals or {}
    base = esm.baseline
    rows: list[Year] = []
    previous: float | None = None
    points: list[tuple[int, float]] = []
    for year in sorted(set(targets) | set(actuals)):
        objective = targets.get(year)
        entry = actuals.get(year)
        value, computed = actual_value(esm, entry) if entry is not None else (None, False)
        met = share = change = None
        if value is not None and objective is not None:
            met = _met(esm.direction, value, objective)
        if value is not None and objective is not None and base and objective != base.value:
            share = (value - base.value) / (objective - base.value)
        if value is not None:
            if previous is not None:
                change = value - previous
            previous = value
            points.append((year, value))
        status = entry.status if entry is not None else None
        rows.append(Year(year, objective, value, status, computed, met, share, change))
    if base is not None and points and base.year < points[0][0]:
        points.insert(0, (base.year, base.value))
    trend = fit(points) if any(r.actual is not None for r in rows) else None
    forecast: dict[int, float] = {}
    on_track = None
    if trend is not None:
        last_actual = max(y for y, _ in points)
        forecast = {y: trend.at(y) for y in sorted(targets) if y > last_actual}
        if targets:
            last_year = max(targets)
            if last_year > last_actual:
                on_track = _met(esm.direction, trend.at(last_year), targets[last_year])
    return Progress(rows, trend, forecast, on_track)


# ----- findings ------------------------------------------------------------------------------------


def _t(v: float) -> str:
    return number_text(round(v, 2), grouped=True)


def findings(draft: Draft, year: int | None = None) -> Iterator[tuple[str, str, str]]:
    """(kind, key path, message) for a draft with actuals; nothing for one without.

    The kinds are the rules' ids without ``progress.`` (the ids live in :mod:`esmtool.draft.rules`).
    """
    esm = draft.esm
    if not esm.actuals:
        return
    reporting = current_year() if year is None else year
    p = progress(draft)
    for k, actual in sorted(esm.actuals.items()):
        computed = mismatch(esm, actual)
        if computed is not None:
            yield (
                "actual-mismatch",
                f"esm.actuals.{k}.value",
                f"the {k} actual is written as {_t(actual.value or 0)}, but its numerator and "
                f"denominator give {_t(computed)}",
            )
    for row in p.years:
        if row.met is False and row.objective is not None and row.actual is not None:
            yield (
                "objective-missed",
                f"esm.actuals.{row.year}",
                f"the {row.year} actual ({_t(row.actual)}) did not meet the objective "
                f"({_t(row.objective)}) for a measure meant to {esm.direction}",
            )
        if row.actual is None and row.objective is not None and row.year < reporting:
            yield (
                "actual-missing",
                f"esm.actuals.{row.year}",
                f"{row.year} has an objective ({_t(row.objective)}) but no actual, and the "
                f"year is over (reporting year {reporting})",
            )
        if row.status == "provisional":
            yield (
                "provisional",
                f"esm.actuals.{row.year}.status",
                f"the {row.year} actual is provisional",
            )
    if p.on_track is False and p.trend is not None and esm.targets:
        last = max(esm.targets)
        yield (
            "off-track",
            f"esm.targets.{last}",
            f"at the trend of the actuals ({_t(p.trend.slope)} a year), {last} would reach "
            f"{_t(p.trend.at(last))}, not the objective of {_t(esm.targets[last])}",
        )
