"""Review rules on the ESM's wording: its definition, its alignment with the strategy, its clarity.

- ``definition.*``: unit type, numerator, denominator, unit number, title.
- ``alignment.*``: population measure instead of strategy; weak evidence.
- ``clarity.*``: vague wording with nothing counted; no unit form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..draft.rules import is_na
from ..measure_text import clean, content_words, quote, stem, strip_topic, words
from . import patterns
from .base import Finding
from .quadrant import subject

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..catalog.models import Measure, Strategy
    from ..draft import ESM, Draft

#: The reviewers' comment on ESMs that restate the NPM (state ESM database, e.g. Maryland ESM 13.1.1).
REVIEWER_COMMENT = "Population-based ESM; does not align with a specific evidence-based strategy"

#: A restated NPM shares at least this share of the ESM's content words with the NPM's wording.
RESTATE_OVERLAP = 0.6


# ----- 3. definition -----------------------------------------------------------------------------

_PERCENT_START = patterns.compile(
    r"^\s*(?:%|percent(?:age)?\b|proportion\b|share\b)", re.IGNORECASE
)


def _population(text: str) -> set[str]:
    """Content words of the population a numerator or denominator names."""
    found = set(content_words(subject(clean(text).lower())))
    return found or set(content_words(text))


def rule_definition(draft: Draft, catalog: Catalog) -> Iterator[Finding]:
    esm = draft.esm
    ut = esm.unit_type
    # the title against the unit type is in the draft's rule table (esmtool.draft.rules)
    if esm.numerator and _PERCENT_START.match(esm.numerator):
        yield Finding(
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
            yield Finding(
                "warning",
                "definition.numerator-not-subset",
                "esm.numerator",
                f"The numerator ('{quote(esm.numerator)}') does not name the denominator's "
                f"population ('{quote(esm.denominator)}'); the numerator should be the part of "
                "that population that meets the measure.",
                "Start the numerator with the denominator's population, e.g. "
                f"'{quote(esm.denominator, 40)} who …'.",
            )


# ----- 4. alignment ------------------------------------------------------------------------------

_POP_SOURCES = patterns.compile(
    r"\b(?:nsch|national survey of children'?s health|prams|pregnancy risk assessment monitoring"
    r"|nvss|national vital statistics|vital (?:records|statistics)|birth certificates?|death "
    r"certificates?|brfss|behavioral risk factor|yrbss?|youth risk behavior|national immunization"
    r" survey|census|american community survey|hcup|hospital discharge|state inpatient database)",
    re.IGNORECASE,
)
_PROGRAM_DATA = patterns.compile(
    r"\b(?:program|project|initiative|records?|logs?|tracking|sign-?in|attendance|rosters?|"
    r"evaluations?|pre-?\s*(?:and\s*|/\s*)?post|case management|caseload|title v|enrollment|"
    r"registration|redcap|agency data)",
    re.IGNORECASE,
)
_PROGRAM_NAMED = patterns.compile(
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


def rule_alignment(draft: Draft, catalog: Catalog) -> Iterator[Finding]:
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
            yield Finding(
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
            yield Finding(
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
                yield Finding(
                    "info",
                    "alignment.strategy-other-measure",
                    "strategy",
                    f"The strategy is filed under '{strategy.measure}', not '{draft.npm}'.",
                    "Say in the significance how this strategy moves the chosen NPM, or choose "
                    f"a strategy filed under it: `esmtool list strategies --npm {draft.npm}`.",
                )


_VAGUE = patterns.compile(
    r"\b(?:improv(?:e|es|ed|ing)|enhanc(?:e|es|ed|ing)|(?:raise|raising|increase|increasing|"
    r"build|building)\s+(?:\w+\s+)?awareness|promot(?:e|es|ed|ing)|strengthen\w*|foster\w*|"
    r"ensur(?:e|es|ed|ing)|build(?:ing)?\s+capacity|encourag\w*|optimi[sz]\w*)\b",
    re.IGNORECASE,
)
_COUNTED = patterns.compile(
    r"(?:\b(?:number|percent|percentage|proportion|rate|ratio|count|how many)\b|%|#)",
    re.IGNORECASE,
)


def _clarity(text: str | None, path: str, what: str) -> Iterator[Finding]:
    if not text:
        return
    if _COUNTED.search(text) or stem(strip_topic(clean(text)))[0]:
        return
    vague = _VAGUE.search(text)
    if vague:
        yield Finding(
            "warning",
            "clarity.vague",
            path,
            f"The {what} says '{vague.group(0)}' but counts nothing: it cannot be measured as "
            "written.",
            "Say what is counted and how: 'Number of …' or 'Percent of … who …' (e.g. 'Percent "
            "of families enrolled who report increased confidence …').",
        )
    else:
        yield Finding(
            "info",
            "clarity.no-unit-form",
            path,
            f"The {what} does not say what is counted ('Number of …' or 'Percent of …').",
            "Open with the unit form so readers see at once whether it is a count or a share.",
        )


def rule_clarity(draft: Draft, catalog: Catalog) -> Iterator[Finding]:
    yield from _clarity(draft.esm.title, "esm.title", "title")
    for i, m in enumerate(draft.measures):
        yield from _clarity(m.text, f"measures[{i}].text", "measure")
