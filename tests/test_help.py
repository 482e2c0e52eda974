"""Help for people (plain metavars, an Examples section that esmtool accepts) and shell completion
(Typer's, with measure codes, strategy ids and draft files), through the real CLI."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, run_cli

#: What Typer writes for a value's type when nobody gives it a name.
TYPE_NOISE = re.compile(r"<(str|int|float|path|bool|list\[[^\]]*\]|int range|float range)>|x>=|x<=")


def _all_paths() -> list[str]:
    """Every command and subcommand, as the group loads them."""
    import typer

    from esmtool.cli import COMMANDS, app

    root = typer.main.get_command(app)
    paths: list[str] = []
    ctx = root.make_context("esmtool", ["--help"], resilient_parsing=True)
    for name in COMMANDS:
        cmd = root.get_command(ctx, name)
        paths.append(name)
        paths += [f"{name} {sub}" for sub in (getattr(cmd, "commands", None) or {})]
    return paths


@pytest.mark.slow
def test_every_help_has_plain_metavars_and_examples() -> None:
    paths = _all_paths()
    assert "drafts" in paths and "plan check" in paths and "catalog validate" in paths
    for path in ["", *paths]:
        proc = run_cli(*path.split(), "--help", env={"COLUMNS": "100"})
        text = proc.stdout.decode()
        assert proc.returncode == 0, (path, proc.stderr)
        assert not TYPE_NOISE.search(text), (path, TYPE_NOISE.search(text), text)
        assert "\n  Examples:\n    esmtool " in text, (path, text)


def test_option_help_names_values_plainly() -> None:
    draft = run_cli("draft", "--help", env={"COLUMNS": "100"}).stdout.decode()
    for shown in (
        "--npm CODE",
        "--strategy ID",
        "--set KEY=VALUE",
        "--resume [FILE]",
        "--plan PLAN",
    ):
        assert shown in draft, (shown, draft)
    search = run_cli("search", "--help", env={"COLUMNS": "100"}).stdout.decode()
    assert "-n, --limit N" in search and "(at least 1)" in search
    assert "-f, --format table|json|yaml|csv" in search
    assert "TEXT..." in search or "TEXT  " in search
    progress = " ".join(run_cli("progress", "--help").stdout.decode().split())
    assert "--year YEAR" in progress and "(1990 to 2100)" in progress


def test_every_example_is_a_command_esmtool_accepts() -> None:
    """Each example parses with the real command: its options exist and its choices are valid."""
    import typer

    from esmtool.cli import app
    from esmtool.cli.helptext import EXAMPLES

    root = typer.main.get_command(app)
    for path, lines in EXAMPLES.items():
        for line in lines:
            words = shlex.split(line.split(" > ")[0])
            assert words[0] == "esmtool" and " ".join(words[1:]).startswith(path), line
            ctx = root.make_context("esmtool", words[1:] or ["--help"], resilient_parsing=True)
            if not path:
                continue
            parent, cmd, args = ctx, root, words[1:]
            while args and hasattr(cmd, "get_command"):
                sub = cmd.get_command(parent, args[0])
                assert sub is not None, line
                cmd, args = sub, args[1:]
                parent = cmd.make_context(cmd.name, list(args), parent=parent)  # raises when wrong


# ----- shell completion -----------------------------------------------------------------------------


def complete(line: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for ``line`` (the word being typed is its last, maybe empty)."""
    words = line.split(" ")
    proc = run_cli(
        env={
            **(env or {}),
            "_ESMTOOL_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        },
        cwd=cwd,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.decode().split()


def test_completion_script_for_each_spelling() -> None:
    for var in ("bash_source", "source_bash"):
        proc = run_cli(env={"_ESMTOOL_COMPLETE": var})
        assert proc.returncode == 0, proc.stderr
        text = proc.stdout.decode()
        assert "complete -o default -F _esmtool_completion esmtool" in text
    zsh = run_cli(env={"_ESMTOOL_COMPLETE": "zsh_source"})
    assert zsh.returncode == 0 and b"compdef _esmtool_completion esmtool" in zsh.stdout
    helped = run_cli("--help").stdout.decode()
    assert "--install-completion" in helped and "--show-completion" in helped
    # Typer's switch to name the shell instead of detecting it (the test's parent is not a shell)
    shown = run_cli(
        "--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    )
    assert shown.returncode == 0, shown.stderr
    assert b"complete -o default -F _esmtool_completion esmtool" in shown.stdout


def test_completes_commands_measure_codes_and_strategy_ids(catalog: Any) -> None:
    assert complete("esmtool dr") == ["draft", "drafts"]
    codes = complete("esmtool draft --npm medical-home-")
    assert codes == sorted(c for c in catalog.measures if c.startswith("medical-home-"))
    assert "medical-home-cc" in codes
    ids = complete("esmtool draft --npm medical-home-cc --strategy ")
    expected = sorted(s.id for s in catalog.strategies.values() if s.measure == "medical-home-cc")
    assert ids == expected and ids
    shown = complete("esmtool show strategy 4-")
    assert shown == sorted(s for s in catalog.strategies if s.startswith("4-")) and shown
    assert complete("esmtool show npm postpartum-v") == ["postpartum-visit"]
    assert complete("esmtool list strategies --npm transi") == ["transition"]


def test_completes_draft_files_and_recent_drafts(tmp_path: Path) -> None:
    (tmp_path / "esm-a.yaml").write_text("npm: breastfeeding\n", encoding="utf-8")
    (tmp_path / "esm-b.json").write_text("{}", encoding="utf-8")
    (tmp_path / "esm-notes.txt").write_text("not a draft", encoding="utf-8")
    (tmp_path / "esm-old").mkdir()
    assert complete("esmtool check esm-", cwd=tmp_path) == ["esm-a.yaml", "esm-b.json", "esm-old/"]
    assert complete("esmtool export esm-a", cwd=tmp_path) == ["esm-a.yaml"]
    autosave = Path(os.environ["XDG_DATA_HOME"]) / "esmtool" / "drafts" / "draft-1.yaml"
    autosave.parent.mkdir(parents=True)
    autosave.write_text("npm: transition\n", encoding="utf-8")
    offered = complete("esmtool draft --resume /", cwd=tmp_path)
    assert str(autosave) in offered


def test_completion_loads_only_what_it_needs() -> None:
    """Completing a command name builds no catalog; completing a code needs no YAML dumper, rich
    table or prompt library."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write(json.dumps(sorted(sys.modules))))\n"
        "import json\nsys.argv = ['esmtool']\nfrom esmtool.cli import main\nmain()\n"
    )

    def loaded(line: str) -> set[str]:
        words = line.split(" ")
        env = {
            **os.environ,
            "_ESMTOOL_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        }
        proc = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, env=env, timeout=60, cwd=ROOT
        )
        assert proc.stdout, proc.stderr
        return set(json.loads(proc.stderr.decode().splitlines()[-1]))

    names = loaded("esmtool dr")
    assert "esmtool.catalog" not in names and "esmtool.cli.draft" not in names
    codes = loaded("esmtool draft --npm post")
    assert "esmtool.cli.draft" in codes and "esmtool.cli.check" not in codes
    assert not {"questionary", "rich.table", "docx", "jinja2", "esmtool.walk"} & codes
