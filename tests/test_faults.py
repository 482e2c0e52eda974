"""Faults: SIGKILL in the middle of a write, a full disk, an output location that cannot be written.

- A process killed (SIGKILL) while it rewrites a file with :func:`esmtool.fsutil.atomic_write`
  or :func:`esmtool.draft.autosave.save` leaves the previous file or the complete new one, never a
  part of one, and at most the one temporary file that was in flight.
- A batch export killed at random moments leaves only complete files in its folder.
- A full disk (a tiny tmpfs when mounting is allowed, else ENOSPC injected through fsutil)
  gives "the disk is full" naming the path, exit 2, and the old file intact.
- An interactive walk whose output cannot be written at the end says where the draft is saved.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import EXAMPLE_DRAFT, run_cli, spawn_cli

KILLS = 20
PAYLOAD = 4 << 20  # bytes per version of the file: large enough that kills land mid-write


def _tmp_files(folder: Path, target: Path) -> list[Path]:
    return sorted(folder.glob(".esm-*.tmp"))


def _writer(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "writer.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    return script


def _kill_rounds(
    script: Path, target: Path, *, rounds: int, seed: int, max_delay: float
) -> Iterator[int]:
    """Start the writer, let it write for a random moment, SIGKILL it; yield the round number."""
    rng = random.Random(seed)
    for n in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(target)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()  # "ready": the loop is running
        assert line.strip() == b"ready", proc.stderr.read() if proc.stderr else line
        time.sleep(rng.uniform(0, max_delay))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
        yield n


def test_sigkill_during_atomic_write_leaves_old_or_new_file(tmp_path: Path) -> None:
    target = tmp_path / "big.bin"
    script = _writer(
        tmp_path,
        f"""
        import sys
        from pathlib import Path
        from esmtool.fsutil import atomic_write

        target = Path(sys.argv[1])
        a = b"A" * {PAYLOAD} + b"\\nend of A\\n"
        b = b"B" * ({PAYLOAD} + 4099) + b"\\nend of B\\n"
        atomic_write(target, a, replace_ok=True)
        print("ready", flush=True)
        i = 0
        while True:
            i += 1
            atomic_write(target, b if i % 2 else a, replace_ok=True)
        """,
    )
    a = b"A" * PAYLOAD + b"\nend of A\n"
    b = b"B" * (PAYLOAD + 4099) + b"\nend of B\n"
    in_flight = 0
    seen = set()
    for n in _kill_rounds(script, target, rounds=KILLS, seed=6, max_delay=0.08):
        data = target.read_bytes()
        assert data in (a, b), f"round {n}: a partial file of {len(data)} bytes"
        seen.add(data[:1])
        left = _tmp_files(tmp_path, target)
        assert len(left) <= 1, f"round {n}: temporary files pile up: {left}"
        in_flight += len(left)
        for p in left:  # what a kill leaves is the one write in flight; start clean
            p.unlink()
    assert seen == {b"A", b"B"}, "the kills never caught both versions"
    assert in_flight > 0, "no kill landed in the middle of a write; the test proves nothing"


def test_atomic_write_leaves_no_temporary_files_behind(tmp_path: Path) -> None:
    from esmtool.fsutil import atomic_write

    target = tmp_path / "file.txt"
    for i in range(50):
        atomic_write(target, f"version {i}\n" * (i + 1), replace_ok=True)
    assert target.read_text() == "version 49\n" * 50
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def _drafts_for_autosave() -> tuple[Any, Any]:
    from esmtool.draft import validate_draft

    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    a, problems = validate_draft({**data, "notes": "A" * 800_000})
    assert a is not None, problems
    b, problems = validate_draft({**data, "notes": "B" * 900_000, "state": "Other State"})
    assert b is not None, problems
    return a, b


def test_sigkill_during_autosave_leaves_old_or_new_draft(tmp_path: Path) -> None:
    from esmtool.draft.autosave import HEADER
    from esmtool.yamlio import dump_yaml

    target = tmp_path / "drafts" / "walk.draft.yaml"
    script = _writer(
        tmp_path,
        f"""
        import sys
        from pathlib import Path
        import yaml
        from esmtool.draft.autosave import save
        from esmtool.draft import validate_draft

        target = Path(sys.argv[1])
        data = yaml.safe_load(Path({str(EXAMPLE_DRAFT)!r}).read_text(encoding="utf-8"))
        a = validate_draft({{**data, "notes": "A" * 800_000}})[0]
        b = validate_draft({{**data, "notes": "B" * 900_000, "state": "Other State"}})[0]
        save(a, target)
        print("ready", flush=True)
        i = 0
        while True:
            i += 1
            save(b if i % 2 else a, target)
        """,
    )
    a, b = _drafts_for_autosave()
    texts = {HEADER.format(path=target) + dump_yaml(d.to_data()) for d in (a, b)}
    seen = set()
    for n in _kill_rounds(script, target, rounds=KILLS // 2, seed=7, max_delay=0.05):
        text = target.read_text(encoding="utf-8")
        assert text in texts, f"round {n}: a partial autosave of {len(text)} characters"
        data = yaml.safe_load(text)
        seen.add(data["notes"][0])
        left = _tmp_files(target.parent, target)
        assert len(left) <= 1, f"round {n}: temporary files pile up: {left}"
        for p in left:
            p.unlink()
    # resuming from whatever the kill left gives a valid draft
    proc = run_cli("draft", "--resume", str(target), "--no-input", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert yaml.safe_load(proc.stdout)["notes"][0] in seen


def _has_command(name: str) -> bool:
    import typer

    from esmtool.cli import app

    return name in typer.main.get_command(app).list_commands(None)


def _make_drafts(folder: Path, n: int) -> dict[str, dict[str, Any]]:
    """n complete drafts d000.yaml ... with ESM numbers ESM 1.000 ...; returns id -> data."""
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    out = {}
    folder.mkdir()
    for i in range(n):
        d = json.loads(json.dumps(data))
        d["esm"]["id"] = f"ESM 1.{i:03d}"
        d["notes"] = f"draft {i} " + "words " * 2000
        (folder / f"d{i:03d}.yaml").write_text(yaml.safe_dump(d, sort_keys=False))
        out[d["esm"]["id"]] = d
    return out


@pytest.mark.parametrize("fmt", ["json", "docx"])
def test_sigkill_during_batch_export_leaves_only_complete_files(tmp_path: Path, fmt: str) -> None:
    if not _has_command("export"):
        pytest.skip("`esmtool export` does not exist yet")
    from esmtool.catalog import load_catalog
    from esmtool.draft import validate_draft
    from esmtool.export import render

    # enough drafts that the batch is still writing when the kill comes
    n, max_delay = (300, 0.1) if fmt == "json" else (200, 0.4)  # Word: ~5 ms a document
    drafts = _make_drafts(tmp_path / "drafts", n)
    sources = sorted(str(p) for p in (tmp_path / "drafts").glob("*.yaml"))
    cat = load_catalog(use_env=False)
    expected: dict[str, bytes] = {}
    if fmt == "json":
        for esm_id, d in drafts.items():
            draft, problems = validate_draft(d, cat, complete=True)
            assert draft is not None, problems
            expected[esm_id] = render(draft, cat, "json")
    rng = random.Random(8)
    complete_seen = 0
    for n_round in range(3):
        out = tmp_path / f"out{n_round}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "esmtool", "export", *sources, "-o", str(out), "--format", fmt],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_COLOR": "1"},
        )
        deadline = time.monotonic() + 30
        while not (out.is_dir() and any(out.iterdir())):  # the first file is being written
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else proc.returncode
            assert time.monotonic() < deadline, "the export never started writing"
            time.sleep(0.005)
        time.sleep(rng.uniform(0, max_delay))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL, "the batch ended before the kill"
        files = sorted(p for p in out.iterdir() if not p.name.startswith("."))
        temps = [p for p in out.iterdir() if p.name.startswith(".")]
        assert len(temps) <= 4, f"more temporary files than writers: {temps}"
        for p in files:
            data = p.read_bytes()
            if fmt == "json":
                esm_id = json.loads(data)["esm"]["id"]
                assert data == expected[esm_id], f"{p.name} is not the complete export"
            else:
                with zipfile.ZipFile(p) as z:
                    assert z.testzip() is None, f"{p.name} is a damaged Word file"
                    assert "word/document.xml" in z.namelist()
        assert len(files) < n
        complete_seen += len(files)
    assert complete_seen > 0


# ----- a full disk --------------------------------------------------------------------------------


class _FullDisk:
    """A file object that writes part of the data, then fails as a full disk does."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def write(self, data: bytes) -> int:
        os.write(self.fd, data[: len(data) // 3])
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self.fd

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    from esmtool import fsutil
    from esmtool.errors import OutputError

    target = tmp_path / "esm.yaml"
    target.write_text("the old draft\n")
    if where == "write":
        monkeypatch.setattr(fsutil.os, "fdopen", lambda fd, mode="r": _FullDisk(fd))
    else:

        def no_space(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(fsutil.os, "fsync", no_space)
    with pytest.raises(OutputError) as info:
        fsutil.atomic_write(target, "the new draft\n" * 10_000, force=True)
    monkeypatch.undo()
    assert "the disk is full" in info.value.message
    assert str(target) in info.value.message
    assert info.value.hint and "space" in info.value.hint
    assert target.read_text() == "the old draft\n"
    assert [p.name for p in tmp_path.iterdir()] == ["esm.yaml"]


_ENOSPC_CLI = """
import errno, os, sys
def no_space(fd):
    raise OSError(errno.ENOSPC, "No space left on device")
os.fsync = no_space  # what esmtool.fsutil calls after writing
from esmtool.cli import main
sys.argv = ["esmtool", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("command", ["draft", "export"])
def test_full_disk_through_the_cli(tmp_path: Path, command: str) -> None:
    if command == "export" and not _has_command("export"):
        pytest.skip("`esmtool export` does not exist yet")
    out = tmp_path / "esm.yaml"
    out.write_text("the old draft\n")
    args = (
        ["draft", "--answers", str(EXAMPLE_DRAFT), "--no-input"]
        if command == "draft"
        else ["export", str(EXAMPLE_DRAFT), "--format", "yaml"]
    )
    proc = subprocess.run(
        [sys.executable, "-c", _ENOSPC_CLI, *args, "-o", str(out), "--force"],
        capture_output=True,
        cwd=tmp_path,
        timeout=30,
    )
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert proc.stdout == b""
    assert f"{out}: the disk is full" in stderr
    assert out.read_text() == "the old draft\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["esm.yaml"]


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs, nearly full; skipped where mounting is not allowed."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("cannot run mount")
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        (mnt / "esm.yaml").write_text("the old draft\n")
        fd = os.open(mnt / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            with contextlib.suppress(OSError):  # fill the disk to the last byte
                for size in (4096, 512, 1):
                    while os.write(fd, b"x" * size):
                        pass
        finally:
            os.close(fd)
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=10)


@pytest.mark.parametrize("command", ["draft", "export"])
def test_really_full_disk(tiny_disk: Path, tmp_path: Path, command: str) -> None:
    if command == "export" and not _has_command("export"):
        pytest.skip("`esmtool export` does not exist yet")
    out = tiny_disk / "esm.yaml"
    before = sorted(p.name for p in tiny_disk.iterdir())
    args = (
        ["draft", "--answers", str(EXAMPLE_DRAFT), "--no-input"]
        if command == "draft"
        else ["export", str(EXAMPLE_DRAFT), "--format", "yaml"]
    )
    proc = run_cli(*args, "-o", str(out), "--force", cwd=tmp_path)
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert "Traceback" not in stderr and proc.stdout == b""
    assert f"{out}: the disk is full" in stderr
    assert out.read_text() == "the old draft\n"
    assert sorted(p.name for p in tiny_disk.iterdir()) == before


# ----- output locations that cannot be written ------------------------------------------------------


def _unwritable_targets(tmp_path: Path) -> list[tuple[str, Path, str]]:
    (tmp_path / "afile").write_text("not a folder\n")
    return [
        ("under a file", tmp_path / "afile" / "esm.yaml", str(tmp_path / "afile")),
        ("in /proc", Path("/proc/esmtool-faults/esm.yaml"), "/proc/esmtool-faults"),
        ("a missing folder", tmp_path / "nope" / "esm.yaml", str(tmp_path / "nope")),
    ]


@pytest.mark.parametrize("command", ["draft", "export"])
def test_unwritable_output_is_refused_naming_the_path(tmp_path: Path, command: str) -> None:
    if command == "export" and not _has_command("export"):
        pytest.skip("`esmtool export` does not exist yet")
    for label, target, named in _unwritable_targets(tmp_path):
        args = (
            ["draft", "--answers", str(EXAMPLE_DRAFT), "--no-input"]
            if command == "draft"
            else ["export", str(EXAMPLE_DRAFT)]
        )
        before = sorted(tmp_path.rglob("*"))
        proc = run_cli(*args, "-o", str(target), cwd=tmp_path)
        stderr = proc.stderr.decode()
        assert proc.returncode == 2, (label, stderr)
        assert named in stderr, (label, stderr)
        assert "Traceback" not in stderr and proc.stdout == b"", label
        assert sorted(tmp_path.rglob("*")) == before, label


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod does not stop writes")
def test_read_only_folder_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        proc = run_cli(
            "draft", "--answers", str(EXAMPLE_DRAFT), "--no-input", "-o", str(locked / "e.yaml")
        )
        assert proc.returncode == 2
        assert f"{locked / 'e.yaml'}: cannot write here" in proc.stderr.decode()
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


# ----- the interactive walk cannot write its output ------------------------------------------------


def _walk_to_review(args: list[str], cwd: Path) -> Any:
    child = spawn_cli(*args, cwd=cwd)
    child.expect("What next")
    return child


def _save_and_finish(child: Any) -> tuple[int, str]:
    pexpect = pytest.importorskip("pexpect")
    child.send("\r")  # the first choice: Save and finish
    child.expect(pexpect.EOF)
    child.close()
    text = child.before.decode("utf-8", "replace")
    return child.exitstatus, text


def test_walk_output_unwritable_at_the_end_tells_where_the_draft_is(tmp_path: Path) -> None:
    """The autosave is elsewhere (--resume): the output fails, the draft is safe and named."""
    saved = tmp_path / "my.draft.yaml"
    saved.write_text(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    (tmp_path / "out").mkdir()
    child = _walk_to_review(["draft", "--resume", str(saved), "-o", "out/esm.yaml"], tmp_path)
    (tmp_path / "out").rmdir()  # the output folder goes away while the person reviews
    (tmp_path / "out").write_text("now a file\n")
    code, text = _save_and_finish(child)
    assert code == 2, text
    assert "Traceback" not in text and "unexpected problem" not in text, text
    assert "out" in text and "is a file, not a folder" in text, text
    assert str(saved) in " ".join(text.split()), text  # where the draft is
    assert yaml.safe_load(saved.read_text())["esm"]["id"] == "ESM 11.1"


def test_walk_autosave_beside_output_unwritable_at_the_end(tmp_path: Path) -> None:
    """The autosave sits beside -o; both become unwritable: a clear error, exit 2."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    (tmp_path / "out").mkdir()
    child = _walk_to_review(["draft", "--answers", str(answers), "-o", "out/esm.yaml"], tmp_path)
    for p in (tmp_path / "out").iterdir():
        p.unlink()
    (tmp_path / "out").rmdir()
    (tmp_path / "out").write_text("now a file\n")
    code, text = _save_and_finish(child)
    assert "Traceback" not in text and "unexpected problem" not in text, text
    assert code == 2, text
    assert "out" in text and "is a file, not a folder" in text, text
    # nothing is lost: the walk moved the autosave to the user data folder and said where
    flat = " ".join(text.split())
    match = re.search(r"Draft complete\. Saved to (\S+?\.yaml)", flat)
    assert match, text
    moved = Path(match.group(1))
    assert moved.parent != tmp_path / "out"
    assert yaml.safe_load(moved.read_text())["esm"]["id"] == "ESM 11.1"
