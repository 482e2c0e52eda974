"""`esmtool progress`: each year's actual against its objective, and the trend."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .options import DraftsArg, ReportFormatOpt, command_app
from .output import default_format, err, out, print_each, report_error

app = command_app()


@app.command()
def progress(
    drafts: DraftsArg,
    fmt: ReportFormatOpt = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="The reporting year: objective years before it need an actual "
            "(default: the current year).",
            min=1990,
            max=2100,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when there are warnings (a missed objective…).")
    ] = False,
) -> None:
    """Progress against the annual objectives: per year the objective, the actual, met or not,
    the share of the way from the baseline, and the trend.

    Exit codes: 0 done (1 with --strict when there are warnings); 2 a file could not be read
    or is not a valid draft (its problems go to stderr; the other files are still shown).
    """
    from ..cycle import read_draft
    from ..cycle.report import report
    from ..errors import EXIT_INPUT, EsmtoolError
    from ..yamlio import dump_json

    reports: list[dict[str, Any]] = []
    failed = False
    for source in drafts:
        try:
            reports.append(report(source, read_draft(source), year))
        except EsmtoolError as exc:
            report_error(exc)
            failed = True
    if reports:
        if (fmt.value if fmt else default_format()) == "json":
            out(dump_json(reports))
        else:
            print_each(reports, _table)
    warned = any(f["severity"] in ("error", "warning") for r in reports for f in r["findings"])
    if failed:
        raise typer.Exit(EXIT_INPUT)
    if not reports:
        err("No drafts to show.")
    raise typer.Exit(1 if strict and warned else 0)


def _table(r: dict[str, Any], console: Any) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from ..checks.base import Finding
    from ..checks.report import findings_view
    from ..cycle.report import change_text, met_text, share_text
    from ..numtext import value_text

    esm = r["esm"]
    head = " ".join(x for x in (esm["id"], esm["title"]) if x) or "Untitled ESM draft"
    console.print(Text(r["file"], style="bold underline"), soft_wrap=True)
    console.print(Text(head, style="bold"))

    def v(x: float | None, esm: dict[str, Any] = esm) -> str:
        return "" if x is None else value_text(round(x, 2), esm["unit_type"], esm["unit_number"])

    if esm["baseline"]:
        b = esm["baseline"]
        console.print(f"Baseline {b['year']}: {v(b['value'])}; direction: {esm['direction']}")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for col in ("Year", "Objective", "Actual", "Met", "Of the way", "Change", "Status"):
        table.add_column(col, justify="right" if col not in ("Met", "Status") else "left")
    for y in r["years"]:
        actual = v(y["actual"]) + (" (computed)" if y["computed"] else "")
        table.add_row(
            str(y["year"]),
            v(y["objective"]),
            actual,
            met_text(y["met"]),
            share_text(y["share"]),
            change_text(y["change"]),
            y["status"] or "",
        )
    console.print(table)
    trend = r["trend"]
    if trend is None:
        console.print(
            Text("Trend: needs two years of data (the baseline and one actual).", style="dim")
        )
    else:
        fc = ", ".join(f"{f['year']}: {v(round(f['value'], 1))}" for f in trend["forecast"])
        state = {True: "on track", False: "off track", None: "no later objective"}[
            trend["on_track"]
        ]
        console.print(
            f"Trend: {change_text(trend['slope_per_year'])} a year ({state})"
            + (f"; forecast {fc}" if fc else "")
        )
    found = [
        Finding(f["severity"], f["rule"], f["path"], f["message"], f["advice"])
        for f in r["findings"]
    ]
    if found:
        console.print(findings_view(found))
