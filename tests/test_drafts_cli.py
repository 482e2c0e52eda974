"""`esmtool drafts`, `esmtool draft --resume` without a file and `esmtool draft --plan`, through
the real CLI in subprocesses (the interactive parts are in tests/walk/test_pty_drafts.py)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT, run_cli

EXAMPLE = ROOT / "examples" / "care-coordination.yaml"
EXAMPLE_PLAN = ROOT / "examples" / "plan"


def data_folder() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "esmtool" / "drafts"


def put(path: Path, text: str, mtime: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


IN_PROGRESS = "npm: medical-home-personal\nesm:\n  title: Percent of families with a plan\n"


@pytest.fixture
def three_drafts(tmp_path: Path) -> dict[str, Path]:
    """A finished draft and an autosave in the data folder, and an autosave beside -o (remembered)."""
    folder = data_folder()
    finished = put(folder / "draft-20260101-090000.yaml", EXAMPLE.read_text("utf-8"), 1_767_000_000)
    started = put(folder / "draft-20260102-090000.yaml", IN_PROGRESS, 1_767_100_000)
    beside = put(tmp_path / "work" / "esm.draft.yaml", "npm: breastfeeding\n", 1_767_200_000)
    put(folder / ".draft-x.yaml.lock", "123", 1_767_300_000)  # a lock file is not a draft
    (folder.parent / "recent-drafts.json").write_text(json.dumps([str(beside)]), "utf-8")
    return {"finished": finished, "started": started, "beside": beside}


def test_drafts_lists_every_draft_the_last_changed_first(three_drafts: dict[str, Path]) -> None:
    proc = run_cli("drafts", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows: list[dict[str, Any]] = json.loads(proc.stdout)
    assert [r["path"] for r in rows] == [
        str(three_drafts["beside"]),
        str(three_drafts["started"]),
        str(three_drafts["finished"]),
    ]
    beside, started, finished = rows
    assert beside["npm"] == "breastfeeding" and beside["title"] is None
    assert beside["progress"] == "step 2 of 5: strategy" and beside["finished"] is False
    assert started["title"] == "Percent of families with a plan"
    assert started["progress"].startswith("step 2 of 5")  # no strategy yet
    assert finished["progress"] == "finished" and finished["finished"] is True
    assert finished["modified"] == "2025-12-29T09:20:00Z"  # 1_767_000_000 in UTC
    again = run_cli("drafts", "--format", "json")
    assert again.stdout == proc.stdout  # deterministic


def test_drafts_table_keeps_ids_and_paths_whole(three_drafts: dict[str, Path]) -> None:
    proc = run_cli("drafts", "--format", "table", env={"COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode()
    for path in three_drafts.values():
        assert str(path) in text
    assert "medical-home-personal" in text and "(no title yet)" in text
    assert text.index(str(three_drafts["beside"])) < text.index(str(three_drafts["finished"]))


def test_drafts_at_80_columns_keep_paths_and_codes_whole(three_drafts: dict[str, Path]) -> None:
    proc = run_cli("drafts", "--format", "table", env={"COLUMNS": "80"})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    for path in three_drafts.values():
        assert any(str(path) in line for line in lines), str(path)
    assert any("medical-home-personal" in line for line in lines)
    assert "…" not in proc.stdout.decode()


def test_drafts_with_none_says_how_to_start() -> None:
    proc = run_cli("drafts", "--format", "table")
    assert proc.returncode == 0
    assert proc.stdout == b""
    assert b"No drafts yet. Start one with: esmtool draft" in proc.stderr
    assert json.loads(run_cli("drafts", "--format", "json").stdout) == []


def test_resume_without_a_file_and_no_terminal_names_the_latest(
    three_drafts: dict[str, Path],
) -> None:
    for args in (["--resume"], ["--resume", "--no-input"]):
        proc = run_cli("draft", *args)
        assert proc.returncode == 2, proc.stderr
        err = proc.stderr.decode()
        assert "needs a terminal to choose one" in err
        # the latest unfinished draft, to copy and paste
        assert f"esmtool draft --resume {three_drafts['beside']}" in err
        assert "esmtool drafts" in err and "Traceback" not in err
        assert proc.stdout == b""


def test_resume_without_a_file_and_no_drafts() -> None:
    proc = run_cli("draft", "--resume")
    assert proc.returncode == 2
    assert b"There is no draft to resume" in proc.stderr
    assert b"esmtool draft" in proc.stderr


def test_resume_with_a_file_still_takes_it(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    proc = run_cli("draft", "--resume", str(path), "--no-input", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["npm"] == "medical-home-personal"


# ----- esmtool draft --plan ------------------------------------------------------------------------


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """The example plan with its drafts in its own folder (as in tests/test_plan_cli.py)."""
    target = tmp_path / "plan"
    shutil.copytree(EXAMPLE_PLAN, target)
    shutil.copy(EXAMPLE, target / "drafts" / "esm-11-1.yaml")
    data = yaml.safe_load((target / "plan.yaml").read_text(encoding="utf-8"))
    data["drafts"] = ["drafts/"]
    (target / "plan.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target


def test_draft_for_a_plan_goes_into_its_drafts_folder(plan_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    data = yaml.safe_load((plan_dir / "drafts" / "esm-6-1.yaml").read_text("utf-8"))
    (plan_dir / "drafts" / "esm-6-1.yaml").unlink()  # developmental-screening has no ESM now
    del data["npm"], data["state"]
    answers.write_text(yaml.safe_dump(data), encoding="utf-8")
    proc = run_cli("draft", "--plan", str(plan_dir), "--answers", str(answers), "--no-input")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    made = plan_dir / "drafts" / "developmental-screening.yaml"
    err = proc.stderr.decode()
    assert "without an ESM: developmental-screening" in err
    assert f"Wrote {made}" in err
    saved = yaml.safe_load(made.read_text("utf-8"))
    assert saved["npm"] == "developmental-screening"
    assert saved["state"] == "Example State"  # the plan's state
    check = run_cli("plan", "check", str(plan_dir), "--format", "json")
    plan_findings = json.loads(check.stdout)[0]["findings"]
    assert not [f for f in plan_findings if f["rule"] == "plan.npm-without-esm"]
    assert check.returncode == 0, check.stdout

    # every NPM has its ESM again: a clear message, exit 2, nothing written
    again = run_cli("draft", "--plan", str(plan_dir), "--answers", str(answers), "--no-input")
    assert again.returncode == 2
    assert b"Every NPM of the plan already has an ESM" in again.stderr
    assert b"--npm" in again.stderr and b"Traceback" not in again.stderr
    assert sorted(p.name for p in (plan_dir / "drafts").iterdir()) == [
        "developmental-screening.yaml",
        "esm-1-1.yaml",
        "esm-10-1.yaml",
        "esm-11-1.yaml",
        "esm-12-1.yaml",
        "esm-4-1.yaml",
    ]


def test_draft_for_a_plan_refuses_o_and_unknown_measures(plan_dir: Path) -> None:
    proc = run_cli("draft", "--plan", str(plan_dir), "-o", "x.yaml", "--no-input")
    assert proc.returncode == 2 and b"leave out -o" in proc.stderr
    proc = run_cli("draft", "--plan", str(plan_dir), "--npm", "safe-sleep", "--no-input")
    assert proc.returncode == 2 and b"not one of the plan's NPMs" in proc.stderr
    missing = run_cli("draft", "--plan", str(plan_dir / "nope"), "--no-input")
    assert missing.returncode == 2 and b"no such plan file" in missing.stderr
