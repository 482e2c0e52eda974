"""A large batch prepared by worker processes writes what the parent alone writes: the same
files, names and bytes, the same failures, reported in the same order."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from esmtool.export import workers
from esmtool.export.batch import export_batch

from ..conftest import EXAMPLE_DRAFT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="workers are forked")


def _drafts(folder: Path, n: int) -> list[str]:
    base = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    paths = []
    for i in range(n):
        data = {**base, "esm": {**base["esm"], "id": f"ESM {i // 3 + 1}.1"}}  # names repeat
        path = folder / f"draft-{i:03d}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        paths.append(str(path))
    (folder / "broken.yaml").write_text("esm: [1\n", encoding="utf-8")
    (folder / "incomplete.yaml").write_text("esm:\n  title: Percent of x\n", encoding="utf-8")
    paths[7:7] = [str(folder / "broken.yaml")]
    paths[40:40] = [str(folder / "incomplete.yaml"), str(folder / "missing.yaml")]
    return paths


def _content(path: Path) -> Any:
    """A file's bytes; a Word file's members (its zip entries carry the time they were written)."""
    if path.suffix != ".docx":
        return path.read_bytes()
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _run(sources: list[str], catalog: Any, fmt: str, out: Path, processes: int) -> Any:
    reports: list[tuple[str, str | None, str | None]] = []
    result = export_batch(
        sources,
        catalog,
        fmt,
        out,
        include=("review",),
        processes=processes,
        report=lambda s, p, f: reports.append((s, p and p.name, f and f.message)),
    )
    files = {p.name: _content(p) for p in sorted(out.iterdir())}
    return files, reports, [f.lines() for f in result.failures]


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_workers_write_what_the_parent_alone_writes(
    fmt: str, tmp_path: Path, catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # the documents' date
    (tmp_path / "in").mkdir()
    sources = _drafts(tmp_path / "in", 3 * workers.CHUNK + 5)  # several chunks, one short
    alone = _run(sources, catalog, fmt, tmp_path / "alone", processes=0)
    together = _run(sources, catalog, fmt, tmp_path / "together", processes=2)
    assert together == alone
    files, reports, failures = together
    assert len(files) == len(sources) - 3 and len(failures) == 3
    assert [s for s, _, _ in reports] == sources  # in the order given
    assert "esm-2.1-2." + fmt in files  # a name used before gets -2, in order


def test_a_small_batch_a_template_or_stdin_is_done_by_the_parent(tmp_path: Path) -> None:
    many = [f"d{i}.yaml" for i in range(workers.MIN_DRAFTS)]
    assert workers.workers_for(many[:-1], template=None) == 0
    assert workers.workers_for(many, template=tmp_path / "t.md.j2") == 0
    assert workers.workers_for([*many, "-"], template=None) == 0
    assert workers.workers_for(many, template=None, wanted=0) == 0


def test_a_large_batch_uses_the_cores_it_has(monkeypatch: pytest.MonkeyPatch) -> None:
    many = [f"d{i}.yaml" for i in range(workers.MIN_DRAFTS)]
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    monkeypatch.delenv("ESMTOOL_DEBUG", raising=False)
    assert workers.workers_for(many, template=None) == 2
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 1)
    assert workers.workers_for(many, template=None) == 0
    monkeypatch.setenv("ESMTOOL_DEBUG", "1")
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert workers.workers_for(many, template=None) == 0


def _died_on_second_chunk(chunk: Any) -> Any:
    import os

    if any(s.endswith("draft-030.yaml") for s in chunk):
        os._exit(1)  # a worker killed mid-batch (as by the kernel, for memory)
    return _real_chunk(chunk)


_real_chunk = workers._prepare_chunk


@pytest.mark.parametrize("fault", ["a worker dies", "no worker can start"])
def test_the_parent_finishes_a_batch_its_workers_cannot(
    fault: str, tmp_path: Path, catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    (tmp_path / "in").mkdir()
    sources = _drafts(tmp_path / "in", 3 * workers.CHUNK)
    alone = _run(sources, catalog, "md", tmp_path / "alone", processes=0)
    if fault == "a worker dies":
        monkeypatch.setattr(workers, "_prepare_chunk", _died_on_second_chunk)
    else:
        import concurrent.futures

        def refused(*args: Any, **kwargs: Any) -> Any:
            raise OSError(11, "Resource temporarily unavailable")

        monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refused)
    assert _run(sources, catalog, "md", tmp_path / "together", processes=2) == alone


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting to be reaped has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_leave_when_their_batch_is_killed(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import time

    (tmp_path / "in").mkdir()
    sources = _drafts(tmp_path / "in", workers.MIN_DRAFTS + 50)
    env = {**os.environ, "ESMTOOL_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "esmtool", "export", *sources, "-o", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        kids: set[int] = set()
        while not kids and time.monotonic() < deadline and proc.poll() is None:
            kids = _children(proc.pid)
            time.sleep(0.01)
        if not kids:
            pytest.skip("the batch ended before its workers could be seen")
        os.kill(proc.pid, signal.SIGKILL)  # no handler runs: the workers are on their own
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(k) for k in kids):
            time.sleep(0.05)
        left = [k for k in kids if _alive(k)]
        assert left == [], "workers outlived the batch that started them"
    finally:
        if proc.poll() is None:
            proc.kill()
