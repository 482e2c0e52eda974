"""The draft in progress: what the walk knows, one validated change at a time.

:class:`WalkState` holds a validated :class:`~esmtool.draft.Draft` and the walk's
progress (answers that leave no value, answers still in progress). A change is
validated on its own — the one field that changed, through the draft schema's
own types — and then against the rules that span fields
(:mod:`esmtool.draft.rules`, plain Python). The whole draft is validated
once when the walk starts and once when it finishes, never per answer.

Nothing here asks a question or imports a prompting library; every change is
handed to :class:`esmtool.draft.autosave.DraftFile`, which saves it at once.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .. import keypath
from ..draft import ESM, Draft, WalkProgress
from ..draft.fields import FIELDS
from ..draft.rules import QUADRANTS, apply_defaults, dropped, missing_keys
from ..draft.rules import problems as rule_problems
from ..errors import Problem
from ..locate import pydantic_problems

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..draft.autosave import DraftFile


#: Top-level keys a walk changes (each validated as a whole: they are small).
_TOP = ("npm", "strategy", "measures", "skipped_quadrants", "state", "notes")


class Stopped(Exception):
    """The person chose to stop (their answers are saved)."""


def under(where: str, key: str) -> bool:
    """Whether a problem's key path is ``key`` or inside it."""
    return where == key or where.startswith((key + ".", key + "["))


def field_of(key: str) -> str:
    """The field a key path belongs to: ``esm.baseline.year`` -> ``esm.baseline``."""
    parts = key.split(".")
    if parts[0] == "esm" and len(parts) >= 2:
        return f"esm.{parts[1].split('[')[0]}"
    return parts[0].split("[")[0]


def _esm_field_of(where: str) -> str | None:
    """``esm.targets.2026`` -> ``esm.targets``; None for a path outside ``esm``."""
    return field_of(where) if where.startswith("esm.") else None


class WalkState:
    """A valid (partial) draft plus the walk's progress; every change is saved at once."""

    def __init__(self, draft: Draft, catalog: Catalog, file: DraftFile) -> None:
        progress = draft.walk
        self.catalog = catalog
        self.file = file
        self.draft = draft.model_copy(update={"walk": None})
        self.answered: list[str] = list(progress.answered) if progress else []
        self.pending: dict[str, Any] = dict(progress.pending) if progress else {}
        #: where the finished draft goes (the -o given when the walk began), kept for --resume
        self.output: str | None = progress.output if progress else None
        #: field validations run (each validates one field, or one small top-level list)
        self.validations = 0
        self.changed = False  # anything changed since the walk began
        # a fresh walk (perhaps with its -o) dumps nothing before its first answer
        fresh = not draft.model_fields_set - {"walk"} and not self.answered and not self.pending
        self._data: dict[str, Any] | None = {} if fresh else None
        self._drop_stale_progress()

    # ----- reading ---------------------------------------------------------------------------

    @property
    def path(self) -> Any:
        return self.file.path

    def value(self, key: str) -> Any:
        return keypath.get(self.data, key)

    def measures(self) -> list[dict[str, Any]]:
        return [dict(m) for m in self.data.get("measures") or []]

    def reviewed(self) -> Draft:
        """The draft as the review shows it: with its defaults once nothing is missing."""
        full = apply_defaults(self.draft)
        return full if not missing_keys(full) else self.draft

    # ----- one field -------------------------------------------------------------------------

    def _validate(self, field: str, value: Any) -> tuple[Any, list[Problem]]:
        """Validate one field's new value with the draft schema's own types."""
        self.validations += 1
        try:
            if field.startswith("esm."):
                name = field[4:]
                part = ESM.model_validate({} if value is None else {name: value})
                return getattr(part, name), []
            top = Draft.model_validate({} if value is None else {field: value})
            return getattr(top, field), []
        except ValidationError as exc:
            prefix = ("esm",) if field.startswith("esm.") else ()
            return None, pydantic_problems(exc, None, prefix)

    def _with(self, key: str, value: Any) -> tuple[str, Any]:
        """(field, the field's whole new value) when ``key`` is set to ``value``."""
        field = field_of(key)
        if field == key:
            return field, value
        rest = key[len(field) + 1 :].split(".")
        return field, keypath.replaced(copy.deepcopy(self.value(field)), rest, value)

    def _replaced(self, field: str, validated: Any) -> Draft:
        if field.startswith("esm."):
            esm = self.draft.esm.model_copy(update={field[4:]: validated})
            return self.draft.model_copy(update={"esm": esm})
        if field not in _TOP:
            raise KeyError(field)
        default: list[Any] | None = [] if field in ("measures", "skipped_quadrants") else None
        return self.draft.model_copy(update={field: default if validated is None else validated})

    def trial(self, key: str, value: Any) -> tuple[Draft | None, list[Problem]]:
        """The draft with ``value`` at ``key`` (None removes it), and every problem it has."""
        field, whole = self._with(key, value)
        validated, problems = self._validate(field, whole)
        if problems:
            return None, problems
        draft = self._replaced(field, validated)
        # the walk makes a draft: a title that contradicts the unit type is refused as typed
        return draft, rule_problems(draft, self.catalog, drafting=True)

    def problem(self, key: str, value: Any, *, within: str | None = None) -> str | None:
        """What is wrong with ``value`` at ``key`` (None when nothing), in people's words."""
        _, problems = self.trial(key, value)
        mine = [p.message for p in problems if under(p.where, within or key)]
        if not mine:
            return None
        text = "; ".join(dict.fromkeys(mine))
        return text[:1].upper() + text[1:]

    def normalised(self, key: str, value: Any) -> Any:
        """``value`` as the draft keeps it (``'2025'`` -> 2025), or as given when invalid."""
        draft, _ = self.trial(key, value)
        if draft is None:
            return value
        return keypath.get(draft.to_data(), key)

    # ----- changing --------------------------------------------------------------------------

    def commit(
        self,
        key: str,
        value: Any,
        *,
        pending: Mapping[str, Any] | None = None,
        answered: str | None = None,
    ) -> list[tuple[str, str]]:
        """Store one answer and save; clear answers that no longer fit it (asked again).

        ``pending`` sets (a value) or clears (None) parts of answers in progress;
        ``answered`` notes a question answered without leaving a value. Returns the
        cleared fields with the reason, for the walk to tell the person.
        """
        draft, problems = self.trial(key, value)
        if draft is None:  # every answer was checked as it was typed: this is a bug
            raise AssertionError("; ".join(map(str, problems)) + f" after answering {key}")
        cleared = [(k, why) for k, why in dropped(draft) if k != key]
        for p in problems:
            other = _esm_field_of(p.where)
            if other is None or other == field_of(key):
                raise AssertionError(f"{p} after answering {key}")
            cleared.append((other, p.message))
        if cleared:  # clearing a field only lifts constraints: one pass is enough
            names = {other[4:]: None for other, _ in cleared}
            draft = draft.model_copy(update={"esm": draft.esm.model_copy(update=names)})
            left = rule_problems(draft, self.catalog, drafting=True)
            if left:
                raise AssertionError("; ".join(map(str, left)) + f" after answering {key}")
        self.draft = draft
        for name, v in (pending or {}).items():
            self._pending(name, v)
        if answered is not None and answered not in self.answered:
            self.answered.append(answered)
        self._changed()
        return list(dict.fromkeys(cleared))

    def set_pending(self, name: str, value: Any) -> None:
        """Keep (or, for None, forget) part of an answer in progress, and save."""
        before = copy.deepcopy(self.pending)
        self._pending(name, value)
        if self.pending != before:
            self._changed()

    def _pending(self, name: str, value: Any) -> None:
        if value is None:
            self.pending.pop(name, None)
        else:
            self.pending[name] = value

    def _changed(self) -> None:
        self.changed = True
        self._refresh()
        self.save()

    @property
    def data(self) -> dict[str, Any]:
        """The draft with its progress as plain data (what the file holds)."""
        if self._data is None:
            self._data = self.with_progress().to_data()
        return self._data

    def _refresh(self) -> None:
        self._data = None

    def with_progress(self) -> Draft:
        progress = WalkProgress.model_construct(
            answered=list(self.answered), pending=copy.deepcopy(self.pending), output=self.output
        )
        return self.draft.model_copy(update={"walk": progress})

    def save(self, final: Draft | None = None) -> None:
        """Write the draft (with progress) or the finished draft; the file says where it went."""
        if final is not None:
            self.file.save(final.to_data(), finished=True)
        else:  # a fresh walk's data is {} until its first answer: write the real (empty) draft
            self.file.save(self.data if self.changed else self.with_progress().to_data())

    # ----- resuming --------------------------------------------------------------------------

    def _drop_stale_progress(self) -> None:
        """Forget answers in progress that no longer fit (e.g. an autosave edited by hand)."""

        def keep(name: str, value: Any) -> bool:
            if name == "typing":  # text typed when the walk stopped: {key, text}
                return (
                    isinstance(value, dict)
                    and _typed_for(value.get("key"))
                    and isinstance(value.get("text"), str)
                )
            if name == "strategy":
                return isinstance(value, str) and value in self.catalog.strategies
            if name == "strategy_scope":
                return value == "all"
            if name == "own_strategy":  # a strategy of one's own, described so far
                return isinstance(value, dict)
            if name == "open_quadrant":
                return value in QUADRANTS
            if name == "measure":
                return isinstance(value, dict) and value.get("quadrant") in QUADRANTS
            if name == "esm.baseline.year":
                baseline = {"year": value, "value": 0}
                return isinstance(value, int) and not self.problem("esm.baseline", baseline)
            if name == "esm.targets":  # a year left empty is None
                if not isinstance(value, dict):
                    return False
                return not self.problem(name, {k: v for k, v in value.items() if v is not None})
            return False

        stale = [n for n, v in self.pending.items() if not keep(n, v)]
        for name in stale:
            del self.pending[name]
        if stale:
            self._refresh()  # not saved: nothing the person answered changed


def _typed_for(key: object) -> bool:
    """Whether ``key`` names a question text is typed for: a field, or a part of one (the
    baseline's year or value, one year's target)."""
    if not isinstance(key, str):
        return False
    if key in FIELDS or key in ("esm.baseline.year", "esm.baseline.value"):
        return True
    head, _, year = key.rpartition(".")
    return head == "esm.targets" and year.isdigit()
