"""Writes that never lose a file: inputs of the same run, racing writers, odd targets, long names.

- A batch export into the drafts' own folder with --force never writes over a draft it reads
  (compared by device and inode): every draft keeps its bytes, each refusal names the file.
- A new file is created so that the kernel refuses an existing name: of many writers racing to
  one new path (threads, and real esmtool processes) exactly one wins.
- A target that is not a regular file (a device, a FIFO, a folder) or is a symbolic link
  (dangling or not) is refused with or without --force, and left as it was.
- A legal file name of 255 bytes can be written (the temporary name is short).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from esmtool.errors import OutputError
from esmtool.fsutil import atomic_write

from .conftest import EXAMPLE_DRAFT, run_cli


def _example() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    return data


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ----- 1. an export never writes over its own inputs ---------------------------------------------


def test_batch_export_into_the_drafts_own_folder_loses_no_draft(tmp_path: Path) -> None:
    """200 drafts whose export names are the names of other drafts, exported over themselves."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    n = 200
    before: dict[str, bytes] = {}
    for i in range(n):
        d = _example()
        # draft i exports as "d{i+1}.yaml": the next draft's own file (the last one: a new name)
        d["esm"]["id"] = f"d{i + 1:03d}"
        d["notes"] = f"draft number {i}"
        path = folder / f"d{i:03d}.yaml"
        path.write_text(f"# my comments on draft {i}\n" + yaml.safe_dump(d, sort_keys=False))
        before[path.name] = path.read_bytes()
    sources = [str(folder / name) for name in sorted(before)]
    proc = run_cli(
        "export", *sources, "-o", str(folder), "--format", "yaml", "--force", timeout=300
    )
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr
    assert proc.returncode == 2, stderr  # the refused drafts are failures
    for name, data in before.items():
        assert (folder / name).read_bytes() == data, f"{name} was written over"
    # each refusal names the file it would have replaced
    for i in range(1, n):
        assert f"d{i:03d}.yaml: is one of the files this command reads" in stderr
    assert f"Exported 1 of {n} drafts to {folder}" in stderr
    new = yaml.safe_load((folder / f"d{n:03d}.yaml").read_text())
    assert new["notes"] == f"draft number {n - 1}"
    assert _temps(folder) == []


def test_batch_export_refuses_an_input_reached_through_another_name(tmp_path: Path) -> None:
    """A hard link to a draft is the same input: files are compared by inode, not by name."""
    folder = tmp_path / "in"
    folder.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    d = _example()
    d["esm"]["id"] = "alias"
    first = folder / "first.yaml"
    first.write_text(yaml.safe_dump(d, sort_keys=False))
    d2 = _example()
    d2["esm"]["id"] = "other"
    second = folder / "second.yaml"
    second.write_text(yaml.safe_dump(d2, sort_keys=False))
    os.link(first, out / "alias.yaml")  # the first draft's export name is the draft itself
    kept = first.read_bytes()
    proc = run_cli("export", str(first), str(second), "-o", str(out), "--format", "yaml", "--force")
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert f"{out / 'alias.yaml'}: is one of the files this command reads" in stderr
    assert first.read_bytes() == kept
    assert (out / "other.yaml").exists()


@pytest.mark.parametrize("command", ["export", "draft"])
def test_single_output_that_is_the_input_is_refused(tmp_path: Path, command: str) -> None:
    draft = tmp_path / "esm.yaml"
    draft.write_text("# my notes, kept\n" + EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    kept = draft.read_bytes()
    args = (
        ["export", str(draft), "--format", "yaml"]
        if command == "export"
        else ["draft", "--answers", str(draft), "--no-input"]
    )
    proc = run_cli(*args, "-o", str(draft), "--force")
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert f"{draft}: is one of the files this command reads" in stderr
    assert "Traceback" not in stderr
    assert draft.read_bytes() == kept


# ----- 3. no-clobber creation: the kernel refuses an existing name ---------------------------------


def test_threads_racing_to_one_new_path_exactly_one_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the delay between the last check and the rename, only one writer creates it."""
    real_link, real_replace = os.link, os.replace

    def slow_link(*a: Any, **k: Any) -> None:
        time.sleep(0.05)
        real_link(*a, **k)

    def slow_replace(*a: Any, **k: Any) -> None:
        time.sleep(0.05)
        real_replace(*a, **k)

    monkeypatch.setattr(os, "link", slow_link)
    monkeypatch.setattr(os, "replace", slow_replace)
    writers = 12
    for round_ in range(5):
        target = tmp_path / f"esm-{round_}.md"
        start = threading.Barrier(writers)
        won: list[int] = []
        refused: list[str] = []

        def write(
            i: int,
            target: Path = target,
            start: threading.Barrier = start,
            won: list[int] = won,
            refused: list[str] = refused,
        ) -> None:
            start.wait()
            try:
                atomic_write(target, f"writer {i}\n" * 1000)
            except OutputError as exc:
                refused.append(exc.message)
            else:
                won.append(i)

        threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(won) == 1, f"round {round_}: {len(won)} writers all said they wrote it"
        assert len(refused) == writers - 1
        assert all("already exists" in m for m in refused), refused
        assert target.read_text() == f"writer {won[0]}\n" * 1000
    assert _temps(tmp_path) == []


_SLOW_CLI = """
import os, sys, time
from pathlib import Path
go = Path(sys.argv[1])
real_link, real_replace = os.link, os.replace
def slow_link(*a, **k):
    time.sleep(0.3)
    return real_link(*a, **k)
def slow_replace(*a, **k):
    time.sleep(0.3)
    return real_replace(*a, **k)
os.link, os.replace = slow_link, slow_replace  # widen the window between check and rename
from esmtool.cli import main
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
sys.argv = ["esmtool", *sys.argv[2:]]
main()
"""


def _slow(go: Path) -> list[str]:
    return [sys.executable, "-c", _SLOW_CLI, str(go)]


def test_processes_racing_to_one_new_path_exactly_one_wins(tmp_path: Path) -> None:
    target = tmp_path / "esm.yaml"
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [*_slow(go), "export", str(EXAMPLE_DRAFT), "--format", "yaml", "-o", str(target)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(6)
    ]
    for p in procs:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == b"ready"
    go.touch()
    results = []
    for p in procs:
        _, stderr = p.communicate(timeout=60)
        results.append((p.returncode, stderr.decode()))
    winners = [e for code, e in results if code == 0]
    losers = [e for code, e in results if code != 0]
    assert len(winners) == 1, results
    assert all(f"Wrote {target}" in e for e in winners)
    assert len(losers) == 5
    for e in losers:
        assert f"{target}: already exists" in e and "--force" in e, e
        assert "Traceback" not in e
    assert yaml.safe_load(target.read_text())["esm"]["id"] == "ESM 11.1"
    assert _temps(tmp_path) == []


def test_parallel_batches_into_one_folder_never_replace_each_other(tmp_path: Path) -> None:
    """Two batches writing the same names into one folder: each name is written once."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(30):
        d = _example()
        d["esm"]["id"] = f"ESM {i}"
        (folder / f"d{i:02d}.yaml").write_text(yaml.safe_dump(d, sort_keys=False))
    sources = sorted(str(p) for p in folder.glob("*.yaml"))
    out = tmp_path / "out"
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [*_slow(go), "export", *sources, "-o", str(out), "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for p in procs:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == b"ready"
    go.touch()
    written = 0
    for p in procs:
        _, stderr = p.communicate(timeout=120)
        text = stderr.decode()
        assert "Traceback" not in text
        written += text.count("already exists")
    # every name was claimed by exactly one batch: 30 successes, 30 refusals in all
    assert written == 30
    assert len(list(out.glob("*.json"))) == 30
    for p in out.glob("*.json"):
        json.loads(p.read_text())
    assert _temps(out) == []


# ----- 4. targets that are not regular files, and symbolic links ----------------------------------


def _odd_targets(tmp_path: Path) -> list[tuple[str, Path, str]]:
    """(label, path, words the message must hold); devices are made here, never /dev itself."""
    found = []
    real = tmp_path / "real.yaml"
    real.write_text("the file a link points to\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    found.append(("symlink", link, f"is a symbolic link (to {real})"))
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "nowhere.yaml")
    found.append(("dangling symlink", dangling, "is a symbolic link"))
    stdout_link = tmp_path / "stdout"
    stdout_link.symlink_to("/proc/self/fd/1")  # what /dev/stdout is
    found.append(("a link like /dev/stdout", stdout_link, "to /proc/self/fd/1"))
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    found.append(("fifo", fifo, "is a named pipe (FIFO), not a regular file"))
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    found.append(("folder", folder, "is a folder"))
    device = tmp_path / "full"
    try:  # a /dev/full of our own (character device 1, 7)
        os.mknod(device, 0o666 | 0o020000, os.makedev(1, 7))
    except (OSError, AttributeError):
        pass
    else:
        found.append(("device", device, "is a device, not a regular file"))
    return found


def _snapshot(path: Path) -> tuple[Any, ...]:
    st = os.lstat(path)
    link = os.readlink(path) if os.path.islink(path) else None
    return (st.st_mode, st.st_ino, st.st_rdev, link)


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("command", ["export", "draft"])
def test_odd_targets_are_refused_with_or_without_force(
    tmp_path: Path, command: str, force: bool
) -> None:
    for label, target, words in _odd_targets(tmp_path):
        before = _snapshot(target)
        args = (
            ["export", str(EXAMPLE_DRAFT), "--format", "yaml"]
            if command == "export"
            else ["draft", "--answers", str(EXAMPLE_DRAFT), "--no-input", "--format", "yaml"]
        )
        proc = run_cli(*args, "-o", str(target), *(["--force"] if force else []), timeout=30)
        stderr = proc.stderr.decode()
        assert proc.returncode == 2, (label, stderr)
        assert words in stderr, (label, stderr)
        assert str(target) in stderr, (label, stderr)
        assert "Traceback" not in stderr and proc.stdout == b"", label
        assert _snapshot(target) == before, f"{label} was replaced"
    assert (tmp_path / "real.yaml").read_text() == "the file a link points to\n"
    assert not (tmp_path / "nowhere.yaml").exists()
    assert _temps(tmp_path) == []


def test_batch_export_refuses_a_link_in_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("someone else's file\n")
    (out / "esm-11.1.md").symlink_to(elsewhere)
    other = tmp_path / "other.yaml"
    d = _example()
    d["esm"]["id"] = "ESM 2"
    other.write_text(yaml.safe_dump(d, sort_keys=False))
    proc = run_cli("export", str(EXAMPLE_DRAFT), str(other), "-o", str(out), "--force")
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert f"{out / 'esm-11.1.md'}: is a symbolic link (to {elsewhere})" in stderr
    assert os.path.islink(out / "esm-11.1.md")
    assert elsewhere.read_text() == "someone else's file\n"
    assert (out / "esm-2.md").is_file()


def test_replacing_a_regular_file_with_force_still_works(tmp_path: Path) -> None:
    target = tmp_path / "esm.yaml"
    target.write_text("old\n")
    proc = run_cli("export", str(EXAMPLE_DRAFT), "-o", str(target), "--force")
    assert proc.returncode == 0, proc.stderr.decode()
    assert yaml.safe_load(target.read_text())["esm"]["id"] == "ESM 11.1"


# ----- 16. long file names -------------------------------------------------------------------------


@pytest.mark.parametrize("length", [242, 250, 255])
def test_file_names_up_to_255_bytes_can_be_written(tmp_path: Path, length: int) -> None:
    name = "e" * (length - len(".yaml")) + ".yaml"
    assert len(name.encode()) == length
    target = tmp_path / name
    proc = run_cli("export", str(EXAMPLE_DRAFT), "-o", str(target))
    assert proc.returncode == 0, proc.stderr.decode()
    assert yaml.safe_load(target.read_text())["esm"]["id"] == "ESM 11.1"
    assert _temps(tmp_path) == []
    # and with a multi-byte name: 255 bytes in UTF-8
    wide = tmp_path / ("é" * 125 + ".yaml")
    assert len(wide.name.encode()) == 255
    proc = run_cli("draft", "--answers", str(EXAMPLE_DRAFT), "--no-input", "-o", str(wide))
    assert proc.returncode == 0, proc.stderr.decode()
    assert wide.is_file()


def test_a_name_longer_than_the_system_allows_says_so(tmp_path: Path) -> None:
    target = tmp_path / ("e" * 300 + ".yaml")
    proc = run_cli("export", str(EXAMPLE_DRAFT), "-o", str(target))
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert "too long" in stderr
