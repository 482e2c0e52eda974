"""A closed terminal (SIGHUP) during the walk, in-process through prompt_toolkit's pipe input.

The signal must never raise where it lands (inside the event loop or a weakref callback it
left the process hanging, 1 run in 40): it is marked, the question on screen ends as on
Ctrl-C, and a question not yet drawn is never drawn.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from esmtool.errors import EXIT_INTERRUPTED, Interrupted
from esmtool.walk import run_walk
from esmtool.walk.asker import Asker

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP here")

ENTER = "\r"
NPM = "medical-home-personal"
STRATEGY = "medical-home-personal-01"
TITLE = "Percent of CYSHCN in care coordination with a shared plan of care"


def hang_up_when(ready: Callable[[], bool], timeout: float = 30) -> threading.Thread:
    """Send this process SIGHUP from another thread once ``ready()`` holds (Python runs the
    handler in the main thread). Waiting for a state, not a time: a slow machine is no race."""

    def wait_then_hang_up() -> None:
        deadline = time.monotonic() + timeout
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGHUP)

    thread = threading.Thread(target=wait_then_hang_up, daemon=True)
    thread.start()
    return thread


def test_a_hang_up_lands_without_raising_outside_a_question() -> None:
    ask = Asker(output=DummyOutput())
    went_on = False
    with ask.hangup_interrupts():
        signal.raise_signal(signal.SIGHUP)  # the handler runs here, in the middle of our code
        went_on = True  # reached: nothing was raised where the signal landed
    assert went_on and ask.hung_up


def test_the_next_question_after_a_hang_up_is_never_drawn() -> None:
    with create_pipe_input() as pipe:
        pipe.send_text("y")
        ask = Asker(input=pipe, output=DummyOutput())
        with ask.hangup_interrupts(), pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGHUP)
            ask.confirm("Use this strategy?")
    assert ask.asked == 0


def test_a_question_on_screen_ends_as_on_ctrl_c_and_keeps_what_was_typed() -> None:
    kept: list[str] = []
    with create_pipe_input() as pipe:
        pipe.send_text("Half a goal")  # typed, never Enter
        ask = Asker(input=pipe, output=DummyOutput())

        def typed() -> bool:
            app = ask._on_screen  # the question being asked
            return app is not None and app.current_buffer.text == "Half a goal"

        thread = hang_up_when(typed)
        with ask.hangup_interrupts(), pytest.raises(KeyboardInterrupt):
            ask.text("Goal", on_stop=kept.append)
        thread.join()
    assert ask.hung_up
    assert kept == ["Half a goal"]


def test_the_previous_sighup_handler_is_back_after_the_walk() -> None:
    before = signal.getsignal(signal.SIGHUP)
    ask = Asker(output=DummyOutput())
    with ask.hangup_interrupts():
        assert signal.getsignal(signal.SIGHUP) is not before
    assert signal.getsignal(signal.SIGHUP) is before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_walk_hung_up_at_a_question_is_saved(catalog: Any, tmp_path: Path) -> None:
    autosave = tmp_path / "out.draft.yaml"
    keys = f"[{NPM}]{ENTER}Show strategies from other measures{ENTER}[{STRATEGY}]{ENTER}y"
    keys += TITLE + ENTER  # then the goal is asked, and nothing more is typed
    with create_pipe_input() as pipe:
        pipe.send_text(keys)

        def at_the_goal() -> bool:  # the title is saved: the goal is asked next, or on screen
            return autosave.is_file() and TITLE in autosave.read_text(encoding="utf-8")

        thread = hang_up_when(at_the_goal)
        with pytest.raises(Interrupted) as info:
            run_walk({}, catalog, autosave=autosave, input=pipe, output=DummyOutput())
        thread.join()
    assert info.value.exit_code == EXIT_INTERRUPTED
    assert info.value.saved_to == str(autosave)
    saved = yaml.safe_load(autosave.read_text(encoding="utf-8"))
    assert saved["strategy"] == STRATEGY and saved["esm"]["title"] == TITLE
