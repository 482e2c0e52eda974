"""A measure's wording read as parts: unit form, the population counted, the verb phrase.

:func:`parse` splits a measure into

- its **unit form** ("Number of", "Percent of", "Rate of" …, or none);
- the **population** it counts, with the qualifiers that only say who they are
  ("children … enrolled in care coordination", "birthing hospitals in the
  collaborative");
- its **verb phrases** (the relative clauses "who received …", "whose score …
  rose", "that adopted …"; without one, the participle after the population:
  "providers trained …", "infants placed on their backs").

:func:`classify` then names, for one verb phrase, the class of its verb and of
its object, both from short vocabularies of RBA concepts (not from examples):

verb classes
    ``change`` (knowledge, skills, confidence, attitude — reported or tested),
    ``behaviour`` (what people do: quit, breastfeed, place a baby on its back),
    ``outcome`` (a health or safety outcome), ``circumstance`` (insured, housed,
    with a medical home), ``org-change`` (what organizations were changed to do:
    adopted, implemented, made routine, in compliance), ``care`` (taking part in
    care: attended, kept, completed or had a visit, started treatment),
    ``receipt`` (received, screened, assessed: read with its object),
    ``satisfaction``, ``activity`` (what the program did: trained, contacted,
    referred, reached) and ``product`` (what the program made: developed,
    drafted, prepared).
object classes
    ``information`` (education, materials, reminders), ``clinical`` (care, a
    screen, a visit, an assessment, treatment, coverage), ``referral``,
    ``coordination`` (care coordination, case management, navigation, help),
    ``policy`` (a policy, plan, protocol or practice).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..measure_text import body, clean, singular, stem, strip_topic, words
from . import patterns
from .cues import CLASS_ORDER, EFFECT_CLASSES, compiled_cues
from .objects import (
    _AT_RISK,
    _CARE_OBJECT,
    _NEGATED,
    _NEXT_WORD,
    _OBJECTS,
    COMPOUND_HEADS,
)

__all__ = [
    "ACTIVITY_STATEMENT",
    "CLASS_ORDER",
    "COMPOUND_HEADS",
    "EFFECT_CLASSES",
    "ING_NOUNS",
    "Parts",
    "Verb",
    "classify",
    "classify_object",
    "is_care_object",
    "parse",
    "subject",
]


class Verb(NamedTuple):
    """One verb phrase, classified.

    (The reading's value types are named tuples: immutable like a frozen dataclass, and a
    fifth of its cost to define, which every ``esmtool check`` paid at import.)
    """

    text: str
    verb_class: str  # one of CLASS_ORDER, or "" when no class was found
    kind: str  # the cue's kind ("knowledge", "behavior", "care", "receipt", "service", ...)
    cue: str  # the words that matched
    object: str  # what follows the verb
    object_class: str  # information, clinical, referral, coordination, policy, or ""


_OBJECT_END = patterns.compile(
    r"\s(?:of|for|in|on|at|from|through|by|with|within|to|about|after|before|during|that|who)\s"
)


def classify_object(text: str) -> str:
    """The class of an object phrase: its head noun's (the last one before a preposition)."""
    padded = " " + text + " "
    end = _OBJECT_END.search(padded)
    region = padded[: end.start()] if end else padded
    for where in (region, padded):
        best: tuple[int, int, str] | None = None
        for name, rx in _OBJECTS:
            for m in rx.finditer(where):
                key = (m.end(), -m.start())
                if best is None or key > best[:2]:
                    best = (m.end(), -m.start(), name)
        if best is not None:
            return best[2]
    return ""


def _modifier(text: str, end: int) -> bool:
    m = _NEXT_WORD.match(text, end)
    return m is not None and singular(m.group(1)) in COMPOUND_HEADS


def is_care_object(text: str) -> bool:
    return _CARE_OBJECT.search(text) is not None


def classify(clause: str, *, org: bool = False) -> Verb:
    """The strongest verb class in one verb phrase (see :data:`CLASS_ORDER`).

    The cue table is in :data:`CLASS_ORDER`, the most specific cue first within a class, so
    the first cue that matches names the class: the weaker classes' cues are not run (nor
    compiled, see :mod:`.patterns`).
    """
    for cls, kind, rx in compiled_cues():
        if cls == "org-change" and not org:
            continue
        for m in rx.finditer(clause):
            before = clause[max(0, m.start() - 30) : m.start()]
            negated = _NEGATED if cls != "outcome" else _AT_RISK  # "no new injuries" is an outcome
            if cls in {"outcome", "care", "circumstance", "behaviour"} and (
                _modifier(clause, m.end()) or negated.search(before)
            ):
                continue  # "injury prevention program", "coverage help", "at risk of …"
            obj = clause[m.end() :].strip()
            cue = m.group(0).strip()
            return Verb(clause, cls, kind, cue, obj, classify_object(obj) if obj else "")
    return Verb(clause, "", "", "", "", "")


# ----- the parts of a measure -----------------------------------------------------------------

_PARTICIPLES = words(
    """kept held made seen taken given met done built sent taught hired spent got brought
    receiving participating using holding reporting attending completing implementing serving
    providing delivering engaging calling demonstrating taking getting having making keeping
    adopting integrating showing placing screening born offering"""
)
#: Words ending in -ing that are nouns in a population phrase ("home visiting programs").
ING_NOUNS = words(
    """training screening visiting housing funding meeting planning building setting bedding
    breastfeeding smoking counseling counselling parenting nursing learning coaching mentoring
    outreach during"""
)
_SUBJECT_STOPS = words(
    """who that which whose where by to in at for from with within on about through across among
    into during after before around under per"""
)
_NOT_PARTICIPLE = frozenset({"need", "needs", "breed", "seed", "speed", "feed"})
#: Verbs after which "that" opens what is reported, not a new clause.
_SAYING = words(
    "report reports reported reporting say says said state states stated indicate "
    "indicated agree agreed feel felt told informed taught shown reminded advised learned"
)
_RELATIVE = patterns.compile(r"\s(who|whom|whose|that|which)\s")
_CONJOINED = patterns.compile(
    r"\s(?:and|but)\s+(?=(?:also\s+)?(?:who|whose|report\w*|were|was|are|is|can|could|did|got|"
    r"received|completed|attended|kept|started|quit|obtained|say|said|rate[sd]?)\b)"
)


def subject(text: str) -> str:
    """The noun phrase counted: the words before the first verb, relative or preposition."""
    tokens = text.replace(",", " , ").replace(";", " ; ").split()
    out: list[str] = []
    for i, w in enumerate(tokens):
        if w == "," and _listed(tokens[i + 1 :]):
            continue  # "home visiting, parent education and school nurse programs"
        if w in {",", ";"} or w in _SUBJECT_STOPS:
            break
        if i > 1 and w.endswith("ing") and tokens[i - 1].endswith("s") and w not in ING_NOUNS:
            break  # "centers offering …", "agencies running …"
        participle = w in _PARTICIPLES or (
            len(w) > 4 and w.endswith("ed") and w not in _NOT_PARTICIPLE
        )
        if participle and i > 0:  # a leading participle is an adjective: "licensed EMTs"
            break
        out.append(w)
    return " ".join(out)


def _listed(rest: list[str]) -> bool:
    """After a comma: does 'and'/'or' close a list of nouns before any verb or preposition?"""
    for w in rest[:8]:
        if w in {"and", "or"}:
            return True
        if w in {",", ";"} or w in _SUBJECT_STOPS or w in _PARTICIPLES or w.endswith("ed"):
            return False
    return False


class Parts(NamedTuple):
    """A measure read as its parts."""

    unit: str | None  # "quantity", "quality", "rate", or None without a unit form
    core: str  # the wording after the unit form, without asides
    population: str  # the noun phrase counted
    qualifiers: str  # what follows the population up to its first verb phrase
    clauses: tuple[str, ...] = ()  # the verb phrases, in order
    #: per clause: does it have its own subject ("… after which clinicians were able to …")?
    own_subject: tuple[bool, ...] = ()

    @property
    def head(self) -> str:
        """The population's head noun (of its first conjunct: "clinicians and staff" → clinician)."""
        first = re.split(r"\s(?:and|or|&)\s|,", self.population)[0].split()
        return singular(first[-1]) if first else ""


_PREPOSITIONS = words("after in during through by with for from on at before under")


def _split_clauses(rest: str) -> tuple[str, tuple[str, ...], tuple[bool, ...]]:
    """(qualifiers, verb phrases, whether each has its own subject) after the population."""
    pieces: list[tuple[str, bool]] = []
    start, own = 0, False
    for m in _RELATIVE.finditer(rest):
        before = rest[: m.start()].split()
        if m.group(1) in {"that", "which"} and _SAYING.intersection(before[-8:]):
            continue  # "report that they …", "told by the program that …": what is said
        pieces.append((rest[start : m.start()], own))
        start = m.end()
        own = m.group(1) == "whose" or bool(before and before[-1] in _PREPOSITIONS)
    pieces.append((rest[start:], own))
    qualifiers = pieces[0][0]
    out: list[str] = []
    owns: list[bool] = []
    for c, o in pieces[1:]:
        for p in _CONJOINED.split(c):
            if p.strip():
                out.append(p.strip())
                owns.append(o)
    return qualifiers.strip(), tuple(out), tuple(owns)


def parse(text: str, core: str | None = None) -> Parts:
    """The parts of one measure's wording (``core``: its wording with asides set aside)."""
    unit = stem(strip_topic(clean(text or "")))[0]
    c = core if core is not None else body(text or "")
    c = re.sub(r"\b(\d+)\s+(?:through|to)\s+(\d+)\b", r"\1-\2", c)
    population = subject(c)
    rest = c[len(population) :].strip(" ,;")
    qualifiers, clauses, owns = _split_clauses(" " + rest + " ")
    return Parts(unit, c, population, qualifiers, clauses, owns)


#: An activity statement: a title that opens with what the program will do.
ACTIVITY_STATEMENT = patterns.compile(
    r"^(?:to\s+)?(?:promote|conduct|provide|support|develop|implement|establish|train|educate|"
    r"increase|improve|expand|enhance|build|create|offer|host|hold|deliver|distribute|partner|"
    r"collaborate|coordinate|convene|facilitate|strengthen|ensure|encourage|reduce|decrease|"
    r"maintain|raise|assure|continue|launch|disseminate|sustain|work|engage|fund)\b",
    re.IGNORECASE,
)
