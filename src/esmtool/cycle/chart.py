"""The turn-the-curve chart: baseline, annual objectives, actuals and the forecast from their trend.

Drawn with matplotlib (imported here only, when a chart is drawn; the Agg canvas, no GUI).
Readable in black and white and for colour-blind readers: each series has its own marker
and line style, and the colours are from the Okabe-Ito palette. SVG output is deterministic
(no date, a fixed ``svg.hashsalt``, text kept as text); PNG is drawn at print resolution.

Each series is a group with a fixed id in the SVG (``baseline``, ``objectives``, ``actuals``,
``forecast``), so a reader (or a test) can find its points.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    from ..draft import Draft

#: Print resolution of the PNG (Word documents).
PRINT_DPI = 300
SIZE_INCHES = (6.5, 3.6)
#: Okabe-Ito colours (safe for the common colour-vision deficiencies).
COLOURS = {
    "baseline": "#000000",
    "objectives": "#0072B2",
    "actuals": "#D55E00",
    "forecast": "#009E73",
}


@dataclass(frozen=True)
class ChartData:
    title: str
    unit_label: str
    baseline: tuple[int, float] | None
    objectives: list[tuple[int, float]]
    actuals: list[tuple[int, float]]
    provisional: list[tuple[int, float]] = field(default_factory=list)
    #: from the last actual to the last objective year, along the trend
    forecast: list[tuple[int, float]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.baseline or self.objectives or self.actuals)


def chart_data(draft: Draft) -> ChartData:
    from ..export.progress_context import unit_label
    from .progress import progress

    esm = draft.esm
    p = progress(draft)
    actuals = [(y.year, y.actual) for y in p.years if y.actual is not None]
    provisional = [
        (y.year, y.actual) for y in p.years if y.actual is not None and y.status == "provisional"
    ]
    forecast: list[tuple[int, float]] = []
    if p.trend is not None and p.forecast and actuals:
        last = actuals[-1][0]
        forecast = [(last, p.trend.at(last)), *sorted(p.forecast.items())]
    name = esm.title or esm.id or "Untitled ESM draft"
    return ChartData(
        title=name,
        unit_label=unit_label(esm.unit_type, esm.unit_number),
        baseline=(esm.baseline.year, esm.baseline.value) if esm.baseline else None,
        objectives=sorted((esm.targets or {}).items()),
        actuals=actuals,
        provisional=provisional,
        forecast=forecast,
    )


def _series(data: ChartData) -> list[tuple[str, list[tuple[int, float]], str, dict[str, Any]]]:
    """Each series drawn, in drawing (and legend) order: its SVG id, points, legend label, style."""
    base = [data.baseline] if data.baseline else []
    return [
        ("objectives", data.objectives, "Annual objective", dict(
            linestyle="--", marker="^", markersize=7, linewidth=1.5, color=COLOURS["objectives"])),
        ("forecast", data.forecast, "Forecast (trend of actuals)", dict(
            linestyle=":", marker="D", markersize=5, linewidth=1.5, markerfacecolor="white",
            color=COLOURS["forecast"])),
        ("actuals", data.actuals, "Actual", dict(
            linestyle="-", marker="o", markersize=7, linewidth=2, color=COLOURS["actuals"])),
        ("provisional", data.provisional, "Actual (provisional)", dict(
            linestyle="none", marker="o", markersize=7, markerfacecolor="white",
            color=COLOURS["actuals"])),
        ("baseline", base, f"Baseline ({base[0][0]})" if base else "", dict(
            linestyle="none", marker="s", markersize=8, color=COLOURS["baseline"])),
    ]  # fmt: skip


def _figure(data: ChartData) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=SIZE_INCHES)
    ax = fig.add_subplot()
    for gid, points, label, style in _series(data):
        if points:
            xs, ys = zip(*points, strict=True)
            (line,) = ax.plot(xs, ys, label=label, **style)
            line.set_gid(gid)
    title = textwrap.shorten(data.title, width=150, placeholder="…")
    ax.set_title("\n".join(textwrap.wrap(title, 80)), fontsize=10)
    ax.set_xlabel("Year")
    ax.set_ylabel(data.unit_label)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(fontsize=8, loc="best", frameon=True)
    fig.tight_layout()
    return fig


def render_chart(draft: Draft, fmt: str, *, dpi: int = PRINT_DPI) -> bytes:
    """The chart as 'svg' or 'png' bytes. Raises UsageError when the draft has nothing to draw."""
    data = chart_data(draft)
    if data.empty:
        raise UsageError(
            "The draft has no baseline, objectives or actuals, so there is no chart to draw.",
            hint="Add esm.baseline, esm.targets or esm.actuals to the draft, then run again.",
        )
    import matplotlib

    settings: dict[Any, Any] = {
        "svg.hashsalt": "esmtool",
        "svg.fonttype": "none",
        "path.simplify": False,
    }
    with matplotlib.rc_context(settings):
        fig = _figure(data)
        buf = io.BytesIO()
        if fmt == "svg":
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "esmtool"})
        elif fmt == "png":
            fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": "esmtool"})
        else:
            raise UsageError(f"A chart is drawn as .svg or .png, not '{fmt}'.")
    return buf.getvalue()


def svg_element(draft: Draft) -> str:
    """The chart as one ``<svg>`` element (no XML declaration or doctype), to inline in HTML."""
    text = render_chart(draft, "svg").decode("utf-8")
    return text[text.index("<svg") :].strip()
