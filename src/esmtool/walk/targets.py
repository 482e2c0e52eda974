"""The annual objectives (targets), year by year or all on one line, with feedback as they are typed.

- A target is refused only when the draft cannot hold it (not a number, a percentage over 100):
  the reason is shown and the year is asked again.
- A target that moves against the declared direction (40 under a baseline of 42 when better is
  higher) is a warning shown at the answer, in the words of ``check``'s own rules
  (:func:`esmtool.checks.targets.direction_findings`); the answer is kept.
- The suggested next target continues in the declared direction (:func:`.fields.straight_line`).
- A year may be left empty (no target for it); at least one year needs one. The years without a
  target are one finding of ``check`` (``targets.year-missing``). A year left empty is kept in
  the walk's progress (``None``), so a resumed walk does not ask it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..draft import fields as F
from .asker import Asker
from .kept import ask_keeping
from .state import WalkState

#: How an answer is stored (:func:`.definition.commit`, passed in: it imports this module).
Commit = Callable[..., None]

AT_LEAST_ONE = "Give a target for at least one year."


def _typed(so_far: dict[int, Any]) -> dict[int, Any]:
    """The years with a target (a year left empty is None)."""
    return {y: v for y, v in so_far.items() if v is not None}


def _warnings(state: WalkState, targets: dict[int, Any]) -> list[tuple[str, str]]:
    """(message, advice) of the direction rules for the draft with these targets."""
    if not targets:
        return []
    from ..checks.targets import direction_findings

    draft, _ = state.trial("esm.targets", targets)
    return [] if draft is None else [(f.message, f.advice) for f in direction_findings(draft)]


def _warn(state: WalkState, ask: Asker, before: dict[int, Any], after: dict[int, Any]) -> None:
    """Say what the answer just typed brings up (a warning: the answer is kept)."""
    seen = {m for m, _ in _warnings(state, before)}
    for message, advice in _warnings(state, after):
        if message not in seen:
            ask.say(f"Note: {message}", style="yellow")
            ask.say(advice, style="dim")


def ask_targets(state: WalkState, ask: Asker, *, editing: bool, commit: Commit) -> None:
    esm = state.data.get("esm") or {}
    baseline = esm["baseline"]
    direction = esm.get("direction", "increase")
    unit_type = esm.get("unit_type")
    current = {int(k): v for k, v in (esm.get("targets") or {}).items()} if editing else {}
    # Editing starts from the first year after the baseline, even if that year has no target yet.
    years = sorted(set(F.target_years(int(baseline["year"]))) | set(current))
    so_far: dict[int, Any] = {}
    if not editing:
        saved = state.pending.get("esm.targets") or {}
        so_far = {int(k): v for k, v in saved.items() if int(k) in years}
    ask.say(
        f"Baseline: {F.answer_text('esm.baseline', state.data)}; better is "
        f"{'lower' if direction == 'decrease' else 'higher'}. The suggested targets continue "
        "in a straight line; type your own, or all of them on one line like "
        f"{years[0]}: 45, {years[1] if len(years) > 1 else years[0] + 1}: 48. "
        "Leave a year empty (Ctrl-U clears the suggestion) to set no target for it.",
        style="dim",
    )
    for year in years:
        if year in so_far:
            continue
        typed = _typed(so_far)
        if editing:
            default: Any = current.get(year)
        else:
            previous = [float(typed[y]) for y in sorted(typed)]
            default = F.straight_line(float(baseline["value"]), previous, direction, unit_type)

        def check(text: str, year: int = year, typed: dict[int, Any] = typed) -> bool | str:
            if not text.strip():
                return AT_LEAST_ONE if year == years[-1] and not typed else True
            if F.looks_like_target_list(text):
                try:
                    targets = F.parse_targets(text)
                except ValueError as exc:
                    return str(exc)[:1].upper() + str(exc)[1:]
                return state.problem("esm.targets", {**typed, **targets}) or True
            return (
                state.problem("esm.targets", {**typed, year: text}, within=f"esm.targets.{year}")
                or True
            )

        answer = ask_keeping(
            state, ask, f"esm.targets.{year}", f"Target for {year}", default=default, validate=check
        )
        if F.looks_like_target_list(answer):
            # The years typed one by one so far are kept; the line adds to them (or corrects them).
            targets = state.normalised("esm.targets", {**typed, **F.parse_targets(answer)})
            _warn(state, ask, typed, targets)
            commit(state, ask, "esm.targets", targets, pending={"esm.targets": None})
            return
        if not answer:
            so_far[year] = None
            ask.say(f"No target for {year}; the review lists the years without one.", style="dim")
        else:
            value = state.normalised("esm.targets", {**typed, year: answer})[year]
            _warn(state, ask, typed, {**typed, year: value})
            so_far[year] = value
        if not editing and len(so_far) < len(years):
            state.set_pending("esm.targets", dict(so_far))
    commit(state, ask, "esm.targets", _typed(so_far), pending={"esm.targets": None})
