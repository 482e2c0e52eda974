"""Step 5: the whole draft with the reviewer's findings, and going back to edit any section."""

from __future__ import annotations

from ..draft import fields as F
from ..draft.rules import QUADRANTS
from .asker import BACK, Asker, Choice
from .definition import ask_field
from .measure_edit import edit_measure, measure_title
from .measure_set import choose_headlines, quadrant_question
from .screens import render_draft, render_findings
from .state import WalkState

SAVE = "!save"
EDIT_CHOICE = "!edit-choice"
EDIT_ESM = "!edit-esm"
EDIT_SET = "!edit-set"
HEADLINES = "!headlines"


def review(state: WalkState, ask: Asker) -> str:
    """Show the draft and its findings; return what the person wants next."""
    ask.heading("Step 5 of 5: review")
    draft = state.reviewed()
    ask.say(render_draft(draft, state.catalog))
    from ..checks import check_draft

    errors = 0
    try:
        findings = check_draft(draft, state.catalog)
    except Exception as exc:  # a bug in the checks must not cost the person their walk
        ask.say(f"The checks could not run ({type(exc).__name__}: {exc}).", style="red")
    else:
        ask.say(render_findings(findings, [m.quadrant for m in draft.measures]))
        errors = sum(1 for f in findings if f.severity == "error")
    choices = [
        Choice("Save and finish", SAVE),
        Choice("Edit the measure or strategy", EDIT_CHOICE),
        Choice("Edit the ESM definition", EDIT_ESM),
        Choice("Edit the measure set", EDIT_SET),
    ]
    while True:
        action = ask.select("What next?", choices)
        if action != SAVE or not errors or _save_anyway(ask, errors):
            return action


def _save_anyway(ask: Asker, errors: int) -> bool:
    """Saving a draft the checks find errors in is asked first (No goes back to the choices)."""
    some = "an error" if errors == 1 else f"{errors} errors"
    return ask.confirm(
        f"The checks found {some} (listed above). Save and finish anyway?", default=False
    )


def edit_esm(state: WalkState, ask: Asker) -> None:
    specs = [s for s in F.QUESTIONS if F.applies(s, state.data)]
    data = state.data
    choices = [
        Choice(
            f"{s.label}: {F.summary(state.value(s.key), key=s.key, data=data) or '(empty)'}", s.key
        )
        for s in specs
    ]
    keys = set(ask.checkbox("Which parts do you want to change?", choices))
    for spec in F.QUESTIONS:  # in the walk's order
        if spec.key not in keys or not F.applies(spec, state.data):
            continue
        if F.is_missing(state.value(spec.key)):
            continue  # cleared by an earlier change: asked again after this
        if spec.kind == "targets" and not (state.data.get("esm") or {}).get("baseline"):
            continue
        ask_field(state, ask, spec, editing=True)


def edit_measure_set(state: WalkState, ask: Asker) -> None:
    choices = []
    skipped = state.data.get("skipped_quadrants") or []
    for q in QUADRANTS:
        n = sum(1 for m in state.measures() if m.get("quadrant") == q)
        shown = "skipped" if q in skipped else f"{n} measure{'s' if n != 1 else ''}"
        choices.append(
            Choice(f"Quadrant {q}: {quadrant_question(state.catalog, q)} ({shown})", f"q:{q}")
        )
    choices.append(Choice("Choose the headline measures", HEADLINES))
    choices.append(Choice("« Back to the review", BACK))
    pick = ask.select("What do you want to change?", choices)
    if pick == HEADLINES:
        choose_headlines(state, ask, editing=True)
    elif pick.startswith("q:"):
        _edit_quadrant(state, ask, int(pick[2:]))


def _edit_quadrant(state: WalkState, ask: Asker, q: int) -> None:
    mine = [(i, m) for i, m in enumerate(state.measures()) if m.get("quadrant") == q]
    skipped = q in (state.data.get("skipped_quadrants") or [])
    choices = [Choice(f"Add a measure to Quadrant {q}", "add")]
    for i, m in mine:
        choices.append(Choice(f"Change or remove: {measure_title(m)}", f"measure:{i}"))
    choices.append(Choice("« Back to the review", BACK))
    pick = ask.select(f"Quadrant {q}: {quadrant_question(state.catalog, q)}", choices)
    if pick == "add":
        left = [x for x in (state.data.get("skipped_quadrants") or []) if x != q]
        if skipped:
            state.commit("skipped_quadrants", left or None, pending={"open_quadrant": q})
        else:
            state.set_pending("open_quadrant", q)
    elif pick.startswith("measure:"):
        edit_measure(state, ask, int(pick.split(":", 1)[1]))
