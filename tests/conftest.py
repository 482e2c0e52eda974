"""Shared fixtures: the bundled catalog, a complete example draft, a CLI runner."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DRAFT = ROOT / "examples" / "care-coordination.yaml"


#: Test modules that run the real CLI over whole corpora, in subprocesses or pseudo-terminals.
#: They carry the `slow` marker: `pytest -m "not slow"` is the fast set; `.ci/run` runs all.
#: Every test that starts child processes (itself, or through a helper or fixture of its
#: module) carries the `subprocess` marker:
#: `-m "not slow and not subprocess"` is the in-process set, which `.ci/run` runs again on the
#: lowest dependencies (it calls every library esmtool uses, in the test's own process).
SLOW_MODULES = {"test_bad_input.py", "test_faults.py", "test_packaging.py", "test_pty.py"}


def _shipped_jinja2() -> set[str]:
    from esmtool.export import compiled

    return {version for version, _ in compiled.BUILT_FROM.values()}


def _running_jinja2() -> str:
    from importlib.metadata import version

    return version("Jinja2")


#: For tests of the built-in templates' shipped code (esmtool.export.compiled), which is
#: Jinja2's for one version: under another (the lowest versions pyproject allows, or a release
#: newer than the one it was built with) esmtool compiles the templates at run time instead
#: (tests/export/test_precompiled.py checks that path under any version), until
#: `python -m esmtool.export.precompile` is run after the upgrade.
SHIPPED_JINJA2 = pytest.mark.skipif(
    _shipped_jinja2() != {_running_jinja2()},
    reason="the shipped template code is for another Jinja2 version",
)


#: Words that show a function starts esmtool (or Python) in a child process.
_CHILD_PROCESS = ("run_cli(", "spawn_cli(", "subprocess", "pexpect", "sys.executable")


def _spawning_names(module: Any, seen: dict[str, set[str]]) -> set[str]:
    """Names of the module's own functions (helpers, fixtures) that start child processes."""
    import inspect

    if module.__name__ not in seen:
        names = {"run_cli", "spawn_cli", "esmtool_modules_after"}
        for name, fn in vars(module).items():
            fn = getattr(fn, "__wrapped__", fn)
            if inspect.isfunction(fn) and fn.__module__ == module.__name__:
                try:
                    text = inspect.getsource(fn)
                except (OSError, TypeError):
                    continue
                if any(word in text for word in _CHILD_PROCESS):
                    names.add(name)
        seen[module.__name__] = names
    return seen[module.__name__]


def _starts_processes(item: pytest.Item, seen: dict[str, set[str]]) -> bool:
    import inspect

    fn = getattr(item, "function", None)
    module = getattr(item, "module", None)
    if fn is None or module is None:
        return True
    names = _spawning_names(module, seen)
    if names & set(getattr(item, "fixturenames", ())):
        return True
    text = inspect.getsource(fn)
    return any(word in text for word in _CHILD_PROCESS) or any(f"{n}(" in text for n in names)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    seen: dict[str, set[str]] = {}
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        if _starts_processes(item, seen):
            item.add_marker(pytest.mark.subprocess)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user's cache/data/config folders or catalog overlays."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "xdgcache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))  # the user's settings file
    monkeypatch.delenv("ESMTOOL_CATALOG", raising=False)


@pytest.fixture(scope="session")
def catalog() -> Any:
    from esmtool.catalog import load_catalog

    return load_catalog(use_env=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def example_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def example_draft(example_data: dict[str, Any], catalog: Any) -> Any:
    from esmtool.draft import validate_draft

    draft, problems = validate_draft(example_data, catalog, complete=True)
    assert not problems, problems
    return draft


def run_cli(
    *args: str,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> Any:
    """Run `python -m esmtool` in a real subprocess."""
    import subprocess

    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "esmtool", *args],
        input=input,
        capture_output=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
    )


def esmtool_modules_after(*args: str) -> tuple[str, set[str]]:
    """Run the CLI with ``args`` in a child Python: its stdout, and the esmtool modules loaded."""
    import subprocess

    code = (
        "import sys\nfrom esmtool.cli import main\n"
        f"sys.argv = ['esmtool', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\n' + ' '.join(sorted(m for m in sys.modules if m.startswith('esmtool'))))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return proc.stdout, set(proc.stderr.splitlines()[-1].split())


def pty_env(base: Path, **extra: str) -> dict[str, str]:
    """The environment of a walk on a pseudo-terminal: user folders under ``base``, a plain
    xterm, no colour and no cursor-position requests (pexpect does not answer them)."""
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(base / "userdata"),
        "XDG_CONFIG_HOME": str(base / "userconfig"),
        "ESMTOOL_CACHE_DIR": str(base / "cache"),
        "TERM": "xterm",
        "NO_COLOR": "1",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        **extra,
    }
    env.pop("ESMTOOL_CATALOG", None)
    return env


def spawn_cli(*args: str, cwd: Path, timeout: float = 30) -> Any:
    """Run `python -m esmtool ARGS` on a real pseudo-terminal (pexpect), isolated user folders."""
    pexpect = pytest.importorskip("pexpect")
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "XDG_DATA_HOME": str(cwd / "data"),
        "ESMTOOL_CACHE_DIR": str(cwd / "cache"),
    }
    return pexpect.spawn(
        sys.executable,
        ["-m", "esmtool", *args],
        cwd=str(cwd),
        env=env,
        timeout=timeout,
        dimensions=(50, 140),
    )
