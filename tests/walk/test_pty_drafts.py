"""Stopping, listing and resuming drafts in a real pseudo-terminal (pexpect): "Stop here" exits 0,
`esmtool drafts` lists the autosave beside -o, `--resume` alone offers it, the -o is kept."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from ..conftest import run_cli
from .test_pty import ENTER, FIRST_PART, NPM, SECOND_PART, answer, check_result, finish, spawn

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.slow

DOWN = "\x1b[B"


def test_stop_here_then_resume_the_latest_where_o_said(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    autosave = tmp_path / "out.draft.yaml"
    child = spawn(tmp_path, "-o", "out.yaml")
    answer(child, r"Which measure is this ESM for\?", f"[{NPM}]" + ENTER)
    answer(child, r"Which strategy for", "My own strategy" + ENTER)
    answer(child, r"What would you like to do\?", DOWN + DOWN + ENTER)  # Stop here
    child.expect(r"Resume with: esmtool draft --resume (\S+)")
    assert Path(child.match.group(1)).resolve() == autosave.resolve()
    finish(child)
    assert child.exitstatus == 0  # the person's choice, not an interruption
    saved = yaml.safe_load(autosave.read_text(encoding="utf-8"))
    assert saved["npm"] == NPM
    assert saved["walk"]["output"] == str(out)  # the -o, kept for --resume
    assert saved["schema"] == "esmtool.draft/3"

    env = {"XDG_DATA_HOME": str(tmp_path / "userdata")}
    listed = json.loads(run_cli("drafts", "--format", "json", env=env).stdout)
    assert [Path(r["path"]).resolve() for r in listed] == [autosave.resolve()]
    assert listed[0]["progress"] == "step 2 of 5: strategy"

    child = spawn(tmp_path, "--resume")  # no file: the recent drafts are offered
    child.expect(r"Which draft do you want to continue\?")
    child.send(ENTER)  # the latest, the default
    child.expect(r"The finished draft goes to " + str(out).replace(".", r"\."))
    for prompt, keys in FIRST_PART[1:] + SECOND_PART:
        answer(child, prompt, keys)
    child.expect(r"Wrote (\S+)")
    assert Path(child.match.group(1)) == out
    finish(child)
    assert child.exitstatus == 0, child.before
    assert check_result(out)["npm"] == NPM
    first = autosave.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# esmtool draft, finished.") and "in progress" not in first
    assert "walk" not in yaml.safe_load(autosave.read_text(encoding="utf-8"))
    assert os.path.exists(out)
