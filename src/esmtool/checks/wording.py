"""Review rules on a draft's wording: what a reviewer reads before the numbers.

Rule ids (stable; registered in :mod:`.rules`):

- ``definition.title-direction`` (warning): the title states a desired direction
  ("Increase the percent of …"). HRSA's detail-sheet guidance: a measure's title
  does not indicate a direction (that is the ``direction`` key). The advice gives
  the title rewritten.
- ``alignment.significance-stale`` (warning): the significance names an evidence
  rating, or a catalog strategy, that is not the draft's (left over after the
  strategy changed).
- ``completeness.leftover-text`` (warning): text left from a default or an example
  ("for example …", "{slot}", "TBD", "[insert …]").
- ``completeness.slot-example`` (info): a template's blank answered with the template's own
  example. The walk shows an example only as a hint, never as a value, so such an answer was
  typed: often it is right ("patient navigators"); the finding asks to make sure.
- ``alignment.numerator-population`` (info): the numerator counts people (or
  events) of another kind than the strategy serves (it trains providers, the ESM
  counts births), with the reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..measure_text import clean, quote, singular, stem, strip_topic
from . import patterns
from .base import Finding
from .reading import subject

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..catalog.models import Strategy
    from ..draft import Draft

_Out = Iterator[Finding]

# ----- the title states a direction -------------------------------------------------------------

_TITLE_DIRECTION = patterns.compile(
    r"^(?:to\s+)?(increase|increasing|decrease|decreasing|reduce|reducing|improve|improving|"
    r"raise|lower|maintain|grow|expand|boost|enhance|sustain)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_ESM_ID = patterns.compile(r"^\s*(?:esm\s*)?\d+(?:\.\d+)*\s*[:.\-–]?\s+", re.IGNORECASE)


def title_without_direction(title: str) -> str | None:
    """The title rewritten without its direction, when what remains opens with a unit form."""
    m = _ESM_ID.match(title)
    prefix, rest = (title[: m.end()], title[m.end() :]) if m else ("", title)
    d = _TITLE_DIRECTION.match(rest)
    if d is None:
        return None
    remainder = rest[d.end() :].strip()
    if not remainder or stem(remainder)[0] is None:
        return None
    return prefix + remainder[:1].upper() + remainder[1:]


def _rule_title_direction(draft: Draft, catalog: Catalog) -> _Out:
    title = draft.esm.title
    if not title:
        return
    body = _ESM_ID.sub("", title, count=1)
    d = _TITLE_DIRECTION.match(body)
    if d is None:
        return
    rewritten = title_without_direction(title)
    advice = (
        f"Write it as '{rewritten}' and keep the direction in the direction key."
        if rewritten
        else "Name what is counted ('Number of …' or 'Percent of … who …') and keep the "
        "direction in the direction key."
    )
    yield Finding(
        "warning",
        "definition.title-direction",
        "esm.title",
        f"The title states a direction ('{d.group(1)}'); HRSA's detail-sheet guidance says a "
        "measure's title should not indicate the desired direction.",
        advice,
    )


# ----- the significance names another rating or strategy ----------------------------------------


@functools.lru_cache(maxsize=4096)
def _phrase(text: str) -> re.Pattern[str]:
    """The words of ``text`` as a pattern, compiled once per process (a plan check over 600
    drafts compiled the catalog's strategy names again for every draft)."""
    words = [re.escape(w) for w in text.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)


def _may_name(name: str, lowered: str, ascii_text: bool) -> bool:
    """False only when the text cannot name ``name``: its first word is not in the text.

    (For ASCII text and names, where ignoring case is lowercasing; other text is always
    searched.) Most names are not in a text, and each search compiles a pattern first.
    """
    first = name.split()[:1]
    return not (first and ascii_text and name.isascii()) or first[0].lower() in lowered


@functools.lru_cache(maxsize=4096)
def _id_pattern(sid: str, boundary: str) -> re.Pattern[str]:
    if boundary == "word":
        return re.compile(rf"\b{re.escape(sid)}\b")
    return re.compile(rf"(?<![\w-]){re.escape(sid)}(?![\w-])")


def _ratings_named(text: str, catalog: Catalog) -> dict[str, str]:
    """Evidence levels the text names (level id → the words used). One-word aliases are skipped:
    'moderate' or 'mixed' alone is ordinary prose."""
    found: dict[str, str] = {}
    lowered, ascii_text = text.lower(), text.isascii()
    for level in catalog.evidence.values():
        names = {level.label, *level.aliases} | ({level.wwfh} if level.wwfh else set())
        for name in sorted(names, key=len, reverse=True):
            if len(name.split()) < 2 or "/" in name:
                continue
            m = _phrase(name).search(text) if _may_name(name, lowered, ascii_text) else None
            if m:
                found[level.id] = m.group(0)
                break
    return found


def _strategies_named(text: str, own: Strategy, catalog: Catalog) -> list[Strategy]:
    """Other catalog strategies the text names (by id, or by a name of three words or more)."""
    out: list[Strategy] = []
    # a name's asides are often left out when it is written in prose: "Quality improvement
    # initiatives to …" names "Quality Improvement (QI) Initiatives to …"
    plain = " ".join(re.sub(r"\([^)]*\)", " ", own.name).split())
    own_name = plain.casefold()
    lowered, ascii_text = text.lower(), text.isascii()
    named_own = any(
        _may_name(name, lowered, ascii_text) and _phrase(name).search(text)
        for name in (own.name, plain)
    )
    if named_own or (own.id in text and _id_pattern(own.id, "word").search(text)):
        return out  # the draft's own strategy is named: others are comparisons
    # a name's first word must be in the text: most names are not
    for s in catalog.strategies.values():
        if s.id == own.id:
            continue
        named = bool("-" in s.id and s.id in text and _id_pattern(s.id, "dash").search(text))
        words = s.name.split()
        if (
            not named
            and len(words) >= 3
            and words[0].lower() in lowered
            and s.name.casefold() not in own_name
        ):
            named = bool(_phrase(s.name).search(text))
        if named:
            out.append(s)
    return out


def _rule_significance(draft: Draft, catalog: Catalog) -> _Out:
    text = draft.esm.significance
    strategy = catalog.strategies.get(draft.strategy or "")
    if not text or strategy is None:
        return
    named = _ratings_named(text, catalog)
    if named and strategy.evidence not in named:
        said = ", ".join(f"'{w}'" for w in named.values())
        yield Finding(
            "warning",
            "alignment.significance-stale",
            "esm.significance",
            f"The significance names the rating {said}, but the strategy '{strategy.name}' is "
            f"rated '{catalog.evidence_label(strategy)}'.",
            "Cite the chosen strategy's own rating (`esmtool show strategy "
            f"{strategy.id}`); the text may be left from an earlier strategy.",
        )
    others = _strategies_named(text, strategy, catalog)
    if others:
        names = ", ".join(f"'{s.name}' ({s.id})" for s in others[:3])
        yield Finding(
            "warning",
            "alignment.significance-stale",
            "esm.significance",
            f"The significance names the strategy {names}, not the draft's strategy "
            f"'{strategy.name}'.",
            "Explain why the chosen strategy should move the NPM; the text may be left from "
            "an earlier strategy.",
        )


# ----- text left from a default or an example ---------------------------------------------------

_PLACEHOLDER = patterns.compile(
    r"\{[a-z_][a-z0-9_]*\}|(?<![\w-])(?:TBD|TBA|TODO|XXX+|lorem ipsum)(?![\w-])|"
    r"\[(?:insert|add|enter|your)\b[^\]]*\]|<(?:insert|add|enter|your|program|name|state)\b[^<>]*>",
    re.IGNORECASE,
)
_EXAMPLE = patterns.compile(r"(?:^|\()\s*(?:for\s+example|e\.\s?g\.)", re.IGNORECASE)
_EXAMPLE_ANYWHERE = patterns.compile(r"\b(?:for\s+example|e\.\s?g\.)", re.IGNORECASE)
#: Fields that define the measure: no example belongs there at all.
_DEFINING = ("title", "numerator", "denominator")
_PROSE = ("goal", "data_sources", "data_issues", "significance")


def _leftover(text: str | None, defining: bool) -> str | None:
    if not text:
        return None
    m = _PLACEHOLDER.search(text)
    if m:
        return m.group(0)
    m = (_EXAMPLE_ANYWHERE if defining else _EXAMPLE).search(text)
    return m.group(0).strip(" (") if m else None


def _leftover_finding(path: str, what: str, found: str) -> Finding:
    return Finding(
        "warning",
        "completeness.leftover-text",
        path,
        f"The {what} still holds text from a default or an example ('{quote(found, 40)}').",
        "Replace it with your own wording before sharing the draft.",
    )


def _rule_leftover(draft: Draft, catalog: Catalog) -> _Out:
    esm = draft.esm
    for key in (*_DEFINING, *_PROSE):
        found = _leftover(getattr(esm, key), key in _DEFINING)
        if found:
            yield _leftover_finding(f"esm.{key}", key.replace("_", " "), found)
    for i, m in enumerate(draft.measures):
        found = _leftover(m.text, True)
        if found:
            yield _leftover_finding(f"measures[{i}].text", "measure", found)
            continue
        yield from _slot_examples(i, m.template, m.slots, catalog)


def _slot_examples(i: int, template: str | None, slots: dict[str, str], catalog: Catalog) -> _Out:
    if not template or not slots:
        return
    try:
        t = catalog.template(template)
    except Exception:  # an unknown template is reported by the reference rules
        return
    examples = {s.name: s.example for s in t.slots}
    for name, value in slots.items():
        if value and examples.get(name, "").casefold() == value.casefold():
            yield Finding(
                "info",
                "completeness.slot-example",
                f"measures[{i}].slots.{name}",
                f"The blank '{name}' holds the template's own example ('{quote(value, 40)}').",
                "Keep it if it names your program, people or service; otherwise write your own.",
            )


# ----- the numerator counts other people than the strategy serves -------------------------------

_GROUP_WORDS: dict[str, frozenset[str]] = {
    "professionals": frozenset(
        [
            "provider",
            "clinician",
            "physician",
            "doctor",
            "nurse",
            "pediatrician",
            "dentist",
            "hygienist",
            "midwife",
            "obstetrician",
            "professional",
            "staff",
            "teacher",
            "educator",
            "counselor",
            "worker",
            "visitor",
            "chw",
            "coordinator",
            "navigator",
            "workforce",
            "consultant",
            "specialist",
            "pharmacist",
        ]
    ),
    "organizations": frozenset(
        [
            "hospital",
            "clinic",
            "practice",
            "school",
            "agency",
            "site",
            "center",
            "centre",
            "facility",
            "employer",
            "system",
            "pharmacy",
            "daycare",
            "organization",
            "organisation",
            "workplace",
            "district",
        ]
    ),
    "families": frozenset(
        [
            "woman",
            "mother",
            "parent",
            "caregiver",
            "family",
            "child",
            "infant",
            "baby",
            "newborn",
            "youth",
            "adolescent",
            "teen",
            "student",
            "patient",
            "consumer",
            "caller",
            "participant",
            "client",
            "man",
            "father",
            "individual",
            "person",
            "resident",
            "girl",
            "boy",
            "enrollee",
        ]
    ),
    "events": frozenset(
        [
            "birth",
            "delivery",
            "death",
            "hospitalization",
            "admission",
            "case",
            "injury",
            "fatality",
            "readmission",
            "cesarean",
        ]
    ),
}
_GROUP_LABEL = {
    "professionals": "professionals (providers, staff)",
    "organizations": "organizations (hospitals, clinics, schools)",
    "families": "families and individuals",
    "events": "population events (births, deaths, hospitalizations)",
}


def _groups(text: str | None) -> set[str]:
    found: set[str] = set()
    for w in re.findall(r"[a-z][a-z-]*", (text or "").lower()):
        s = singular(w)
        for group, vocab in _GROUP_WORDS.items():
            if s in vocab:
                found.add(group)
    return found


def _counted_group(text: str) -> str | None:
    """The kind of people or things a numerator counts, from the head of its noun phrase."""
    head = subject(strip_topic(clean(text)).lower()).split(" of ")[0]
    words = head.split()
    for w in reversed(words):
        g = _groups(w)
        if g:
            return sorted(g)[0]
    return None


def strategy_groups(strategy: Strategy) -> set[str]:
    """Whom the strategy serves: its target audience, else the words of its name."""
    return _groups(strategy.target_audience) or _groups(strategy.name)


def _rule_numerator_population(draft: Draft, catalog: Catalog) -> _Out:
    esm = draft.esm
    strategy = catalog.strategies.get(draft.strategy or "")
    text = esm.numerator or (stem(strip_topic(clean(esm.title or "")))[1] if esm.title else "")
    if strategy is None or not text:
        return
    serves = strategy_groups(strategy)
    counted = _counted_group(text)
    if not serves or counted is None or counted in serves:
        return
    mentions = _groups(text)
    if counted == "families" and mentions & serves:
        return  # "patients of trained providers": linked to the people the strategy serves
    if (
        counted == "families"
        and "families" not in serves
        and not serves
        <= {
            "professionals",
            "organizations",
        }
    ):
        return
    serves_label = " and ".join(_GROUP_LABEL[g] for g in sorted(serves))
    yield Finding(
        "info",
        "alignment.numerator-population",
        "esm.numerator" if esm.numerator else "esm.title",
        f"The numerator counts {_GROUP_LABEL[counted]} ('{quote(text, 50)}'), but the "
        f"strategy '{strategy.name}' serves {serves_label}: the ESM may not show what the "
        "strategy itself did or changed.",
        "Count the people or organizations the strategy works with (e.g. 'Percent of trained "
        "providers who …'), or say in the significance how this count follows from their work.",
    )


RULES = (_rule_title_direction, _rule_significance, _rule_leftover, _rule_numerator_population)
