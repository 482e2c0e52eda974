"""The interactive walk of ``esmtool draft``: the step loop.

:func:`run_walk` takes the answers gathered so far (a draft being resumed, an
answers file, ``--set`` values) and asks only what is still missing:

1. the measure, 2. the strategy (:mod:`.choose`), 3. the ESM definition field by
field (:mod:`.definition`), 4. the RBA measure set quadrant by quadrant, then the
headline measures (:mod:`.measure_set`), 5. a review with the chance to go back
and edit any section (:mod:`.review`).

Each step asks (:mod:`.asker`, the only questionary user), lets the state check
the answer as it is typed, and commits one change to :class:`.state.WalkState`,
which validates only the field that changed and saves at once. Before the first
question the walk makes sure its answers can be saved (else it says where they
will go instead, or that they cannot) and locks the draft file against a second
walk. Ctrl-C, Ctrl-D, the end of input or a closed terminal at any prompt saves
the draft and raises :class:`esmtool.errors.Interrupted` (exit 130); choosing "Stop here"
raises its kin :class:`esmtool.errors.Paused` (the same message, exit 0). Answers that leave no
value in the draft (an optional field left empty) and answers in progress (the
baseline year before its value, a template's slots filled so far) are kept in
the draft's ``walk:`` section, so a resumed walk asks exactly what was not yet
answered. Prompts and panels go to stderr; stdout stays clean for results.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..draft import Draft, WalkProgress, draft_error, validate_draft
from ..errors import Interrupted, Paused
from .asker import Asker
from .choose import EXPORT_CHOICES, choose_export, choose_measure, choose_strategy
from .choose import ensure_measure as _ensure_measure
from .choose import ensure_strategy as _ensure_strategy
from .state import Stopped, WalkState

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from ..catalog import Catalog
    from ..errors import Problem

__all__ = ["EXPORT_CHOICES", "Walk", "choose_export", "run_walk"]


def plain_problems(problems: Sequence[Problem]) -> list[str]:
    """Problems in people's words: the field as the walk names it, the message as a sentence."""
    from ..draft.rules import sentence
    from ..export.people import field_label, prose

    out = []
    for p in problems:
        label = field_label(p.where)
        message = prose(p.message)
        if label and message.startswith("is "):  # "is required but missing"
            out.append(sentence(f"{label} {message}"))
        else:
            out.append(f"{label}: {sentence(message)}" if label else sentence(message))
    return list(dict.fromkeys(out))


def _only_output(data: dict[str, Any]) -> str | None:
    """The -o of a new walk when that is all ``data`` holds (``walk.output``, as the draft
    command keeps it), in the form the schema keeps it; else None (the data is validated)."""
    walk = data.get("walk") if set(data) == {"walk"} else None
    if not isinstance(walk, dict) or set(walk) != {"output"}:
        return None
    output = walk["output"]
    return output if isinstance(output, str) and output and output == output.strip() else None


def run_walk(
    data: dict[str, Any],
    catalog: Catalog,
    *,
    autosave: Path,
    input: Input | None = None,
    output: Output | None = None,
    again: Sequence[str] = (),
) -> Draft:
    """Walk a person through the draft; return the finished, complete draft.

    ``input``/``output`` are prompt_toolkit objects (tests pass a pipe input and
    a ``DummyOutput``); by default prompts read the terminal and render on stderr.
    ``again``: the options to give once more when resuming (``-o FILE``, ``--catalog DIR``),
    named in the message when the walk stops.
    """
    path = Path(autosave).absolute()  # shown in the resume hint: valid from any folder
    walk = Walk(data, catalog, autosave=path, input=input, output=output, again=again)
    return walk.run()


class Walk:
    """One walk: the state of the draft, the asker, and the loop over the steps."""

    def __init__(
        self,
        data: dict[str, Any],
        catalog: Catalog,
        *,
        autosave: Path,
        input: Input | None = None,
        output: Output | None = None,
        again: Sequence[str] = (),
    ) -> None:
        self.again = list(again)
        self.start = data
        self.catalog = catalog
        self.requested = autosave
        self.ask = Asker(input=input, output=output)
        self.state: WalkState | None = None

    def run(self) -> Draft:
        from ..draft.autosave import DraftFile, usable_path
        from ..lock import locked

        output = _only_output(self.start)
        if self.start and output is None:
            draft, problems = validate_draft(self.start, self.catalog)
            if problems or draft is None:
                raise draft_error(problems)
        elif output is not None:  # a new walk with its -o: as valid as it is, nothing to check
            draft = Draft.model_construct(walk=WalkProgress.model_construct(output=output))
        else:  # a fresh walk: nothing to check, and no validator to build before the first question
            draft = Draft.model_construct()
        path, why = usable_path(self.requested)  # before the first question
        with locked(path):
            file = DraftFile(path, on_move=self._moved)
            state = self.state = WalkState(draft, self.catalog, file)
            with self.ask.hangup_interrupts():
                try:
                    if why is not None:
                        self.ask.say(
                            f"Your answers cannot be saved in {why}; they are saved in "
                            f"{path} instead.",
                            style="bold",
                            whole=True,
                        )
                    self.ask.say(
                        f"Your answers are saved as you go in {path}\n"
                        f"(Ctrl-C stops at any time; resume with: esmtool draft --resume {path})",
                        style="dim",
                        whole=True,
                    )
                    return self._loop(state)
                except Stopped:  # the person's choice ("Stop here"): exit 0
                    self._interrupted(state, chosen=True)
                except (KeyboardInterrupt, EOFError):
                    self._interrupted(state)
                except Exception:
                    if self.ask.hung_up:  # the terminal went away mid-prompt
                        self._interrupted(state)
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _moved(self, old: Path, new: Path) -> None:
        self.ask.say(
            f"Could not save to {old}; your answers are saved in {new} from now on.",
            style="bold",
            whole=True,
        )

    def _interrupted(self, state: WalkState, *, chosen: bool = False) -> None:
        with contextlib.suppress(Exception):
            self.ask.say()
        # a fresh walk stopped before its first answer, or --set answers not in the file yet
        if not state.changed and not state.file.holds(state.data, self.catalog):
            state.save()
        hint = f"When you resume, add {' '.join(self.again)} again." if self.again else None
        kind = Paused if chosen else Interrupted
        raise kind(saved_to=str(state.path), hint=hint) from None

    def _loop(self, state: WalkState) -> Draft:
        ask = self.ask
        _ensure_measure(state, ask)
        # the later steps load once the first question is answered: not before it is shown
        from .definition import ensure_esm, refresh_suggestions
        from .measure_set import ensure_headlines, ensure_measure_set
        from .review import (
            EDIT_CHOICE,
            EDIT_ESM,
            EDIT_SET,
            SAVE,
            edit_esm,
            edit_measure_set,
            review,
        )

        while True:
            _ensure_measure(state, ask)
            _ensure_strategy(state, ask)
            ensure_esm(state, ask)
            ensure_measure_set(state, ask)
            ensure_headlines(state, ask)
            action = review(state, ask)
            if action == SAVE:
                final = self._finish(state)
                if final is not None:
                    return final
            elif action == EDIT_CHOICE:
                before = dict(state.data)
                old_npm = state.data.get("npm")
                choose_measure(state, ask, default=old_npm)
                same = state.data.get("npm") == old_npm
                choose_strategy(state, ask, default=state.data.get("strategy") if same else None)
                refresh_suggestions(state, ask, before)
                ask.say(
                    "The rest of the ESM definition and the measure set stay as they were; "
                    "edit them from the review if they no longer fit.",
                    style="dim",
                )
            elif action == EDIT_ESM:
                edit_esm(state, ask)
            elif action == EDIT_SET:
                edit_measure_set(state, ask)

    def _finish(self, state: WalkState) -> Draft | None:
        from ..draft.rules import drafting_problems

        final, problems = validate_draft(state.data, self.catalog, complete=True)
        if final is not None:  # what only a draft being made may not have (as answers files)
            problems = drafting_problems(final, self.catalog)
        if final is None or problems:
            self.ask.say("The draft cannot be saved yet:", style="bold")
            for line in plain_problems(problems):
                self.ask.say(f"  {line}")
            self.ask.say("Change it from the review, then choose Save and finish again.")
            return None
        state.save(final)
        self.ask.say(f"Draft complete. Saved to {state.path}", style="bold", whole=True)
        return final
