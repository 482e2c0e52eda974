"""Step 4: the RBA measure set, quadrant by quadrant, then the headline measures."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..draft import fields as F
from ..draft.rules import QUADRANTS
from .asker import Asker, Choice
from .definition import NEEDED
from .state import WalkState

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..catalog.models import Strategy, Template

MAX_HEADLINES = 5
DONE = "!done"
OWN = "!own"
SKIP = "!skip"


def quadrant_question(catalog: Catalog, q: int) -> str:
    info = catalog.quadrants.get(q)
    return f"{info.name} — {info.question}" if info else ""


def tips_for(catalog: Catalog, q: int) -> list[str]:
    """The RBA tips that speak of quadrant ``q`` (all of them when none does)."""
    pattern = re.compile(rf"quadrants?\b[^.;]*?\b{q}\b|all levels", re.IGNORECASE)
    found = [t for t in catalog.tips if pattern.search(t)]
    return found or list(catalog.tips)


def quadrant_open(state: WalkState, q: int) -> bool:
    if q in (state.data.get("skipped_quadrants") or []):
        return False
    pm = state.pending.get("measure")
    if isinstance(pm, dict) and pm.get("quadrant") == q:
        return True
    if state.pending.get("open_quadrant") == q:
        return True
    return not any(m.get("quadrant") == q for m in state.measures())


def ensure_measure_set(state: WalkState, ask: Asker) -> None:
    first = True
    for q in QUADRANTS:
        if not quadrant_open(state, q):
            continue
        if first:
            ask.heading("Step 4 of 5: the measure set, quadrant by quadrant (RBA)")
            first = False
        _walk_quadrant(state, ask, q)


def _show_quadrant(state: WalkState, ask: Asker, q: int) -> None:
    info = state.catalog.quadrants.get(q)
    ask.say()
    if info is None:
        ask.say(f"Quadrant {q}", style="bold")
        return
    ask.say(f"Quadrant {q}: {info.name} — {info.question}", style="bold")
    ask.say(info.guidance, style="dim")
    ask.say(f"Measures here usually start: {info.stem}", style="dim")


def _strategy(state: WalkState) -> Strategy:
    return state.catalog.strategy(state.data["strategy"])


def _samples(state: WalkState, q: int) -> list[str]:
    return [sm.text for sm in _strategy(state).sample_measures if sm.quadrant == q]


def _walk_quadrant(state: WalkState, ask: Asker, q: int) -> None:
    _show_quadrant(state, ask, q)
    while quadrant_open(state, q):
        pm = state.pending.get("measure")
        if isinstance(pm, dict) and pm.get("quadrant") == q:
            if pm.get("template"):
                _fill_template(state, ask, q, pm)
            else:
                _own_measure(state, ask, q)
            continue
        has = any(m.get("quadrant") == q for m in state.measures())
        pick = ask.select(
            f"Quadrant {q} ({quadrant_question(state.catalog, q)}): choose a measure",
            _quadrant_choices(state, q, has),
            search=True,
        )
        if pick == DONE:
            state.set_pending("open_quadrant", None)
        elif pick == SKIP:
            _skip_quadrant(state, ask, q)
        elif pick == OWN:
            state.set_pending("measure", {"quadrant": q, "own": True})
        elif pick.startswith("sample:"):
            sample = _samples(state, q)[int(pick.split(":", 1)[1])]
            _add_measure(state, ask, {"quadrant": q, "text": sample})
        elif pick.startswith("template:"):
            tid = pick.split(":", 1)[1]
            state.set_pending("measure", {"quadrant": q, "template": tid, "slots": {}})


def _quadrant_choices(state: WalkState, q: int, has: bool) -> list[Choice]:
    choices: list[Choice] = []
    if has:
        nxt = f"go on to Quadrant {q + 1}" if q < 4 else "go on to the headline measures"
        choices.append(Choice(f"Done with Quadrant {q}: {nxt}", DONE))
    used = {m.get("text") for m in state.measures()}
    for t in state.catalog.templates_for(_strategy(state), q):
        choices.append(
            Choice(f"Template: {t.text}  [{t.id}]", f"template:{t.id}", description=t.note)
        )
    for i, text in enumerate(_samples(state, q)):
        if text not in used:
            choices.append(Choice(f"MCHbest sample: {text}", f"sample:{i}"))
    choices.append(Choice("Write my own measure", OWN))
    if not has:
        choices.append(Choice("Skip this quadrant", SKIP))
    return choices


def _measure_problem(state: WalkState, entry: dict[str, Any]) -> str | None:
    measures = [*state.measures(), entry]
    i = len(measures) - 1
    return state.problem("measures", measures, within=f"measures[{i}]")


def _add_measure(state: WalkState, ask: Asker, entry: dict[str, Any]) -> None:
    q = entry["quadrant"]
    measures = state.measures()
    at = len(measures)
    for i, m in enumerate(measures):  # keep the list in quadrant order
        if m.get("quadrant", 0) > q:
            at = i
            break
    measures.insert(at, entry)
    state.commit("measures", measures, pending={"measure": None, "open_quadrant": q})
    ask.say(f"Added to Quadrant {q}: {entry['text']}", style="green")


def _own_measure(state: WalkState, ask: Asker, q: int) -> None:
    info = state.catalog.quadrants.get(q)

    def check(text: str) -> bool | str:
        if not text.strip():
            return NEEDED
        return _measure_problem(state, {"quadrant": q, "text": text}) or True

    pm = state.pending.get("measure")
    typed = pm.get("text") if isinstance(pm, dict) else None
    if isinstance(typed, str) and typed.strip() and check(typed) is True:
        text = typed  # resumed: the wording was typed before the walk stopped
    else:
        text = ask.text(
            f"Your measure for Quadrant {q}",
            validate=check,
            placeholder=info.stem if info else None,
        )
    entry: dict[str, Any] = {"quadrant": q, "text": text}
    if undecided(state, text):
        state.set_pending("measure", {"quadrant": q, "own": True, "text": text})
        entry["effect"] = ask_effect(state, ask, q)
    _add_measure(state, ask, entry)


#: The walk's one question when the wording leaves effort or effect open (issue 11).
EFFECT_QUESTION = (
    "Does this count what the program did or whom it reached, "
    "or people (or organisations) who are better off?"
)
EFFORT_CHOICE = "What the program did or whom it reached (effort)"
EFFECT_CHOICE = "People or organizations who are better off (effect)"


def undecided(state: WalkState, text: str) -> bool:
    from ..checks import effort_effect_undecided

    npm = state.data.get("npm")
    measure = state.catalog.measures.get(npm) if isinstance(npm, str) else None
    return effort_effect_undecided(text, measure)


def ask_effect(state: WalkState, ask: Asker, q: int) -> bool:
    """Ask effort or effect; the answer is kept in the measure's ``effect`` field."""
    ask.say(
        "The wording does not say whether those counted are better off "
        "(a change in skills or knowledge, attitude, behavior or circumstance).",
        style="dim",
    )
    pick = ask.select(
        EFFECT_QUESTION,
        [Choice(EFFORT_CHOICE, "effort"), Choice(EFFECT_CHOICE, "effect")],
        default="effect" if q >= 3 else "effort",
    )
    effect = pick == "effect"
    if effect != (q >= 3):
        fits = (3 if effect else 1) + (1 if q in (2, 4) else 0)
        ask.say(
            f"Quadrant {q} counts {'effect' if q >= 3 else 'effort'}; by your answer this "
            f"measure belongs in Quadrant {fits}. It is kept here and `esmtool check` will "
            "point it out; to move it, open it under 'Edit the measure set' in the review "
            f"and choose 'Move it to another quadrant' (Quadrant {fits}).",
            style="yellow",
        )
    return effect


def _fill_template(state: WalkState, ask: Asker, q: int, pm: dict[str, Any]) -> None:
    tid = str(pm.get("template"))
    try:
        template: Template = state.catalog.template(tid)
    except Exception:
        ask.say(
            f"The template '{tid}' is not in the catalog any more; choose again.",
            style="yellow",
        )
        state.set_pending("measure", None)
        return
    slots = {k: str(v) for k, v in (pm.get("slots") or {}).items() if k in template.slot_names}
    ask.say(f"Template: {template.text}", style="bold")
    for slot in template.slots:
        if slot.name in slots:
            continue

        def check(text: str, name: str = slot.name) -> bool | str:
            if not text.strip():
                return NEEDED
            entry = {"quadrant": q, "text": "x", "template": tid, "slots": {**slots, name: text}}
            return _measure_problem(state, entry) or True

        slots[slot.name] = ask.text(
            slot.prompt,
            default=_earlier_answer(state, slot.name),
            validate=check,
            placeholder=f"e.g. {slot.example}",
        )
        if len(slots) < len(template.slots):
            state.set_pending("measure", {"quadrant": q, "template": tid, "slots": dict(slots)})
            ask.say(f"So far: {template.fill(slots)}", style="dim")
    ordered = {s.name: slots[s.name] for s in template.slots}
    _add_measure(
        state,
        ask,
        {"quadrant": q, "text": template.fill(ordered), "template": tid, "slots": ordered},
    )


def _earlier_answer(state: WalkState, name: str) -> str | None:
    """What the person answered for a blank of this name in the set's last measure that has
    one ("{program}", "{patients}"): offered again, so it is typed once."""
    for m in reversed(state.measures()):
        value = (m.get("slots") or {}).get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _skip_quadrant(state: WalkState, ask: Asker, q: int) -> None:
    skipped = sorted({*(state.data.get("skipped_quadrants") or []), q})
    state.commit("skipped_quadrants", skipped, pending={"open_quadrant": None})
    tips = tips_for(state.catalog, q)
    if tips:
        ask.say(f"Quadrant {q} skipped. The RBA tips advise:", style="yellow")
        for tip in tips:
            ask.say(f"  • {tip}")


# ----- headline measures -----------------------------------------------------------------------


def ensure_headlines(state: WalkState, ask: Asker) -> None:
    measures = state.measures()
    if not measures or any(m.get("headline") for m in measures):
        return
    if "headlines" in state.answered:
        return
    choose_headlines(state, ask, editing=False)


def choose_headlines(state: WalkState, ask: Asker, *, editing: bool) -> None:
    measures = state.measures()
    better_off = [i for i, m in enumerate(measures) if m.get("quadrant") in (3, 4)]
    ask.heading("Headline measures")
    ask.say(
        "Headline measures are the few you report and watch most closely: no more than "
        f"{MAX_HEADLINES}, from the better-off quadrants (3 and 4) where the data are good.",
        style="dim",
    )
    suggest = set(better_off) if len(better_off) <= MAX_HEADLINES else set()
    choices = []
    for i, m in enumerate(measures):
        ticked = bool(m.get("headline")) if editing else i in suggest
        choices.append(
            Choice(F.summary(f"Q{m['quadrant']}: {m['text']}", 100), str(i), checked=ticked)
        )

    def check(picked: list[str]) -> bool | str:
        if len(picked) > MAX_HEADLINES:
            return f"Choose at most {MAX_HEADLINES} headline measures ({len(picked)} are ticked)."
        return True

    picked = {int(v) for v in ask.checkbox("Which are headline measures?", choices, validate=check)}
    for i, m in enumerate(measures):
        m = dict(m)
        if i in picked:
            m["headline"] = True
        else:
            m.pop("headline", None)
        measures[i] = m
    state.commit("measures", measures, answered="headlines")
    if not picked:
        ask.say("No headline measure chosen; you can choose them from the review.", style="yellow")
