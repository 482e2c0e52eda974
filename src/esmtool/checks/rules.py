"""The review rules: what an Evidence Center reviewer would say about a draft.

Each rule function looks at one concern and returns findings in the order of
the draft's keys: quadrant, balance and completeness here, the ESM's wording in
:mod:`.definition`, baseline and objectives in :mod:`.targets`. :func:`run` calls them in a fixed order and sorts
the result by severity (a stable sort), so the output is deterministic.

Rule ids (stable; pipelines may filter on them):

- ``reference.*``: npm, strategy or template ids the catalog does not know.
- ``quadrant.mismatch``: a measure's declared quadrant differs from its wording.
- ``balance.*``: the Evidence Center's four tips and RBA's headline measures.
- ``definition.*``: unit type, numerator, denominator, unit number, title.
- ``alignment.*``: population measure instead of strategy; weak evidence.
- ``targets.*``: baseline, annual objectives, direction, range.
- ``completeness.*``: goal, data sources, significance and other required keys.
- ``clarity.*``: vague wording with nothing counted; no unit form.
- The draft's own rules (references, unit number, denominator, ranges, required keys) are
  defined once in :mod:`esmtool.draft.rules`, which the walk and answers files use too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..draft.rules import QUADRANTS, RULES, missing, sentence
from .base import (
    QUADRANT_MEANING,
    SEVERITIES,
    Finding,
    Inference,
    Severity,
    quadrant_label,
    quadrant_of,
)
from .definition import rule_alignment, rule_clarity, rule_definition
from .quadrant import focus, infer_quadrant
from .targets import rule_targets

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..draft import Draft, MeasureEntry

_Out = Iterator[Finding]


def _f(severity: Severity, rule: str, path: str, message: str, advice: str) -> Finding:
    return Finding(severity, rule, path, message, advice)


# ----- inferences --------------------------------------------------------------------------------


def esm_inference(draft: Draft) -> Inference | None:
    """The ESM's own quadrant (from title, unit type, numerator, denominator); None without wording."""
    esm = draft.esm
    if not (esm.title or esm.numerator):
        return None
    return infer_quadrant(
        esm.title or "",
        unit_type=esm.unit_type,
        numerator=esm.numerator,
        denominator=esm.denominator,
    )


def measure_inference(entry: MeasureEntry, catalog: Catalog | None) -> Inference:
    """A measure's quadrant. Without a unit form in its wording, the declared quantity/quality stays."""
    unit_type = None
    if entry.template and catalog is not None:
        try:
            unit_type = catalog.template(entry.template).unit_type
        except Exception:  # an unknown template is reported by the reference rules
            unit_type = None
    inf = infer_quadrant(entry.text, unit_type=unit_type)
    if inf.form_known:
        return inf
    quality = entry.quadrant in (2, 4)
    q = quadrant_of(quality, inf.focus == "effect")
    form_why = (
        "no unit form in the wording ('Number of …' or 'Percent of …'), so the declared "
        f"{'quality' if quality else 'quantity'} is kept"
    )
    why = focus(entry.text).why
    return Inference(
        quadrant=q,
        reason=f"{form_why}; {why} → {quadrant_label(q)}",
        form="quality" if quality else "quantity",
        form_known=False,
        focus=inf.focus,
        cue=inf.cue,
        basis=inf.basis,
    )


# ----- reference ---------------------------------------------------------------------------------


def _table(draft: Draft, catalog: Catalog, *, references: bool) -> _Out:
    """The draft's own rules (:mod:`esmtool.draft.rules`), each with its rule id and advice."""
    for rule in RULES:
        if rule.id.startswith("reference.") == references:
            for path, message in rule.find(draft, catalog):
                yield _f(rule.severity, rule.id, path, sentence(message), rule.advice)


# ----- 1. quadrant -------------------------------------------------------------------------------


def _mismatch_advice(declared: int, inf: Inference) -> str:
    q = inf.quadrant
    if inf.basis == "satisfaction":
        return (
            "RBA sources disagree on satisfaction: RBA usually reads it as quality of effort, "
            "while some MCHbest sample ESMs put it in Quadrants 3–4. To keep Quadrant "
            f"{declared}, ask what changed for the people served (confidence, knowledge, a "
            f"behavior) rather than satisfaction; otherwise move it to Quadrant {q}."
        )
    declared_effect, inferred_effect = declared >= 3, q >= 3
    if declared_effect and not inferred_effect:
        return (
            "Say who is better off and how (a change in skills/knowledge, attitude, behavior or "
            f"circumstance, e.g. '… who report increased …'), or move the measure to Quadrant {q}."
        )
    if inferred_effect and not declared_effect:
        return (
            f"If the measure counts people who are better off, move it to Quadrant {q}; if it "
            "counts the service itself, reword it to name the service (e.g. '… who received …')."
        )
    return (
        "Quadrants 1 and 3 are counts ('Number of …'); Quadrants 2 and 4 are percentages "
        f"('Percent of …'): reword the measure's unit form or move it to Quadrant {q}."
    )


def _rule_quadrant(draft: Draft, catalog: Catalog) -> _Out:
    for i, m in enumerate(draft.measures):
        inf = measure_inference(m, catalog)
        if inf.quadrant == m.quadrant:
            continue
        yield _f(
            "warning",
            "quadrant.mismatch",
            f"measures[{i}].quadrant",
            f"Declared {quadrant_label(m.quadrant)}, but the wording reads as "
            f"{quadrant_label(inf.quadrant)}. Declared: {QUADRANT_MEANING[m.quadrant]}. "
            f"Inferred: {inf.reason}.",
            _mismatch_advice(m.quadrant, inf),
        )


# ----- 2. balance --------------------------------------------------------------------------------


def _rule_balance(draft: Draft, catalog: Catalog) -> _Out:
    esm_inf = esm_inference(draft)
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
)


def run(draft: Draft, catalog: Catalog) -> list[Finding]:
    """Every finding for one draft: errors first, then warnings, then info; stable within each."""
    findings: list[Finding] = list(_table(draft, catalog, references=True))
    for rule in _RULES:
        findings.extend(rule(draft, catalog))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: order[f.severity])
