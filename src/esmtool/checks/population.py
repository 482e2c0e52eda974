"""What a measure's wording sets aside, and the vocabularies of who or what is counted.

Asides (what a service was about or for), the program's workforce, its
products, the organizations a systems strategy serves, and the sources and
clocks that qualify what people received. Used by :mod:`.quadrant`.
"""

from __future__ import annotations

import re

from ..measure_text import body, singular, words
from . import patterns
from .reading import ING_NOUNS

# ----- what sets a phrase aside -----------------------------------------------------------------

#: Verbs of purpose: "to promote …", "to serve …" says what the work is for, not what changed.
_PURPOSE_VERBS = words(
    "promote address support provide serve improve increase reduce prevent ensure deliver help "
    "encourage raise build strengthen enhance develop offer assist connect educate train teach "
    "reach identify facilitate coordinate expand advance foster share inform discuss explain "
    "decrease lower create establish implement integrate assure meet put get choose find schedule"
)
_GERUNDS = frozenset(v[:-1] + "ing" if v.endswith("e") else v + "ing" for v in _PURPOSE_VERBS)

#: Service words whose following "in/on/for/to/of …" phrase is the service's topic.
_SERVICE_TOPIC_WORDS = words(
    "trained training trainings educated education educational counseled counselled counseling "
    "counselling information info materials resources messages message sessions session classes "
    "class workshops workshop referred referral referrals taught "
    "instructed coached coaching guidance outreach campaign campaigns presentation presentations "
    "webinar webinars curriculum process help assistance support reminder reminders calls call"
)


def _alternatives(vocabulary: frozenset[str]) -> str:
    """A regex alternation of the words, longest first (deterministic)."""
    return "|".join(re.escape(w) for w in sorted(vocabulary, key=lambda w: (-len(w), w)))


#: An aside ends at a new clause, or where the wording says what changed ("… test about X rose").
_BOUNDARY = (
    r"(?=\s(?:who|that|which|whose)\s|\s(?:rose|rise|rises|fell|falls|increased|improved|dropped|"
    r"declined|decreased|higher|lower|better|than)\b|\s(?:and|but)\s+(?:who|whose|can|could|"
    r"report\w*|were|was|are|is|did)\b|;|$)"
)
_ASIDES = (
    patterns.compile(
        r"\s(?:through|via|by means of|with the (?:help|support|assistance) of|in order to|"
        r"so that|as a result of|because of|thanks to)\s.*?" + _BOUNDARY
    ),
    patterns.compile(r":\s.*?" + _BOUNDARY),  # a list after a colon spells out what came before
    patterns.compile(
        r"(?<!able)\s(?:and\s+)?to\s+(?:" + _alternatives(_PURPOSE_VERBS) + r")\b.*?" + _BOUNDARY
    ),
    patterns.compile(r"\sfor\s+(?:" + _alternatives(_GERUNDS) + r")\b.*?" + _BOUNDARY),
    patterns.compile(
        r"\s(?:about|regarding|concerning|around|related to|on the (?:importance|topic|benefits?)"
        r" of)\s.*?" + _BOUNDARY
    ),
)
#: "education on …", "referral to …", "trained in …": keep the service word, drop its topic.
_SERVICE_TOPIC = patterns.compile(
    r"\b(" + _alternatives(_SERVICE_TOPIC_WORDS) + r")\s(?:in|on|for|to|of|with)\s.*?" + _BOUNDARY
)


# ----- who or what is counted ---------------------------------------------------------------------

_WORKFORCE = patterns.compile(
    r"(?<![-\w])(?:staff|workforce|employees?|personnel|coordinators?|case managers?|home visitors?|"
    r"navigators?|counsel(?:l)?ors?|community health workers?|chws?|trainers?|educators?|"
    r"facilitators?|volunteers?|specialists?|consultants?|teams?)$"
)
#: Things a program produces or does (singular).
_PRODUCTS = words(
    """program project initiative policy protocol guideline strategy training session class
    workshop event meeting service call referral screen screening visit contact campaign material
    kit toolkit resource message post brochure flyer pamphlet video plan partnership agreement mou
    report webinar presentation curriculum module dose vaccine hour activity encounter
    consultation assessment tool collaborative coalition app text mailing letter reminder passport
    card hotline helpline certification standard procedure order impression item objective
    application check request"""
)
#: Organizations a systems-level strategy works with (singular).
_ORGS = words(
    """hospital clinic practice site school agency organization organisation system community
    facility center centre partner provider pharmacy employer county district department insurer
    payer plan network team business daycare jurisdiction state unit classroom member"""
)
#: A population that is itself an outcome or care used ("Number of preventive visits").
_POPULATION_EFFECT = patterns.compile(
    r"(?:\b(?:preventive|well|wellness|well-child|well-baby|well-woman|postpartum|prenatal|dental|"
    r"annual)\s+(?:\w+\s+)?(?:visits?|check-?ups?|exams?)|\b(?:emergency\s+(?:department|room)|ed)\s+"
    r"visits?|\b(?:births?|deaths?|injur(?:y|ies)|hospitali[sz]ations?|readmissions?|caries|"
    r"cavities|overdoses?|suicides?|fatalities))$"
)
#: Receipt on a clock: "within 30 days of enrollment", "before hospital discharge".
_TIMED = patterns.compile(
    r"\bwithin\s+(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*"
    r"(?:(?:-|to)\s*\d+\s*)?(?:business\s+|calendar\s+|working\s+)?(?:minutes?|hours?|days?|"
    r"weeks?|months?)\b|\bbefore\s+(?:hospital\s+)?discharge\b|\bsame[- ]day\b"
)
#: Care given by another provider (after a screen or referral): linkage completed.
_PROVIDER_SOURCE = patterns.compile(
    r"\b(?:by|from|with)\s+(?:a|an|the|their|his|her)?\s*(?:\w+\s+){0,2}?(?:dentists?|doctors?|"
    r"physicians?|pediatricians?|obstetricians?|midwi(?:fe|ves)|specialists?|therapists?|"
    r"clinicians?|early\s+intervention|(?:adult|primary\s+care|behavioral\s+health|mental\s+"
    r"health)\s+providers?|dental\s+hygienists?)\b"
)
#: The program as the source or party: "from the Title V program", "through the initiative".
_PROGRAM_SOURCE = patterns.compile(
    r"\b(?:from|through|by|via|under|with)\s+(?:the\s+|a\s+|an\s+|their\s+)?(?:[\w'-]+\s+){0,6}?"
    r"(?:program|project|initiative|title\s+v|line|hotline|helpline|campaign|network|"
    r"collaborative|partnership|health\s+department|staff|coordinators?|case\s+managers?|"
    r"home\s+visitors?|navigators?|counsel(?:l)?ors?|community\s+health\s+workers?|"
    r"volunteers?|educators?)\b"
)
_SCREEN_CUES = words("screened assessed evaluated tested examined")
#: Taking part: with one of these, what was taken part in can be the measure's own outcome.
_TAKING_PART = words("completed completing attended attending participated participating gave")
#: "report that their care coordinator …": the one whose work is reported.
_REPORTED_ACTOR = patterns.compile(
    r"^(?:report\w*|say|said|state[sd]?)\s+(?:[\w'-]+\s+){0,3}?that\s+(?:their|the|his|her|a|"
    r"they)\s*((?:[\w'-]+\s+){0,5}?(?:[\w'-]+))?\s+(?:always|usually|never|often|"
    r"sometimes)?\s*(?:\w+ed|made|gave|spent|took|share[sd]?|help(?:ed)?|listen\w*|explain\w*|"
    r"treat\w*|respect\w*|communicat\w*)\b"
)
_WORKFORCE_ANY = patterns.compile(
    r"\b(?:staff|coordinators?|case\s+managers?|home\s+visitors?|navigators?|counsel(?:l)?ors?|"
    r"community\s+health\s+workers?|educators?|volunteers?|peer\s+\w+)\b"
)
_PROVIDER_ACTOR = patterns.compile(
    r"\b(?:providers?|doctors?|physicians?|nurses?|clinicians?|pediatricians?|dentists?|"
    r"midwi(?:fe|ves)|obstetricians?|care\s+team)\b"
)


def core(text: str) -> str:
    """The wording without its unit form and without asides (what a service was about or for)."""
    # "ages 0 through 17" is a range, not "through <a program>"
    t = " " + re.sub(r"\b(\d+)\s+(?:through|to)\s+(\d+)\b", r"\1-\2", body(text)) + " "
    changed = True
    while changed:  # each pass shortens the text, so this ends
        changed = False
        for rx in _ASIDES:
            new = rx.sub(" ", t, count=1)
            if new != t:
                t, changed = new, True
        new = _SERVICE_TOPIC.sub(r"\1", t, count=1)
        if new != t:
            t, changed = new, True
    return re.sub(r"\s+", " ", t).strip(" ,.;")


#: Visits or help from the program's own workforce are its service, not care.
_FROM_WORKFORCE = patterns.compile(
    r"\b(?:from|by|with)\s+(?:the\s+|a\s+|an\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:facilitators?|"
    r"coaches|coach|trainers?|home\s+visitors?|staff|navigators?|community\s+health\s+workers?|"
    r"chws?|educators?|volunteers?|peer\s+counselors?)\b"
)
_DETERMINERS = frozenset({"the", "a", "an", "their", "its", "his", "her"})
#: Words ending in -ing that are nouns in a population phrase ("home visiting programs").


def _head_noun(population: str) -> str:
    """The noun a population phrase names: 'member organizations of the coalition' → organization."""
    words_ = population.split(" of ")[0].split()
    for i, w in enumerate(words_[1:-1], start=1):
        after_plural = words_[i - 1].endswith("s") and w not in ING_NOUNS
        if w.endswith("ing") and (after_plural or words_[i + 1] in _DETERMINERS):
            words_ = words_[:i]  # "families leaving the program", "agencies running programs"
            break
    return singular(words_[-1]) if words_ else ""
