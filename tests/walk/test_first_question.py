"""What `esmtool draft` does before its first question: only what that question needs.

The real command runs on a pseudo-terminal; a probe stops it as its first question is about
to be drawn and reports the process's state (issue 10's start-up target for the walk).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from ..conftest import pty_env

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

PROBE = """
import gc, json, os, sys
import questionary.question

def first_question(self, *args, **kwargs):
    from esmtool.draft import Draft
    state = {
        "modules": sorted(sys.modules),
        "draft_validator_built": Draft.__pydantic_complete__,
        "frozen": gc.get_freeze_count(),
    }
    with open(os.environ["PROBE_OUT"], "w") as f:
        json.dump(state, f, default=str)
    os._exit(0)

questionary.question.Question.unsafe_ask = first_question
sys.argv = ["esmtool", *sys.argv[1:]]
from esmtool.entry import main  # as the esmtool command starts
main()
"""


def at_first_question(tmp_path: Path, *args: str) -> dict[str, Any]:
    out = tmp_path / "probe.json"
    env = pty_env(tmp_path, PROBE_OUT=str(out))
    child = pexpect.spawn(
        sys.executable,
        ["-c", PROBE, "draft", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert out.exists(), child.before
    state: dict[str, Any] = json.loads(out.read_text())
    state["screen"] = child.before
    return state


@pytest.mark.slow  # two real start-ups on a pseudo-terminal
def test_a_new_walk_loads_and_checks_only_what_its_first_question_needs(tmp_path: Path) -> None:
    at_first_question(tmp_path, "-o", str(tmp_path / "first.yaml"))  # fills the catalog cache
    state = at_first_question(tmp_path, "-o", str(tmp_path / "new.yaml"))
    assert "Step 1 of 5: the National Performance Measure" in state["screen"]
    loaded = set(state["modules"])
    # no document, review or file-format libraries yet (rich only for panels and tables)
    assert not {"yaml", "rich", "jinja2", "docx", "esmtool.checks"} & loaded
    # the later steps load once the first question is answered
    later = {"esmtool.walk.definition", "esmtool.walk.measure_set", "esmtool.walk.review"}
    assert not later & loaded
    # a new walk (its -o kept in walk.output) has nothing to validate yet: the draft's
    # validator is built with the first answer
    assert state["draft_validator_built"] is False
    # what start-up loaded is kept out of the collector's full passes
    assert state["frozen"] > 0
