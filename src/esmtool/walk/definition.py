"""Step 3: the ESM definition, field by field (the questions are data in :mod:`esmtool.draft.fields`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..draft import fields as F
from .asker import Asker, Choice
from .state import WalkState

NEEDED = "An answer is needed here."


def commit(state: WalkState, ask: Asker, key: str, value: Any, **progress: Any) -> None:
    """Store one answer; say which earlier answers no longer fit (they are asked again)."""
    for other, why in state.commit(key, value, **progress):
        label = F.FIELDS[other].label if other in F.FIELDS else other
        ask.say(f"{label} no longer fits ({why}); it is cleared and asked again.", style="yellow")


def _needs(state: WalkState, spec: F.FieldSpec) -> bool:
    if not F.applies(spec, state.data):
        return False
    if not F.is_missing(state.value(spec.key)):
        return False
    return spec.required or spec.key not in state.answered


def ensure_esm(state: WalkState, ask: Asker) -> None:
    first = True
    while True:
        spec = next((s for s in F.ESM_FIELDS if _needs(state, s)), None)
        if spec is None:
            return
        if first:
            ask.heading("Step 3 of 5: the ESM definition")
            first = False
        ask_field(state, ask, spec, editing=False)


def ask_field(state: WalkState, ask: Asker, spec: F.FieldSpec, *, editing: bool) -> None:
    current = state.value(spec.key)
    ask.say()
    ask.say(spec.help, style="dim")
    if spec.kind == "baseline":
        _ask_baseline(state, ask, editing=editing)
        return
    if spec.kind == "targets":
        from .targets import ask_targets

        ask_targets(state, ask, editing=editing, commit=commit)
        return
    default = current if current is not None else F.default_for(spec.key, state.data, state.catalog)
    if spec.kind == "choice":
        values = [v for v, _ in spec.choices]
        answer: Any = ask.select(
            spec.label,
            [Choice(label, value) for value, label in spec.choices],
            default=default if default in values else values[0],
        )
    else:
        answer = ask.text(spec.label, default=default, validate=answer_check(state, spec))
    if not answer and not spec.required:
        commit(state, ask, spec.key, None, answered=spec.key)
        return
    commit(state, ask, spec.key, answer)


def answer_check(state: WalkState, spec: F.FieldSpec) -> Callable[[str], bool | str]:
    """The check a typed answer to ``spec`` passes: True, or the reason it is refused."""

    def check(text: str) -> bool | str:
        if not text.strip():
            return True if not spec.required else NEEDED
        return state.problem(spec.key, text) or True

    return check


def _ask_baseline(state: WalkState, ask: Asker, *, editing: bool) -> None:
    esm = state.data.get("esm") or {}
    current = esm.get("baseline") if editing else None
    year: Any = None if editing else state.pending.get("esm.baseline.year")

    def check_year(text: str) -> bool | str:
        if not text.strip():
            return NEEDED
        return (
            state.problem("esm.baseline", {"year": text, "value": 0}, within="esm.baseline.year")
            or True
        )

    if year is None:
        text = ask.text(
            "Baseline year",
            default=current["year"] if current else None,
            validate=check_year,
            placeholder="e.g. 2025",
        )
        year = state.normalised("esm.baseline", {"year": text, "value": 0})["year"]
        if not editing:
            state.set_pending("esm.baseline.year", year)

    def check_value(text: str) -> bool | str:
        if not text.strip():
            return NEEDED
        return state.problem("esm.baseline", {"year": year, "value": text}) or True

    unit = {"percentage": " (a percent, 0 to 100)"}.get(esm.get("unit_type", ""), "")
    value = ask.text(
        f"Baseline value in {year}{unit}",
        default=current["value"] if current else None,
        validate=check_value,
    )
    commit(
        state,
        ask,
        "esm.baseline",
        {"year": year, "value": value},
        pending={"esm.baseline.year": None},
    )
