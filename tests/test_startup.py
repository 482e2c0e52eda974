"""The entry point pauses the garbage collector while esmtool starts (esmtool.startup), and the
command's own code runs with it collecting again, over a frozen start-up."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest

from esmtool import startup


@pytest.fixture
def _collector_restored() -> object:
    was = gc.isenabled()
    yield None
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()
    startup._paused = False
    startup._entered = False


@pytest.mark.usefixtures("_collector_restored")
def test_a_paused_collector_runs_again_over_a_frozen_start() -> None:
    gc.enable()
    gc.unfreeze()
    startup.pause_collector()
    assert not gc.isenabled()
    startup.resume_collector()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


@pytest.mark.usefixtures("_collector_restored")
def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    startup.pause_collector()
    startup.resume_collector()
    assert not gc.isenabled()


@pytest.mark.usefixtures("_collector_restored")
def test_the_end_of_an_esmtool_process_freezes_what_is_left() -> None:
    gc.unfreeze()
    startup.skip_final_collection()  # a command run inside another program: nothing frozen
    assert gc.get_freeze_count() == 0
    startup.pause_collector()
    startup.resume_collector()
    gc.unfreeze()
    startup.skip_final_collection()
    assert gc.get_freeze_count() > 0


PROBE = """
import gc, json, sys
import esmtool.entry
seen = {}
import esmtool.cli.list_cmd as L
command = L.app.registered_commands[0]
original = command.callback
def probe(*args, **kwargs):
    seen["command"] = [gc.isenabled(), gc.get_freeze_count() > 0]
    return original(*args, **kwargs)
import functools
command.callback = functools.wraps(original)(probe)
sys.argv = ["esmtool", "list", "npms", "--format", "json"]
seen["before"] = gc.isenabled()
try:
    esmtool.entry.main()
except SystemExit as exc:
    seen["exit"] = exc.code
sys.stderr.write("\\n" + json.dumps(seen))
"""


def test_the_command_runs_with_the_collector_on_and_its_start_frozen() -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    seen = json.loads(proc.stderr.splitlines()[-1])
    assert seen["before"] is True
    assert seen["command"] == [True, True], "paused while starting, collecting in the command"
    assert seen.get("exit") in (None, 0)
    assert json.loads(proc.stdout)
