"""The object vocabularies: what a verb phrase's object is, care nouns, compound heads.

Short lists of RBA concepts, like :mod:`.cues`: information or education, a referral,
coordination or help, a policy or plan, clinical care; the nouns that make the words before
them a modifier ("injury prevention program").
"""

from __future__ import annotations

from ..measure_text import words
from . import patterns
from .cues import _NOT_CARE_AFTER

# ----- objects ------------------------------------------------------------------------------------

_OBJECT_CLASSES: tuple[tuple[str, str], ...] = (
    (
        "information",
        r"\b(?:education|educational|information|info|materials?|messages?|messaging|reminders?|"
        r"brochures?|flyers?|pamphlets?|handouts?|guidance|advice|instruction|teaching|lessons?|"
        r"classes|class|training|curriculum|webinars?|newsletters?|texts?|mailings?|letters?|"
        r"impressions?|resources?|kits?|tips?)\b",
    ),
    ("referral", r"\breferr(?:al|als|ed)\b|\blinkage\b|\blinked\b|\bconnected\b"),
    (
        "coordination",
        r"\b(?:care\s+coordination|case\s+management|navigation|help|assistance|support|"
        r"follow-?up\s+calls?|calls?|contacts?|home\s+visits?|technical\s+assistance|coaching|"
        r"services?|sessions?)\b",
    ),
    (
        "policy",
        r"\b(?:polic(?:y|ies)|plans?|protocols?|practices?|guidelines?|procedures?|standards?|"
        r"bundles?|toolkits?|agreements?|systems?|rules?|templates?|forms?)\b",
    ),
    (
        "clinical",
        r"\b(?:visits?|check-?ups?|exams?|examinations?|appointments?|screens?|screenings?|"
        r"assessments?|evaluations?|treatment|care|therapy|vaccin\w+|immuni[sz]ations?|"
        r"varnish|sealants?|tests?|checks?|medication|counseling|coverage|insurance)\b",
    ),
)
_OBJECTS = tuple((name, patterns.compile(rx)) for name, rx in _OBJECT_CLASSES)

#: Health-system care, as distinct from a screen or check a program gives on the spot.
_CARE_OBJECT = patterns.compile(
    r"\b(?:preventive|well|wellness|well-child|well-baby|well-woman|well-care|postpartum|"
    r"post-partum|prenatal|antenatal|dental|oral\s+health|medical|annual|routine|primary|"
    r"follow-up|sick|specialty|first|needed|recommended|mental\s+health|behavioral\s+health|"
    r"health)\s+(?:\w+\s+)?(?:visits?|check-?ups?|exams?|examinations?|appointments?|care|"
    r"services?|treatment)\b"
    + _NOT_CARE_AFTER
    + r"|\b(?:treatment|therapy|vaccin\w+|immuni[sz]ations?|"
    r"sealants?|cleanings?|check-?ups?)\b|\bcare\s+(?:that\s+)?(?:they|he|she|the\s+child)\s+"
    r"needed\b"
)


#: Nouns that, right after an outcome or care word, make it a modifier ("injury prevention
#: program", "check-up passport", "prenatal care providers"): the thing named is the noun.
COMPOUND_HEADS = words(
    """program project initiative policy protocol guideline strategy training session class
    workshop event meeting service call referral campaign material kit toolkit resource message
    brochure flyer pamphlet video plan webinar presentation curriculum module tool coalition app
    passport card hotline helpline standard procedure provider professional clinician physician
    nurse staff workforce team coordinator navigator worker prevention education information
    model schedule form checklist system practice clinic note template help counselor reminder
    text letter mailing postcard flyer ad advertisement question
    specialist advocate law laws review registry surveillance database dashboard"""
)
_NEXT_WORD = patterns.compile(r"\s*([a-z][\w'-]*)")


_NEGATED = patterns.compile(
    r"\b(?:at\s+risk|risks?\s+(?:of|for)|history\s+of|without|no|not)\s+(?:[\w'-]+\s+){0,2}$"
)


_AT_RISK = patterns.compile(
    r"\b(?:at\s+risk|risks?\s+(?:of|for)|history\s+of)\s+(?:[\w'-]+\s+){0,2}$"
)
