"""Start-up stays lean: heavy libraries load only when the moment needs them."""

from __future__ import annotations

import subprocess
import sys

from .conftest import run_cli


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.split())


def test_the_walk_asks_its_first_question_without_rich_or_yaml() -> None:
    loaded = _modules_after(
        "import esmtool.cli, esmtool.draft.answers, esmtool.draft.autosave, esmtool.export, esmtool.walk"
    )
    assert "questionary" in loaded
    assert not {"yaml", "rich", "jinja2", "docx"} & loaded


def test_draft_model_does_not_need_yaml() -> None:
    assert "yaml" not in _modules_after("import esmtool.draft, esmtool.locate")


def test_only_the_invoked_command_is_built_but_help_lists_all() -> None:
    proc = run_cli("--help")
    listed = proc.stdout.decode()
    for name in ("list", "show", "search", "draft", "check", "export", "catalog", "schema"):
        assert f"  {name} " in listed, listed
    proc = run_cli("lst")
    assert proc.returncode == 2
    assert "Did you mean 'list'?" in proc.stderr.decode()
    proc = run_cli("catalog", "path")
    assert proc.returncode == 0 and proc.stdout.strip()
