"""Standard streams and signals, through the real CLI in subprocesses.

- A full (/dev/full) or closed standard output, and a closed standard input read with
  `--answers -` or `check -`: one line "could not write to standard output: …", exit 2, no
  traceback (click's own --version/--help included). A closed pipe (`| head`) stays quiet, exit 0.
- A standard output that is not UTF-8 (PYTHONIOENCODING=ascii, PYTHONUTF8=0 LC_ALL=C): tables
  degrade characters; machine formats stay UTF-8, byte for byte the same as anywhere.
- COLUMNS=99999999 does not hang `show strategy`: the width is clamped.
- Control characters in a draft never reach a terminal raw (tables on a pseudo-terminal, the
  "Wrote …" line).
- SIGTERM and SIGHUP during `draft -o` or a batch export leave no temporary file; exit 128+N.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import EXAMPLE_DRAFT, run_cli, spawn_cli

STRATEGY = "medical-home-personal-01"
FULL = "Error: could not write to standard output: no space left on device\n"


def _run(*args: str, stdout: Any = None, stdin: Any = None, **kw: Any) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "esmtool", *args],
        stdout=stdout,
        stdin=stdin,
        stderr=subprocess.PIPE,
        timeout=60,
        **kw,
    )
    return proc.returncode, proc.stderr.decode()


# ----- 10. a full or closed standard output, a closed standard input ------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["export", "--help"],
        ["list", "npms", "--format", "json"],
        ["list", "strategies", "--format", "table"],
        ["show", "strategy", STRATEGY, "--format", "json"],
        ["show", "strategy", STRATEGY, "--format", "md"],
        ["search", "care", "coordination", "--format", "csv"],
        ["export", str(EXAMPLE_DRAFT)],
        ["draft", "--answers", str(EXAMPLE_DRAFT), "--no-input"],
        ["check", str(EXAMPLE_DRAFT), "--format", "json"],
        ["schema"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_full_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        code, stderr = _run(*args, stdout=full)
    assert code == 2, stderr
    assert stderr == FULL


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["list", "npms", "--format", "json"],
        ["export", str(EXAMPLE_DRAFT)],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_closed_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    code, stderr = _run(*args, preexec_fn=lambda: os.close(1))
    assert code == 2, stderr
    assert stderr == "Error: could not write to standard output: it is closed\n"


def test_closed_stdout_does_not_matter_when_nothing_goes_there(tmp_path: Path) -> None:
    out = tmp_path / "esm.yaml"
    code, stderr = _run(
        "export", str(EXAMPLE_DRAFT), "-o", str(out), preexec_fn=lambda: os.close(1)
    )
    assert code == 0, stderr
    assert yaml.safe_load(out.read_text())["esm"]["id"] == "ESM 11.1"
    # a file opened later never takes the closed descriptor's place
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    "args", [["draft", "--answers", "-", "--no-input"], ["check", "-"], ["export", "-"]]
)
def test_closed_stdin_is_one_line_and_exit_2(args: list[str]) -> None:
    code, stderr = _run(*args, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert code == 2, stderr
    assert "could not read standard input: it is closed" in stderr
    assert "Traceback" not in stderr and "bug in esmtool" not in stderr


def test_closed_pipe_stays_quiet() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "esmtool", "list", "strategies", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # what `| head -c 10` does
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=30)
    assert proc.returncode == 0, stderr
    assert stderr == ""


# ----- 11. a standard output that is not UTF-8; a huge COLUMNS ----------------------------------


_NOT_UTF8 = [{"PYTHONIOENCODING": "ascii"}, {"PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C"}]


@pytest.mark.parametrize("env", _NOT_UTF8, ids=["ascii", "C-locale"])
@pytest.mark.parametrize(
    "args",
    [
        ["show", "strategy", STRATEGY, "--format", "table"],
        ["show", "npm", "medical-home-personal", "--format", "table"],
        ["list", "strategies", "--format", "table"],
        ["check", str(EXAMPLE_DRAFT), "--format", "table"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_tables_degrade_characters_on_a_non_utf8_stdout(
    args: list[str], env: dict[str, str]
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANG", "PYTHONUTF8")} | env
    proc = run_cli(*args, env=env)
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 1), stderr
    assert "Traceback" not in stderr and "bug in esmtool" not in stderr
    text = proc.stdout.decode("ascii")  # only what an ASCII terminal can show
    assert len(text) > 200


@pytest.mark.parametrize("env", _NOT_UTF8, ids=["ascii", "C-locale"])
def test_machine_formats_stay_utf8_whatever_the_locale(env: dict[str, str]) -> None:
    plain = run_cli("show", "strategy", STRATEGY, "--format", "json")
    assert plain.returncode == 0
    base = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANG", "PYTHONUTF8")}
    for args in (
        ["show", "strategy", STRATEGY, "--format", "json"],
        ["list", "npms", "--format", "csv"],
    ):
        proc = run_cli(*args, env=base | env)
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        assert proc.stdout == run_cli(*args).stdout
    assert any(b > 127 for b in plain.stdout)  # the test does hold non-ASCII text
    json.loads(plain.stdout)


def test_huge_columns_does_not_hang_show() -> None:
    start = time.monotonic()
    proc = run_cli(
        "show", "strategy", STRATEGY, "--format", "table", env={"COLUMNS": "99999999"}, timeout=60
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert time.monotonic() - start < 30
    lines = proc.stdout.decode().splitlines()
    assert lines and max(len(line) for line in lines) <= 1000


# ----- 12. control characters never reach a terminal raw ------------------------------------------


OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[2J"


def _draft_with_escapes(tmp_path: Path) -> Path:
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["measures"][0]["text"] = f"Number of {OSC}visits{CSI} held\x9b31m"
    data["measures"][0]["quadrant"] = 3  # a finding then quotes the measure's words
    data["esm"]["title"] = f"Percent of children{OSC} with a plan"
    path = tmp_path / "escapes.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_check_table_on_a_terminal_shows_escapes_instead_of_obeying_them(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    draft = _draft_with_escapes(tmp_path)
    child = spawn_cli("check", str(draft), "--format", "table", cwd=tmp_path)
    child.expect(pexpect.EOF)
    child.close()
    raw: bytes = child.before
    assert b"Number of" in raw
    assert b"\x1b]0;pwned" not in raw and b"\x1b[2J" not in raw and b"\xc2\x9b" not in raw
    assert b"held\\x9b31m" in raw  # shown, visibly


def test_markdown_export_to_a_terminal_holds_no_escape(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    draft = _draft_with_escapes(tmp_path)
    child = spawn_cli("export", str(draft), cwd=tmp_path)
    child.expect(pexpect.EOF)
    child.close()
    raw: bytes = child.before
    assert b"Number of" in raw and b"\x1b" not in raw


def test_wrote_line_shows_a_file_name_escape(tmp_path: Path) -> None:
    target = tmp_path / f"esm{CSI}.yaml"
    proc = run_cli("export", str(EXAMPLE_DRAFT), "-o", str(target))
    stderr = proc.stderr.decode()
    assert proc.returncode == 0, stderr
    assert "\x1b" not in stderr
    assert "Wrote " in stderr and "esm\\x1b[2J.yaml" in stderr
    assert target.exists()


# ----- 13. SIGTERM / SIGHUP leave no temporary file ----------------------------------------------


_SLOW_WRITES = """
import os, sys, time
real_link, real_replace = os.link, os.replace
def slow(real):
    def wrapper(*a, **k):
        time.sleep(0.4)  # the temporary file is complete and waiting to be named
        return real(*a, **k)
    return wrapper
os.link, os.replace = slow(real_link), slow(real_replace)
from esmtool.cli import main
sys.argv = ["esmtool", *sys.argv[1:]]
main()
"""


#: SIGHUP at its default, as for a command started from a terminal, even when this suite runs
#: under nohup (whose "ignored" the child would inherit).
_FROM_A_TERMINAL = "import signal; signal.signal(signal.SIGHUP, signal.SIG_DFL)\n"


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and ".tmp" in p.name)


def _signal_while_writing(args: list[str], folder: Path, sig: int) -> tuple[int, str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _FROM_A_TERMINAL + _SLOW_WRITES, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not (folder.is_dir() and _temps(folder)):  # a temporary file is in flight
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else proc.returncode
        assert time.monotonic() < deadline, "no temporary file was ever written"
        time.sleep(0.002)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=30)
    return proc.returncode, stderr.decode()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_signal_during_draft_output_leaves_no_temporary_file(tmp_path: Path, sig: int) -> None:
    target = tmp_path / "esm.docx"
    args = ["draft", "--answers", str(EXAMPLE_DRAFT), "--no-input", "-o", str(target)]
    code, stderr = _signal_while_writing(args, tmp_path, sig)
    assert code == 128 + sig, stderr
    assert "Traceback" not in stderr
    assert f"Stopped by {signal.Signals(sig).name}" in stderr
    assert _temps(tmp_path) == []
    assert not target.exists()  # never a part of a file


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_signal_during_batch_export_leaves_no_temporary_file(tmp_path: Path, sig: int) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    for i in range(20):
        data["esm"]["id"] = f"ESM 1.{i}"
        (drafts / f"d{i:02d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "out"
    args = ["export", *sorted(str(p) for p in drafts.iterdir()), "-o", str(out), "--format", "json"]
    code, stderr = _signal_while_writing(args, out, sig)
    assert code == 128 + sig, stderr
    assert "Traceback" not in stderr
    assert _temps(out) == []
    for p in out.iterdir():  # what was written is complete
        assert json.loads(p.read_text())["esm"]["id"].startswith("ESM 1.")
    assert len(list(out.iterdir())) < 20


def test_nohup_keeps_sighup_ignored(tmp_path: Path) -> None:
    """A command started with SIGHUP ignored (nohup) is not stopped by it."""
    target = tmp_path / "esm.yaml"
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITES, "export", str(EXAMPLE_DRAFT), "-o", str(target)],
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )
    deadline = time.monotonic() + 30
    while not _temps(tmp_path):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.002)
    proc.send_signal(signal.SIGHUP)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 0, stderr.decode()
    assert target.exists() and _temps(tmp_path) == []
