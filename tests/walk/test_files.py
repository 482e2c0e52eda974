"""The walk and the files it saves: the person's file kept as written, one walk per draft,
an unwritable data folder found before the first question, validation in proportion."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from esmtool.errors import EXIT_INPUT, Interrupted, OutputError, UsageError

from .test_walk import CTRL_C, ENTER, NPM, TITLE, drive, keys_of, script

#: A person's own draft: comments, flow style, quoting, a blank line, nothing of esmtool's.
PERSONS_FILE = """\
# Our ESM for 2026 (kept in the team folder)
npm: medical-home-personal       # chosen at the March meeting
strategy: medical-home-personal-01

esm:
  title: 'Percent of CYSHCN in care coordination with a shared plan of care'
  # the goal is still to be agreed with the family advisory council
  unit_type: percentage
  numerator: Children in care coordination with a shared plan of care
  denominator: Children in care coordination
  targets: {2026: 45, 2027: 48}
"""


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# ----- validation in proportion to the answers ----------------------------------------------------


def test_a_whole_walk_validates_in_proportion_to_its_answers(
    catalog: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from esmtool import draft as D

    calls = {"whole": 0, "one field": 0}

    def counting(real: Any) -> Any:
        def validate(cls: Any, obj: Any, *args: Any, **kwargs: Any) -> Any:
            calls["whole" if isinstance(obj, dict) and len(obj) > 2 else "one field"] += 1
            return real(cls, obj, *args, **kwargs)

        return classmethod(validate)

    monkeypatch.setattr(D.Draft, "model_validate", counting(D.Draft.model_validate.__func__))
    monkeypatch.setattr(D.ESM, "model_validate", counting(D.ESM.model_validate.__func__))
    steps = script(catalog)
    drive(keys_of(steps), catalog, tmp_path / "d.yaml")
    answers = sum(k.count(ENTER) + k.count("y") * (n == "confirm") for n, k in steps)
    assert calls["whole"] <= 3, calls  # when the walk starts and when it finishes, not per answer
    assert 0 < calls["one field"] <= 3 * answers, (calls, answers)


# ----- the person's file is kept as written --------------------------------------------------------


def test_resume_writes_nothing_before_an_answer(catalog: Any, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(PERSONS_FILE, encoding="utf-8")
    before = path.stat().st_mtime_ns
    with pytest.raises(Interrupted) as info:
        drive(CTRL_C, catalog, path, _read(path))
    assert path.read_text(encoding="utf-8") == PERSONS_FILE  # every comment still there
    assert path.stat().st_mtime_ns == before
    assert info.value.saved_to == str(path)
    assert not list(tmp_path.glob(".*.lock"))  # the lock went with the walk


def test_resume_keeps_comments_and_layout_as_answers_are_saved(
    catalog: Any, tmp_path: Path
) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(PERSONS_FILE, encoding="utf-8")
    goal = "Every family in care coordination has a shared plan of care."
    with pytest.raises(Interrupted):
        drive("\x15" + goal + ENTER + CTRL_C, catalog, path, _read(path))
    text = path.read_text(encoding="utf-8")
    for line in PERSONS_FILE.splitlines():  # nothing the person wrote is gone or changed
        if line and not line.startswith("  targets"):
            assert line in text, (line, text)
    assert "targets: {2026: 45, 2027: 48}" in text
    assert not text.startswith("# esmtool draft in progress")  # no header added to their file
    saved = _read(path)
    assert saved["esm"]["goal"] == goal
    assert saved["esm"]["title"] == TITLE


def test_resume_of_a_finished_walk_keeps_the_comments(catalog: Any, tmp_path: Path) -> None:
    from esmtool.draft import validate_draft

    path = tmp_path / "ours.yaml"
    path.write_text(PERSONS_FILE, encoding="utf-8")
    steps = script(catalog)
    start = next(i for i, (n, _) in enumerate(steps) if n == "goal")
    answered = ("unit_type", "numerator", "denominator")  # in the file already, as the targets
    rest = [s for s in steps[start:] if s[0] not in answered and not s[0].startswith("target-")]
    draft = drive(keys_of(rest), catalog, path, _read(path))
    text = path.read_text(encoding="utf-8")
    assert "# chosen at the March meeting" in text
    assert "# the goal is still to be agreed" in text
    again, problems = validate_draft(_read(path), catalog, complete=True)
    assert problems == [] and again == draft
    assert "walk" not in _read(path)


def test_resume_keeps_a_json_draft_json(catalog: Any, tmp_path: Path) -> None:
    path = tmp_path / "ours.json"
    data = yaml.safe_load(PERSONS_FILE)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(Interrupted):
        drive("\x15" + "A goal." + ENTER + CTRL_C, catalog, path, data)
    saved = json.loads(path.read_text(encoding="utf-8"))  # still JSON, no '#' header
    assert saved["esm"]["goal"] == "A goal."
    assert saved["npm"] == NPM


# ----- one walk per draft --------------------------------------------------------------------------


def test_a_second_walk_on_an_open_draft_is_refused(catalog: Any, tmp_path: Path) -> None:
    from esmtool.lock import acquire

    path = tmp_path / "ours.yaml"
    path.write_text(PERSONS_FILE, encoding="utf-8")
    held = acquire(path)
    try:
        with pytest.raises(UsageError) as info:
            drive("", catalog, path, _read(path))
        assert f"process {os.getpid()}" in info.value.message
        assert str(path) in info.value.message
        assert info.value.exit_code == EXIT_INPUT
    finally:
        held.release()
    assert path.read_text(encoding="utf-8") == PERSONS_FILE


def _spawn(tmp_path: Path, *args: str, env: dict[str, str] | None = None, cwd: Path) -> Any:
    pexpect = pytest.importorskip("pexpect")
    full = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "userdata"),
        "ESMTOOL_CACHE_DIR": str(tmp_path / "cache"),
        "NO_COLOR": "1",
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        **(env or {}),
    }
    full = {k: v for k, v in full.items() if v != "<unset>"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "esmtool", "draft", *args],
        cwd=str(cwd),
        env=full,
        encoding="utf-8",
        timeout=30,
        dimensions=(60, 200),
    )


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks and terminals")
def test_two_terminals_on_one_draft_and_the_lock_dies_with_its_process(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    path = tmp_path / "ours.yaml"
    path.write_text(PERSONS_FILE, encoding="utf-8")
    first = _spawn(tmp_path, "--resume", str(path), cwd=tmp_path)
    first.expect("Goal")
    second = _spawn(tmp_path, "--resume", str(path), cwd=tmp_path)
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 2
    assert f"is already open in another esmtool draft walk (process {first.pid})" in (
        " ".join(second.before.split())
    )
    first.kill(signal.SIGKILL)  # no clean-up at all: the kernel releases the lock
    first.close(force=True)
    third = _spawn(tmp_path, "--resume", str(path), cwd=tmp_path)
    third.expect("Goal")
    third.send(CTRL_C)
    third.expect(pexpect.EOF)
    third.close()
    assert third.exitstatus == 130
    assert path.read_text(encoding="utf-8") == PERSONS_FILE


# ----- an unwritable data folder ---------------------------------------------------------------


def _blocked_home(tmp_path: Path) -> Path:
    """A HOME nobody can create folders in, root included (it lies under a regular file)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    return blocker / "home"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")
def test_unwritable_data_folder_says_where_it_saves_before_the_first_question(
    tmp_path: Path,
) -> None:
    pexpect = pytest.importorskip("pexpect")
    work = tmp_path / "work"
    work.mkdir()
    env = {"HOME": str(_blocked_home(tmp_path)), "XDG_DATA_HOME": "<unset>"}
    child = _spawn(tmp_path, env=env, cwd=work)
    child.expect(r"Which measure is this ESM for\?")
    shown = "".join(child.before.split())  # long paths wrap on the screen
    assert "cannotbesavedin" in shown and f"savedin{work}/draft-" in shown
    child.send(f"[{NPM}]" + ENTER)
    child.expect("Which strategy")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = list(work.glob("draft-*.yaml"))
    assert len(saved) == 1 and _read(saved[0])["npm"] == NPM


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="/proc is a folder nobody can write to")
def test_nowhere_to_save_is_said_before_the_first_question(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {"HOME": str(_blocked_home(tmp_path)), "XDG_DATA_HOME": "<unset>"}
    child = _spawn(tmp_path, env=env, cwd=Path("/proc"))
    child.expect(pexpect.EOF)
    child.close()
    shown = " ".join(child.before.split())
    assert child.exitstatus == 2, shown
    assert "could not be saved as you go" in shown and "Nothing was asked" in shown
    assert "Which measure" not in shown
    assert "Traceback" not in shown


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root can write to a read-only folder"
)
def test_read_only_home_is_found_before_the_first_question(
    catalog: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o555)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.chdir(tmp_path)
    from esmtool.draft.autosave import default_path, usable_path

    path, why = usable_path(default_path(None))
    assert why is not None and path.parent == tmp_path


def test_usable_path_refuses_when_nothing_can_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from esmtool.draft.autosave import usable_path

    blocked = _blocked_home(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked / "data"))
    if sys.platform != "linux":
        pytest.skip("needs a folder nobody can write to as the current folder")
    monkeypatch.chdir("/proc")
    with pytest.raises(OutputError) as info:
        usable_path(blocked / "drafts" / "d.yaml")
    assert "Nothing was asked" in info.value.message
    assert str(blocked / "drafts") in info.value.message


def test_the_stop_message_names_the_options_to_give_again(catalog: Any, tmp_path: Path) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from esmtool.walk import run_walk

    with create_pipe_input() as pipe, pytest.raises(Interrupted) as info:
        pipe.send_text(CTRL_C)
        run_walk(
            {},
            catalog,
            autosave=tmp_path / "d.yaml",
            input=pipe,
            output=DummyOutput(),
            again=["-o esm.docx", "--catalog ours"],
        )
    assert info.value.hint == "When you resume, add -o esm.docx --catalog ours again."
    assert info.value.saved_to == str(tmp_path / "d.yaml")
