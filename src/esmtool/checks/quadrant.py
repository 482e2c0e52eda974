"""Which RBA quadrant a measure's wording points to, and why.

Two questions, each answered from RBA's own rules rather than from examples.

**Quantity or quality?** The unit form. A count ("Number of …", unit type
count, no denominator) is a quantity; a percentage, proportion or rate (unit
type percentage or rate, or a denominator) is a quality. The declared unit type
wins over the wording; without either, a denominator means a share.

**Effort or effect?** The wording is read as parts (:mod:`.reading`): the
population counted, and its verb phrases, each with a verb class and an object
class. The measured verb phrase is the last relative clause ("… who received X
and report Y" is read at "report Y"); earlier clauses and participles only say
who is counted. Then, from RBA and the MCH Evidence Center's guidance:

1. The program's own workforce (staff, coordinators, home visitors …) is
   effort, whatever it says about their training or competence. Professionals
   the strategy serves (providers, clinicians, school nurses) are recipients.
2. A reported or tested change in knowledge, skills, confidence, attitude,
   behaviour or practice is effect, whoever reports it; so is a health outcome
   or a changed circumstance (insured, housed, a medical home, a need met).
3. What the organizations served were changed to do (adopted, implemented,
   integrated, made routine, in compliance, a written policy) is effect at the
   systems level; what the program itself produced (policies it wrote, plans
   drafted, programs established, a partnership with the program) is effort.
4. Taking part in care (attended, kept, completed or had a visit, started
   treatment, seen by a provider) is care received: effect.
5. What people *received* is read with its object. When it is what the measure
   (the NPM) itself counts as its outcome (the catalog's ``outcome_receipts``)
   it is effect. Care from another provider after a screen or referral is
   linkage completed: effect. Receipt on a clock ("within 7 days of …") is the
   timeliness of a service: quality of effort. Information, education,
   referrals, help and the program's own services received are effort;
   health-system care received (a preventive visit, treatment) is effect.
6. Satisfaction is quality of effort by RBA's usual reading (the Evidence
   Center's own samples put it in Quadrants 3 and 4; ``check`` then reports
   info, not a warning).
7. Counts of the program's products and activities are effort. Nothing found
   leaves the question *undecided* (read as effort): :func:`effort_effect_undecided`.

The numerator, when given, is read the same way: an effect in the numerator
makes the measure an effect even when the title does not say so.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import Inference, quadrant_label, quadrant_of
from .reading import (
    ACTIVITY_STATEMENT,
    Parts,
    Verb,
    classify,
    is_care_object,
    parse,
)
from .text import body, clean, content_words, is_na, quote, singular, stem, strip_topic, words

if TYPE_CHECKING:
    from ..models import Measure

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
    r"declined|decreased|higher|lower|better|than)\b|;|$)"
)
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
    r"\b(" + _alternatives(_SERVICE_TOPIC_WORDS) + r")\s(?:in|on|for|to|of|with)\s.*?" + _BOUNDARY
)


# ----- who or what is counted ---------------------------------------------------------------------

_WORKFORCE = re.compile(
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
_POPULATION_EFFECT = re.compile(
    r"(?:\b(?:preventive|well|wellness|well-child|well-baby|well-woman|postpartum|prenatal|dental|"
    r"annual)\s+(?:\w+\s+)?(?:visits?|check-?ups?|exams?)|\b(?:emergency\s+(?:department|room)|ed)\s+"
    r"visits?|\b(?:births?|deaths?|injur(?:y|ies)|hospitali[sz]ations?|readmissions?|caries|"
    r"cavities|overdoses?|suicides?|fatalities))$"
)
#: Receipt on a clock: "within 30 days of enrollment", "before hospital discharge".
_TIMED = re.compile(
    r"\bwithin\s+(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*"
    r"(?:(?:-|to)\s*\d+\s*)?(?:business\s+|calendar\s+|working\s+)?(?:minutes?|hours?|days?|"
    r"weeks?|months?)\b|\bbefore\s+(?:hospital\s+)?discharge\b|\bsame[- ]day\b"
)
#: Care given by another provider (after a screen or referral): linkage completed.
_PROVIDER_SOURCE = re.compile(
    r"\b(?:by|from|with)\s+(?:a|an|the|their|his|her)?\s*(?:\w+\s+){0,2}?(?:dentists?|doctors?|"
    r"physicians?|pediatricians?|obstetricians?|midwi(?:fe|ves)|specialists?|therapists?|"
    r"clinicians?|early\s+intervention|(?:adult|primary\s+care|behavioral\s+health|mental\s+"
    r"health)\s+providers?|dental\s+hygienists?)\b"
)
#: The program as the source or party: "from the Title V program", "through the initiative".
_PROGRAM_SOURCE = re.compile(
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
_REPORTED_ACTOR = re.compile(
    r"^(?:report\w*|say|said|state[sd]?)\s+(?:[\w'-]+\s+){0,3}?that\s+(?:their|the|his|her|a|"
    r"they)\s*((?:[\w'-]+\s+){0,5}?(?:[\w'-]+))?\s+(?:always|usually|never|often|"
    r"sometimes)?\s*(?:\w+ed|made|gave|spent|took|share[sd]?|help(?:ed)?|listen\w*|explain\w*|"
    r"treat\w*|respect\w*|communicat\w*)\b"
)
_WORKFORCE_ANY = re.compile(
    r"\b(?:staff|coordinators?|case\s+managers?|home\s+visitors?|navigators?|counsel(?:l)?ors?|"
    r"community\s+health\s+workers?|educators?|volunteers?|peer\s+\w+)\b"
)
_PROVIDER_ACTOR = re.compile(
    r"\b(?:providers?|doctors?|physicians?|nurses?|clinicians?|pediatricians?|dentists?|"
    r"midwi(?:fe|ves)|obstetricians?|care\s+team)\b"
)

_EFFECT_WHY = {
    "knowledge": "a change in skills, knowledge or confidence",
    "attitude": "a change in attitude",
    "practice": "a change in what they do (behaviour or practice)",
    "behavior": "a change in behaviour",
    "outcome": "a health or safety outcome",
    "circumstance": "a change in circumstance",
    "care": "care received from the health system (taking part in care)",
    "linkage": "care received from another provider (the linkage completed)",
    "measure-outcome": "what the measure itself counts as its outcome",
}


@dataclass(frozen=True)
class Focus:
    """Effort or effect, the words that decided it, and why (a reason fragment)."""

    effect: bool
    kind: str  # workforce, product, satisfaction, service, timeliness, default, or an effect kind
    cue: str
    why: str
    decided: bool = True
    population: str = ""
    verb: str = ""
    verb_class: str = ""
    object_class: str = ""


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


def subject(text: str) -> str:
    """The noun phrase a measure counts (see :func:`.reading.subject`)."""
    from .reading import subject as _subject

    return _subject(text)


def _snippet(text: str, n: int = 6) -> str:
    parts = text.split()[:n]
    while len(parts) > 1 and parts[-1].strip(",;") in {"a", "an", "the", "of", "to", "in", "for"}:
        parts.pop()
    return " ".join(parts)


def _matches_receipt(region: str, receipts: tuple[str, ...]) -> str:
    """The first outcome receipt of the measure whose content words all appear in ``region``."""
    have = set(content_words(region))
    for term in receipts:
        need = set(content_words(term))
        if need and need <= have:
            return term
    return ""


def _head_region(text: str) -> str:
    """What was received, up to where its source, place or time begins."""
    padded = " " + text + " "
    m = re.search(
        r"\s(?:from|through|by|via|at|within|after|before|during|since|when|so)\s", padded
    )
    return padded[: m.start()].strip() if m else text


@dataclass(frozen=True)
class _Ctx:
    parts: Parts
    org: bool  # the population is organizations
    workforce: bool  # the population is the program's own workforce
    product: bool  # the population is things the program produced or did
    care_events: bool  # the population is care delivered (visits at the practices served)
    receipts: tuple[str, ...]  # what the measure counts as its own outcome


_OWN_OUTCOME_CLASSES = frozenset({"care", "receipt", "product", ""})
_PEOPLE_CHANGE = frozenset({"change", "behaviour", "outcome", "circumstance"})


class _Reader:
    """Effort or effect for one verb phrase of a measure (see the module's principles)."""

    def __init__(self, v: Verb, ctx: _Ctx) -> None:
        self.v, self.ctx = v, ctx
        self.said = _snippet(v.text[v.text.find(v.cue) :] if v.cue else v.text)

    def _focus(self, effect: bool, kind: str, cue: str, why: str) -> Focus:
        v = self.v
        return Focus(
            effect,
            kind,
            cue,
            why,
            population=self.ctx.parts.population,
            verb=v.text,
            verb_class=v.verb_class,
            object_class=v.object_class,
        )

    def effect(self, kind: str, cue: str) -> Focus:
        why = f"'{quote(self.said)}' is {_EFFECT_WHY[kind]} → effect (better off)"
        return self._focus(True, kind, cue, why)

    def effort(self, kind: str, why: str) -> Focus:
        return self._focus(False, kind, self.v.cue, f"{why} → effort")

    def product(self) -> Focus:
        pop = self.ctx.parts.population
        why = f"it counts what the program produced or did ('{quote(pop)}') → effort"
        return self._focus(False, "product", pop, why)

    def decide(self, own_clause: bool) -> Focus | None:
        """None when the phrase says nothing either way."""
        v, ctx, cls = self.v, self.ctx, self.v.verb_class
        if ctx.product and cls not in _PEOPLE_CHANGE | {"org-change"}:
            return self.product()
        reported = self._reported_actor()
        if reported is not None:
            return reported
        if ctx.receipts and (cls in _OWN_OUTCOME_CLASSES or v.cue in _TAKING_PART):
            region = v.text
            if cls == "receipt" and v.cue not in _SCREEN_CUES:
                region = v.cue + " " + _head_region(v.object)
            term = _matches_receipt(region, ctx.receipts)
            if term:
                return self.effect("measure-outcome", term)
        if cls in _PEOPLE_CHANGE:
            # a product's own participle ("policies adopted by …") is what the program did
            return self.product() if ctx.product and not own_clause else self.effect(v.kind, v.cue)
        if cls == "org-change":
            return self._org_change()
        if cls == "care":
            return self._care()
        if cls == "satisfaction":
            why = (
                f"it asks about satisfaction with the service ('{quote(v.cue)}'), which RBA "
                "usually reads as how well the service was delivered (some MCHbest sample ESMs "
                "put satisfaction in Quadrants 3–4) → effort"
            )
            return self._focus(False, "satisfaction", v.cue, why)
        if cls == "receipt":
            return self._receipt()
        if cls == "product":
            return self.effort("product", f"'{quote(self.said)}' is something the program produced")
        if cls == "activity":
            return self.effort(
                "service",
                f"'{quote(self.said)}' is a service or activity of the program, not a change in "
                "the people served",
            )
        return None

    def _reported_actor(self) -> Focus | None:
        """'… report that their care coordinator explained …': whose work is reported."""
        m = _REPORTED_ACTOR.match(self.v.text)
        actor = (m.group(1) or "") if m else ""
        if not actor or self.v.verb_class == "behaviour":
            return None
        if _WORKFORCE_ANY.search(actor):
            return self.effort(
                "service",
                f"'{quote(self.said)}' is how the program's own staff served them, as they "
                "report it (the quality of the service)",
            )
        if _PROVIDER_ACTOR.search(actor):
            return self.effect("care", actor)
        return None

    def _org_change(self) -> Focus:
        v, ctx = self.v, self.ctx
        if ctx.product and not ctx.care_events:
            return self.product()
        after = v.text[v.text.find(v.cue) :]
        if re.search(r"\bwith\b", after) and _PROGRAM_SOURCE.search(after):
            return self.effort(
                "product",
                f"'{quote(self.said)}' is a partnership with the program itself, not a change "
                "in the organizations",
            )
        return self.effect("practice", v.cue)

    def _care(self) -> Focus:
        v, pop = self.v, self.ctx.parts.population
        bare = re.fullmatch(r"(?:(?:were|was|are|is)\s+)?(?:kept|attended|completed)", v.cue)
        of_care = is_care_object(pop) or re.search(r"\b(?:visits?|appointments?)$", pop)
        if "home visit" in v.cue or (bare and not of_care):
            return self.effort(
                "service",
                f"'{quote(self.said)}' is taking part in the program's own activity, not in care",
            )
        return self.effect("care", v.cue)

    def _receipt(self) -> Focus:
        v, said = self.v, quote(self.said)
        obj, region = v.object, _head_region(v.object)
        screen = v.cue in _SCREEN_CUES
        if v.object_class == "information" and not screen:
            return self.effort("service", f"'{said}' is information or education received")
        if v.object_class in {"referral", "coordination", "policy"} and not screen:
            return self.effort(
                "service", f"'{said}' is a service of the program received, not a change"
            )
        if _PROVIDER_SOURCE.search(obj) and (screen or v.object_class == "clinical"):
            return self.effect("linkage", v.cue)
        if _TIMED.search(obj):
            return self.effort(
                "timeliness", f"'{said}' times a service (timeliness is quality of effort)"
            )
        if _PROGRAM_SOURCE.search(region):
            return self.effort("service", f"'{said}' is a service the program delivered")
        if not screen and is_care_object(region):
            return self.effect("care", v.cue)
        if screen or v.object_class == "clinical":
            return self.effort(
                "service", f"'{said}' is a screen, check or assessment given, not yet care"
            )
        return self.effort(
            "service", f"'{said}' is a service or activity of the program, not a change"
        )


def _population_focus(ctx: _Ctx) -> Focus | None:
    """The program's workforce (effort), or a population that is itself an outcome or care."""
    pop = ctx.parts.population
    if ctx.workforce:
        why = (
            f"it counts the program's own workforce ('{quote(pop)}'); their hiring, training or "
            "competence describes the effort, not recipients being better off → effort"
        )
        return Focus(False, "workforce", pop, why, population=pop)
    m = _POPULATION_EFFECT.search(pop)
    if m is None:
        return None
    counted = m.group(0)
    care = bool(re.search(r"visit|check|exam", counted)) and not re.match(
        r"emergency|ed\b", counted
    )
    what = "care received" if care else "a health outcome"
    why = f"it counts '{quote(counted)}', {what} → effect (better off)"
    return Focus(True, "care" if care else "outcome", counted, why, population=pop)


@functools.lru_cache(maxsize=4096)
def focus(text: str | None, receipts: tuple[str, ...] = ()) -> Focus:
    """Effort or effect for one piece of wording (a title, a measure, a numerator).

    ``receipts`` are what the measure (NPM) counts as its own outcome. Pure and
    cached: a batch of drafts built from the same templates repeats wording.
    """
    raw = text or ""
    parts = parse(raw, core(raw))
    tokens = [singular(w) for w in parts.population.split()]
    first = re.split(r"\s(?:and|or|&)\s|,", parts.population)[0].strip()
    ctx = _Ctx(
        parts,
        org=any(t in _ORGS for t in tokens),
        workforce=bool(first and _WORKFORCE.search(first)),
        product=parts.head in _PRODUCTS,
        care_events=is_care_object(parts.population),
        receipts=receipts,
    )
    pop = _population_focus(ctx)
    if pop is not None and (pop.kind == "workforce" or not parts.clauses):
        return pop
    # the measured verb phrase is the last clause; earlier ones and participles say who
    phrases = [(cl, True) for cl in reversed(parts.clauses)]
    if parts.qualifiers:
        phrases.append((parts.qualifiers, False))
    for phrase, own in phrases:
        got = _Reader(classify(phrase, org=ctx.org or ctx.care_events), ctx).decide(own)
        if got is not None:
            return got
    if pop is not None:
        return pop
    if ctx.product:
        why = f"it counts what the program produced or did ('{quote(parts.population)}') → effort"
        return Focus(False, "product", parts.population, why, population=parts.population)
    if parts.unit is None and ACTIVITY_STATEMENT.match(strip_topic(clean(raw))):
        why = "it states an activity of the program, not a measure of anyone better off → effort"
        return Focus(False, "activity-statement", "", why, population=parts.population)
    why = (
        "nothing in the wording shows anyone better off (a change in skills/knowledge, "
        "attitude, behavior or circumstance) → effort"
    )
    return Focus(False, "default", "", why, decided=False, population=parts.population)


def outcome_receipts(measure: Measure | None) -> tuple[str, ...]:
    """What the measure counts as its own outcome when people receive it (from the catalog)."""
    return tuple(measure.outcome_receipts) if measure is not None else ()


def effort_effect_undecided(text: str, measure: Measure | None = None) -> bool:
    """True when the wording does not say whether it counts effort or effect (no verb class found).

    The walk asks its plain question then ("Does this count what the program did or whom it
    reached, or people (or organisations) who are better off?") and keeps the answer in the
    measure's ``effect`` field.
    """
    return not focus(text, outcome_receipts(measure)).decided


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
    measure: Measure | None = None,
) -> Inference:
    """The RBA quadrant a measure's wording points to, and why.

    ``measure`` is the NPM the ESM serves: its ``outcome_receipts`` say which care received
    is the measure's own outcome (an effect).
    """
    if not (text or "").strip() and not (numerator or "").strip():
        return Inference(
            1, "no wording to read yet", "quantity", False, "effort", "", "default", decided=False
        )
    receipts = outcome_receipts(measure)
    quality, form_why, known = _form(text, unit_type, numerator, denominator)
    chosen = focus(text, receipts)
    where = ""
    if numerator and chosen.kind != "workforce":
        num = focus(numerator, receipts)
        if (not chosen.effect and num.effect) or (not chosen.decided and num.decided):
            chosen, where = num, "numerator: "
    q = quadrant_of(quality, chosen.effect)
    counted = (
        f"counts '{quote(chosen.population, 50)}'; "
        if chosen.population and chosen.kind not in {"workforce", "product"}
        else ""
    )
    reason = f"{form_why}; {where}{counted}{chosen.why} → {quadrant_label(q)}"
    return Inference(
        quadrant=q,
        reason=reason,
        form="quality" if quality else "quantity",
        form_known=known,
        focus="effect" if chosen.effect else "effort",
        cue=chosen.cue,
        basis=chosen.kind,
        decided=chosen.decided,
        population=chosen.population,
        verb_class=chosen.verb_class,
        object_class=chosen.object_class,
    )
