"""`esmtool export` given something that is not a draft, and Word or Excel on stdout (issue 12.18).

Through real subprocesses (stdout a pipe) and a real pseudo-terminal (stdout a terminal).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from ..conftest import EXAMPLE_DRAFT, run_cli, spawn_cli


def _exports(tmp_path: Path) -> dict[str, Path]:
    """The example draft exported as Word, Markdown, CSV and HTML: files people mistake for it."""
    out = {}
    for ext in ("docx", "md", "csv", "html"):
        out[ext] = tmp_path / f"esm.{ext}"
        result = run_cli("export", str(EXAMPLE_DRAFT), "-o", str(out[ext]))
        assert result.returncode == 0, result.stderr
    return out


@pytest.mark.slow
def test_an_export_given_back_is_not_a_draft(tmp_path: Path) -> None:
    kinds = {
        "docx": "a Word document",
        "md": "a Markdown document",
        "csv": "a CSV table",
        "html": "a web page (HTML)",
    }
    for ext, path in _exports(tmp_path).items():
        result = run_cli("export", str(path), "-o", str(tmp_path / f"again-{ext}.html"))
        stderr = result.stderr.decode()
        assert result.returncode == 2, stderr
        assert f"{path}: not an esmtool draft: it is {kinds[ext]}" in stderr
        assert "not valid YAML" not in stderr
        assert "esmtool draft writes" in stderr  # what to give instead
        assert "Traceback" not in stderr
        assert not (tmp_path / f"again-{ext}.html").exists()


def test_text_that_is_no_yaml_is_not_a_draft(tmp_path: Path) -> None:
    notes = tmp_path / "notes"  # no extension to go by
    notes.write_text("Meeting notes: care coordination\n  - ask: Maria\n", encoding="utf-8")
    result = run_cli("export", str(notes))
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert f"{notes}: not an esmtool draft: it is not YAML or JSON text" in stderr
    assert result.stdout == b""


def test_other_yaml_is_not_a_draft(tmp_path: Path) -> None:
    other = tmp_path / "compose.yaml"
    other.write_text("services:\n  web:\n    image: nginx\nversion: '3'\n", encoding="utf-8")
    result = run_cli("export", str(other))
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "not an esmtool draft: none of its keys is a draft's (it has services, version" in stderr
    assert "is required but missing" not in stderr  # not a dozen problems of a draft it is not


def test_a_draft_with_a_yaml_mistake_keeps_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "my-esm.yaml"
    text = EXAMPLE_DRAFT.read_text(encoding="utf-8").replace("state: Example State", 'state: "Ex')
    broken.write_text(text, encoding="utf-8")
    result = run_cli("export", str(broken))
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert f"{broken}:" in stderr and "not valid YAML" in stderr
    assert "not an esmtool draft" not in stderr


@pytest.mark.parametrize(("fmt", "reader"), [("docx", "docx"), ("xlsx", "openpyxl")])
def test_word_and_excel_go_to_a_pipe(fmt: str, reader: str) -> None:
    result = run_cli("export", str(EXAMPLE_DRAFT), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    if reader == "docx":
        import docx

        doc = docx.Document(io.BytesIO(result.stdout))
        assert doc.paragraphs[0].text.startswith("Percent of children with special health")
    else:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(result.stdout))
        assert "ESMs" in book.sheetnames


def test_draft_no_input_word_goes_to_a_pipe() -> None:
    result = run_cli(
        "draft", "--answers", str(EXAMPLE_DRAFT), "--no-input", "-o", "-", "--format", "docx"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"PK\x03\x04")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_word_to_a_terminal_is_refused(tmp_path: Path) -> None:
    child = spawn_cli("export", str(EXAMPLE_DRAFT), "--format", "docx", cwd=tmp_path)
    child.expect("A Word document cannot be shown in the terminal")
    child.expect(r"Add -o FILE\.docx")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 2
    assert b"PK" not in (child.before or b"")
