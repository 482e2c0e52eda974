"""``esmtool check`` on files: reading drafts, the JSON document, the tables, the exit code.

The JSON shape is documented in :mod:`esmtool.checks`.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import keypath
from ..draft.rules import REQUIRED
from ..errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, DraftError, EsmtoolError, Problem
from .base import QUADRANT_NAMES, SEVERITIES, Finding, Inference, quadrant_label

if TYPE_CHECKING:
    from rich.console import Console

    from ..catalog import Catalog
    from ..draft import Draft, MeasureEntry
    from ..locate import LineIndex


@dataclass
class DraftReport:
    """The review of one file, or why it could not be reviewed."""

    file: str
    #: set when the file could not be read or is not a valid draft (reported on stderr)
    error: EsmtoolError | None = None
    esm: Inference | None = None
    measures: list[tuple[MeasureEntry, Inference]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    lines: list[int | None] = field(default_factory=list)
    #: the draft as reviewed (for callers that summarise it, e.g. `plan check`)
    draft: Draft | None = field(default=None, repr=False)
    #: the Evidence Center reviewers' tags of an imported draft (schema 2 ``reviewers``)
    reviewers: dict[str, Any] | None = None

    @property
    def checked(self) -> bool:
        return self.error is None

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}


def _line(index: LineIndex | None, path: str) -> int | None:
    if index is None or not path:
        return None
    return index.lines.get(keypath.parse(path))


def _located(index: LineIndex, p: Problem) -> Problem:
    """A key-path problem as 'file:line: key' (the form `esmtool draft` uses)."""
    line = _line(index, p.where)
    where = f"{index.source}:{line}" if line else index.source
    return Problem(f"{where}: {p.where}" if p.where else where, p.message)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return math.isfinite(float(value))
    if isinstance(value, str):
        try:
            return math.isfinite(float(value.strip().replace(",", "").removesuffix("%").strip()))
        except ValueError:
            return False
    return False


def _non_numeric_targets(data: dict[str, Any]) -> tuple[list[tuple[str, Any]], dict[str, Any]]:
    """Objectives that are not numbers ('TBD'): (key path, value) each, and the data without them."""
    esm = data.get("esm")
    targets = esm.get("targets") if isinstance(esm, dict) else None
    if not isinstance(targets, dict):
        return [], data
    bad = [k for k, v in targets.items() if not _is_number(v)]
    if not bad:
        return [], data
    data = copy.deepcopy(data)
    for k in bad:
        del data["esm"]["targets"][k]
    return [(f"esm.targets.{k}", targets[k]) for k in bad], data


def _not_numeric(path: str, value: Any) -> Finding:
    year = path.rsplit(".", 1)[1]
    return Finding(
        "error",
        "targets.not-numeric",
        path,
        f"The {year} objective ('{value}') is not a number.",
        "Write each annual objective as a number (45 for 45%); if it is not set yet, "
        "leave the year out and add it when it is.",
    )


def check_file(path: str, catalog: Catalog) -> DraftReport:
    """Read one draft file (YAML or JSON, '-' for stdin) and review it."""
    from pydantic import ValidationError

    from ..draft import SCHEMA_ID, Draft, validate_draft
    from ..draft.answers import read_answers_file
    from . import check_draft
    from .rules import declared_effect, esm_inference, measure_inference

    try:
        data, index = read_answers_file(path)
    except EsmtoolError as exc:
        return DraftReport(path, error=exc)
    not_numeric, data = _non_numeric_targets(data)
    draft, problems = validate_draft(data, catalog, index=None, complete=False)
    if draft is None:  # rule problems only? then the draft can still be reviewed
        try:
            draft = Draft.model_validate({"schema": SCHEMA_ID, **data})
        except ValidationError:
            located = [
                _located(index, Problem(k, f"'{v}' is not a number")) for k, v in not_numeric
            ]
            located += [_located(index, p) for p in problems]
            n = len(located)
            return DraftReport(
                path,
                error=DraftError(
                    f"{index.source}: is not a valid draft; it has {n} "
                    f"problem{'s' if n != 1 else ''}:",
                    located,
                    hint="Fix each key listed above, then run the check again "
                    "(`esmtool schema` prints the draft's JSON Schema).",
                ),
            )
    findings = check_draft(draft, catalog)
    pre = [_not_numeric(k, v) for k, v in not_numeric]
    if pre:
        targets_missing = next(r.rule for r in REQUIRED if r.key == "esm.targets")
        findings = [f for f in findings if f.rule != targets_missing]
        findings = (
            [f for f in findings if f.severity == "error"]
            + pre
            + [f for f in findings if f.severity != "error"]
        )
    npm = catalog.measures.get(draft.npm or "")
    measures = [(m, declared_effect(m, measure_inference(m, catalog, npm))) for m in draft.measures]
    return DraftReport(
        path,
        esm=esm_inference(draft, catalog),
        measures=measures,
        findings=findings,
        lines=[_line(index, f.path) for f in findings],
        draft=draft,
        reviewers=_reviewers(draft),
    )


def _reviewers(draft: Any) -> dict[str, Any] | None:
    """The reviewers' tags the draft keeps (imported drafts; schema esmtool.draft/2)."""
    tags = getattr(draft, "reviewers", None)
    if tags is None:
        return None
    data = tags.model_dump(mode="json", exclude_none=True)
    return data or None


def reviewers_data(r: DraftReport) -> dict[str, Any] | None:
    """Their reading beside esmtool's: their quadrant, level and comment, and whether the
    quadrants agree (JSON field ``reviewers``; null when the draft keeps no tags)."""
    if not r.reviewers:
        return None
    out: dict[str, Any] = {
        "quadrant": r.reviewers.get("quadrant"),
        "evidence_level": r.reviewers.get("evidence_level"),
        "comment": r.reviewers.get("comment"),
    }
    ours = r.esm.quadrant if r.esm is not None else None
    theirs = out["quadrant"]
    out["quadrant_agrees"] = None if ours is None or theirs is None else ours == theirs
    return out


def check_files(paths: list[str], catalog: Catalog) -> list[DraftReport]:
    return [check_file(p, catalog) for p in paths]


def iter_reports(paths: Iterable[str], catalog: Catalog) -> Iterator[DraftReport]:
    """Each file's review, one at a time: nothing of a draft is kept once it is reported."""
    for p in paths:
        report = check_file(p, catalog)
        report.draft = None
        yield report


@dataclass
class Tally:
    """What a streamed run of ``check`` needs at the end: counts, and the files that failed."""

    checked: int = 0
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    #: reports of files that could not be checked (their errors go to stderr at the end)
    failed: list[DraftReport] = field(default_factory=list)

    def watch(self, reports: Iterable[DraftReport]) -> Iterator[DraftReport]:
        """Pass the reports through, counting them."""
        for r in reports:
            if r.checked:
                self.checked += 1
                for f in r.findings:
                    self.totals[f.severity] += 1
            else:
                self.failed.append(r)
            yield r

    def exit_code(self, *, strict: bool = False) -> int:
        """As :func:`exit_code`, from the counts."""
        if self.failed:
            return EXIT_INPUT
        levels = ("error", "warning") if strict else ("error",)
        return EXIT_FINDINGS if any(self.totals[s] for s in levels) else EXIT_OK

    def overall(self) -> str:
        """As :func:`overall`, from the counts."""
        found = ", ".join(_plural(self.totals[s], s) for s in SEVERITIES)
        text = f"Checked {_plural(self.checked, 'draft')}: {found}."
        if self.failed:
            text += f" {_plural(len(self.failed), 'file')} could not be checked."
        return text


def exit_code(reports: list[DraftReport], *, strict: bool = False) -> int:
    """2 when a file could not be checked; 1 for errors (and warnings with strict); else 0."""
    if any(not r.checked for r in reports):
        return EXIT_INPUT
    levels = {"error", "warning"} if strict else {"error"}
    if any(f.severity in levels for r in reports for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK


# ----- JSON ----------------------------------------------------------------------------------------


def report_data(r: DraftReport) -> dict[str, Any]:
    """One draft's entry of the JSON document (shape documented in esmtool.checks)."""
    if r.esm is None:
        esm: dict[str, Any] = {
            "quadrant": None,
            "quadrant_name": None,
            "reason": "no title or numerator yet",
        }
    else:
        esm = {
            "quadrant": r.esm.quadrant,
            "quadrant_name": QUADRANT_NAMES[r.esm.quadrant],
            "reason": r.esm.reason,
        }
    return {
        "file": r.file,
        "esm": esm,
        "measures": [
            {
                "index": i,
                "text": m.text,
                "quadrant_declared": m.quadrant,
                "quadrant_inferred": inf.quadrant,
                "reason": inf.reason,
            }
            for i, (m, inf) in enumerate(r.measures)
        ],
        "findings": [
            {
                "severity": f.severity,
                "rule": f.rule,
                "path": f.path,
                "line": line,
                "message": f.message,
                "advice": f.advice,
            }
            for f, line in zip(r.findings, r.lines, strict=True)
        ],
        "counts": r.counts(),
        "reviewers": reviewers_data(r),
    }


def render_json(reports: list[DraftReport]) -> str:
    """The JSON document for the files that could be checked."""
    from ..yamlio import dump_json

    return dump_json([report_data(r) for r in reports if r.checked])


def stream_json(reports: Iterable[DraftReport], write: Callable[[str], object]) -> None:
    """The same document as :func:`render_json`, byte for byte, written one draft at a time.

    Nothing is written when no file could be checked (as the command always did).
    """
    import json

    started = False
    for r in reports:
        if not r.checked:
            continue
        text = json.dumps(report_data(r), ensure_ascii=False, indent=2)
        write(("[\n" if not started else ",\n") + "  " + text.replace("\n", "\n  "))
        started = True
    if started:
        write("\n]\n")


# ----- tables --------------------------------------------------------------------------------------

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def summary(r: DraftReport) -> str:
    c = r.counts()
    return ", ".join(_plural(c[s], s) for s in SEVERITIES)


def overall(reports: list[DraftReport]) -> str:
    """One line for stderr: how many drafts were checked and what was found."""
    checked = [r for r in reports if r.checked]
    totals = {s: sum(r.counts()[s] for r in checked) for s in SEVERITIES}
    found = ", ".join(_plural(totals[s], s) for s in SEVERITIES)
    text = f"Checked {_plural(len(checked), 'draft')}: {found}."
    failed = len(reports) - len(checked)
    if failed:
        text += f" {_plural(failed, 'file')} could not be checked."
    return text


def render_tables(reports: list[DraftReport], console: Console) -> None:
    """One table per draft file, under the file's name and the ESM's quadrant."""
    from rich.text import Text

    for n, r in enumerate(x for x in reports if x.checked):
        if n:
            console.print()
        # a path is never broken across lines (it must copy and paste whole)
        console.print(Text(r.file, style="bold underline"), soft_wrap=True)
        if r.esm is not None:
            line = Text("ESM: ", style="bold")
            line.append(f"{quadrant_label(r.esm.quadrant)}. ")
            line.append(r.esm.reason, style="dim")
            console.print(line)
        else:
            console.print(Text("ESM: no title or numerator yet", style="dim"))
        theirs = reviewers_data(r)
        if theirs is not None:
            line = Text("Reviewers: ", style="bold")
            parts = []
            if theirs["quadrant"] is not None:
                agrees = theirs["quadrant_agrees"]
                note = "" if agrees is None else (" (agrees)" if agrees else " (differs)")
                parts.append(f"{quadrant_label(theirs['quadrant'])}{note}")
            if theirs["evidence_level"]:
                parts.append(f"evidence level {theirs['evidence_level']}")
            line.append("; ".join(parts) + (". " if parts else ""))
            if theirs["comment"]:
                line.append(theirs["comment"], style="dim")
            console.print(line)
        console.print(findings_view(r.findings, r.lines))
        if r.findings:
            console.print(Text(summary(r), style="bold"))


def findings_view(
    findings: list[Finding],
    lines: list[int | None] | None = None,
    *,
    labels: bool = False,
    quadrants: Sequence[int] = (),
) -> Any:
    """The findings as one table (severity, where, finding with advice and rule id), or, on a
    terminal too narrow for a word of it, as one block per finding.

    No id, key path or word is ever cut or broken (it is copied into an editor or a command):
    the table is drawn only where every word fits its column; otherwise each finding becomes
    a block, as ``esmtool list`` does (:func:`esmtool.render.as_blocks`).

    ``esmtool check`` prints it per file, with key paths (``esm.targets.2026``) a script or an
    editor can find; the walk's review step shows it with ``labels``: the field as the walk
    and the documents name it ("Target for 2026").
    """
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from ..render import Fitted, as_blocks

    if not findings:
        return Text("No findings.", style="green")
    numbers = lines or [None] * len(findings)
    if labels:
        from ..export.people import field_label

        places = [
            field_label(f.path, quadrants) if f.path else "The draft as a whole" for f in findings
        ]
    else:
        places = [f.path or "(file)" for f in findings]
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("Severity", no_wrap=True)
    # a key path or a field's name is never wrapped: the column is as wide as the widest
    widest = max(len(p) for p in places)
    table.add_column("Where", no_wrap=True, min_width=max(widest, len("line 99999")))
    table.add_column("Finding")
    blocks: list[list[str | Text]] = []
    for f, place, lineno in zip(findings, places, numbers, strict=True):
        severity = Text(f.severity, style=_STYLE[f.severity])
        where = Text(place)
        if lineno is not None:
            where.append(f"\nline {lineno}", style="dim")
        cell = Text(f.message)
        cell.append("\n→ " + f.advice, style="dim")
        cell.append(f"\n({f.rule})", style="dim italic")
        table.add_row(severity, where, cell)
        line = "" if lineno is None else str(lineno)
        blocks.append([place, severity, line, f.message, Text(f.advice, style="dim"), f.rule])
    headers = ["where", "severity", "line", "finding", "advice", "rule"]
    # a blank line after the last block, as the table ends with one
    return Fitted(table, Group(as_blocks(headers, blocks), Text("")))
