"""``esmtool plan check``: every draft of a plan reviewed, then the plan as a whole.

Drafts are read and reviewed one at a time (:meth:`PlanCheck.drafts` yields each
one's :class:`~esmtool.checks.report.DraftReport`); only a small summary of each
is kept for the plan rules, so checking many drafts takes little memory. After
the drafts, :meth:`PlanCheck.result` holds the plan's own findings and summary.

JSON (``--format json``): one list. Its first object is the plan::

    {"file": "plan.yaml", "state": "...", "cycle": "2026-2030",
     "findings": [{"severity", "rule", "path", "line", "message", "advice"}, ...],
     "counts": {"error": 0, "warning": 0, "info": 0},
     "summary": {"npms_by_domain": {"Women/Maternal Health": ["postpartum-visit"], ...},
                 "esms_per_npm": {"postpartum-visit": ["ESM 1.1"], ...},
                 "quadrants": {"1": 3, "2": 9, "3": 2, "4": 8},
                 "drafts": {"checked": 6, "failed": 0}}}

then one object per draft checked, in the shape ``esmtool check`` documents
(:mod:`esmtool.checks`). Draft-level findings stay in their draft's object; the
plan's ``counts`` are the plan's own findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..checks.base import SEVERITIES, Finding
from ..errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, EsmtoolError
from .rules import EsmSummary, Located, domains_of, quadrant_counts
from .rules import run as run_rules

if TYPE_CHECKING:
    from rich.console import Console

    from ..catalog import Catalog
    from ..checks.report import DraftReport
    from .model import LoadedPlan


@dataclass
class PlanReport:
    file: str
    state: str
    cycle: str
    findings: list[Located]
    summary: dict[str, Any]

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for x in self.findings if x.finding.severity == s) for s in SEVERITIES}


@dataclass
class PlanCheck:
    """One run of the plan check. Iterate :meth:`drafts` first, then read :meth:`result`."""

    loaded: LoadedPlan
    catalog: Catalog
    esms: list[EsmSummary] = field(default_factory=list)
    #: files that could not be checked, with why (reported on stderr)
    failed: list[tuple[str, EsmtoolError]] = field(default_factory=list)
    missing: list[tuple[int, str]] = field(default_factory=list)
    #: how many findings of each severity the drafts' own reviews gave
    draft_counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    _done: bool = False

    def drafts(self) -> Iterator[DraftReport]:
        """Each draft's review, in the order the plan lists them (folders in name order)."""
        from ..checks.report import check_file

        seen: set[str] = set()
        for entry, i, path in self.loaded.draft_files():
            if path is None:
                self.missing.append((i, entry))
                continue
            if path in seen:  # a file named twice (itself and through its folder): once
                continue
            seen.add(path)
            report = check_file(path, self.catalog)
            if report.checked:
                self.esms.append(self._summary(report, i))
                for f in report.findings:
                    self.draft_counts[f.severity] += 1
            elif report.error is not None:
                self.failed.append((path, report.error))
            report.draft = None  # the summary keeps what the plan needs
            yield report
        self._done = True

    def _summary(self, report: DraftReport, entry: int) -> EsmSummary:
        d = report.draft
        assert d is not None
        strategy = self.catalog.strategies.get(d.strategy) if d.strategy else None
        return EsmSummary(
            file=report.file,
            entry=entry,
            npm=d.npm,
            strategy=d.strategy,
            esm_id=d.esm.id,
            title=d.esm.title,
            quadrant=report.esm.quadrant if report.esm else None,
            measure_quadrants=tuple(m.quadrant for m in d.measures),
            evidence=strategy.evidence if strategy else None,
        )

    def result(self) -> PlanReport:
        """The plan's own findings and summary (reads every draft first if not done yet)."""
        if not self._done:
            for _ in self.drafts():
                pass
        lp, cat = self.loaded, self.catalog
        found = run_rules(lp, self.esms, cat)
        for i, entry in self.missing:
            found.insert(
                0,
                Located(
                    Finding(
                        "error",
                        "plan.drafts-missing",
                        f"drafts[{i}]",
                        f"'{entry}' is neither a draft file nor a folder (looked in "
                        f"{lp.folder / entry}).",
                        "Paths in drafts are relative to the plan file; fix the path or create "
                        "the folder.",
                    ),
                    lp.index.line_of(("drafts", i)),
                ),
            )
        return PlanReport(
            file=lp.index.source,
            state=lp.plan.state,
            cycle=lp.plan.cycle,
            findings=found,
            summary=self._plan_summary(),
        )

    def _plan_summary(self) -> dict[str, Any]:
        cat, plan = self.catalog, self.loaded.plan
        fw = cat.meta.framework
        by_domain: dict[str, list[str]] = {d.name: [] for d in fw.population_domains} if fw else {}
        names = {d.id: d.name for d in fw.population_domains} if fw else {}
        per_npm: dict[str, list[str]] = {}
        for code in plan.npms:
            if code in per_npm:
                continue
            per_npm[code] = []
            m = cat.measures.get(code)
            if m is not None:
                for d in domains_of(m, cat):
                    by_domain[names[d]].append(code)
        from .rules import counts_for

        for e in self.esms:
            for code in per_npm:
                if e.npm and counts_for(e.npm, code, cat):
                    per_npm[code].append(e.esm_id or e.file)
                    break
        return {
            "npms_by_domain": by_domain,
            "esms_per_npm": per_npm,
            "quadrants": {str(q): n for q, n in quadrant_counts(self.esms).items()},
            "drafts": {"checked": len(self.esms), "failed": len(self.failed)},
        }

    def exit_code(self, report: PlanReport, *, strict: bool = False) -> int:
        if self.failed:
            return EXIT_INPUT
        levels = ("error", "warning") if strict else ("error",)
        plan = report.counts()
        if any(plan[s] or self.draft_counts[s] for s in levels):
            return EXIT_FINDINGS
        return EXIT_OK


# ----- JSON ----------------------------------------------------------------------------------------


def plan_data(report: PlanReport) -> dict[str, Any]:
    return {
        "file": report.file,
        "state": report.state,
        "cycle": report.cycle,
        "findings": [
            {
                "severity": x.finding.severity,
                "rule": x.finding.rule,
                "path": x.finding.path,
                "line": x.line,
                "message": x.finding.message,
                "advice": x.finding.advice,
            }
            for x in report.findings
        ],
        "counts": report.counts(),
        "summary": report.summary,
    }


def _item(data: Any) -> str:
    """One element of a top-level JSON list, indented as ``json.dumps(list, indent=2)`` does."""
    import json

    return "\n".join(
        "  " + line for line in json.dumps(data, ensure_ascii=False, indent=2).split("\n")
    )


def write_json(check: PlanCheck, write: Callable[[str], object]) -> PlanReport:
    """The JSON document through ``write``: the plan first, then each draft checked.

    Drafts are reviewed before the plan's findings are known, so their JSON waits in a
    temporary file (in memory up to a few megabytes), never as objects.
    """
    import tempfile

    from ..checks.report import report_data

    with tempfile.SpooledTemporaryFile(
        max_size=4 * 1024 * 1024, mode="w+", encoding="utf-8"
    ) as spool:
        for r in check.drafts():
            if r.checked:
                spool.write(",\n" + _item(report_data(r)))
        report = check.result()
        write("[\n" + _item(plan_data(report)))
        spool.seek(0)
        for chunk in iter(lambda: spool.read(1 << 16), ""):
            write(chunk)
        write("\n]\n")
    return report


# ----- tables --------------------------------------------------------------------------------------

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_plan_table(report: PlanReport, console: Console) -> None:
    """The plan's findings and summary, after the drafts' tables."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from ..checks.report import _plural

    console.print(
        Text(f"{report.file}: plan for {report.state}, {report.cycle}", style="bold underline"),
        soft_wrap=True,
    )
    s = report.summary
    for domain, codes in s["npms_by_domain"].items():
        line = Text(f"{domain}: ", style="bold")
        line.append(", ".join(codes) if codes else "no NPM", style="" if codes else "red")
        console.print(line)
    for code, esms in s["esms_per_npm"].items():
        line = Text(f"{code}: ", style="bold")
        line.append(", ".join(esms) if esms else "no ESM", style="" if esms else "red")
        console.print(line)
    q = s["quadrants"]
    console.print(
        Text("Quadrants (ESMs and measures): " + ", ".join(f"Q{k} {v}" for k, v in q.items()))
    )
    if not report.findings:
        console.print(Text("No plan findings.", style="green"))
    else:
        table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        table.add_column("Severity", no_wrap=True)
        table.add_column("Where", overflow="fold", max_width=28)
        table.add_column("Finding", ratio=1)
        for x in report.findings:
            f = x.finding
            where = Text(f.path or "(plan)")
            if x.line is not None:
                where.append(f"\nline {x.line}", style="dim")
            cell = Text(f.message)
            cell.append("\n→ " + f.advice, style="dim")
            cell.append(f"\n({f.rule})", style="dim italic")
            table.add_row(Text(f.severity, style=_STYLE[f.severity]), where, cell)
        console.print(table)
    c = report.counts()
    console.print(Text("Plan: " + ", ".join(_plural(c[k], k) for k in SEVERITIES), style="bold"))


def overall(check: PlanCheck, report: PlanReport) -> str:
    """One line for stderr."""
    from ..checks.report import _plural

    c = report.counts()
    d = check.draft_counts
    text = (
        f"Checked the plan and {_plural(len(check.esms), 'draft')}: plan "
        + ", ".join(_plural(c[s], s) for s in SEVERITIES)
        + "; drafts "
        + ", ".join(_plural(d[s], s) for s in SEVERITIES)
        + "."
    )
    if check.failed:
        text += f" {_plural(len(check.failed), 'file')} could not be checked."
    return text
