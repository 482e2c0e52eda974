"""Which RBA quadrant a measure's wording points to, and why.

Two questions, each answered from RBA's own rules rather than from examples:

**Quantity or quality?** The unit form. A count ("Number of …", unit type
count, no denominator) is a quantity; a percentage, proportion or rate (unit
type percentage or rate, or a denominator) is a quality. The declared unit type
wins over the wording; without either, a denominator means a share.

**Effort or effect?** Whether anyone is *better off*: a change in
skills/knowledge, attitude, behavior or circumstance of the people (or
organizations) served, a health outcome, or care they went on to receive from
the health system (MCHbest's "Access to/Receipt of Care" and "Utilization"
outcome components). Everything else the program counts about itself is
effort: activities held, services delivered, people served or reached, staff
hired or trained, policies or plans produced. Effect must be shown by the
wording; without it a measure reads as effort. The wording is read in this order:

1. Asides are set aside first: parentheses, a heading before a colon, and
   phrases that only say what a service was *about* or *for* ("education on
   the importance of dental visits", "trainers to promote breastfeeding",
   "through the implementation of …").
2. A measure that counts the program's own workforce (staff, care
   coordinators, home visitors …) is effort, whatever it says about their
   training or competence: they deliver the service, they are not its
   recipients. (Providers and other professionals the strategy trains are
   recipients, so a change in *their* knowledge is an effect.)
3. A measure that counts the program's products (programs, policies, trainings,
   visits, referrals, materials …) is effort, unless what it counts is itself
   an outcome ("preventive visits", "hospitalizations").
4. A change in knowledge/skills, attitude, behavior, circumstance, a health
   outcome or care received → effect. For organizations, adopting or
   integrating a practice is a change in what they do → effect.
5. Satisfaction with the service → effort (how well it was delivered). RBA
   sources disagree here; some MCHbest sample ESMs put satisfaction in
   Quadrants 3 and 4.
6. Otherwise effort, naming the service or activity when one is found.

The numerator, when given, is read the same way: an effect in the numerator
makes the measure an effect even when the title does not say so.

The vocabularies below are short lists of RBA concepts (change words,
knowledge and behavior words, service-delivery verbs, workforce and product
nouns), not phrases fitted to a set of examples.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .base import Inference, quadrant_label, quadrant_of
from .text import STOPWORDS, body, clean, is_na, quote, singular, stem, strip_topic, words

_W = r"[\w'-]+"  # one word

# ----- what sets a phrase aside -----------------------------------------------------------------

#: Verbs of purpose: "to promote …", "to serve …" says what the work is for, not what changed.
_PURPOSE_VERBS = words(
    "promote address support provide serve improve increase reduce prevent ensure deliver help "
    "encourage raise build strengthen enhance develop offer assist connect educate train teach "
    "reach identify facilitate coordinate expand advance foster share inform discuss explain "
    "decrease lower create establish implement integrate assure meet"
)

#: Service words whose following "in/on/for/to/of …" phrase is the service's topic.
_SERVICE_TOPIC_WORDS = words(
    "trained training trainings educated education educational counseled counselled counseling "
    "counselling information info materials resources messages message sessions session classes "
    "class workshops workshop screened screening screenings referred referral referrals taught "
    "instructed coached coaching guidance outreach campaign campaigns presentation presentations "
    "webinar webinars curriculum process"
)


def _alternatives(vocabulary: frozenset[str]) -> str:
    """A regex alternation of the words, longest first (deterministic)."""
    return "|".join(re.escape(w) for w in sorted(vocabulary, key=lambda w: (-len(w), w)))


_BOUNDARY = r"(?=\s(?:who|that|which|whose)\s|;|$)"
_ASIDES = (
    re.compile(
        r"\s(?:through|via|by means of|with the (?:help|support|assistance) of|in order to|"
        r"so that|as a result of|because of|thanks to)\s.*?" + _BOUNDARY
    ),
    re.compile(r"\s(?:and\s+)?to\s+(?:" + _alternatives(_PURPOSE_VERBS) + r")\b.*?" + _BOUNDARY),
    re.compile(
        r"\s(?:about|regarding|concerning|around|related to|on the (?:importance|topic|benefits?)"
        r" of)\s.*?" + _BOUNDARY
    ),
)
#: "education on …", "referral to …", "trained in …": keep the service word, drop its topic.
_SERVICE_TOPIC = re.compile(
    r"\b(" + _alternatives(_SERVICE_TOPIC_WORDS) + r")\s(?:in|on|for|to|of)\s.*?" + _BOUNDARY
)

# ----- who or what is counted ---------------------------------------------------------------------

_WORKFORCE = re.compile(
    r"(?<![-\w])(?:staff|workforce|employees?|personnel|coordinators?|case managers?|home visitors?|"
    r"navigators?|counsel(?:l)?ors?|community health workers?|chws?|trainers?|educators?|"
    r"facilitators?|volunteers?)\b"
)
#: Things a program produces or does (singular).
_PRODUCTS = words(
    """program project initiative policy protocol guideline strategy training session class
    workshop event meeting service call referral screen screening visit contact campaign material
    kit toolkit resource message post brochure flyer pamphlet video plan partnership agreement mou
    report webinar presentation curriculum module dose vaccine hour activity encounter
    consultation assessment tool collaborative coalition app text mailing letter reminder passport
    card hotline helpline certification standard procedure order"""
)
#: Organizations a systems-level strategy works with (singular).
_ORGS = words(
    """hospital clinic practice site school agency organization organisation system community
    facility center centre partner provider pharmacy employer county district department insurer
    payer plan network team business daycare jurisdiction state unit"""
)
#: Nouns that, right after an outcome word, make it a modifier ("check-up passport",
#: "prenatal care providers", "injury prevention program"): the thing counted is the noun.
_COMPOUND_HEADS = _PRODUCTS | words(
    """provider professional clinician physician nurse staff workforce team coordinator navigator
    worker prevention education information model schedule form checklist system practice
    standard policy clinic"""
)

_PARTICIPLES = words(
    """kept held made seen taken given met done built sent taught hired spent got brought
    receiving participating using holding reporting attending completing implementing serving
    providing delivering engaging calling demonstrating taking getting having making keeping
    adopting integrating showing placing"""
)
_SUBJECT_STOPS = words(
    """who that which whose where by to in at for from with within on about through across among
    into during after before around under per"""
)
_NOT_PARTICIPLE = frozenset({"need", "needs", "breed", "seed", "speed", "feed"})

# ----- better off: effect cues --------------------------------------------------------------------

_CHANGE_UP = r"\b(?:increased|improved|gained|greater|higher|better|new|enhanced|more|stronger)"
_CHANGE_ANY = (
    r"\b(?:improved|better|healthier|reduced|lower|lowered|fewer|decreased|declin\w+|less|"
    r"increased|higher|greater|enhanced)"
)

_EFFECT_CUES: tuple[tuple[str, str, bool], ...] = (
    # (kind, pattern, organizations only)
    (
        "knowledge",
        _CHANGE_UP + r"\s+(?:" + _W + r"\s+){0,2}?(?:knowledge|skills?|understanding|awareness|"
        r"confidence|self-efficacy|abilit(?:y|ies)|competenc(?:e|y|ies)|literacy)\b",
        False,
    ),
    ("knowledge", r"(?<!lessons )\blearn(?:ed|t)\b", False),
    (
        "knowledge",
        r"\b(?:demonstrat|show)\w*\s+(?:" + _W + r"\s+){0,2}?(?:correct|proper|mastery|skills?|"
        r"knowledge|abilit\w*|competen\w*|proficien\w*)",
        False,
    ),
    ("knowledge", r"\b(?:correctly|properly|accurately)\b", False),
    (
        "knowledge",
        r"\b(?:pass(?:ed|es)?|scor(?:e|ed|es|ing))\s+(?:" + _W + r"\s+){0,4}?"
        r"(?:test|quiz|assessment|post-?test)s?\b",
        False,
    ),
    ("knowledge", r"\bpost-?tests?\b", False),
    ("knowledge", r"\b(?:are|were|is|was|be|became)\s+able\s+to\b", False),
    (
        "knowledge",
        r"\bcan\s+(?:now\s+)?(?:name|identify|describe|demonstrate|explain|recognize|"
        r"list|state)\b",
        False,
    ),
    (
        "attitude",
        r"\b(?:report(?:ed|s|ing)?|say|said|state[sd]?)\s+(?:that\s+)?(?:they\s+)?"
        r"(?:feel|feeling|felt)\b",
        False,
    ),
    (
        "attitude",
        r"\b(?:more|increased|greater)\s+(?:confident|comfortable|willing|likely|"
        r"prepared|ready|empowered|motivated|hopeful)\b",
        False,
    ),
    ("attitude", r"\bintend(?:s|ed)?\s+to\b|\bintentions?\s+to\b", False),
    (
        "attitude",
        _CHANGE_ANY + r"\s+(?:" + _W + r"\s+){0,2}?(?:attitudes?|beliefs?|perceptions?|"
        r"motivation|readiness)\b",
        False,
    ),
    ("attitude", r"\bself-efficacy\b|\breadiness\s+to\s+(?:change|quit)\b", False),
    ("behavior", r"\bquit(?:s|ting)?\b", False),
    (
        "behavior",
        r"\b(?:stopped|reduced|cut down|cut back)\s+(?:on\s+)?(?:smoking|using|drinking|"
        r"vaping|tobacco|alcohol|substance)",
        False,
    ),
    ("behavior", r"\babstain\w*|\babstinen\w*|\bsmoke-?free\b|\btobacco-?free\b", False),
    (
        "behavior",
        r"\bexclusively\s+breast\w*|\bbreast\w*\s+exclusively\b|\bbreastfed\b|"
        r"\b(?:initiat\w*|continu\w*|sustain\w*)\s+breastfeeding\b",
        False,
    ),
    (
        "behavior",
        r"\b(?:placed?|placing|put|puts|putting|laid|lay|lays)\b(?:\s+" + _W + r"){0,6}?"
        r"\s+(?:on\s+(?:their|his|her|its|the)\s+backs?|back\s+to\s+sleep|in\s+(?:a|an|their|his|"
        r"her|its)\s+(?:own\s+)?(?:crib|bassinet))",
        False,
    ),
    ("behavior", r"\badopt(?:s|ed|ing)?\b", False),
    (
        "behavior",
        r"\bchang(?:e|ed|es|ing)\s+(?:" + _W + r"\s+){0,2}?(?:behaviou?rs?|practices?|"
        r"habits?|routines?|diet|lifestyle)\b",
        False,
    ),
    ("behavior", r"\bphysically\s+active\b|\bexercis(?:e|ed|es|ing)\b", False),
    (
        "behavior",
        r"\badher(?:e|ed|es|ing|ence)\b|\bself-manag\w*|\bmanag(?:e|ed|es|ing)\s+"
        r"(?:their|his|her)\s+own\b",
        False,
    ),
    (
        "behavior",
        r"\b(?:use|used|uses|using)\s+(?:a\s+|an\s+)?(?:car\s+seats?|seat\s*belts?|"
        r"helmets?|condoms?|contracepti\w+|safe\s+storage)",
        False,
    ),
    ("behavior", r"\bbrush(?:ed|es|ing)?\s+(?:their\s+|his\s+|her\s+)?teeth\b", False),
    (
        "behavior",
        r"\bpractic(?:e|es|ed|ing)\s+(?:safe|safer|healthy|healthier|recommended)\b",
        False,
    ),
    ("practice", r"\bintegrat\w*\b[^.;]{0,80}?\binto\b", False),
    ("practice", r"\binstitutionali[sz]\w*|\bsustain(?:s|ed|ing)?\b", False),
    ("practice", r"\bimplement(?:s|ed|ing)?\b", True),
    ("practice", r"\b(?:policy|practice|system|systems)\s+changes?\b", True),
    (
        "circumstance",
        r"\b(?:are|were|is|was|became|become|remain(?:ed|s)?|stay(?:ed|s)?)\s+"
        r"(?:continuously\s+|adequately\s+|newly\s+)*insured\b|\bnewly\s+insured\b",
        False,
    ),
    (
        "circumstance",
        r"\b(?:gained|obtained|secured|got|enrolled\s+in|connected\s+to|linked\s+to|"
        r"signed\s+up\s+for)\s+(?:" + _W + r"\s+){0,2}?(?:insurance|coverage|medicaid|chip)\b",
        False,
    ),
    (
        "circumstance",
        r"\b(?:have|has|had|with|established|gained|obtained|connected\s+to|"
        r"linked\s+to)\s+(?:a\s+|an\s+)?(?:" + _W + r"\s+)?(?:medical\s+home|usual\s+source\s+of\s+"
        r"(?:sick\s+)?care|personal\s+(?:doctor|nurse|provider)|primary\s+care\s+(?:provider|"
        r"physician|doctor)|dental\s+home)\b",
        False,
    ),
    (
        "circumstance",
        r"\b(?:transition(?:ed|s)?|transferred|moved)\s+to\s+(?:an?\s+)?adult\s+"
        r"(?:health\s+)?(?:care|provider|doctor|physician|clinic)",
        False,
    ),
    (
        "circumstance",
        r"\b(?:stable|permanent)\s+housing\b|\bhoused\b|\bfood[- ]secure\b|"
        r"\bfood\s+sufficien\w*",
        False,
    ),
    (
        "circumstance",
        r"\b(?:gained|obtained|found|secured)\s+(?:" + _W + r"\s+){0,2}?"
        r"(?:employment|jobs?|housing|benefits|child\s*care)\b",
        False,
    ),
    (
        "care",
        r"\b(?:preventive|well|wellness|well-child|well-baby|well-woman|well-care|postpartum|"
        r"post-partum|prenatal|antenatal|dental|oral\s+health|medical|annual|routine|primary\s+care|"
        r"follow-up)\s+(?:" + _W + r"\s+)?(?:visits?|check-?ups?|exams?|examinations?|"
        r"appointments?)\b",
        False,
    ),
    ("care", r"\bcheck-?ups?\b", False),
    (
        "care",
        r"\b(?:prenatal|postpartum|preventive|dental|specialty|mental\s+health)\s+care\b",
        False,
    ),
    (
        "care",
        r"\bappointments?\s+(?:were\s+)?(?:kept|attended)\b|\b(?:kept|attended)\s+(?:"
        + _W
        + r"\s+){0,2}?appointments?\b",
        False,
    ),
    (
        "care",
        r"\b(?:fully\s+)?(?:immuni[sz]ed|vaccinated)\b|\breceiv\w*\s+(?:"
        + _W
        + r"\s+){0,2}?(?:vaccines?|vaccinations?|immuni[sz]ations?)\b",
        False,
    ),
    (
        "care",
        r"\b(?:saw|seen\s+by|visited|see)\s+(?:a|an|their)\s+(?:dentist|doctor|physician|"
        r"provider|nurse|specialist|pediatrician|obstetrician|midwife)\b",
        False,
    ),
    ("care", r"\bteeth\s+(?:were\s+)?cleaned\b", False),
    (
        "outcome",
        _CHANGE_ANY + r"\s+(?:" + _W + r"\s+){0,3}?(?:outcomes?|health|well-?being|status|"
        r"weight|births?|injur(?:y|ies)|deaths?|hospitali[sz]ations?|readmissions?|complications?|"
        r"symptoms?|mortality|morbidity|caries|cavities|stress|depression|anxiety)\b",
        False,
    ),
    (
        "outcome",
        r"\b(?:low\s+birth\s*weight|preterm|premature\s+births?|infant\s+deaths?|"
        r"infant\s+mortality|maternal\s+(?:deaths?|mortality|morbidity)|mortality|sudden\s+"
        r"(?:unexpected\s+)?infant\s+deaths?|suids?|sids|injur(?:y|ies)|hospitali[sz](?:ations?|ed)|"
        r"emergency\s+(?:department|room)\s+visits?|ed\s+visits?|readmissions?|overweight|"
        r"obes(?:e|ity)|healthy\s+weight|dental\s+caries|cavities|depressive\s+symptoms|"
        r"teen\s+births?|bullied|maltreat\w*|child\s+abuse|suicid\w*|overdoses?)\b",
        False,
    ),
)
_EFFECT = tuple((kind, re.compile(rx), org) for kind, rx, org in _EFFECT_CUES)
# one pass over the text answers "is there any effect cue at all?"; most effort wording has none
_ANY_EFFECT = re.compile("|".join(f"(?:{rx})" for _, rx, _ in _EFFECT_CUES))

_EFFECT_WHY = {
    "knowledge": "a change in skills or knowledge",
    "attitude": "a change in attitude",
    "behavior": "a change in behavior",
    "practice": "a change in how an organization works (a practice adopted)",
    "circumstance": "a change in circumstance",
    "care": "care received from the health system (access to or use of care)",
    "outcome": "a health or safety outcome",
}

_SATISFACTION = re.compile(
    r"\bsatisf\w*|\bwould\s+recommend\b|\bexperience\s+(?:of|with)\s+(?:the\s+|their\s+)?"
    r"(?:care|services?|program|visits?)\b|\bfelt\s+(?:respected|heard|listened\s+to|welcome)\b|"
    r"\brat(?:e|ed|ing)\s+(?:" + _W + r"\s+){0,4}?(?:as\s+)?(?:excellent|good|very\s+good)\b"
)

_SERVICE = re.compile(
    r"\b(?:trained|training|trainings|hired|served|serving|reached|received|receiving|receives?|"
    r"provided|providing|delivered|distributed|conducted|conduct|held|holding|hosted|offered|"
    r"referred|referrals?|screened|enrolled|enrollment|participat\w*|attended|attending|"
    r"completed|completing|engaged|developed|established|implemented|certified|recognized|"
    r"designated|contacted|visited|called|calling|educated|education|counsel(?:l)?ed|"
    r"counsel(?:l)?ing|reporting|entered|meetings?|sessions?|using|informed|notified|mailed|"
    r"sent|given|assessed|funded|supported)\b"
)


@dataclass(frozen=True)
class Focus:
    """Effort or effect, the words that decided it, and why (a reason fragment)."""

    effect: bool
    kind: str  # workforce, product, satisfaction, service, default, or an effect kind
    cue: str
    why: str


def core(text: str) -> str:
    """The wording without its unit form and without asides (what a service was about or for)."""
    t = " " + body(text) + " "
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


def subject(text: str) -> str:
    """The noun phrase the measure counts: the words before its first verb, relative or preposition."""
    words = text.replace(",", " , ").replace(";", " ; ").split()
    out: list[str] = []
    for i, w in enumerate(words):
        if w in {",", ";"} or w in _SUBJECT_STOPS:
            break
        participle = w in _PARTICIPLES or (
            len(w) > 4 and w.endswith("ed") and w not in _NOT_PARTICIPLE
        )
        if participle and i > 0:  # a leading participle is an adjective: "licensed EMTs"
            break
        out.append(w)
    return " ".join(out)


def _short(words: str) -> str:
    """A cue as quoted in a reason: long ones keep their first two words and their last."""
    parts = words.split()
    return " ".join(parts) if len(parts) <= 5 else f"{parts[0]} {parts[1]} … {parts[-1]}"


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\s*([a-z][\w'-]*)", text[end:])
    return singular(m.group(1)) if m else ""


def _effect_cue(text: str, *, org: bool) -> tuple[int, str, str] | None:
    """The earliest effect cue in ``text``: (position, kind, words)."""
    if _ANY_EFFECT.search(text) is None:
        return None
    best: tuple[int, str, str] | None = None
    for kind, rx, org_only in _EFFECT:
        if org_only and not org:
            continue
        for m in rx.finditer(text):
            if kind in {"care", "outcome", "circumstance"} and (
                _next_word(text, m.end()) in _COMPOUND_HEADS
            ):
                continue  # a modifier: "check-up passport", "prenatal care providers"
            if best is None or m.start() < best[0]:
                best = (m.start(), kind, m.group(0))
            break
    return best


@functools.lru_cache(maxsize=4096)
def focus(text: str | None) -> Focus:
    """Effort or effect for one piece of wording (a title, a measure, a numerator).

    Pure and cached: a batch of drafts built from the same templates repeats wording.
    """
    c = core(text or "")
    subj = subject(c)
    tokens = [singular(w) for w in subj.split()]
    head = tokens[-1] if tokens else ""
    is_org = any(t in _ORGS for t in tokens)
    if subj and _WORKFORCE.search(subj):
        return Focus(
            False,
            "workforce",
            subj,
            f"it counts the program's own workforce ('{quote(subj)}'); their hiring, training or "
            "competence describes the effort, not recipients being better off → effort",
        )
    in_subject = _effect_cue(subj, org=is_org) if subj else None
    if head in _PRODUCTS and not (in_subject and in_subject[1] in {"care", "outcome"}):
        return Focus(
            False,
            "product",
            subj,
            f"it counts what the program produced or did ('{quote(subj)}') → effort",
        )
    cue = _effect_cue(c, org=is_org)
    if cue is not None:
        _, kind, words = cue
        return Focus(
            True, kind, words, f"'{_short(words)}' is {_EFFECT_WHY[kind]} → effect (better off)"
        )
    sat = _SATISFACTION.search(c)
    if sat:
        return Focus(
            False,
            "satisfaction",
            sat.group(0),
            f"it asks about satisfaction with the service ('{quote(sat.group(0))}'), which RBA "
            "usually reads as how well the service was delivered (some MCHbest sample ESMs put "
            "satisfaction in Quadrants 3–4) → effort",
        )
    # the predicate ("… who received X") says what was done for them; the subject's own
    # qualifiers ("women enrolled in WIC …") only say who they are
    rel = re.search(r"\s(?:who|that|which|whose)\s", c)
    svc = (_SERVICE.search(c, rel.end()) if rel else None) or _SERVICE.search(c)
    if svc:
        snippet_words = c[svc.start() :].split(" who ")[0].split()[:5]
        while len(snippet_words) > 1 and snippet_words[-1].strip(",;") in STOPWORDS:
            snippet_words.pop()
        snippet = " ".join(snippet_words)
        return Focus(
            False,
            "service",
            svc.group(0),
            f"'{quote(snippet)}' is a service or activity of the program, not a change in "
            "the people served → effort",
        )
    return Focus(
        False,
        "default",
        "",
        "nothing in the wording shows anyone better off (a change in skills/knowledge, "
        "attitude, behavior or circumstance) → effort",
    )


def _form(
    text: str, unit_type: str | None, numerator: str | None, denominator: str | None
) -> tuple[bool, str, bool]:
    """(quality?, why, known?) from the unit type, the wording's unit form, or the denominator."""
    den = None if is_na(denominator) else denominator
    of_den = f" of '{quote(den or '', 50)}'" if den else ""
    if unit_type in ("percentage", "rate"):
        return True, f"a {unit_type} (its unit type){of_den} → quality", True
    if unit_type == "count":
        return False, "a count (its unit type) → quantity", True
    kind, _ = stem(strip_topic(clean(text or "")))
    if kind == "quantity":
        return False, "'Number of …' → quantity", True
    if kind in ("quality", "rate"):
        word = "a rate" if kind == "rate" else "a percentage"
        return True, f"{word}{of_den} → quality", True
    if den:
        return True, f"a share with a denominator ('{quote(den, 50)}') → quality", True
    if numerator or (denominator is not None and is_na(denominator)):
        return False, "a count (no denominator) → quantity", True
    return (
        False,
        "no unit form ('Number of …' or 'Percent of …'), read as a count → quantity",
        False,
    )


def infer_quadrant(
    text: str,
    *,
    unit_type: str | None = None,
    numerator: str | None = None,
    denominator: str | None = None,
) -> Inference:
    """The RBA quadrant a measure's wording points to, and why."""
    if not (text or "").strip() and not (numerator or "").strip():
        return Inference(1, "no wording to read yet", "quantity", False, "effort", "", "default")
    quality, form_why, known = _form(text, unit_type, numerator, denominator)
    chosen = focus(text)
    where = ""
    if numerator and chosen.kind != "workforce":
        num = focus(numerator)
        if (not chosen.effect and num.effect) or (
            chosen.kind == "default" and num.kind != "default"
        ):
            chosen, where = num, "numerator: "
    q = quadrant_of(quality, chosen.effect)
    reason = f"{form_why}; {where}{chosen.why} → {quadrant_label(q)}"
    return Inference(
        quadrant=q,
        reason=reason,
        form="quality" if quality else "quantity",
        form_known=known,
        focus="effect" if chosen.effect else "effort",
        cue=chosen.cue,
        basis=chosen.kind,
    )
