"""The only questionary user: prompts, messages, Ctrl-C/Ctrl-D and a closed terminal.

Prompts and messages go to stderr (stdout stays clean for results). Ctrl-C,
Ctrl-D and the end of input raise KeyboardInterrupt/EOFError, which the step loop
turns into a saved, resumable stop; so does SIGHUP (the terminal window closed)
while :meth:`Asker.hangup_interrupts` is active.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.key_binding.defaults import load_key_bindings
from prompt_toolkit.output import create_output
from questionary import Choice

from ..draft import fields as F
from .wrap import fit_message, wrap_choices

if TYPE_CHECKING:
    from prompt_toolkit.application import Application
    from prompt_toolkit.input import Input
    from prompt_toolkit.key_binding import KeyBindingsBase
    from prompt_toolkit.output import Output
    from rich.console import Console, RenderableType

__all__ = ["BACK", "Asker", "Choice"]

#: The value of every "« Back" choice (choice values are strings; catalog ids never start with "!").
BACK = "!back"


#: How a long answer takes several lines (said before the first one).
MULTILINE_KEYS = (
    "(Long answers may take several lines: Alt+Enter starts a new line; Ctrl-X Ctrl-E writes "
    "the answer in your editor, $VISUAL or $EDITOR, and takes it when you close the editor.)"
)


class Asker:
    def __init__(self, input: Input | None = None, output: Output | None = None) -> None:
        self.input = input
        self.output = output if output is not None else create_output(stdout=sys.stderr)
        self._console: Console | None = None  # rich is loaded when first needed
        self.hung_up = False
        self.asked = 0  # questions answered (each Enter that a question accepted)
        self.told_multiline = False
        self._on_screen: Application[Any] | None = None  # the question being asked

    # ----- messages ---------------------------------------------------------------------------

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                stderr=True, highlight=False, no_color=bool(os.environ.get("NO_COLOR")) or None
            )
        return self._console

    def say(
        self, message: str | RenderableType = "", *, style: str | None = None, whole: bool = False
    ) -> None:
        """Show a message; ``whole`` for one that holds a path or a command: it is never broken
        into lines (the terminal wraps it softly, so it copies and pastes whole)."""
        if isinstance(message, str) and self._console is None and _plain_style(style):
            _write_plain(message, style)  # the first screens need no rich: start faster
        elif isinstance(message, str):
            from rich.text import Text

            self.console.print(Text(message, style=style or ""), soft_wrap=whole)
        else:
            self.console.print(message)

    def heading(self, text: str) -> None:
        self.say()
        self.say(text, style="bold")

    # ----- a closed terminal ------------------------------------------------------------------

    @contextlib.contextmanager
    def hangup_interrupts(self) -> Iterator[None]:
        """A closed terminal (SIGHUP) ends the walk like Ctrl-C: saved, exit 130.

        The signal never raises where it lands (inside the event loop, a weakref callback or
        a file write that would be left half done, and a process that hangs): it is marked,
        a question on screen is ended the way prompt_toolkit ends one on Ctrl-C, and the
        next question raises KeyboardInterrupt before it is drawn."""
        sighup = getattr(signal, "SIGHUP", None)
        if sighup is None or threading.current_thread() is not threading.main_thread():
            yield
            return

        def hang_up(signum: int, frame: Any) -> None:
            self.hung_up = True
            if self._on_screen is not None:
                _end_question(self._on_screen)

        previous = signal.signal(sighup, hang_up)
        try:
            yield
        finally:
            signal.signal(sighup, previous)

    # ----- questions --------------------------------------------------------------------------

    def _fit(self, message: str, after: int) -> str:
        """``message`` broken between words to the terminal's width (see :func:`fit_message`)."""
        return fit_message(message, after, self.output.get_size().columns - 1)

    def _kw(self) -> dict[str, Any]:
        kw: dict[str, Any] = {"output": self.output}
        if self.input is not None:
            kw["input"] = self.input
        return kw

    def ask(self, question: Any, keys: KeyBindings | None = None) -> Any:
        """Ask one question; Ctrl-C and Ctrl-D end the walk (the caller saves), and so does a
        closed terminal (before the question, or while it is on screen)."""
        if self.hung_up:
            raise KeyboardInterrupt
        keys = keys or KeyBindings()

        @keys.add("c-d", eager=True)
        def _eof(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

        app = question.application
        app.key_bindings = (
            merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
        )

        def hung_up_before_drawn() -> None:  # a signal between the check above and the loop
            if self.hung_up:
                app.exit(exception=KeyboardInterrupt, style="class:aborting")

        app.pre_run_callables.append(hung_up_before_drawn)
        self._on_screen = app
        try:
            answer = question.unsafe_ask()
        finally:
            self._on_screen = None
        if answer is None:  # questionary's way of saying the prompt was cancelled
            raise KeyboardInterrupt
        self.asked += 1
        return answer

    def text(
        self,
        message: str,
        *,
        default: Any = None,
        validate: Callable[[str], bool | str] | None = None,
        placeholder: str | None = None,
        instruction: str | None = None,
        multiline: bool = False,
        on_stop: Callable[[str], None] | None = None,
    ) -> str:
        """Ask for text. Enter accepts. ``multiline``: Alt+Enter (or Esc, Enter) starts a new
        line and Ctrl-X Ctrl-E opens the text in $VISUAL or $EDITOR (as ``git commit`` does),
        accepted when the editor closes. ``on_stop`` gets the text typed so far when the
        question ends without an answer (Ctrl-C, Ctrl-D, a closed terminal), before the walk
        stops."""
        kw = self._kw()
        if placeholder:
            kw["placeholder"] = placeholder
        keys = KeyBindings()
        if multiline:
            kw |= {"enable_open_in_editor": True, "tempfile_suffix": ".txt"}
            if not self.told_multiline:  # said once per walk, before the first long answer
                self.told_multiline = True
                self.say(MULTILINE_KEYS, style="dim")

            @keys.add("escape", "enter")
            def _newline(event: Any) -> None:
                event.current_buffer.insert_text("\n")

        with _default_keys_built_once():
            question = questionary.text(
                self._fit(message, len(instruction) + 2 if instruction else 0),
                default=F.format_value(default),
                validate=validate,
                instruction=instruction,
                **kw,
            )
        try:
            answer = self.ask(question, keys)
        except BaseException:
            if on_stop is not None:
                with contextlib.suppress(Exception):
                    on_stop(question.application.current_buffer.text)
            raise
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
        # questionary's own instruction when none is given: "(Use arrow keys)"
        instruction = "(↑/↓ to move, type to filter, Enter to choose)" if search else None
        with _default_keys_built_once():
            question = questionary.select(
                self._fit(message, len(instruction or "(Use arrow keys)")),
                choices=choices,
                default=default if default in values else None,
                use_search_filter=search,
                use_jk_keys=not search,
                instruction=instruction,
                **self._kw(),
            )
        keys = KeyBindings()
        if search:
            from .fuzzy import make_fuzzy

            control = make_fuzzy(question)
            if control is not None:

                @keys.add("enter", eager=True)
                def _choose(event: Any) -> None:
                    if control.no_match():  # nothing to choose: Enter does nothing
                        return
                    control.is_answered = True
                    event.app.exit(result=control.get_pointed_at().value)

        wrap_choices(question)  # after the filter, which replaces the list's text
        return str(self.ask(question, keys))

    def confirm(self, message: str, *, default: bool = True) -> bool:
        with _default_keys_built_once():
            question = questionary.confirm(self._fit(message, 5), default=default, **self._kw())
        return bool(self.ask(question))

    def checkbox(
        self,
        message: str,
        choices: list[Choice],
        *,
        validate: Callable[[list[str]], bool | str] | None = None,
    ) -> list[str]:
        instruction = "(↑/↓ to move, Space to tick, Enter when done)"
        with _default_keys_built_once():
            question = questionary.checkbox(
                self._fit(message, len(instruction)),
                choices=choices,
                validate=validate or (lambda _: True),
                instruction=instruction,
                **self._kw(),
            )
        wrap_choices(question)
        answer = self.ask(question)
        return [str(a) for a in answer]


@functools.cache
def _default_keys() -> KeyBindingsBase:
    return load_key_bindings()


@contextlib.contextmanager
def _default_keys_built_once() -> Iterator[None]:
    """Questions built here share one set of prompt_toolkit's default key bindings.

    prompt_toolkit builds its defaults (some 1,900 emacs and vi bindings) afresh for every
    Application, about 4 ms each, and questionary's select and checkbox make three
    Applications per question (two only lend their layout): a quarter of the time before
    the walk's first question. The set is the same every time and keeps no state of its
    own (each handler acts on the application that runs it), so it is built once."""
    from prompt_toolkit.application import application

    original = getattr(application, "load_key_bindings", None)
    if original is not load_key_bindings:  # another prompt_toolkit: leave it as it is
        yield
        return
    application.load_key_bindings = _default_keys
    try:
        yield
    finally:
        application.load_key_bindings = original


def _end_question(app: Application[Any]) -> None:
    """From the SIGHUP handler: end the question on screen as Ctrl-C would. Its event loop
    runs the exit (``call_soon_threadsafe`` is safe in a signal handler: asyncio's own signal
    handling uses it)."""
    loop = app.loop
    if loop is None or not app.is_running:
        return  # not drawn yet, or already ending: the next question raises

    def end() -> None:
        if app.is_running and not app.is_done:
            app.exit(exception=KeyboardInterrupt, style="class:aborting")

    loop.call_soon_threadsafe(end)


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
