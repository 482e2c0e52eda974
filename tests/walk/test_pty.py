"""`esmtool draft` in a real pseudo-terminal (pexpect): the walk as a person meets it."""

from __future__ import annotations

import re
import shlex
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import pty_env

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ENTER = "\r"
CLEAR = "\x15"
CTRL_C = "\x03"
TIMEOUT = 20  # generous: CI runs this on a small machine

NPM = "medical-home-personal"
STRATEGY = "medical-home-personal-01"
TITLE = "Percent of CYSHCN in care coordination with a shared plan of care"


def spawn(tmp_path: Path, *args: str, stdout_to: str | None = None) -> Any:
    """Run `esmtool draft ARGS` on a pseudo-terminal (stdout to a file when ``stdout_to``)."""
    env = pty_env(tmp_path, COLUMNS="200", LINES="60")
    command, argv = sys.executable, ["-m", "esmtool", "draft", *args]
    if stdout_to is not None:
        line = " ".join(shlex.quote(a) for a in [command, *argv])
        command, argv = "/bin/sh", ["-c", f"exec {line} > {shlex.quote(stdout_to)}"]
    return pexpect.spawn(
        command,
        argv,
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(60, 200),
    )


ESC = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"  # terminal control codes (style resets, cursor moves)


def q(label: str) -> str:
    """A pattern for the question ``label`` as questionary draws it: '? label'."""
    return r"\?" + ESC + " " + re.escape(label)


def answer(child: Any, prompt: str, keys: str) -> None:
    """Wait for a question (a regular expression), then type the answer."""
    child.expect(prompt)
    child.send(keys)


# (question, keystrokes), in the order the walk asks them
FIRST_PART = [
    (r"Which measure is this ESM for\?", f"[{NPM}]" + ENTER),
    (r"Which strategy for", f"[{STRATEGY}]" + ENTER),
    (r"Use this strategy\?", "y"),
    (q("ESM title"), TITLE + ENTER),
]
SECOND_PART = [
    (q("Goal"), ENTER),
    (q("Unit type"), ENTER),
    (q("Numerator"), "Children with a shared plan of care" + ENTER),
    (q("Denominator"), "Children in care coordination" + ENTER),
    # the example is a hint beside the question, not part of the suggested answer
    (q("Data sources") + r"[\s\S]{0,120}?e\.g\.[\s\S]{0,80}?spreadsheet", ENTER),
    (q("Data issues"), ENTER),
    (q("Significance"), ENTER),
    (q("Direction"), ENTER),
    (q("Baseline year"), "2025" + ENTER),
    (q("Baseline value in 2025"), "42" + ENTER),
    (q("Target for 2026"), CLEAR + "2026: 45, 2027: 48, 2028: 51" + ENTER),
    (q("Status"), ENTER),
    (q("ESM number"), ENTER),
    (q("State or jurisdiction"), ENTER),  # optional: left empty, nothing remembered
    (r"Quadrant 1 \(", "MCHbest sample:" + ENTER),
    (r"Done with Quadrant 1", ENTER),
    (r"Quadrant 2 \(", "Skip this quadrant" + ENTER),
    (r"Quadrant 3 \(", "Skip this quadrant" + ENTER),
    (r"Quadrant 4 \(", "Write my own" + ENTER),
    (q("Your measure for Quadrant 4"), "Percent of families who feel confident" + ENTER),
    (r"Done with Quadrant 4", ENTER),
    (r"Which are headline measures\?", ENTER),
    (r"What next\?", ENTER),
]


def at_the_goal(tmp_path: Path) -> Any:
    """A new walk (-o out.yaml) answered up to the goal, which is the question on screen."""
    child = spawn(tmp_path, "-o", "out.yaml")
    for prompt, keys in FIRST_PART:
        answer(child, prompt, keys)
    child.expect(q("Goal"))
    return child


def check_result(out: Path) -> dict[str, Any]:
    from esmtool.catalog import load_catalog
    from esmtool.draft import validate_draft

    data: dict[str, Any] = yaml.safe_load(out.read_text(encoding="utf-8"))
    draft, problems = validate_draft(data, load_catalog(use_env=False), complete=True)
    assert problems == [] and draft is not None
    assert data["npm"] == NPM and data["strategy"] == STRATEGY
    assert data["esm"]["title"] == TITLE
    assert data["esm"]["unit_number"] == 100  # not asked: a percentage's is always 100
    assert "for example" not in data["esm"]["data_sources"]
    assert data["esm"]["targets"] == {2026: 45, 2027: 48, 2028: 51}
    assert data["skipped_quadrants"] == [2, 3]
    assert data["measures"][-1]["headline"] is True
    return data


def finish(child: Any) -> None:
    child.expect(pexpect.EOF)
    child.close()


def test_whole_walk_in_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    child = spawn(tmp_path, "-o", "out.yaml")
    child.expect(r"saved as you go in")
    for prompt, keys in FIRST_PART + SECOND_PART:
        answer(child, prompt, keys)
    child.expect(r"Wrote out\.yaml")
    # which of the two files to share, and which one to keep for later changes
    child.expect(r"Share out\.yaml\. Keep \S*out\.draft\.yaml for later changes")
    finish(child)
    assert child.exitstatus == 0, child.before
    check_result(out)
    assert (tmp_path / "out.draft.yaml").exists()  # the autosave, beside -o


def test_ctrl_c_then_resume_in_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    autosave = tmp_path / "out.draft.yaml"
    child = at_the_goal(tmp_path)
    child.send(CTRL_C)
    child.expect(r"Draft saved to (\S+)\.\s+Resume with: esmtool draft --resume (\S+)")
    saved_to, resume_path = child.match.group(1), child.match.group(2)
    finish(child)
    assert child.exitstatus == 130
    assert Path(saved_to).is_absolute() and Path(saved_to).resolve() == autosave.resolve()
    assert saved_to == resume_path
    assert not out.exists()
    saved = yaml.safe_load(autosave.read_text(encoding="utf-8"))
    assert saved["esm"]["title"] == TITLE  # every answer given is kept

    # resumed with the result going to stdout, redirected: prompts must stay on stderr
    child = spawn(tmp_path, "--resume", saved_to, stdout_to="out.yaml")
    # asks only what is missing: the first question is the goal, not the measure
    child.expect(q("Goal") + "|Which measure")
    assert child.after.endswith("Goal")
    child.send(ENTER)
    for prompt, keys in SECOND_PART[1:]:
        answer(child, prompt, keys)
    child.expect(r"Draft complete")
    finish(child)
    assert child.exitstatus == 0, child.before
    assert "\x1b" not in out.read_text(encoding="utf-8")  # no prompt drawn into the result
    assert check_result(out) == yaml.safe_load(autosave.read_text(encoding="utf-8"))


def test_closed_terminal_keeps_the_answers(tmp_path: Path) -> None:
    autosave = tmp_path / "out.draft.yaml"
    child = at_the_goal(tmp_path)
    child.kill(signal.SIGHUP)  # what the terminal does when its window is closed
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130  # not killed by the signal: saved and ended cleanly
    assert "Draft saved to" in child.before
    saved = yaml.safe_load(autosave.read_text(encoding="utf-8"))
    assert saved["strategy"] == STRATEGY and saved["esm"]["title"] == TITLE


def test_text_typed_at_ctrl_c_is_offered_again_in_a_terminal(tmp_path: Path) -> None:
    autosave = tmp_path / "out.draft.yaml"
    child = at_the_goal(tmp_path)
    child.send(CLEAR + "Half a goal")
    child.expect(r"Half a" + ESC + r"(?: |\x1b\[C)goal")  # drawn (a space may be a cursor move)
    child.send(CTRL_C)
    child.expect(r"Draft saved to")
    finish(child)
    assert child.exitstatus == 130
    saved = yaml.safe_load(autosave.read_text(encoding="utf-8"))
    assert saved["walk"]["pending"]["typing"] == {"key": "esm.goal", "text": "Half a goal"}

    child = spawn(tmp_path, "--resume", str(autosave), "-o", "out.yaml")
    child.expect(r"You were typing this when the walk stopped")
    child.expect(r"Alt\+Enter starts a new line")
    child.expect(q("Goal"))
    child.send(" and more" + "\x1b\r" + "second line" + ENTER)  # Alt+Enter: a new line
    child.expect(q("Unit type"))
    child.send(CTRL_C)
    finish(child)
    saved = yaml.safe_load(autosave.read_text(encoding="utf-8"))
    assert saved["esm"]["goal"] == "Half a goal and more\nsecond line"
    assert "walk" not in saved or "typing" not in saved["walk"].get("pending", {})


def test_typed_targets_are_kept_in_a_terminal(tmp_path: Path, example_data: dict[str, Any]) -> None:
    data = dict(example_data)
    data["esm"] = {k: v for k, v in data["esm"].items() if k != "targets"}
    saved = tmp_path / "d.yaml"
    saved.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    child = spawn(tmp_path, "--resume", "d.yaml", stdout_to="out.yaml")
    answer(child, q("Target for 2026"), CLEAR + "45" + ENTER)
    answer(child, q("Target for 2027"), CLEAR + "2027: 48, 2028: 51, 2029: 54, 2030: 57" + ENTER)
    answer(child, r"What next\?", ENTER)
    child.expect(r"Draft complete")
    finish(child)
    assert child.exitstatus == 0, child.before
    out = yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))
    assert out["esm"]["targets"] == {2026: 45, 2027: 48, 2028: 51, 2029: 54, 2030: 57}


def test_measure_filter_in_a_terminal(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-o", "out.yaml")
    child.expect(r"Which measure is this ESM for\?")
    child.send("zzzz")
    child.expect(r"No matches")
    child.send(ENTER)  # does nothing: still the same question
    child.send("\x7f" * 4 + "care cordination")
    child.expect(r"Care Coordination")
    child.send(ENTER)
    child.expect(r"Which strategy for Medical Home: Care Coordination")
    child.send(CTRL_C)
    finish(child)
    saved = yaml.safe_load((tmp_path / "out.draft.yaml").read_text(encoding="utf-8"))
    assert saved["npm"] == "medical-home-cc"


DOWN = "\x1b[B"


def test_move_and_reword_a_measure_from_the_review_in_a_terminal(
    tmp_path: Path, example_data: dict[str, Any]
) -> None:
    # issue 12.9: the review's "Edit the measure set" changes a measure, not only adds or removes
    (tmp_path / "d.yaml").write_text(yaml.safe_dump(example_data, sort_keys=False), "utf-8")
    child = spawn(tmp_path, "--resume", "d.yaml", stdout_to="out.yaml")
    new = "Percent of families who helped write their care coordination plan"
    answer(child, r"What next\?", DOWN * 3 + ENTER)  # Edit the measure set
    answer(child, r"What do you want to change\?", DOWN + ENTER)  # Quadrant 2
    answer(child, r"Change or remove: Percent of children and families", DOWN + ENTER)
    child.expect(r"Edit the wording")
    child.expect(r"Move it to another quadrant")
    child.expect(r"Make it a headline measure")
    child.send(ENTER)  # Edit the wording
    answer(child, q("The measure (Quadrant 2)"), CLEAR + new + ENTER)
    child.expect(r"Changed: " + re.escape(new))
    answer(child, r"What next\?", DOWN * 3 + ENTER)
    answer(child, r"What do you want to change\?", DOWN * 2 + ENTER)  # Quadrant 3
    answer(child, r"Change or remove: Number of families", DOWN + ENTER)
    answer(child, r"Move it to another quadrant", DOWN + ENTER)
    answer(child, r"Move it to which quadrant\?", DOWN * 2 + ENTER)  # 1, 2, 4: Quadrant 4
    child.expect(r"Moved from Quadrant 3 to Quadrant 4")
    answer(child, r"Quadrant 3 \(", "Skip this quadrant" + ENTER)  # empty now: asked again
    answer(child, r"What next\?", ENTER)  # Save and finish
    child.expect(r"Draft complete")
    finish(child)
    assert child.exitstatus == 0, child.before
    out = yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))
    before = [m["text"] for m in example_data["measures"]]
    assert [(m["quadrant"], m["text"]) for m in out["measures"]] == [
        (1, before[0]),
        (2, new),
        (4, before[3]),
        (4, before[2]),
    ]
    assert out["skipped_quadrants"] == [3]


def test_save_with_errors_asks_first_in_a_terminal(
    tmp_path: Path, example_data: dict[str, Any]
) -> None:
    # issue 12.10: "Save and finish" when the checks found an error asks before saving
    data = {**example_data, "esm": {**example_data["esm"], "denominator": "N/A"}}
    (tmp_path / "d.yaml").write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    child = spawn(tmp_path, "--resume", "d.yaml", stdout_to="out.yaml")
    answer(child, r"What next\?", ENTER)
    answer(child, r"The checks found an error \(listed above\)\. Save and finish anyway\?", ENTER)
    answer(child, r"What next\?", ENTER)  # No: back to the choices; Save again
    answer(child, r"Save and finish anyway\?", "y")
    child.expect(r"Draft complete")
    finish(child)
    assert child.exitstatus == 0, child.before
