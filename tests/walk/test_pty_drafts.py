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
    answer(child, r"Which strategy for", "Stop here" + ENTER)
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


def test_draft_for_a_plan_in_a_terminal(tmp_path: Path) -> None:
    import shutil

    from ..conftest import ROOT

    plan = tmp_path / "plan"
    shutil.copytree(ROOT / "examples" / "plan", plan)
    shutil.copy(ROOT / "examples" / "care-coordination.yaml", plan / "drafts" / "esm-11-1.yaml")
    data = yaml.safe_load((plan / "plan.yaml").read_text(encoding="utf-8"))
    data["drafts"] = ["drafts/"]  # every draft in the plan's own folder
    (plan / "plan.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (plan / "drafts" / "esm-6-1.yaml").unlink()  # developmental-screening has no ESM now
    child = spawn(tmp_path, "--plan", "plan")
    child.expect(r"This draft is for developmental-screening")
    child.expect(r"Which strategy for")  # the measure is the plan's, not asked
    child.send("\x03")  # Ctrl-C
    child.expect(r"Draft saved to (\S+)\. Resume")
    autosave = Path(child.match.group(1))
    finish(child)
    assert child.exitstatus == 130
    assert autosave.resolve() == (plan / "drafts" / "developmental-screening.draft.yaml").resolve()
    saved = yaml.safe_load(autosave.read_text(encoding="utf-8"))
    assert saved["npm"] == "developmental-screening" and saved["state"] == "Example State"
    assert Path(saved["walk"]["output"]) == (plan / "drafts" / "developmental-screening.yaml")
    check = run_cli("plan", "check", str(plan), "--format", "json")
    rules = [f["rule"] for f in json.loads(check.stdout)[0]["findings"]]
    assert "plan.npm-without-esm" in rules  # an autosave is not an ESM yet
