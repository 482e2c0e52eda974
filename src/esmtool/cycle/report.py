"""The report of ``esmtool progress``: one draft's figures and findings as data, and their words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .progress import _num, _t, findings, progress

if TYPE_CHECKING:
    from ..checks.base import Finding
    from ..draft import Draft


def finding_list(draft: Draft, year: int | None = None) -> list[Finding]:
    """The progress findings as :class:`esmtool.checks.Finding` (severity and advice from the rule table)."""
    from ..checks.base import Finding
    from ..draft.rules import PROGRESS_RULES, sentence

    rules = {r.id: r for r in PROGRESS_RULES}
    order = {"error": 0, "warning": 1, "info": 2}
    out = [
        Finding(rules[rid].severity, rid, path, sentence(msg), rules[rid].advice)
        for rid, path, msg in ((f"progress.{k}", p, m) for k, p, m in findings(draft, year))
    ]
    return sorted(out, key=lambda f: order[f.severity])


def report(source: str, draft: Draft, year: int | None = None) -> dict[str, Any]:
    """One draft's entry in ``esmtool progress --format json`` (README documents the keys)."""
    esm = draft.esm
    p = progress(draft)
    return {
        "file": source,
        "esm": {
            "id": esm.id,
            "title": esm.title,
            "unit_type": esm.unit_type,
            "unit_number": esm.unit_number,
            "direction": esm.direction,
            "baseline": None
            if esm.baseline is None
            else {"year": esm.baseline.year, "value": _num(esm.baseline.value)},
        },
        **p.to_json(),
        "findings": [
            {
                "severity": f.severity,
                "rule": f.rule,
                "path": f.path,
                "message": f.message,
                "advice": f.advice,
            }
            for f in finding_list(draft, year)
        ],
    }


def met_text(met: bool | None) -> str:
    return {True: "met", False: "not met", None: ""}[met]


def change_text(change: float | None) -> str:
    if change is None:
        return ""
    arrow = "↑" if change > 0 else "↓" if change < 0 else "→"
    return f"{arrow} {'+' if change > 0 else ''}{_t(change)}"


def share_text(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100):d}%"
