"""After the walk, on a terminal without -o: pick a document and a file name (never an existing one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from esmtool.errors import Interrupted
from esmtool.walk import choose_export

from ..conftest import EXAMPLE_DRAFT, spawn_cli

ENTER = "\r"
DOWN = "\x1b[B"
CLEAR = "\x15"  # Ctrl-U: clear the line before the cursor


def _choose(keys: str, draft: Any, catalog: Any, autosave: Path) -> tuple[Path, str] | None:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        return choose_export(draft, catalog, autosave=autosave, input=pipe, output=DummyOutput())


def test_word_with_the_suggested_name(
    example_draft: Any, catalog: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    picked = _choose(ENTER + ENTER, example_draft, catalog, tmp_path / "a.yaml")
    assert picked == (Path("esm-11.1.docx"), "docx")


def test_markdown_with_an_existing_name_is_asked_again(
    example_draft: Any, catalog: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken.md").write_text("keep me")
    keys = DOWN + DOWN + ENTER + CLEAR + "taken.md" + ENTER + CLEAR + "fresh.md" + ENTER
    picked = _choose(keys, example_draft, catalog, tmp_path / "a.yaml")
    assert picked == (Path("fresh.md"), "md")
    assert (tmp_path / "taken.md").read_text() == "keep me"


def test_keep_only_the_draft(example_draft: Any, catalog: Any, tmp_path: Path) -> None:
    keys = DOWN * 4 + ENTER
    assert _choose(keys, example_draft, catalog, tmp_path / "a.yaml") is None


def test_ctrl_c_says_how_to_export_later(example_draft: Any, catalog: Any, tmp_path: Path) -> None:
    with pytest.raises(Interrupted) as info:
        _choose("\x03", example_draft, catalog, tmp_path / "a.yaml")
    assert info.value.exit_code == 130
    assert f"esmtool export {tmp_path / 'a.yaml'} -o FILE" in (info.value.hint or "")


@pytest.mark.slow
def test_terminal_without_output_offers_a_document(tmp_path: Path) -> None:
    """A real terminal, no -o: after the review the person picks Markdown and the named file appears."""
    pexpect = pytest.importorskip("pexpect")
    saved = tmp_path / "my.draft.yaml"
    saved.write_text(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    child = spawn_cli("draft", "--resume", str(saved), cwd=tmp_path)
    child.expect("What next")
    child.send(ENTER)  # Save and finish
    child.expect("Export the finished draft as")
    child.send(DOWN + DOWN + ENTER)  # Markdown
    child.expect("Save it as")
    child.send(ENTER)  # the suggested name
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    written = tmp_path / "esm-11.1.md"
    assert written.read_text(encoding="utf-8").startswith("# ")
    assert "Wrote esm-11.1.md" in child.before.decode("utf-8", "replace")
