"""The review rules: what an Evidence Center reviewer would say about a draft.

Each rule function looks at one concern and returns findings in the order of
the draft's keys: quadrant, balance and completeness here, the ESM's wording in
:mod:`.definition`, baseline and objectives in :mod:`.targets`. :func:`run` calls them in a fixed order and sorts
the result by severity (a stable sort), so the output is deterministic.

Rule ids (stable; pipelines may filter on them):

- ``reference.*``: npm, strategy or template ids the catalog does not know.
- ``quadrant.mismatch``: a measure's declared quadrant differs from its wording (warning).
- ``quadrant.catalog-reading``: the same, where the declared quadrant is the catalog's own
  (a bundled sample measure or template): info naming both readings.
- ``quadrant.effect-declared``: the measure's ``effect`` answer contradicts a clear reading (info).
- ``quadrant.effect-undecided``: the wording leaves effort-or-effect open and the declared
  quadrant is an effect one (info; ``effect: true`` records the answer).
- ``balance.*``: the Evidence Center's four tips and RBA's headline measures.
- ``definition.*``: unit type, numerator, denominator, unit number, title.
- ``alignment.*``: population measure instead of strategy; weak evidence.
- ``targets.*``: baseline, annual objectives, direction, range.
- ``completeness.*``: goal, data sources, significance and other required keys.
- ``clarity.*``: vague wording with nothing counted; no unit form.
- wording (:mod:`.wording`): ``definition.title-direction``, ``alignment.significance-stale``,
  ``completeness.leftover-text``, ``completeness.slot-example``, ``alignment.numerator-population``.
- The draft's own rules (references, unit number, denominator, ranges, required keys) are
  defined once in :mod:`esmtool.draft.rules`, which the walk and answers files use too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..draft.rules import QUADRANTS, RULES, missing, sentence
from .base import SEVERITIES, Finding, Severity, quadrant_label
from .definition import rule_alignment, rule_clarity, rule_definition
from .quadrant_rule import (
    _rule_quadrant,
    catalog_reading_differs,
    declared_effect,
    esm_inference,
    measure_inference,
)
from .targets import rule_targets
from .wording import RULES as WORDING_RULES

__all__ = [
    "catalog_reading_differs",
    "declared_effect",
    "esm_inference",
    "measure_inference",
    "run",
]

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..draft import Draft

_Out = Iterator[Finding]


def _f(severity: Severity, rule: str, path: str, message: str, advice: str) -> Finding:
    return Finding(severity, rule, path, message, advice)


# ----- reference ---------------------------------------------------------------------------------


def _table(draft: Draft, catalog: Catalog, *, references: bool) -> _Out:
    """The draft's own rules (:mod:`esmtool.draft.rules`), each with its rule id and advice."""
    for rule in RULES:
        if rule.id.startswith("reference.") == references:
            for path, message in rule.find(draft, catalog):
                yield _f(rule.severity, rule.id, path, sentence(message), rule.advice)


# ----- 2. balance --------------------------------------------------------------------------------


def _rule_balance(draft: Draft, catalog: Catalog) -> _Out:
    esm_inf = esm_inference(draft, catalog)
    if esm_inf is not None and esm_inf.form_known and esm_inf.quadrant == 1:
        yield _f(
            "info",
            "balance.esm-quantity-of-effort",
            "esm.title",
            "The ESM itself measures quantity of effort (Quadrant 1: how much did we do?).",
            "The Evidence Center's tips: move from quantity to quality and from effort to "
            "effect. A percentage of those served (Quadrant 2) or of those better off "
            "(Quadrant 4) usually tells reviewers more.",
        )
    ms = draft.measures
    n = len(ms)
    if n == 0:
        yield _f(
            "info",
            "balance.no-measures",
            "measures",
            "The draft has no RBA measure set; only the ESM itself is measured.",
            "Add a few performance measures by quadrant (`esmtool draft` offers templates), "
            "most of them in Quadrants 2 and 4.",
        )
        return
    by_q = {q: sum(1 for m in ms if m.quadrant == q) for q in QUADRANTS}
    if by_q[1] * 2 > n:
        yield _f(
            "warning",
            "balance.mostly-quadrant-1",
            "measures",
            f"{by_q[1]} of {n} measures are in Quadrant 1 (how much did we do?).",
            "Use Quadrant 1 sparingly, when no other data exist; replace or pair these counts "
            "with Quadrant 2 (how well) and Quadrant 4 (who is better off) measures.",
        )
    if (by_q[2] + by_q[4]) * 2 < n:
        yield _f(
            "info",
            "balance.few-quality",
            "measures",
            f"{by_q[2] + by_q[4]} of {n} measures are in Quadrants 2 and 4.",
            "The most effective measurement combines all levels, with most measures in "
            "Quadrants 2 and 4 (percentages of those served).",
        )
    if by_q[3] + by_q[4] == 0:
        skipped = {3, 4} & set(draft.skipped_quadrants)
        extra = " (Quadrants 3 and 4 are marked as skipped)" if skipped == {3, 4} else ""
        yield _f(
            "warning",
            "balance.effort-only",
            "measures",
            f"No measure goes beyond effort: none in Quadrant 3 or 4{extra}.",
            "Move from effort to effect: add a measure of who is better off (a change in "
            "skills/knowledge, attitude, behavior or circumstance). If there are no data yet, "
            "put it on your data development agenda.",
        )
    heads = [i for i, m in enumerate(ms) if m.headline]
    if len(heads) > 5:
        yield _f(
            "warning",
            "balance.too-many-headlines",
            "measures",
            f"{len(heads)} measures are marked as headline measures.",
            "Choose at most 4–5 headline measures: the few you report and watch most closely.",
        )
    for i in heads:
        if ms[i].quadrant in (1, 2):
            yield _f(
                "warning",
                "balance.headline-effort",
                f"measures[{i}].headline",
                f"A headline measure is in {quadrant_label(ms[i].quadrant)}.",
                "Headline measures come from the better-off quadrants (3 and 4) where the data "
                "are good; unmark this one or choose a Quadrant 3 or 4 measure.",
            )


# ----- 6. completeness and clarity ---------------------------------------------------------------


def _rule_completeness(draft: Draft, catalog: Catalog) -> _Out:
    for r in missing(draft):
        yield _f("error", r.rule, r.key, r.message, r.advice)


def _values(draft: Draft, catalog: Catalog) -> _Out:
    """Unit number, denominator, ranges: the draft's own rules other than catalog references."""
    return _table(draft, catalog, references=False)


# ----- all rules ---------------------------------------------------------------------------------

_RULES = (
    _rule_quadrant,
    _rule_balance,
    _values,
    rule_definition,
    rule_alignment,
    rule_targets,
    _rule_completeness,
    rule_clarity,
    *WORDING_RULES,
)


def run(draft: Draft, catalog: Catalog) -> list[Finding]:
    """Every finding for one draft: errors first, then warnings, then info; stable within each."""
    findings: list[Finding] = list(_table(draft, catalog, references=True))
    for rule in _RULES:
        findings.extend(rule(draft, catalog))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: order[f.severity])
