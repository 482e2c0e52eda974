"""Step 3: the ESM definition, field by field (the questions are data in :mod:`esmtool.draft.fields`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..draft import fields as F
from .asker import Asker, Choice
from .kept import ask_keeping, typed_within
from .state import WalkState

NEEDED = "An answer is needed here."


def commit(state: WalkState, ask: Asker, key: str, value: Any, **progress: Any) -> None:
    """Store one answer; say which earlier answers no longer fit (they are asked again)."""
    for other, why in state.commit(key, value, **progress):
        spec = F.FIELDS.get(other)
        label = spec.label if spec else other
        again = spec is None or F.applies(spec, state.data)
        tail = "it is cleared and asked again" if again else "it is cleared"
        ask.say(f"{label} no longer fits ({why}); {tail}.", style="yellow")


def _needs(state: WalkState, spec: F.FieldSpec) -> bool:
    if not F.applies(spec, state.data):
        return False
    if typed_within(state, spec.key):  # the walk stopped while this was typed
        return True
    if not F.is_missing(state.value(spec.key)):
        return False
    return spec.required or spec.key not in state.answered


def ensure_esm(state: WalkState, ask: Asker) -> None:
    first = True
    while True:
        spec = next((s for s in F.QUESTIONS if _needs(state, s)), None)
        if spec is None:
            return
        if first:
            ask.heading("Step 3 of 5: the ESM definition")
            first = False
        ask_field(state, ask, spec, editing=False)


def ask_field(state: WalkState, ask: Asker, spec: F.FieldSpec, *, editing: bool) -> None:
    current = state.value(spec.key)
    if current is not None and typed_within(state, spec.key):
        editing = True  # the walk stopped while this was being changed: go on changing it
    ask.say()
    ask.say(spec.help, style="dim")
    if spec.kind == "baseline":
        _ask_baseline(state, ask, editing=editing)
        return
    if spec.kind == "targets":
        from .targets import ask_targets

        ask_targets(state, ask, editing=editing, commit=commit)
        return
    if current is not None:
        default = current
    elif spec.key == "state":
        default = remembered_state(ask)
    else:
        default = F.default_for(spec.key, state.data, state.catalog)
    if spec.kind == "choice":
        values = [v for v, _ in spec.choices]
        answer: Any = ask.select(
            spec.label,
            [Choice(label, value) for value, label in spec.choices],
            default=default if default in values else values[0],
        )
        commit(state, ask, spec.key, answer)
        return
    answer = ask_keeping(
        state,
        ask,
        spec.key,
        spec.label,
        default=default,
        validate=answer_check(state, spec),
        instruction=f"({spec.hint})" if spec.hint else None,
        multiline=spec.kind == "longtext",
    )
    if not answer and not spec.required:
        commit(state, ask, spec.key, None, answered=spec.key)
    else:
        commit(state, ask, spec.key, answer)
    if spec.key == "state" and answer:
        _remember_state(ask, answer)


def refresh_suggestions(state: WalkState, ask: Asker, before: dict[str, Any]) -> None:
    """After the measure or strategy changed from ``before``'s: the suggestions the person
    accepted follow the new choice; what they wrote themselves stays (and they are told)."""
    updates, kept = F.refreshed(before, state.data, state.catalog)
    for key, value in updates.items():
        commit(state, ask, key, value)
    if updates:
        names = _names(updates)
        ask.say(f"{names} now follow{'s' if len(updates) == 1 else ''} the new choice.")
    if kept:
        names = _names(kept)
        verb = "is" if len(kept) == 1 else "are"
        ask.say(
            f"{names} {verb} kept as you wrote {'it' if len(kept) == 1 else 'them'}: "
            "check that it still fits the new strategy (Edit the ESM definition).",
            style="yellow",
        )


def _names(keys: Any) -> str:
    labels = [F.FIELDS[k].label for k in keys]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def remembered_state(ask: Asker) -> str | None:
    """The state in the user's settings, offered as the default (a broken file is said, once)."""
    from ..config import ConfigError, config_path, load_settings

    try:
        settings = load_settings()
    except ConfigError as exc:
        ask.say(f"{exc.message} {exc.hint or ''}".strip(), style="yellow")
        return None
    if settings.unknown:
        ask.say(
            f"Your settings file {config_path()} holds keys esmtool does not know (ignored): "
            f"{', '.join(settings.unknown)}.",
            style="yellow",
        )
    return settings.state


def _remember_state(ask: Asker, state_name: str) -> None:
    """The first state a person gives is remembered in their settings for the next drafts."""
    from ..config import ConfigError, remember_state

    try:
        path = remember_state(state_name)
    except ConfigError:
        return  # said when the settings were read, or a default not kept: nothing is lost
    if path is not None:
        ask.say(f"{state_name} is offered as the state of your next drafts (set in {path}).")


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
        text = ask_keeping(
            state,
            ask,
            "esm.baseline.year",
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
    value = ask_keeping(
        state,
        ask,
        "esm.baseline.value",
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
