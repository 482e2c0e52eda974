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
from typing import TYPE_CHECKING, NamedTuple

from ..draft.rules import is_na
from ..measure_text import clean, direction_removed, quote, singular, stem, strip_topic
from .base import Inference, quadrant_label, quadrant_of
from .population import (
    _FROM_WORKFORCE,
    _ORGS,
    _POPULATION_EFFECT,
    _PRODUCTS,
    _PROGRAM_SOURCE,
    _PROVIDER_ACTOR,
    _PROVIDER_SOURCE,
    _REPORTED_ACTOR,
    _SCREEN_CUES,
    _TAKING_PART,
    _TIMED,
    _WORKFORCE,
    _WORKFORCE_ANY,
    _head_noun,
    core,
)
from .reading import (
    ACTIVITY_STATEMENT,
    Parts,
    Verb,
    classify,
    is_care_object,
    parse,
)
from .receipts import _head_region, _matches_receipt

if TYPE_CHECKING:
    from ..catalog.models import Measure


_EFFECT_WHY = {
    "knowledge": "a change in skills, knowledge or confidence",
    "attitude": "a change in attitude",
    "practice": "a change in what they do (behaviour or practice)",
    "behavior": "a change in behaviour",
    "outcome": "a health or safety outcome",
    "circumstance": "a change in circumstance",
    "care": "care received from the health system (taking part in care)",
    "linkage": "care received where they were referred (the linkage completed)",
    "measure-outcome": "what the measure itself counts as its outcome",
    "change": "a measured change in those counted",
}


class Focus(NamedTuple):
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


def subject(text: str) -> str:
    """The noun phrase a measure counts (see :func:`.reading.subject`)."""
    from .reading import subject as _subject

    return _subject(text)


def _snippet(text: str, n: int = 6) -> str:
    parts = text.split()[:n]
    while len(parts) > 1 and parts[-1].strip(",;") in {"a", "an", "the", "of", "to", "in", "for"}:
        parts.pop()
    return " ".join(parts)


class _Ctx(NamedTuple):
    """What the reading of one measure knows beside its verb phrases."""

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
        of_care = _head_noun(pop) in {"visit", "appointment", "check-up", "checkup", "exam"}
        by_workforce = _FROM_WORKFORCE.search(v.text[v.text.find(v.cue) :])
        if "home visit" in v.cue or (bare and not of_care) or by_workforce:
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
        quals = self.ctx.parts.qualifiers
        referred = re.search(r"\breferr(?:ed|als?)\b", quals) and not re.search(
            r"\b(?:program|initiative|project|services?)\b", quals
        )
        referred_care = referred and (v.cue in {"evaluated", "examined"} or is_care_object(region))
        if (screen or v.object_class == "clinical") and (
            _PROVIDER_SOURCE.search(obj) or referred_care
        ):
            return self.effect("linkage", v.cue)  # care from where they were referred
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
        product=_head_noun(parts.population) in _PRODUCTS,
        care_events=is_care_object(parts.population),
        receipts=receipts,
    )
    opening = strip_topic(clean(raw))
    if parts.unit is None and ACTIVITY_STATEMENT.match(opening):
        rest = direction_removed(opening)
        if rest:  # "Increase pregnant smokers calling the quitline": a direction, then the measure
            read = focus(rest, receipts)
            if read.decided and read.kind != "activity-statement":
                return read
        why = "it states an activity of the program, not a measure of anyone better off → effort"
        return Focus(False, "activity-statement", "", why, population=parts.population)
    pop = _population_focus(ctx)
    if pop is not None and (
        pop.kind == "workforce" or (pop.kind == "outcome" and not parts.clauses)
    ):
        return pop
    # the measured verb phrase is the last clause; earlier ones and participles say who
    phrases = list(zip(reversed(parts.clauses), reversed(parts.own_subject), strict=True))
    qualifiers = parts.qualifiers
    if qualifiers and not parts.clauses and " with " in f" {qualifiers} ":
        # "children enrolled in the program with a dental visit": the last 'with' is measured
        who, _, measured = f" {qualifiers} ".partition(" with ")
        if who.strip():
            phrases.append((f"with {measured.strip()}", False))
            qualifiers = who.strip()
    if qualifiers:
        phrases.append((qualifiers, False))
    for phrase, own in phrases:
        got = _Reader(classify(phrase, org=ctx.org or ctx.care_events), ctx).decide(own)
        if got is not None:
            return got
    if pop is not None:
        return pop
    if ctx.product:
        why = f"it counts what the program produced or did ('{quote(parts.population)}') → effort"
        return Focus(False, "product", parts.population, why, population=parts.population)
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
    if chosen.kind == "activity-statement" and not where:
        # the title reports that the activity was done, and how much: the Evidence Center's
        # Quadrant 1 ("counts and yes/no activities"), whatever share the definition names
        quality = False
        form_why = (
            "the title states an activity of the program, which reports whether and how much "
            "it was done (Quadrant 1: counts and yes/no activities) → quantity"
        )
    q = quadrant_of(quality, chosen.effect)
    counted = (
        f"counts '{quote(chosen.population, 50)}'; "
        if chosen.population and chosen.kind not in {"workforce", "product", "activity-statement"}
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
