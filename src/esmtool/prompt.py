"""The interactive walk of ``esmtool draft``: the only module that imports questionary.

:func:`run_walk` takes the answers gathered so far (an autosave being resumed,
an answers file, ``--set`` values) and asks only what is still missing:

1. the measure, 2. the strategy, 3. the ESM definition field by field,
4. the RBA measure set quadrant by quadrant, then the headline measures,
5. a review with the chance to go back and edit any section.

Every answer is checked as it is typed through the one validation path
(:func:`esmtool.draft.validate_draft`) and saved at once to the autosave file.
Ctrl-C, Ctrl-D, the end of input or a closed terminal at any prompt saves the
draft and raises :class:`esmtool.errors.Interrupted`. Answers that leave no
value in the draft (an optional field left empty) and answers in progress (the
baseline year before its value, a template's slots filled so far) are kept in
the draft's ``walk:`` section, so a resumed walk asks exactly what was not yet
answered. Prompts and panels go to stderr; stdout stays clean for results.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.output import create_output
from questionary import Choice

from . import autosave as autosave_file
from . import fields as F
from .draft import Draft, draft_error, set_path, validate_draft
from .errors import Interrupted
from .models import MEASURE_KIND_LABELS

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output
    from rich.console import Console, RenderableType
    from rich.table import Table

    from .catalog import Catalog
    from .check import Finding
    from .models import Strategy, Template

QUADRANTS = (1, 2, 3, 4)
MAX_HEADLINES = 5
NEEDED = "An answer is needed here."

# Menu values (choice values are strings; ids in the catalog never start with '!').
OTHER_MEASURES = "!other-measures"
THIS_MEASURE = "!this-measure"
OWN_STRATEGY = "!own-strategy"
CHANGE_MEASURE = "!change-measure"
DONE = "!done"
OWN = "!own"
SKIP = "!skip"
SAVE = "!save"
EDIT_CHOICE = "!edit-choice"
EDIT_ESM = "!edit-esm"
EDIT_SET = "!edit-set"
HEADLINES = "!headlines"
BACK = "!back"
STOP = "!stop"


def run_walk(
    data: dict[str, Any],
    catalog: Catalog,
    *,
    autosave: Path,
    input: Input | None = None,
    output: Output | None = None,
) -> Draft:
    """Walk a person through the draft; return the finished, complete draft.

    ``input``/``output`` are prompt_toolkit objects (tests pass a pipe input and
    a ``DummyOutput``); by default prompts read the terminal and render on stderr.
    """
    path = Path(autosave).absolute()  # shown in the resume hint: valid from any folder
    return Walk(data, catalog, autosave=path, input=input, output=output).run()


#: What a person may turn the finished draft into when no -o was given (format, label).
EXPORT_CHOICES = (
    ("docx", "A Word document (.docx)"),
    ("html", "A web page (.html), prints on letter paper"),
    ("md", "Markdown (.md)"),
    ("csv", "Spreadsheet rows, one per measure (.csv)"),
    ("yaml", "Nothing more: keep the draft file only"),
)


def choose_export(
    draft: Draft,
    catalog: Catalog,
    *,
    autosave: Path,
    input: Input | None = None,
    output: Output | None = None,
) -> tuple[Path, str] | None:
    """Ask what to export the finished draft as, and where; None keeps the draft file only.

    Used when `esmtool draft` runs on a terminal without -o: rather than printing YAML on
    the screen, the person picks a document and a file name (never an existing file).
    """
    from .export import extension
    from .fsutil import safe_filename

    asker = Walk({}, catalog, autosave=autosave, input=input, output=output)
    try:
        fmt = asker.select(
            "Export the finished draft as",
            [Choice(label, value) for value, label in EXPORT_CHOICES],
            default="docx",
        )
        if fmt == "yaml":
            return None
        stem = safe_filename(draft.esm.id or draft.esm.title or "", fallback="esm-draft")

        def valid(text: str) -> bool | str:
            path = Path(text.strip()).expanduser()
            if not text.strip():
                return "Give a file name, e.g. " + stem + extension(fmt)
            if path.is_dir():
                return f"{path} is a folder; give a file name"
            if path.exists():
                return f"{path} already exists; choose another name"
            if not path.parent.is_dir() and str(path.parent) not in ("", "."):
                return f"the folder {path.parent} does not exist"
            return True

        name = asker.text("Save it as", default=stem + extension(fmt), validate=valid)
    except (KeyboardInterrupt, EOFError):
        stop = Interrupted(saved_to=str(autosave))
        stop.hint = (
            f"The draft is complete. Export it any time with: esmtool export {autosave} -o FILE"
        )
        raise stop from None
    return Path(name).expanduser(), fmt


class _Stop(Exception):
    """The person chose to stop (their answers are saved)."""


def _under(where: str, key: str) -> bool:
    """Whether a problem's key path is ``key`` or inside it."""
    return where == key or where.startswith((key + ".", key + "["))


def _assign(data: dict[str, Any], key: str, value: Any) -> None:
    """Set (or, for None, remove) the value at a dotted key path."""
    if value is None:
        parts = key.split(".")
        cur: Any = data
        for part in parts[:-1]:
            cur = cur.get(part) if isinstance(cur, dict) else None
            if cur is None:
                return
        if isinstance(cur, dict):
            cur.pop(parts[-1], None)
        return
    set_path(data, key, value)


def _esm_field_of(where: str) -> str | None:
    """``esm.targets.2026`` -> ``esm.targets``; None for a path outside ``esm``."""
    parts = where.split(".")
    if len(parts) >= 2 and parts[0] == "esm":
        return f"esm.{parts[1].split('[')[0]}"
    return None


class Walk:
    def __init__(
        self,
        data: dict[str, Any],
        catalog: Catalog,
        *,
        autosave: Path,
        input: Input | None = None,
        output: Output | None = None,
    ) -> None:
        self.start = data
        self.catalog = catalog
        self.path = autosave
        self.input = input
        self.output = output if output is not None else create_output(stdout=sys.stderr)
        self._console: Console | None = None  # rich is loaded when first needed
        self.data: dict[str, Any] = {}
        self._hung_up = False

    # ----- the walk ----------------------------------------------------------------------------

    def run(self) -> Draft:
        if self.start:  # a fresh walk has nothing to check or save before its first answer
            draft, problems = validate_draft(self.start, self.catalog)
            if problems or draft is None:
                raise draft_error(problems)
            self.data = draft.to_data()
            self._drop_stale_progress()
        with self._hangup_interrupts():
            try:
                if self.data:
                    self._store(self.data)
                self.say(
                    f"Your answers are saved as you go in {self.path}\n"
                    f"(Ctrl-C stops at any time; resume with: esmtool draft --resume {self.path})",
                    style="dim",
                )
                return self._loop()
            except (KeyboardInterrupt, EOFError, _Stop):
                self._interrupted()
            except Exception:
                if self._hung_up:  # the terminal went away mid-prompt
                    self._interrupted()
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _interrupted(self) -> None:
        with contextlib.suppress(Exception):
            self.say()
        self._store(self.data)
        raise Interrupted(saved_to=str(self.path)) from None

    @contextlib.contextmanager
    def _hangup_interrupts(self) -> Iterator[None]:
        """A closed terminal (SIGHUP) ends the walk like Ctrl-C: saved, exit 130."""
        sighup = getattr(signal, "SIGHUP", None)
        if sighup is None or threading.current_thread() is not threading.main_thread():
            yield
            return

        def hang_up(signum: int, frame: Any) -> None:
            self._hung_up = True
            raise KeyboardInterrupt

        previous = signal.signal(sighup, hang_up)
        try:
            yield
        finally:
            signal.signal(sighup, previous)

    def _loop(self) -> Draft:
        while True:
            self._ensure_measure()
            self._ensure_strategy()
            self._ensure_esm()
            self._ensure_measure_set()
            self._ensure_headlines()
            action = self._review()
            if action == SAVE:
                final = self._finish()
                if final is not None:
                    return final
            elif action == EDIT_CHOICE:
                old_npm = self.data.get("npm")
                self._choose_measure(default=old_npm)
                same = self.data.get("npm") == old_npm
                self._choose_strategy(default=self.data.get("strategy") if same else None)
                self.say(
                    "The ESM definition and the measure set stay as they were; "
                    "edit them from the review if they no longer fit.",
                    style="dim",
                )
            elif action == EDIT_ESM:
                self._edit_esm()
            elif action == EDIT_SET:
                self._edit_measure_set()

    def _finish(self) -> Draft | None:
        final, problems = validate_draft(self.data, self.catalog, complete=True)
        if final is None:
            self.say("The draft cannot be saved yet:", style="bold")
            for p in problems:
                self.say(f"  {p}")
            return None
        self._save(final)
        self.say(f"Draft complete. Saved to {self.path}", style="bold")
        return final

    # ----- state and saving ----------------------------------------------------------------------

    def _store(self, trial: dict[str, Any]) -> None:
        """Validate, keep and autosave ``trial`` (atomically)."""
        draft, problems = validate_draft(trial, self.catalog)
        if draft is None or problems:  # every answer was checked before; this is a bug
            raise AssertionError("; ".join(map(str, problems)))
        self.data = draft.to_data()
        self._save(draft)

    def _save(self, draft: Draft) -> None:
        """Autosave; if the file cannot be written, keep saving in the user data folder."""
        used = autosave_file.save(draft, self.path)
        if used != self.path:
            self.say(
                f"Could not save to {self.path}; your answers are saved in {used} from now on.",
                style="bold",
            )
            self.path = used

    def _drop_stale_progress(self) -> None:
        """Forget answers in progress that no longer fit (e.g. an autosave edited by hand)."""
        walk = self.data.get("walk")
        if not isinstance(walk, dict) or not isinstance(walk.get("pending"), dict):
            return
        pending: dict[str, Any] = walk["pending"]

        def keep(name: str) -> bool:
            value = pending[name]
            if name == "strategy":
                return isinstance(value, str) and value in self.catalog.strategies
            if name == "strategy_scope":
                return value == "all"
            if name == "open_quadrant":
                return value in QUADRANTS
            if name == "measure":
                return isinstance(value, dict) and value.get("quadrant") in QUADRANTS
            if name == "esm.baseline.year":
                baseline = {"year": value, "value": 0}
                return isinstance(value, int) and not self.problem("esm.baseline", baseline)
            if name == "esm.targets":
                return isinstance(value, dict) and not self.problem(name, value)
            return False

        for name in [n for n in pending if not keep(n)]:
            del pending[name]

    def _trial(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)

    def _walk(self, trial: dict[str, Any]) -> dict[str, Any]:
        walk = trial.setdefault("walk", {})
        walk.setdefault("answered", [])
        walk.setdefault("pending", {})
        return walk

    @property
    def pending(self) -> dict[str, Any]:
        walk = self.data.get("walk") or {}
        return walk.get("pending") or {}

    @property
    def answered(self) -> list[str]:
        walk = self.data.get("walk") or {}
        return walk.get("answered") or []

    def _set_pending(self, name: str, value: Any, trial: dict[str, Any] | None = None) -> None:
        save = trial is None
        trial = self._trial() if trial is None else trial
        pending = self._walk(trial)["pending"]
        if value is None:
            pending.pop(name, None)
        else:
            pending[name] = value
        if save:
            self._store(trial)

    def _mark_answered(self, key: str, trial: dict[str, Any]) -> None:
        answered = self._walk(trial)["answered"]
        if key not in answered:
            answered.append(key)

    def problem(self, key: str, value: Any, *, within: str | None = None) -> str | None:
        """What is wrong with ``value`` at ``key``, as the one validation path sees it."""
        trial = self._trial()
        _assign(trial, key, value)
        _, problems = validate_draft(trial, self.catalog)
        mine = [p.message for p in problems if _under(p.where, within or key)]
        if not mine:
            return None
        text = "; ".join(dict.fromkeys(mine))
        return text[:1].upper() + text[1:]

    def _normalised(self, key: str, value: Any) -> Any:
        trial = self._trial()
        _assign(trial, key, value)
        draft, _ = validate_draft(trial, self.catalog)
        return F.value_of(draft.to_data(), key) if draft is not None else value

    def _commit(
        self,
        key: str,
        value: Any,
        *,
        also: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        """Store one answer; clear answers that no longer fit it (they are asked again)."""
        trial = self._trial()
        _assign(trial, key, value)
        if also is not None:
            also(trial)
        cleared: list[tuple[str, str]] = []
        esm = trial.get("esm") or {}
        if key == "esm.unit_type" and value == "count" and esm.get("unit_number") is not None:
            esm.pop("unit_number")
            cleared.append(("esm.unit_number", "a count has no unit number"))
        for _ in range(len(F.ESM_FIELDS) + 1):
            _, problems = validate_draft(trial, self.catalog)
            if not problems:
                break
            for p in problems:
                other = _esm_field_of(p.where)
                if other is None or other == key:
                    raise AssertionError(f"{p} after answering {key}")
                _assign(trial, other, None)
                cleared.append((other, p.message))
        self._store(trial)
        for other, why in dict.fromkeys(cleared):
            label = F.FIELDS[other].label if other in F.FIELDS else other
            self.say(
                f"{label} no longer fits ({why}); it is cleared and asked again.", style="yellow"
            )

    # ----- output --------------------------------------------------------------------------------

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                stderr=True, highlight=False, no_color=bool(os.environ.get("NO_COLOR")) or None
            )
        return self._console

    def say(self, message: str | RenderableType = "", *, style: str | None = None) -> None:
        if isinstance(message, str) and self._console is None and _plain_style(style):
            _write_plain(message, style)  # the first screens need no rich: start faster
        elif isinstance(message, str):
            from rich.text import Text

            self.console.print(Text(message, style=style or ""))
        else:
            self.console.print(message)

    def heading(self, text: str) -> None:
        self.say()
        self.say(text, style="bold")

    # ----- prompting -----------------------------------------------------------------------------

    def _kw(self) -> dict[str, Any]:
        kw: dict[str, Any] = {"output": self.output}
        if self.input is not None:
            kw["input"] = self.input
        return kw

    def ask(self, question: Any) -> Any:
        """Ask one question; Ctrl-C and Ctrl-D end the walk (the caller saves)."""
        keys = KeyBindings()

        @keys.add("c-d", eager=True)
        def _eof(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

        app = question.application
        app.key_bindings = (
            merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
        )
        answer = question.unsafe_ask()
        if answer is None:  # questionary's way of saying the prompt was cancelled
            raise KeyboardInterrupt
        return answer

    def text(
        self,
        message: str,
        *,
        default: Any = None,
        validate: Callable[[str], bool | str] | None = None,
        placeholder: str | None = None,
        instruction: str | None = None,
    ) -> str:
        kw = self._kw()
        if placeholder:
            kw["placeholder"] = placeholder
        answer = self.ask(
            questionary.text(
                message,
                default=F.format_value(default),
                validate=validate,
                instruction=instruction,
                **kw,
            )
        )
        return str(answer).strip()

    def select(
        self,
        message: str,
        choices: list[Choice],
        *,
        default: str | None = None,
        search: bool = False,
    ) -> str:
        values = [c.value for c in choices]
        answer = self.ask(
            questionary.select(
                message,
                choices=choices,
                default=default if default in values else None,
                use_search_filter=search,
                use_jk_keys=not search,
                instruction="(↑/↓ to move, type to filter, Enter to choose)" if search else None,
                **self._kw(),
            )
        )
        return str(answer)

    def confirm(self, message: str, *, default: bool = True) -> bool:
        return bool(self.ask(questionary.confirm(message, default=default, **self._kw())))

    def checkbox(
        self,
        message: str,
        choices: list[Choice],
        *,
        validate: Callable[[list[str]], bool | str] | None = None,
    ) -> list[str]:
        answer = self.ask(
            questionary.checkbox(
                message,
                choices=choices,
                validate=validate or (lambda _: True),
                instruction="(↑/↓ to move, Space to tick, Enter when done)",
                **self._kw(),
            )
        )
        return [str(a) for a in answer]

    # ----- 1. the measure ------------------------------------------------------------------------

    def _ensure_measure(self) -> None:
        if not self.data.get("npm"):
            self._choose_measure(default=None)

    def _choose_measure(self, *, default: str | None) -> None:
        self.heading("Step 1 of 5: the National Performance Measure")
        choices = []
        for m in self.catalog.measures.values():
            n = len(self.catalog.strategies_for(m.code))
            kind = MEASURE_KIND_LABELS.get(m.kind, m.kind)
            count = f"{n} strateg{'y' if n == 1 else 'ies'}" if n else "no strategies yet"
            choices.append(
                Choice(
                    title=f"{m.name} · {m.domain} · {kind} · {count}  [{m.code}]",
                    value=m.code,
                    description=m.goal or m.definition,
                )
            )
        code = self.select("Which measure is this ESM for?", choices, default=default, search=True)
        self._commit("npm", code)

    # ----- 2. the strategy -----------------------------------------------------------------------

    def _ensure_strategy(self) -> None:
        if not self.data.get("strategy"):
            self._choose_strategy(default=None)

    def _evidence(self, s: Strategy) -> str:
        return self.catalog.evidence_label(s)

    def _strategy_choices(self, scope: str) -> list[Choice]:
        npm = self.data["npm"]
        cat = self.catalog
        order = {code: i for i, code in enumerate(cat.measures)}
        if scope == "all":
            pool = sorted(
                cat.strategies.values(),
                key=lambda s: (order.get(s.measure, len(order)), cat.evidence_rank(s.evidence)),
            )
        else:
            pool = sorted(cat.strategies_for(npm), key=lambda s: cat.evidence_rank(s.evidence))
        choices = []
        for s in pool:
            where = f" · for {cat.measures[s.measure].name}" if scope == "all" else ""
            choices.append(
                Choice(
                    title=f"{s.name} — {self._evidence(s)}{where}  [{s.id}]",
                    value=s.id,
                    description=s.approach,
                )
            )
        if scope == "all":
            choices.append(
                Choice(f"« Back to the strategies for {cat.measure_label(npm)}", THIS_MEASURE)
            )
        else:
            choices.append(Choice("Show strategies from other measures", OTHER_MEASURES))
        choices.append(Choice("My own strategy (not in the catalog)", OWN_STRATEGY))
        choices.append(Choice("« Choose a different measure", CHANGE_MEASURE))
        return choices

    def _choose_strategy(self, *, default: str | None) -> None:
        self.heading("Step 2 of 5: the strategy")
        scope = str(self.pending.get("strategy_scope", "measure"))
        chosen = self.catalog.strategies.get(default) if default else None
        if chosen is not None and chosen.measure != self.data["npm"]:
            scope = "all"
        if scope == "measure" and not self.catalog.strategies_for(self.data["npm"]):
            self.say(
                f"The catalog has no strategies for {self.catalog.measure_label(self.data['npm'])} "
                "yet. Here are the strategies for all measures.",
                style="yellow",
            )
            scope = "all"
        while True:
            candidate = self.pending.get("strategy")
            if isinstance(candidate, str) and candidate in self.catalog.strategies:
                self.say(self.strategy_panel(self.catalog.strategies[candidate]))
                if self.confirm("Use this strategy?"):

                    def done(trial: dict[str, Any]) -> None:
                        self._set_pending("strategy", None, trial)
                        self._set_pending("strategy_scope", None, trial)

                    self._commit("strategy", candidate, also=done)
                    return
                self._set_pending("strategy", None)
                default = candidate
            elif candidate is not None:  # an id that is no longer in the catalog
                self._set_pending("strategy", None)
            pick = self.select(
                f"Which strategy for {self.catalog.measure_label(self.data['npm'])}? "
                "(strongest evidence first)",
                self._strategy_choices(scope),
                default=default,
                search=True,
            )
            if pick == OTHER_MEASURES:
                scope = "all"
                self._set_pending("strategy_scope", scope)
            elif pick == THIS_MEASURE:
                scope = "measure"
                self._set_pending("strategy_scope", None)
            elif pick == CHANGE_MEASURE:
                self._choose_measure(default=self.data.get("npm"))
                scope = "measure"
                self._set_pending("strategy_scope", None)
                if not self.catalog.strategies_for(self.data["npm"]):
                    scope = "all"
            elif pick == OWN_STRATEGY:
                scope = self._own_strategy(scope)
            else:
                self._set_pending("strategy", pick)

    def _own_strategy(self, scope: str) -> str:
        from rich.panel import Panel
        from rich.text import Text

        self.say(
            Panel(
                Text(
                    "esmtool drafts ESMs for strategies in a catalog. To use a strategy of your own, "
                    "describe it in a YAML file in a folder of your own (a 'strategies:' entry with "
                    "id, measure, name, approach, evidence and url; `esmtool catalog validate FOLDER` "
                    "checks it), then run:\n"
                    f"  esmtool draft --catalog FOLDER --resume {self.path}\n"
                    "Your answers so far are saved. For now you can pick a strategy from the whole "
                    "catalog instead, or stop here."
                ),
                title="My own strategy",
                title_align="left",
            )
        )
        pick = self.select(
            "What would you like to do?",
            [
                Choice("Pick from all strategies in the catalog", OTHER_MEASURES),
                Choice("Back to the list of strategies", BACK),
                Choice("Stop here (your answers are saved) and add my strategy first", STOP),
            ],
        )
        if pick == STOP:
            raise _Stop
        if pick == OTHER_MEASURES:
            self._set_pending("strategy_scope", "all")
            return "all"
        return scope

    def strategy_panel(self, s: Strategy) -> RenderableType:
        from rich.console import Group
        from rich.panel import Panel
        from rich.text import Text

        level = self.catalog.evidence.get(s.evidence)
        rows: list[RenderableType] = []

        def field(label: str, value: str, style: str = "") -> None:
            t = Text()
            t.append(f"{label}: ", style="bold")
            t.append(value, style=style)
            rows.append(t)

        field("Measure", self.catalog.measure_label(s.measure))
        field("Approach", s.approach)
        field("Evidence", self._evidence(s))
        if level is not None:
            rows.append(Text(level.definition, style="italic"))
        if s.source:
            field("Source", s.source)
        if s.outcomes:
            field("Outcomes", "; ".join(s.outcomes))
        field("MCHbest page", s.url)
        return Panel(Group(*rows), title=Text(f"{s.name}  [{s.id}]"), title_align="left")

    # ----- 3. the ESM definition -----------------------------------------------------------------

    def _needs(self, spec: F.FieldSpec) -> bool:
        if not F.applies(spec, self.data):
            return False
        if not F.is_missing(F.value_of(self.data, spec.key)):
            return False
        return spec.required or spec.key not in self.answered

    def _ensure_esm(self) -> None:
        first = True
        while True:
            spec = next((s for s in F.ESM_FIELDS if self._needs(s)), None)
            if spec is None:
                return
            if first:
                self.heading("Step 3 of 5: the ESM definition")
                first = False
            self.ask_field(spec, editing=False)

    def ask_field(self, spec: F.FieldSpec, *, editing: bool) -> None:
        current = F.value_of(self.data, spec.key)
        self.say()
        self.say(spec.help, style="dim")
        if spec.kind == "baseline":
            self._ask_baseline(editing=editing)
            return
        if spec.kind == "targets":
            self._ask_targets(editing=editing)
            return
        default = (
            current if current is not None else F.default_for(spec.key, self.data, self.catalog)
        )
        if spec.kind == "choice":
            values = [v for v, _ in spec.choices]
            answer: Any = self.select(
                spec.label,
                [Choice(label, value) for value, label in spec.choices],
                default=default if default in values else values[0],
            )
        else:
            answer = self.text(spec.label, default=default, validate=self._field_validator(spec))
        if not answer and not spec.required:

            def note(trial: dict[str, Any]) -> None:
                self._mark_answered(spec.key, trial)

            self._commit(spec.key, None, also=note)
            return
        self._commit(spec.key, answer)

    def _field_validator(self, spec: F.FieldSpec) -> Callable[[str], bool | str]:
        def check(text: str) -> bool | str:
            if not text.strip():
                return True if not spec.required else NEEDED
            return self.problem(spec.key, text) or True

        return check

    def _ask_baseline(self, *, editing: bool) -> None:
        esm = self.data.get("esm") or {}
        current = esm.get("baseline") if editing else None
        year: Any = None if editing else self.pending.get("esm.baseline.year")

        def check_year(text: str) -> bool | str:
            if not text.strip():
                return NEEDED
            return (
                self.problem("esm.baseline", {"year": text, "value": 0}, within="esm.baseline.year")
                or True
            )

        if year is None:
            text = self.text(
                "Baseline year",
                default=current["year"] if current else None,
                validate=check_year,
                placeholder="e.g. 2025",
            )
            year = self._normalised("esm.baseline", {"year": text, "value": 0})["year"]
            if not editing:
                self._set_pending("esm.baseline.year", year)

        def check_value(text: str) -> bool | str:
            if not text.strip():
                return NEEDED
            return self.problem("esm.baseline", {"year": year, "value": text}) or True

        unit = {"percentage": " (a percent, 0 to 100)"}.get(esm.get("unit_type", ""), "")
        value = self.text(
            f"Baseline value in {year}{unit}",
            default=current["value"] if current else None,
            validate=check_value,
        )

        def done(trial: dict[str, Any]) -> None:
            self._set_pending("esm.baseline.year", None, trial)

        self._commit("esm.baseline", {"year": year, "value": value}, also=done)

    def _ask_targets(self, *, editing: bool) -> None:
        esm = self.data.get("esm") or {}
        baseline = esm["baseline"]
        direction = esm.get("direction", "increase")
        unit_type = esm.get("unit_type")
        current = {int(k): v for k, v in (esm.get("targets") or {}).items()} if editing else {}
        years = sorted(current) if current else F.target_years(int(baseline["year"]))
        so_far: dict[int, Any] = {}
        if not editing:
            saved = self.pending.get("esm.targets") or {}
            so_far = {int(k): v for k, v in saved.items() if int(k) in years}
        self.say(
            f"Baseline: {F.format_value(baseline['value'])} in {baseline['year']}; better is "
            f"{'lower' if direction == 'decrease' else 'higher'}. The suggested targets continue "
            "in a straight line; type your own, or all of them on one line like "
            f"{years[0]}: 45, {years[1] if len(years) > 1 else years[0] + 1}: 48.",
            style="dim",
        )
        for year in years:
            if year in so_far:
                continue
            if editing:
                default: Any = current.get(year)
            else:
                previous = [float(so_far[y]) for y in sorted(so_far)]
                default = F.straight_line(float(baseline["value"]), previous, direction, unit_type)

            def check(text: str, year: int = year) -> bool | str:
                if not text.strip():
                    return NEEDED
                if F.looks_like_target_list(text):
                    try:
                        targets = F.parse_targets(text)
                    except ValueError as exc:
                        return str(exc)[:1].upper() + str(exc)[1:]
                    return self.problem("esm.targets", targets) or True
                return (
                    self.problem(
                        "esm.targets", {**so_far, year: text}, within=f"esm.targets.{year}"
                    )
                    or True
                )

            answer = self.text(f"Target for {year}", default=default, validate=check)
            if F.looks_like_target_list(answer):
                self._commit_targets(F.parse_targets(answer))
                return
            so_far[year] = self._normalised("esm.targets", {**so_far, year: answer})[year]
            if not editing and len(so_far) < len(years):
                self._set_pending("esm.targets", dict(so_far))
        self._commit_targets(so_far)

    def _commit_targets(self, targets: dict[int, Any]) -> None:
        def done(trial: dict[str, Any]) -> None:
            self._set_pending("esm.targets", None, trial)

        self._commit("esm.targets", targets, also=done)

    # ----- 4. the measure set --------------------------------------------------------------------

    def _measures(self) -> list[dict[str, Any]]:
        return list(self.data.get("measures") or [])

    def _quadrant_open(self, q: int) -> bool:
        if q in (self.data.get("skipped_quadrants") or []):
            return False
        pm = self.pending.get("measure")
        if isinstance(pm, dict) and pm.get("quadrant") == q:
            return True
        if self.pending.get("open_quadrant") == q:
            return True
        return not any(m.get("quadrant") == q for m in self._measures())

    def _ensure_measure_set(self) -> None:
        first = True
        for q in QUADRANTS:
            if not self._quadrant_open(q):
                continue
            if first:
                self.heading("Step 4 of 5: the measure set, quadrant by quadrant (RBA)")
                first = False
            self._walk_quadrant(q)

    def _show_quadrant(self, q: int) -> None:
        info = self.catalog.quadrants.get(q)
        self.say()
        if info is None:
            self.say(f"Quadrant {q}", style="bold")
            return
        self.say(f"Quadrant {q}: {info.name} — {info.question}", style="bold")
        self.say(info.guidance, style="dim")
        self.say(f"Measures here usually start: {info.stem}", style="dim")

    def _strategy(self) -> Strategy:
        return self.catalog.strategy(self.data["strategy"])

    def _walk_quadrant(self, q: int) -> None:
        self._show_quadrant(q)
        while self._quadrant_open(q):
            pm = self.pending.get("measure")
            if isinstance(pm, dict) and pm.get("quadrant") == q:
                if pm.get("template"):
                    self._fill_template(q, pm)
                else:
                    self._own_measure(q)
                continue
            has = any(m.get("quadrant") == q for m in self._measures())
            pick = self.select(
                f"Quadrant {q} ({self._quadrant_question(q)}): choose a measure",
                self._quadrant_choices(q, has),
                search=True,
            )
            if pick == DONE:
                self._set_pending("open_quadrant", None)
            elif pick == SKIP:
                self._skip_quadrant(q)
            elif pick == OWN:
                self._set_pending("measure", {"quadrant": q, "own": True})
            elif pick.startswith("sample:"):
                sample = self._samples(q)[int(pick.split(":", 1)[1])]
                self._add_measure({"quadrant": q, "text": sample})
            elif pick.startswith("template:"):
                tid = pick.split(":", 1)[1]
                self._set_pending("measure", {"quadrant": q, "template": tid, "slots": {}})

    def _quadrant_question(self, q: int) -> str:
        info = self.catalog.quadrants.get(q)
        return f"{info.name} — {info.question}" if info else ""

    def _samples(self, q: int) -> list[str]:
        return [sm.text for sm in self._strategy().sample_measures if sm.quadrant == q]

    def _quadrant_choices(self, q: int, has: bool) -> list[Choice]:
        choices: list[Choice] = []
        if has:
            nxt = f"go on to Quadrant {q + 1}" if q < 4 else "go on to the headline measures"
            choices.append(Choice(f"Done with Quadrant {q}: {nxt}", DONE))
        used = {m.get("text") for m in self._measures()}
        for t in self.catalog.templates_for(self._strategy(), q):
            choices.append(
                Choice(f"Template: {t.text}  [{t.id}]", f"template:{t.id}", description=t.note)
            )
        for i, text in enumerate(self._samples(q)):
            if text not in used:
                choices.append(Choice(f"MCHbest sample: {text}", f"sample:{i}"))
        choices.append(Choice("Write my own measure", OWN))
        if not has:
            choices.append(Choice("Skip this quadrant", SKIP))
        return choices

    def _measure_problem(self, entry: dict[str, Any]) -> str | None:
        measures = [*self._measures(), entry]
        i = len(measures) - 1
        return self.problem("measures", measures, within=f"measures[{i}]")

    def _add_measure(self, entry: dict[str, Any]) -> None:
        q = entry["quadrant"]
        measures = self._measures()
        at = len(measures)
        for i, m in enumerate(measures):  # keep the list in quadrant order
            if m.get("quadrant", 0) > q:
                at = i
                break
        measures.insert(at, entry)

        def done(trial: dict[str, Any]) -> None:
            self._set_pending("measure", None, trial)
            self._set_pending("open_quadrant", q, trial)

        self._commit("measures", measures, also=done)
        self.say(f"Added to Quadrant {q}: {entry['text']}", style="green")

    def _own_measure(self, q: int) -> None:
        info = self.catalog.quadrants.get(q)

        def check(text: str) -> bool | str:
            if not text.strip():
                return NEEDED
            return self._measure_problem({"quadrant": q, "text": text}) or True

        text = self.text(
            f"Your measure for Quadrant {q}",
            validate=check,
            placeholder=info.stem if info else None,
        )
        self._add_measure({"quadrant": q, "text": text})

    def _fill_template(self, q: int, pm: dict[str, Any]) -> None:
        tid = str(pm.get("template"))
        try:
            template: Template = self.catalog.template(tid)
        except Exception:
            self.say(
                f"The template '{tid}' is not in the catalog any more; choose again.",
                style="yellow",
            )
            self._set_pending("measure", None)
            return
        slots = {k: str(v) for k, v in (pm.get("slots") or {}).items() if k in template.slot_names}
        self.say(f"Template: {template.text}", style="bold")
        for slot in template.slots:
            if slot.name in slots:
                continue

            def check(text: str, name: str = slot.name) -> bool | str:
                if not text.strip():
                    return NEEDED
                entry = {
                    "quadrant": q,
                    "text": "x",
                    "template": tid,
                    "slots": {**slots, name: text},
                }
                return self._measure_problem(entry) or True

            slots[slot.name] = self.text(
                slot.prompt, validate=check, placeholder=f"e.g. {slot.example}"
            )
            if len(slots) < len(template.slots):
                self._set_pending("measure", {"quadrant": q, "template": tid, "slots": dict(slots)})
                self.say(f"So far: {template.fill(slots)}", style="dim")
        ordered = {s.name: slots[s.name] for s in template.slots}
        self._add_measure(
            {"quadrant": q, "text": template.fill(ordered), "template": tid, "slots": ordered}
        )

    def _skip_quadrant(self, q: int) -> None:
        skipped = sorted({*(self.data.get("skipped_quadrants") or []), q})

        def done(trial: dict[str, Any]) -> None:
            self._set_pending("open_quadrant", None, trial)

        self._commit("skipped_quadrants", skipped, also=done)
        tips = self.tips_for(q)
        if tips:
            self.say(f"Quadrant {q} skipped. The RBA tips advise:", style="yellow")
            for tip in tips:
                self.say(f"  • {tip}")

    def tips_for(self, q: int) -> list[str]:
        """The RBA tips that speak of quadrant ``q`` (all of them when none does)."""
        pattern = re.compile(rf"quadrants?\b[^.;]*?\b{q}\b|all levels", re.IGNORECASE)
        found = [t for t in self.catalog.tips if pattern.search(t)]
        return found or list(self.catalog.tips)

    def _ensure_headlines(self) -> None:
        measures = self._measures()
        if not measures or any(m.get("headline") for m in measures):
            return
        if "headlines" in self.answered:
            return
        self._choose_headlines(editing=False)

    def _choose_headlines(self, *, editing: bool) -> None:
        measures = self._measures()
        better_off = [i for i, m in enumerate(measures) if m.get("quadrant") in (3, 4)]
        self.heading("Headline measures")
        self.say(
            "Headline measures are the few you report and watch most closely: no more than "
            f"{MAX_HEADLINES}, from the better-off quadrants (3 and 4) where the data are good.",
            style="dim",
        )
        suggest = set(better_off) if len(better_off) <= MAX_HEADLINES else set()
        choices = []
        for i, m in enumerate(measures):
            ticked = bool(m.get("headline")) if editing else i in suggest
            choices.append(
                Choice(
                    F.summary(f"Q{m['quadrant']}: {m['text']}", 100),
                    str(i),
                    checked=ticked,
                )
            )

        def check(picked: list[str]) -> bool | str:
            if len(picked) > MAX_HEADLINES:
                return (
                    f"Choose at most {MAX_HEADLINES} headline measures ({len(picked)} are ticked)."
                )
            return True

        picked = {
            int(v) for v in self.checkbox("Which are headline measures?", choices, validate=check)
        }
        for i, m in enumerate(measures):
            m = dict(m)
            if i in picked:
                m["headline"] = True
            else:
                m.pop("headline", None)
            measures[i] = m

        def done(trial: dict[str, Any]) -> None:
            self._mark_answered("headlines", trial)

        self._commit("measures", measures, also=done)
        if not picked:
            self.say(
                "No headline measure chosen; you can choose them from the review.", style="yellow"
            )

    # ----- 5. review -----------------------------------------------------------------------------

    def _review(self) -> str:
        self.heading("Step 5 of 5: review")
        final, _ = validate_draft(self.data, self.catalog, complete=True)
        draft = final
        if draft is None:
            draft, _ = validate_draft(self.data, self.catalog)
        assert draft is not None
        self.say(render_draft(draft, self.catalog))
        from .check import check_draft

        try:
            findings = check_draft(draft, self.catalog)
        except Exception as exc:  # a bug in the checks must not cost the person their walk
            self.say(f"The checks could not run ({type(exc).__name__}: {exc}).", style="red")
        else:
            self.say(render_findings(findings))
        return self.select(
            "What next?",
            [
                Choice("Save and finish", SAVE),
                Choice("Edit the measure or strategy", EDIT_CHOICE),
                Choice("Edit the ESM definition", EDIT_ESM),
                Choice("Edit the measure set", EDIT_SET),
            ],
        )

    def _edit_esm(self) -> None:
        specs = [s for s in F.ESM_FIELDS if F.applies(s, self.data)]
        choices = [
            Choice(f"{s.label}: {F.summary(F.value_of(self.data, s.key)) or '(empty)'}", s.key)
            for s in specs
        ]
        keys = set(self.checkbox("Which parts do you want to change?", choices))
        for spec in F.ESM_FIELDS:  # in the walk's order
            if spec.key not in keys or not F.applies(spec, self.data):
                continue
            if F.is_missing(F.value_of(self.data, spec.key)):
                continue  # cleared by an earlier change: asked again after this
            if spec.kind == "targets" and not (self.data.get("esm") or {}).get("baseline"):
                continue
            self.ask_field(spec, editing=True)

    def _edit_measure_set(self) -> None:
        choices = []
        skipped = self.data.get("skipped_quadrants") or []
        for q in QUADRANTS:
            n = sum(1 for m in self._measures() if m.get("quadrant") == q)
            state = "skipped" if q in skipped else f"{n} measure{'s' if n != 1 else ''}"
            choices.append(
                Choice(f"Quadrant {q}: {self._quadrant_question(q)} ({state})", f"q:{q}")
            )
        choices.append(Choice("Choose the headline measures", HEADLINES))
        choices.append(Choice("« Back to the review", BACK))
        pick = self.select("What do you want to change?", choices)
        if pick == HEADLINES:
            self._choose_headlines(editing=True)
        elif pick.startswith("q:"):
            self._edit_quadrant(int(pick[2:]))

    def _edit_quadrant(self, q: int) -> None:
        measures = self._measures()
        mine = [(i, m) for i, m in enumerate(measures) if m.get("quadrant") == q]
        skipped = q in (self.data.get("skipped_quadrants") or [])
        choices = [Choice(f"Add a measure to Quadrant {q}", "add")]
        for i, m in mine:
            choices.append(Choice(f"Remove: {F.summary(m['text'], 90)}", f"remove:{i}"))
        choices.append(Choice("« Back to the review", BACK))
        pick = self.select(f"Quadrant {q}: {self._quadrant_question(q)}", choices)
        if pick == "add":

            def reopen(trial: dict[str, Any]) -> None:
                self._set_pending("open_quadrant", q, trial)

            left = [x for x in (self.data.get("skipped_quadrants") or []) if x != q]
            if skipped:
                self._commit("skipped_quadrants", left or None, also=reopen)
            else:
                self._set_pending("open_quadrant", q)
        elif pick.startswith("remove:"):
            i = int(pick.split(":", 1)[1])
            removed = measures.pop(i)
            self._commit("measures", measures or None)
            self.say(f"Removed from Quadrant {q}: {removed['text']}", style="yellow")


# ----- rendering -----------------------------------------------------------------------------------


def render_draft(draft: Draft, catalog: Catalog) -> RenderableType:
    """The whole draft as a rich panel: measure, strategy, ESM definition, measure set."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    data = draft.to_data()
    table = Table(show_header=False, box=None, pad_edge=False, expand=True)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    if draft.npm:
        table.add_row("Measure", Text(catalog.measure_label(draft.npm)))
    if draft.strategy:
        s = catalog.strategies.get(draft.strategy)
        label = f"{s.name} [{s.id}] — {catalog.evidence_label(s)}" if s else draft.strategy
        table.add_row("Strategy", Text(label))
    for spec in F.ESM_FIELDS:
        value = F.value_of(data, spec.key)
        if F.is_missing(value):
            continue
        if spec.kind == "baseline":
            shown = f"{F.format_value(value['value'])} in {value['year']}"
        elif spec.kind == "targets":
            shown = ", ".join(f"{y}: {F.format_value(v)}" for y, v in value.items())
        elif spec.kind == "choice":
            shown = str(value)
        else:
            shown = F.format_value(value)
        table.add_row(spec.label.removesuffix(" (optional)"), Text(shown))
    parts: list[RenderableType] = [table, Text("")]
    parts.append(Text("Measure set (RBA quadrants)", style="bold"))
    for q in QUADRANTS:
        info = catalog.quadrants.get(q)
        name = f"{info.name} — {info.question}" if info else ""
        parts.append(Text(f"Quadrant {q}: {name}", style="underline"))
        mine = [m for m in draft.measures if m.quadrant == q]
        if q in draft.skipped_quadrants:
            parts.append(Text("  (skipped)", style="dim"))
        elif not mine:
            parts.append(Text("  (none yet)", style="dim"))
        if mine:
            bullets = _bullets()
            for m in mine:
                t = Text(m.text)
                if m.headline:
                    t.append("  [headline]", style="bold")
                bullets.add_row("•", t)
            parts.append(bullets)
    title = draft.esm.title or "ESM draft"
    return Panel(Group(*parts), title=Text(title), title_align="left")


def render_findings(findings: list[Finding]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    if not findings:
        return Text("The checks found nothing to point out.", style="green")
    n = len(findings)
    parts: list[RenderableType] = [
        Text(f"The checks found {n} thing{'s' if n != 1 else ''} to look at:", style="bold")
    ]
    styles = {"error": "red", "warning": "yellow", "info": "blue"}
    rows = _bullets()
    for f in findings:
        t = Text(f"{f.path}: {f.message}" if f.path else f.message)
        if f.advice:
            t.append("\n" + f.advice, style="dim")
        rows.add_row(Text(f"{f.severity}:", style=styles.get(f.severity, "")), t)
    parts.append(rows)
    return Group(*parts)


def _bullets() -> Table:
    """Two columns: a marker and text that wraps under itself (a hanging indent)."""
    from rich.table import Table

    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, justify="right")
    table.add_column(overflow="fold")
    table.pad_edge = True
    return table


#: Styles the plain writer can draw itself (SGR codes); anything else goes through rich.
_SGR = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "red": "31", "green": "32"}
_SGR |= {"yellow": "33", "blue": "34"}


def _plain_style(style: str | None) -> bool:
    return style is None or all(part in _SGR for part in style.split())


def _write_plain(message: str, style: str | None) -> None:
    """A message on stderr without rich: wrapped to the terminal, styled only on a colour terminal."""
    import shutil
    import textwrap

    width = shutil.get_terminal_size((80, 24)).columns if sys.stderr.isatty() else 80
    lines = [
        textwrap.fill(line, width=max(20, width - 1)) if line else ""
        for line in message.split("\n")
    ]
    text = "\n".join(lines)
    colour = (
        sys.stderr.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM", "") != "dumb"
    )
    if style and colour:
        codes = ";".join(_SGR[part] for part in style.split())
        text = f"\x1b[{codes}m{text}\x1b[0m"
    sys.stderr.write(text + "\n")
    sys.stderr.flush()
