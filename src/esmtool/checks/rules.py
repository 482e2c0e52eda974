"""The review rules: what an Evidence Center reviewer would say about a draft.

Each ``_rule_*`` function looks at one concern and returns findings in the
order of the draft's keys. :func:`run` calls them in a fixed order and sorts
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
  ``completeness.leftover-text``, ``alignment.numerator-population``.
- ``draft.rule``: a problem the draft schema's own rules report that no rule above covers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..draft import RATE_UNITS, missing_keys, rule_problems
from .base import (
    SEVERITIES,
    Finding,
    Severity,
    quadrant_label,
)
from .quadrant import subject
from .quadrant_rule import (
    _rule_quadrant,
    catalog_reading_differs,
    declared_effect,
    esm_inference,
    measure_inference,
)
from .text import clean, content_words, is_na, quote, stem, strip_topic, title_stem, words
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
    from ..draft import ESM, Draft
    from ..errors import Problem
    from ..models import Measure, Strategy

#: The reviewers' comment on ESMs that restate the NPM (state ESM database, e.g. Maryland ESM 13.1.1).
REVIEWER_COMMENT = "Population-based ESM; does not align with a specific evidence-based strategy"

#: A restated NPM shares at least this share of the ESM's content words with the NPM's wording.
RESTATE_OVERLAP = 0.6

_Out = Iterator[Finding]


def _f(severity: Severity, rule: str, path: str, message: str, advice: str) -> Finding:
    return Finding(severity, rule, path, message, advice)


# ----- reference ---------------------------------------------------------------------------------


#: Advice for the catalog-reference problems that the draft's own validation finds.
_REFERENCE_ADVICE = {
    "reference.unknown-npm": "See `esmtool list npms` for the codes.",
    "reference.unknown-strategy": "See `esmtool list strategies --npm CODE`.",
    "reference.unknown-template": (
        "See `esmtool list templates`, or remove the template key and keep the text."
    ),
    "reference.unknown-slot": "Rename the slot to one of the template's slots, or remove it.",
}


def _reference(problems: list[Problem]) -> _Out:
    """Measure, strategy, template and slot names the catalog does not know.

    The draft's validation (``draft.rule_problems``) finds these; check only adds advice.
    """
    for p in problems:
        advice = _REFERENCE_ADVICE.get(p.rule)
        if advice is not None:
            message = p.message[:1].upper() + p.message[1:]
            yield _f("error", p.rule, p.where, message.rstrip(".") + ".", advice)


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
    by_q = {q: sum(1 for m in ms if m.quadrant == q) for q in (1, 2, 3, 4)}
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


# ----- 3. definition -----------------------------------------------------------------------------

_PERCENT_START = re.compile(r"^\s*(?:%|percent(?:age)?\b|proportion\b|share\b)", re.IGNORECASE)


def _population(text: str) -> set[str]:
    """Content words of the population a numerator or denominator names."""
    found = set(content_words(subject(clean(text).lower())))
    return found or set(content_words(text))


def _rule_definition(draft: Draft, catalog: Catalog) -> _Out:
    esm = draft.esm
    ut = esm.unit_type
    if ut in ("percentage", "rate") and esm.denominator is not None and is_na(esm.denominator):
        yield _f(
            "error",
            "definition.denominator-missing",
            "esm.denominator",
            f"A {ut} needs a denominator, but it is '{esm.denominator}'.",
            "Name everyone who could be counted in the numerator (e.g. all families enrolled), "
            "or choose unit type count.",
        )
    if ut == "count" and not is_na(esm.denominator):
        yield _f(
            "error",
            "definition.count-has-denominator",
            "esm.denominator",
            "A count has no denominator.",
            "Leave the denominator empty (or 'NA'), or choose unit type percentage if the "
            "measure is a share of a group.",
        )
    if ut == "percentage" and esm.unit_number is not None and esm.unit_number != 100:
        yield _f(
            "error",
            "definition.unit-number",
            "esm.unit_number",
            f"A percentage has unit number 100, not {esm.unit_number:,}.",
            "Set unit_number to 100, or choose unit type rate for 'per 1,000'-style measures.",
        )
    if ut == "rate" and esm.unit_number is not None:
        if esm.unit_number < 1000:
            yield _f(
                "error",
                "definition.unit-number",
                "esm.unit_number",
                f"A rate is given per 1,000 or more, not per {esm.unit_number:,}.",
                "Use 1,000, 10,000 or 100,000; for 'per 100' choose unit type percentage.",
            )
        elif esm.unit_number not in RATE_UNITS:
            yield _f(
                "warning",
                "definition.unit-number",
                "esm.unit_number",
                f"A rate per {esm.unit_number:,} is unusual.",
                "Rates are usually given per 1,000, 10,000 or 100,000, which makes them "
                "comparable with other states and years.",
            )
    yield from _title_unit(esm)
    if esm.numerator and _PERCENT_START.match(esm.numerator):
        yield _f(
            "warning",
            "definition.numerator-is-percentage",
            "esm.numerator",
            f"The numerator ('{quote(esm.numerator)}') is worded as a percentage.",
            "The numerator is a count of people or events (e.g. 'Families enrolled who …'); "
            "the percentage is the result of dividing it by the denominator.",
        )
    if (
        ut in ("percentage", "rate")
        and esm.numerator
        and esm.denominator
        and not is_na(esm.denominator)
    ):
        den = _population(esm.denominator)
        num = set(content_words(esm.numerator))
        if den and not den & num:
            yield _f(
                "warning",
                "definition.numerator-not-subset",
                "esm.numerator",
                f"The numerator ('{quote(esm.numerator)}') does not name the denominator's "
                f"population ('{quote(esm.denominator)}'); the numerator should be the part of "
                "that population that meets the measure.",
                "Start the numerator with the denominator's population, e.g. "
                f"'{quote(esm.denominator, 40)} who …'.",
            )


def _title_unit(esm: ESM) -> _Out:
    ts, ut = title_stem(esm.title), esm.unit_type
    if ts is None or ut is None:
        return
    said = {"quantity": "'Number of …'", "quality": "'Percent of …'", "rate": "'Rate of …'"}[ts]
    if (ts == "quantity" and ut in ("percentage", "rate")) or (
        ts in ("quality", "rate") and ut == "count"
    ):
        severity: Severity = "error"
    elif ts == "quality" and ut == "rate":
        severity = "warning"
    else:
        return
    yield _f(
        severity,
        "definition.title-unit-mismatch",
        "esm.title",
        f"The title reads {said} but the unit type is {ut}.",
        "Make the title and unit type agree: 'Number of …' is a count, 'Percent of …' a "
        "percentage (unit number 100), 'Rate of … per 1,000' a rate.",
    )


# ----- 4. alignment ------------------------------------------------------------------------------

_POP_SOURCES = re.compile(
    r"\b(?:nsch|national survey of children'?s health|prams|pregnancy risk assessment monitoring"
    r"|nvss|national vital statistics|vital (?:records|statistics)|birth certificates?|death "
    r"certificates?|brfss|behavioral risk factor|yrbss?|youth risk behavior|national immunization"
    r" survey|census|american community survey|hcup|hospital discharge|state inpatient database)",
    re.IGNORECASE,
)
_PROGRAM_DATA = re.compile(
    r"\b(?:program|project|initiative|records?|logs?|tracking|sign-?in|attendance|rosters?|"
    r"evaluations?|pre-?\s*(?:and\s*|/\s*)?post|case management|caseload|title v|enrollment|"
    r"registration|redcap|agency data)",
    re.IGNORECASE,
)
_PROGRAM_NAMED = re.compile(
    r"\b(?:programs?|projects?|initiatives?|title v|enrolled|enrollees?|participants?|"
    r"participating|participated|clients?|served|trained|caseload|cohort|wic|healthy start|"
    r"home visit\w*|family visiting|miechv|grantees?|funded|contracted|our)\b",
    re.IGNORECASE,
)
#: Words of a strategy's name too common to say the ESM names the strategy.
_GENERIC = words(
    """health care service program support child woman family parent youth adolescent infant
    provider community based strategy approach improvement system access"""
)


def _npm_words(measure: Measure, catalog: Catalog) -> set[str]:
    found: set[str] = set()
    chain = [measure]
    if measure.parent and measure.parent in catalog.measures:
        chain.append(catalog.measures[measure.parent])
    for m in chain:
        for text in (m.name, m.goal, m.definition, m.numerator, m.denominator):
            found.update(content_words(text))
    return found


def _names_program(esm: ESM, strategy: Strategy | None) -> bool:
    texts = " ".join(t for t in (esm.title, esm.numerator, esm.denominator) if t)
    if _PROGRAM_NAMED.search(texts):
        return True
    if strategy is None:
        return False
    own = set(content_words(strategy.name)) - _GENERIC
    return bool(own & set(content_words(texts)))


def _overlap(text: str | None, npm: set[str]) -> tuple[float, list[str]]:
    own = list(dict.fromkeys(content_words(stem(strip_topic(clean(text or "")))[1])))
    if len(own) < 3:
        return 0.0, []
    shared = [w for w in own if w in npm]
    return len(shared) / len(own), shared


def _rule_alignment(draft: Draft, catalog: Catalog) -> _Out:
    esm = draft.esm
    measure = catalog.measures.get(draft.npm or "")
    strategy = catalog.strategies.get(draft.strategy or "")
    if (esm.title or esm.numerator) and not _names_program(esm, strategy):
        reasons: list[str] = []
        src = _POP_SOURCES.search(esm.data_sources or "")
        if src and not _PROGRAM_DATA.search(esm.data_sources or ""):
            reasons.append(f"its data source ({src.group(0)}) is a population survey or record")
        if measure is not None:
            npm = _npm_words(measure, catalog)
            best = max((_overlap(esm.title, npm), _overlap(esm.numerator, npm)))
            if best[0] >= RESTATE_OVERLAP:
                reasons.append(f"its wording repeats the measure's own ({', '.join(best[1][:6])})")
        if reasons:
            yield _f(
                "warning",
                "alignment.population-measure",
                "esm.title",
                "The ESM reads as the NPM's population measure rather than a measure of the "
                f"state's strategy: {' and '.join(reasons)}, and it names no program, "
                f'participants or activity. Reviewers\' most common comment: "{REVIEWER_COMMENT}".',
                "Measure what the strategy does, or changes for the people it serves: name the "
                "program and its participants and use its own data (program records), e.g. "
                "'Percent of families enrolled in <program> who …'.",
            )
    if strategy is not None:
        emerging = catalog.evidence_rank("emerging")
        if strategy.evidence == "unrated" or catalog.evidence_rank(strategy.evidence) > emerging:
            label = catalog.evidence_label(strategy)
            yield _f(
                "info",
                "alignment.evidence-weak",
                "strategy",
                f"The strategy '{strategy.name}' is rated '{label}', weaker than Emerging "
                "Evidence or not rated.",
                "Cite the studies or expert guidance behind the strategy in the significance, "
                "or compare stronger strategies: `esmtool list strategies --npm "
                f"{strategy.measure} --min-evidence emerging`.",
            )
        if draft.npm and measure is not None and strategy.measure != draft.npm:
            related = {measure.code, measure.parent}
            other = catalog.measures.get(strategy.measure)
            if other is not None:
                related.add(other.parent)
            if strategy.measure not in related and draft.npm not in related - {measure.code}:
                yield _f(
                    "info",
                    "alignment.strategy-other-measure",
                    "strategy",
                    f"The strategy is filed under '{strategy.measure}', not '{draft.npm}'.",
                    "Say in the significance how this strategy moves the chosen NPM, or choose "
                    f"a strategy filed under it: `esmtool list strategies --npm {draft.npm}`.",
                )


# ----- 5. targets --------------------------------------------------------------------------------


def _num(v: float) -> str:
    return f"{v:g}"


def _rule_targets(draft: Draft, catalog: Catalog) -> _Out:
    esm = draft.esm
    ut = esm.unit_type
    targets = sorted((esm.targets or {}).items())
    base = esm.baseline
    values = ([("esm.baseline.value", base.value)] if base else []) + [
        (f"esm.targets.{y}", v) for y, v in targets
    ]
    for path, v in values:
        if ut == "percentage" and not 0 <= v <= 100:
            yield _f(
                "error",
                "targets.out-of-range",
                path,
                f"{_num(v)} is not a percentage between 0 and 100.",
                "Write the percentage itself (45 for 45%), between 0 and 100.",
            )
        elif ut in ("count", "rate") and v < 0:
            yield _f(
                "error",
                "targets.out-of-range",
                path,
                f"{_num(v)} is negative; a {ut} cannot be.",
                "Use zero or a positive number.",
            )
    if base and targets and base.year >= targets[0][0]:
        yield _f(
            "warning",
            "targets.baseline-year",
            "esm.baseline.year",
            f"The baseline year {base.year} is not before the first objective ({targets[0][0]}).",
            "The baseline is the latest figure before the objectives start; use an earlier "
            "year, or start the objectives after it.",
        )
    d = esm.direction
    if d is None or not targets:
        return
    sign = 1 if d == "increase" else -1
    if base is not None and (targets[0][1] - base.value) * sign < 0:
        y, v = targets[0]
        yield _f(
            "warning",
            "targets.against-baseline",
            f"esm.targets.{y}",
            f"The {y} objective ({_num(v)}) moves against the declared direction ({d}) "
            f"from the baseline ({_num(base.value)} in {base.year}).",
            f"Objectives for an '{d}' measure should {d} from the baseline; check the figure "
            "or the direction.",
        )
    for (y0, v0), (y1, v1) in itertools.pairwise(targets):
        if (v1 - v0) * sign < 0:
            yield _f(
                "warning",
                "targets.against-direction",
                f"esm.targets.{y1}",
                f"The {y1} objective ({_num(v1)}) moves against the declared direction ({d}) "
                f"from {y0} ({_num(v0)}).",
                f"Each year's objective should {d} (or hold) from the year before; check the "
                "figure or the direction.",
            )
    start = base.value if base is not None else targets[0][1]
    if (base is not None or len(targets) > 1) and all(v == start for _, v in targets):
        yield _f(
            "info",
            "targets.flat",
            "esm.targets",
            f"Every objective equals {'the baseline' if base is not None else 'the first'} "
            f"({_num(start)}): the measure is not expected to {d}.",
            "Set objectives that move in the declared direction, or explain in the data issues "
            "why holding steady is the goal (for example, the baseline is already at its ceiling).",
        )


# ----- 6. completeness and clarity ---------------------------------------------------------------

_MISSING: dict[str, tuple[str, str, str]] = {
    # key: (rule, message, advice)
    "esm.numerator": (
        "definition.numerator-missing",
        "The numerator is missing.",
        "Say exactly who or what is counted, e.g. 'Families enrolled in care coordination who …'.",
    ),
    "esm.denominator": (
        "definition.denominator-missing",
        "A percentage or rate needs a denominator, and it is missing.",
        "Name everyone who could be counted in the numerator, e.g. 'Families enrolled in care "
        "coordination'.",
    ),
    "esm.unit_number": (
        "definition.unit-number",
        "A rate needs a unit number (per 1,000, 10,000 or 100,000), and it is missing.",
        "Set unit_number to 1000, 10000 or 100000.",
    ),
    "esm.baseline": (
        "targets.baseline-missing",
        "The baseline (the latest figure before the objectives) is missing.",
        "Add baseline: {year: YYYY, value: N}; if there are no data yet, say so in data issues.",
    ),
    "esm.targets": (
        "targets.missing",
        "Annual objectives (targets) are missing.",
        "Add one numeric objective per year, e.g. targets: {2026: 45, 2027: 48}.",
    ),
    "esm.direction": (
        "targets.direction-missing",
        "The direction (increase or decrease) is missing.",
        "Say whether a higher value is better (increase) or a lower one (decrease).",
    ),
    "esm.goal": (
        "completeness.goal-missing",
        "The goal is missing.",
        "State in one sentence what the strategy aims to achieve for the NPM's population.",
    ),
    "esm.data_sources": (
        "completeness.data-sources-missing",
        "The data sources are missing.",
        "Name where the numerator and denominator come from (e.g. program records, a database).",
    ),
    "esm.significance": (
        "completeness.significance-missing",
        "The significance is missing.",
        "Explain why the strategy should move the NPM, citing its evidence (the MCHbest rating).",
    ),
}


def _rule_completeness(draft: Draft, catalog: Catalog) -> _Out:
    for key in missing_keys(draft):
        rule, message, advice = _MISSING.get(
            key,
            (
                "completeness.missing",
                f"'{key}' is required but missing.",
                "Fill it in (in the file, or with `esmtool draft --resume FILE`).",
            ),
        )
        yield _f("error", rule, key, message, advice)


_VAGUE = re.compile(
    r"\b(?:improv(?:e|es|ed|ing)|enhanc(?:e|es|ed|ing)|(?:raise|raising|increase|increasing|"
    r"build|building)\s+(?:\w+\s+)?awareness|promot(?:e|es|ed|ing)|strengthen\w*|foster\w*|"
    r"ensur(?:e|es|ed|ing)|build(?:ing)?\s+capacity|encourag\w*|optimi[sz]\w*)\b",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"(?:\b(?:number|percent|percentage|proportion|rate|ratio|count|how many)\b|%|#)",
    re.IGNORECASE,
)


def _clarity(text: str | None, path: str, what: str) -> _Out:
    if not text:
        return
    if _COUNTED.search(text) or stem(strip_topic(clean(text)))[0]:
        return
    vague = _VAGUE.search(text)
    if vague:
        yield _f(
            "warning",
            "clarity.vague",
            path,
            f"The {what} says '{vague.group(0)}' but counts nothing: it cannot be measured as "
            "written.",
            "Say what is counted and how: 'Number of …' or 'Percent of … who …' (e.g. 'Percent "
            "of families enrolled who report increased confidence …').",
        )
    else:
        yield _f(
            "info",
            "clarity.no-unit-form",
            path,
            f"The {what} does not say what is counted ('Number of …' or 'Percent of …').",
            "Open with the unit form so readers see at once whether it is a count or a share.",
        )


def _rule_clarity(draft: Draft, catalog: Catalog) -> _Out:
    yield from _clarity(draft.esm.title, "esm.title", "title")
    for i, m in enumerate(draft.measures):
        yield from _clarity(m.text, f"measures[{i}].text", "measure")


# ----- all rules ---------------------------------------------------------------------------------

_RULES = (
    _rule_quadrant,
    _rule_balance,
    _rule_definition,
    _rule_alignment,
    _rule_targets,
    _rule_completeness,
    _rule_clarity,
    *WORDING_RULES,
)


def _covered(path: str, findings: list[Finding]) -> bool:
    return any(f.path == path or path.startswith(f.path + ".") for f in findings)


def run(draft: Draft, catalog: Catalog) -> list[Finding]:
    """Every finding for one draft: errors first, then warnings, then info; stable within each."""
    problems = rule_problems(draft, catalog)  # the draft's own validation, run once
    findings: list[Finding] = list(_reference(problems))
    for rule in _RULES:
        findings.extend(rule(draft, catalog))
    for p in problems:
        if not _covered(p.where, findings):
            findings.append(
                _f(
                    "error",
                    "draft.rule",
                    p.where,
                    p.message[:1].upper() + p.message[1:] + ".",
                    "Fix this value: `esmtool draft` refuses a draft with this problem.",
                )
            )
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: order[f.severity])
