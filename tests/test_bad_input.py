"""Every bad input of the corpus (tests/badinputs.py), through the real CLI in a subprocess.

For each case: the exit code is 2 (1 for `check` findings on a valid draft); stderr
says what is wrong, one line per problem, naming the file and/or the key; no
traceback anywhere; nothing on stdout; nothing created or changed in the
working folder (or in the user data folder, where autosaves go); and the run
ends within its time bound. The size and bomb cases run under a 1.5 GB
address-space limit and must still end quickly with exit 2.

The runs happen once per module, a few at a time in threads (each case is
its own process); each test then checks one case's result.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .badinputs import CASES, MAX_INPUT_BYTES, Case

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: each worker runs the corpus itself
    fcntl = None  # type: ignore[assignment]

WORKERS = 4
#: The corpus runs once, in a thread pool, in the module fixture below. The group asks
#: pytest-xdist (`--dist loadgroup`) to keep this module's cases on one worker; 3.8 spreads
#: them anyway, so the fixture also shares its results between workers (see `runs`).
pytestmark = pytest.mark.xdist_group("bad-input-corpus")
MEMORY_LIMIT = 1536 * 1024 * 1024


@dataclass
class Run:
    case: Case
    code: int | None
    stdout: bytes
    stderr: str
    seconds: float
    before: dict[str, tuple[Any, ...]]
    after: dict[str, tuple[Any, ...]]
    skipped: str | None = None


def _snapshot(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry under ``root``: kind, size and modification time (folders: kind and mtime)."""
    out: dict[str, tuple[Any, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            st = p.lstat()
            rel = p.relative_to(root).as_posix()
            if p.is_dir() and not p.is_symlink():
                out[rel] = ("dir", st.st_mtime_ns, st.st_mode)
            else:
                out[rel] = ("file", st.st_size, st.st_mtime_ns, st.st_mode)
    return out


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _commands() -> set[str]:
    """The commands esmtool has, as its --help lists them."""
    import typer

    from esmtool.cli import app

    return set(typer.main.get_command(app).list_commands(None))


def _prepare(case: Case, base: Path) -> tuple[Path, dict[str, str]]:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", case.id)
    home = base / safe
    work = home / "work"
    work.mkdir(parents=True)
    (home / "data").mkdir()
    for name, content in case.files.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            content(path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESMTOOL_")}
    env.update(
        ESMTOOL_CACHE_DIR=str(base / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "xdgcache"),
        NO_COLOR="1",
        COLUMNS="100",
    )
    env.update(case.env)
    return home, env


def _run(case: Case, base: Path, preexec: Callable[[], None] | None = None) -> Run:
    home, env = _prepare(case, base)
    before = _snapshot(home)
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "esmtool", *case.args],
            input=case.stdin if case.stdin is not None else b"",
            capture_output=True,
            cwd=home / "work",
            env=env,
            timeout=case.timeout * 1.5,
            preexec_fn=preexec,
        )
        code: int | None = proc.returncode
        stdout, stderr = proc.stdout, proc.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as exc:
        code, stdout = None, exc.stdout or b""
        stderr = (exc.stderr or b"").decode("utf-8", "replace") + "\n[timed out]"
    seconds = time.perf_counter() - start
    return Run(case, code, stdout, stderr, seconds, before, _snapshot(home))


@pytest.fixture(scope="module")
def runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Run]:
    """Run the cases selected in this session (all of them, unless -k chose some).

    Under pytest-xdist the cases of this module are spread over the workers (its
    ``xdist_group`` does not keep them on one), so the corpus runs once per session: the
    first worker to get here runs it and writes the results beside every worker's temporary
    folder; the others wait for that file and read it (pytest-xdist's documented pattern for
    a fixture that must run once)."""
    selected = {
        item.callspec.params["case_id"]
        for item in request.session.items
        if hasattr(item, "callspec") and "case_id" in item.callspec.params
    }
    if os.environ.get("PYTEST_XDIST_WORKER") is None or fcntl is None:
        return _run_corpus(selected, tmp_path_factory.mktemp("bad-input"))
    shared = tmp_path_factory.getbasetemp().parent  # one folder for the session's workers
    key = hashlib.sha256("\n".join(sorted(selected)).encode()).hexdigest()[:16]
    done = shared / f"bad-input-{key}.json"
    with open(shared / f"bad-input-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if done.is_file():
            return _read_runs(done)
        results = _run_corpus(selected, tmp_path_factory.mktemp("bad-input"))
        tmp = done.with_suffix(".tmp")
        tmp.write_text(json.dumps([_run_data(r) for r in results.values()]), encoding="utf-8")
        tmp.replace(done)
        return results


def _run_corpus(selected: set[str], base: Path) -> dict[str, Run]:
    available = _commands()
    root = os.geteuid() == 0
    results: dict[str, Run] = {}
    todo: list[Case] = []
    for case in CASES:
        if case.id not in selected:
            continue
        reason = None
        if case.requires and case.requires not in available:
            reason = f"`esmtool {case.requires}` does not exist yet"
        elif case.not_root and root:
            reason = "running as root: chmod does not stop writes"
        if reason:
            results[case.id] = Run(case, None, b"", "", 0.0, {}, {}, skipped=reason)
        else:
            todo.append(case)
    # warm the parsed-catalog cache once, as a user's second run would be
    _run(Case("warm-cache", "warm", ["list", "npms"], code=0), base)
    # memory-limited runs first, alone: preexec_fn is not safe while other threads run
    for case in [c for c in todo if c.limit_memory]:
        results[case.id] = _run(case, base, preexec=_limit_memory)
    with ThreadPoolExecutor(WORKERS) as pool:
        rest = [c for c in todo if not c.limit_memory]
        for case, run in zip(rest, pool.map(lambda c: _run(c, base), rest), strict=True):
            results[case.id] = run
    return results


def _run_data(run: Run) -> dict[str, Any]:
    """A run as JSON data (the case by its id, stdout as base64)."""
    return {
        "case": run.case.id,
        "code": run.code,
        "stdout": base64.b64encode(run.stdout).decode("ascii"),
        "stderr": run.stderr,
        "seconds": run.seconds,
        "before": run.before,
        "after": run.after,
        "skipped": run.skipped,
    }


def _read_runs(path: Path) -> dict[str, Run]:
    by_id = {c.id: c for c in CASES}
    out: dict[str, Run] = {}
    for d in json.loads(path.read_text(encoding="utf-8")):
        case = by_id[d["case"]]
        out[case.id] = Run(
            case,
            d["code"],
            base64.b64decode(d["stdout"]),
            d["stderr"],
            d["seconds"],
            {k: tuple(v) for k, v in d["before"].items()},
            {k: tuple(v) for k, v in d["after"].items()},
            d["skipped"],
        )
    return out


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case.id, id=case.id, marks=marks)


PROBLEM_COUNT = re.compile(r"has (\d+) problems?:")


@pytest.mark.parametrize("case_id", [_param(c) for c in CASES])
def test_bad_input(case_id: str, runs: dict[str, Run]) -> None:
    run = runs[case_id]
    if run.skipped:
        pytest.skip(run.skipped)
    case = run.case
    shown = f"\n$ esmtool {' '.join(case.args)}\n--- exit {run.code}, stderr:\n{run.stderr}"
    output = run.stdout.decode("utf-8", "replace") + run.stderr

    assert run.code is not None and run.seconds < case.timeout, f"took {run.seconds:.1f}s{shown}"
    assert "Traceback" not in output, shown
    assert run.code == case.code, shown
    assert "unexpected problem" not in run.stderr, shown
    assert run.after == run.before, (
        f"files changed: {sorted(set(run.after.items()) ^ set(run.before.items()))}{shown}"
    )
    if case.code == 1:  # `check` findings: the report is the result, on stdout
        for name in case.names:
            assert name in output, f"the report does not name {name!r}{shown}"
        return
    assert run.stdout == b"", f"stdout was not empty: {run.stdout[:300]!r}{shown}"

    lines = run.stderr.splitlines()
    assert lines, "nothing on stderr"
    for name in case.names:
        assert name.casefold() in run.stderr.casefold(), f"stderr does not name {name!r}{shown}"
    # one line per problem: "... has N problems:" is followed by exactly N indented lines
    header = PROBLEM_COUNT.search(run.stderr)
    if header:
        listed = [line for line in lines if line.startswith("  ")]
        assert len(listed) == int(header.group(1)), f"{header.group(0)} but {len(listed)}{shown}"
    for line in lines:
        assert len(line) <= 400, f"a line of {len(line)} characters{shown}"
        assert "\x1b" not in line and "\r" not in line, f"control characters in {line!r}"


def test_corpus_is_large_and_covers_every_category() -> None:
    from esmtool.yamlio import MAX_INPUT_BYTES as limit

    assert limit == MAX_INPUT_BYTES, "tests/badinputs.py must follow yamlio.MAX_INPUT_BYTES"
    assert len(CASES) >= 200
    assert len({c.id for c in CASES}) == len(CASES)
    wanted = {
        "malformed-yaml", "not-a-mapping", "not-utf8-text", "empty", "size", "bomb",
        "wrong-type", "unknown-key", "unknown-id", "path", "output", "catalog", "set",
        "option", "stdin",
    }  # fmt: skip
    assert wanted <= {c.category for c in CASES}


def test_every_draft_field_gets_wrong_types() -> None:
    from .badinputs import draft_field_paths, key_text

    fields = {key_text(path) for path, _ in draft_field_paths()}
    covered = {c.id.split("/")[1] for c in CASES if c.category == "wrong-type"} - {"every-field"}
    assert fields == covered
    assert {"esm.baseline.year", "esm.targets", "measures[0].quadrant", "walk.pending"} <= fields


def test_over_the_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 50 MB file is refused by its size: it is never opened."""
    from esmtool.errors import InputFileError
    from esmtool.yamlio import read_text

    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(50 << 20)

    def no_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    monkeypatch.setattr("builtins.open", no_open)
    with pytest.raises(InputFileError) as info:
        read_text(big)
    assert f"{50 << 20:,} bytes" in info.value.message
    assert f"{MAX_INPUT_BYTES:,}" in info.value.message


def test_stdin_is_read_only_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--answers -` reads at most the limit plus one byte, however much is piped in."""
    from esmtool.draft.answers import read_answers_file
    from esmtool.errors import InputFileError

    asked: list[int] = []

    class Endless:
        def read(self, n: int = -1) -> bytes:
            assert n is not None and n >= 0, "stdin read without a limit"
            asked.append(n)
            return b"#" * n

    class Stdin:
        buffer = Endless()

    monkeypatch.setattr(sys, "stdin", Stdin())
    with pytest.raises(InputFileError):
        read_answers_file("-")
    assert asked == [MAX_INPUT_BYTES + 1]
