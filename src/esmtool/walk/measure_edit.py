"""Changing one measure of the set from the review: its wording, its quadrant, its headline mark.

A measure made from a template is edited by filling in the template's blanks again (each
blank offers its current answer); it can also be rewritten in the person's own words, which
drops the template. Each change is one validated commit: an edit stopped half-way (Ctrl-C)
leaves the measure as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..draft import fields as F
from ..draft.rules import QUADRANTS
from .asker import BACK, Asker, Choice
from .definition import NEEDED
from .measure_set import MAX_HEADLINES, ask_effect, quadrant_question, undecided
from .state import WalkState

if TYPE_CHECKING:
    from ..catalog.models import Template

WORDING = "!wording"
SLOTS = "!slots"
MOVE = "!move"
HEADLINE = "!headline"
REMOVE = "!remove"

#: The quadrants that count effects (better off); ``effect: true`` belongs to them.
EFFECT_QUADRANTS = (3, 4)


def measure_title(m: dict[str, Any], width: int = 56) -> str:
    mark = " [headline]" if m.get("headline") else ""
    return F.summary(m["text"], width) + mark


def edit_measure(state: WalkState, ask: Asker, i: int) -> None:
    """Ask what to change about measure ``i`` and change it."""
    m = state.measures()[i]
    template = _template(state, m)
    choices: list[Choice] = []
    if template is not None:
        choices.append(Choice("Fill in the template's blanks again", SLOTS))
        choices.append(
            Choice("Rewrite it in my own words (it no longer follows the template)", WORDING)
        )
    else:
        choices.append(Choice("Edit the wording", WORDING))
    choices.append(Choice("Move it to another quadrant", MOVE))
    if m.get("headline"):
        choices.append(Choice("No longer a headline measure", HEADLINE))
    else:
        choices.append(Choice("Make it a headline measure", HEADLINE))
    choices.append(Choice("Remove it", REMOVE))
    choices.append(Choice("« Back to the review", BACK))
    ask.say(f"Quadrant {m['quadrant']}: {m['text']}", style="bold")
    pick = ask.select("What do you want to change about this measure?", choices)
    if pick == WORDING:
        _edit_wording(state, ask, i)
    elif pick == SLOTS and template is not None:
        _edit_slots(state, ask, i, template)
    elif pick == MOVE:
        _move(state, ask, i)
    elif pick == HEADLINE:
        _toggle_headline(state, ask, i)
    elif pick == REMOVE:
        remove_measure(state, ask, i)


def remove_measure(state: WalkState, ask: Asker, i: int) -> None:
    measures = state.measures()
    removed = measures.pop(i)
    state.commit("measures", measures or None)
    ask.say(f"Removed from Quadrant {removed['quadrant']}: {removed['text']}", style="yellow")


def _template(state: WalkState, m: dict[str, Any]) -> Template | None:
    tid = m.get("template")
    if not tid:
        return None
    try:
        return state.catalog.template(str(tid))
    except Exception:  # not in the catalog any more: the wording can still be edited
        return None


def _problem(state: WalkState, i: int, entry: dict[str, Any]) -> str | None:
    measures = state.measures()
    measures[i] = entry
    return state.problem("measures", measures, within=f"measures[{i}]")


def _replace(state: WalkState, i: int, entry: dict[str, Any]) -> None:
    measures = state.measures()
    measures[i] = entry
    state.commit("measures", measures)


def _edit_wording(state: WalkState, ask: Asker, i: int) -> None:
    m = state.measures()[i]
    # new wording: the effort-or-effect answer given for the old one no longer holds
    kept = {k: v for k, v in m.items() if k not in ("text", "template", "slots", "effect")}

    def check(text: str) -> bool | str:
        if not text.strip():
            return NEEDED
        return _problem(state, i, {**kept, "text": text}) or True

    text = ask.text(f"The measure (Quadrant {m['quadrant']})", default=m["text"], validate=check)
    if text == m["text"] and not m.get("template"):
        return
    entry = {**kept, "text": text}
    if undecided(state, text):  # asked again, as for a measure written in the walk
        entry["effect"] = ask_effect(state, ask, int(m["quadrant"]))
    _replace(state, i, entry)
    ask.say(f"Changed: {text}", style="green")


def _edit_slots(state: WalkState, ask: Asker, i: int, template: Template) -> None:
    m = state.measures()[i]
    names = set(template.slot_names)
    old = {str(k): str(v) for k, v in (m.get("slots") or {}).items() if k in names}
    slots: dict[str, str] = {}
    ask.say(f"Template: {template.text}", style="bold")
    for slot in template.slots:

        def check(text: str, name: str = slot.name) -> bool | str:
            if not text.strip():
                return NEEDED
            entry = {**m, "text": "x", "slots": {**old, **slots, name: text}}
            return _problem(state, i, entry) or True

        slots[slot.name] = ask.text(
            slot.prompt,
            default=old.get(slot.name),
            validate=check,
            placeholder=f"e.g. {slot.example}",
        )
    text = template.fill(slots)
    _replace(state, i, {**m, "text": text, "slots": slots})
    ask.say(f"Changed: {text}", style="green")


def _move(state: WalkState, ask: Asker, i: int) -> None:
    measures = state.measures()
    m = measures[i]
    here = int(m["quadrant"])
    choices = [
        Choice(f"Quadrant {q}: {quadrant_question(state.catalog, q)}", str(q))
        for q in QUADRANTS
        if q != here
    ]
    choices.append(Choice(f"« Keep it in Quadrant {here}", BACK))
    pick = ask.select("Move it to which quadrant?", choices)
    if pick == BACK:
        return
    q = int(pick)
    moved = {**m, "quadrant": q}
    if moved.get("effect") is not None and bool(moved["effect"]) != (q in EFFECT_QUADRANTS):
        del moved["effect"]  # the earlier effort-or-effect answer was about the old quadrant
    del measures[i]
    at = len(measures)
    for j, other in enumerate(measures):  # the list stays in quadrant order: last of its quadrant
        if other.get("quadrant", 0) > q:
            at = j
            break
    measures.insert(at, moved)
    skipped = [x for x in (state.data.get("skipped_quadrants") or []) if x != q]
    if skipped != (state.data.get("skipped_quadrants") or []):
        state.commit("skipped_quadrants", skipped or None)
    state.commit("measures", measures)
    ask.say(f"Moved from Quadrant {here} to Quadrant {q}: {m['text']}", style="green")
    if not any(x.get("quadrant") == here for x in measures):
        ask.say(
            f"Quadrant {here} has no measure now: choose one for it, or skip it.", style="yellow"
        )


def _toggle_headline(state: WalkState, ask: Asker, i: int) -> None:
    measures = state.measures()
    m = dict(measures[i])
    if m.get("headline"):
        m.pop("headline", None)
        said = "No longer a headline measure"
    else:
        n = sum(1 for x in measures if x.get("headline"))
        if n >= MAX_HEADLINES:
            ask.say(
                f"There are already {n} headline measures (at most {MAX_HEADLINES}); "
                "take the mark off one of them first.",
                style="yellow",
            )
            return
        m["headline"] = True
        said = "Now a headline measure"
    measures[i] = m
    state.commit("measures", measures, answered="headlines")
    ask.say(f"{said}: {m['text']}", style="green")
