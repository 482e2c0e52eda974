"""Start-up figures against a bare Typer app, interleaved, median of N runs each.

Prints one line per figure with its target and PASS/MISS. Never fails on slowness
(exit 0 unless something could not run at all); CI prints these figures.

    python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

PY = sys.executable
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "care-coordination.yaml"

_BARE = """
{pause}import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "world") -> None:
{resume}    print(f"hello {{name}}")


@app.command()
def other() -> None:
    pass


if __name__ == "__main__":
    app()
"""
BARE_APP = _BARE.format(pause="", resume="")
#: The same bare app, started the way esmtool starts (esmtool.startup): the collector paused
#: until the command runs. A second reference, to show what the pause alone is worth.
BARE_APP_PAUSED = _BARE.format(
    pause="import gc\n\ngc.disable()\n", resume="    gc.freeze()\n    gc.enable()\n"
)

BARE_PROMPT = textwrap.dedent(
    """
    import typer

    app = typer.Typer(add_completion=False)


    @app.command()
    def ask() -> None:
        import questionary

        questionary.text("Name?").ask()


    @app.command()
    def other() -> None:
        pass


    if __name__ == "__main__":
        app()
    """
)


def run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def first_prompt(cmd: list[str], env: dict[str, str], marker: bytes, timeout: float = 20) -> float:
    """Seconds from start until ``marker`` appears on the pseudo-terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(cmd[0], cmd, env)
    start = time.perf_counter()
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if marker in seen:
                    return time.perf_counter() - start
        return float("nan")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def interleaved(runs: int, cases: dict[str, Callable[[], float]]) -> dict[str, float]:
    samples: dict[str, list[float]] = {k: [] for k in cases}
    for k, fn in cases.items():  # warm-up (page cache, .pyc files, catalog cache)
        fn()
        del k
    for _ in range(runs):
        for k, fn in cases.items():
            samples[k].append(fn())
    return {k: statistics.median(v) for k, v in samples.items()}


def line(name: str, value_ms: float, target: str, ok: bool) -> None:
    print(f"{name:<52} {value_ms:8.1f} ms   target {target:<26} {'PASS' if ok else 'MISS'}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    esmtool = shutil.which("esmtool", path=str(Path(PY).parent)) or "esmtool"
    # Measure esmtool as pip installs it: with its bytecode compiled. An editable install under
    # PYTHONDONTWRITEBYTECODE=1 (as on CI) would otherwise recompile every module on every run.
    import esmtool as _pkg

    subprocess.run(
        [PY, "-m", "compileall", "-q", str(Path(_pkg.__file__).parent)],
        check=False,
        stdout=subprocess.DEVNULL,
    )

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        bare = tmpdir / "bare.py"
        bare.write_text(BARE_APP)
        bare_paused = tmpdir / "bare_paused.py"
        bare_paused.write_text(BARE_APP_PAUSED)
        bare_prompt = tmpdir / "bare_prompt.py"
        bare_prompt.write_text(BARE_PROMPT)
        env = {
            **os.environ,
            "XDG_DATA_HOME": str(tmpdir / "data"),
            "ESMTOOL_CACHE_DIR": str(tmpdir / "cache"),
        }
        env.pop("ESMTOOL_CATALOG", None)

        cases: dict[str, Callable[[], float]] = {
            "bare: hello": lambda: run([PY, str(bare), "hello"], env),
            "bare: --help": lambda: run([PY, str(bare), "--help"], env),
            "bare, collector paused: hello": lambda: run([PY, str(bare_paused), "hello"], env),
            "esmtool --version": lambda: run([esmtool, "--version"], env),
            "esmtool --help": lambda: run([esmtool, "--help"], env),
            "esmtool list strategies --format json": lambda: run(
                [esmtool, "list", "strategies", "--format", "json"], env
            ),
            "esmtool show strategy ... --format json": lambda: run(
                [esmtool, "show", "strategy", "medical-home-personal-01", "--format", "json"], env
            ),
            "esmtool search home visiting --format json": lambda: run(
                [esmtool, "search", "home", "visiting", "--format", "json"], env
            ),
            "esmtool check DRAFT --format json": lambda: run(
                [esmtool, "check", str(EXAMPLE), "--format", "json"], env
            ),
            "esmtool export DRAFT (Markdown to stdout)": lambda: run(
                [esmtool, "export", str(EXAMPLE)], env
            ),
            "esmtool export DRAFT -o FILE.docx": lambda: run(
                [esmtool, "export", str(EXAMPLE), "-o", str(tmpdir / "out.docx"), "--force"], env
            ),
        }
        med = interleaved(args.runs, cases)
        base, base_help = med["bare: hello"], med["bare: --help"]
        print(f"python: {sys.version.split()[0]}; runs: {args.runs} (medians, interleaved)")
        line("bare Typer app: one command", base * 1000, "(reference)", True)
        line("bare Typer app: --help", base_help * 1000, "(reference)", True)
        paused = med["bare, collector paused: hello"]
        line(
            f"bare app, collector paused as esmtool's is ({paused / base:.2f}x)",
            paused * 1000,
            "(reference)",
            True,
        )
        # list, show and search (a warm catalog cache: plain JSON built into models) against
        # the floor of a bare Typer command: issue 9 asks for at most 1.05x
        # (and issue 10 at most 1.2x: shown beside the target)
        for name, target in (
            ("esmtool --version", 1.2),
            ("esmtool list strategies --format json", 1.05),
            ("esmtool show strategy ... --format json", 1.05),
            ("esmtool search home visiting --format json", 1.05),
        ):
            ratio = med[name] / base
            also = "" if target > 1.05 else f"; 1.2x {'PASS' if ratio <= 1.2 else 'MISS'}"
            line(
                f"{name} ({ratio:.2f}x bare)",
                med[name] * 1000,
                f"<= {target}x bare{also}",
                ratio <= target,
            )
        # the commands people run most after those (issue 10's targets)
        for name, target in (
            ("esmtool check DRAFT --format json", 1.3),
            ("esmtool export DRAFT (Markdown to stdout)", 1.5),
            ("esmtool export DRAFT -o FILE.docx", 2.0),
        ):
            ratio = med[name] / base
            line(
                f"{name} ({ratio:.2f}x bare)",
                med[name] * 1000,
                f"<= {target}x bare command",
                ratio <= target,
            )
        ratio = med["esmtool --help"] / base_help
        line(
            f"esmtool --help ({ratio:.2f}x bare --help)",
            med["esmtool --help"] * 1000,
            "<= 1.2x bare --help",
            ratio <= 1.2,
        )

        # time to the first prompt in a pseudo-terminal
        penv = {**env, "TERM": "xterm", "NO_COLOR": "1"}
        prompt_cases: dict[str, Callable[[], float]] = {
            "bare prompt": lambda: first_prompt([PY, str(bare_prompt), "ask"], penv, b"Name?"),
            # the question's own words, as for the bare prompt: a bare "?" is met earlier, in
            # the cursor codes prompt_toolkit writes as it sets the question up ("\x1b[?12l")
            "esmtool draft": lambda: first_prompt(
                [esmtool, "draft", "-o", str(tmpdir / f"out-{time.monotonic_ns()}.yaml")],
                penv,
                b"Which measure",
            ),
        }
        pmed = interleaved(max(5, args.runs // 2), prompt_cases)
        ratio = pmed["esmtool draft"] / pmed["bare prompt"]
        line("bare Typer + one questionary prompt", pmed["bare prompt"] * 1000, "(reference)", True)
        line(
            f"esmtool draft: first prompt ({ratio:.2f}x bare)",
            pmed["esmtool draft"] * 1000,
            "<= 1.3x bare prompt",
            ratio <= 1.3,
        )

        # catalog load, in process: cold (no cache) and warm (cache filled)
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
        os.environ["ESMTOOL_CACHE_DIR"] = str(tmpdir / "cache-inproc")
        from esmtool.catalog import load_catalog

        cold = []
        for i in range(5):
            os.environ["ESMTOOL_CACHE_DIR"] = str(tmpdir / f"cold-{i}")
            t = time.perf_counter()
            load_catalog(use_env=False)
            cold.append(time.perf_counter() - t)
        warm = []
        for _ in range(10):
            t = time.perf_counter()
            load_catalog(use_env=False)
            warm.append(time.perf_counter() - t)
        line(
            "catalog load, cold (parse YAML, fill cache)",
            statistics.median(cold) * 1000,
            "(figure)",
            True,
        )
        line(
            "catalog load, warm (from cache)",
            statistics.median(warm) * 1000,
            "< cold",
            statistics.median(warm) < statistics.median(cold),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
