"""Start-up stays lean: heavy libraries load only when the moment needs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLE_DRAFT, esmtool_modules_after, run_cli


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


def _esmtool_modules_after_cli(*args: str) -> set[str]:
    return esmtool_modules_after(*args)[1]


def test_a_document_without_the_review_does_not_run_the_checks(tmp_path: Path) -> None:
    # the built-in documents list findings only with --include review, and never count them
    loaded = _esmtool_modules_after_cli("export", str(EXAMPLE_DRAFT), "-o", str(tmp_path / "a.md"))
    assert (tmp_path / "a.md").exists()
    assert "esmtool.export.context" in loaded
    assert "esmtool.checks" not in loaded
    loaded = _esmtool_modules_after_cli(
        "export", str(EXAMPLE_DRAFT), "-o", str(tmp_path / "b.md"), "--include", "review"
    )
    assert "esmtool.checks" in loaded
    assert "Review findings" in (tmp_path / "b.md").read_text(encoding="utf-8")


def test_a_word_document_needs_no_jinja2_or_thread_pool(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom esmtool.cli import main\n"
        f"sys.argv = ['esmtool', 'export', {str(EXAMPLE_DRAFT)!r}, '-o', "
        f"{str(tmp_path / 'a.docx')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    loaded = set(proc.stderr.split())
    assert (tmp_path / "a.docx").exists()
    assert "docx" in loaded
    assert not {"jinja2", "concurrent.futures", "esmtool.checks"} & loaded


def test_checking_a_draft_does_not_scan_for_pydantic_plugins() -> None:
    code = (
        "import sys\nimport pydantic.plugin._loader as loader\n"
        "def scan(*a, **k):\n    sys.stderr.write('SCANNED')\n    return ()\n"
        "loader.entry_points = scan\n"
        "from esmtool.cli import main\n"
        f"sys.argv = ['esmtool', 'check', {str(EXAMPLE_DRAFT)!r}, '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert '"findings"' in proc.stdout, proc.stderr
    assert "SCANNED" not in proc.stderr
