"""Documents are partner-ready by default; `--include review,notes` adds findings and notes.

Each document is written by the real CLI (a subprocess) and read back with the library that
opens it: python-docx for Word, the standard HTML parser for HTML, a CommonMark reader for
Markdown.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml
from markdown_it import MarkdownIt

from ..conftest import EXAMPLE_DRAFT, run_cli

NOTE = "Ask Dana about the 2024 data"
#: what a partner must never see: key paths and commands
KEY_PATH = re.compile(r"\besm\.[a-z_]+|\bmeasures\[\d+\]|`|esmtool (?:list|show|draft|check)\b")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._tag = tag

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self._tag in ("h1", "h2", "h3"):
            self.headings.append(data.strip())


def _html_text(html: str) -> tuple[str, list[str]]:
    page = _Text()
    page.feed(html)
    return " ".join(page.parts), page.headings


def _read(path: Path) -> tuple[str, list[str]]:
    """(all the text, the headings) of a written document."""
    if path.suffix == ".docx":
        doc = docx.Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
        heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
        return "\n".join(parts), heads
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = MarkdownIt("commonmark").enable("table").render(text)
    return _html_text(text)


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    """The example draft with notes and a strategy filed under another measure (findings)."""
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["notes"] = f"{NOTE}.\nCheck with the data team."
    data["strategy"] = "15-1-cc"
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    # the check itself does find things here, with key paths and commands
    checked = run_cli("check", str(path), "--format", "json")
    assert b"`esmtool" in checked.stdout and b'"esm.significance"' in checked.stdout
    return path


@pytest.mark.parametrize("ext", ["docx", "html", "md"])
def test_partner_ready_by_default(draft_file: Path, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"out.{ext}"
    r = run_cli("export", str(draft_file), "-o", str(out))
    assert r.returncode == 0, r.stderr
    text, heads = _read(out)
    assert "Review findings" not in heads and "Notes" not in heads
    assert NOTE not in text
    assert "filed under" not in text
    assert not KEY_PATH.search(text), KEY_PATH.search(text)
    assert "RBA measure set" in heads  # the document itself is there


@pytest.mark.parametrize("ext", ["docx", "html", "md"])
def test_include_review_and_notes(draft_file: Path, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"out.{ext}"
    r = run_cli("export", str(draft_file), "-o", str(out), "--include", "review,notes")
    assert r.returncode == 0, r.stderr
    text, heads = _read(out)
    assert "Review findings" in heads and "Notes" in heads
    assert NOTE in text
    # findings written for people: fields by their label, no key paths, no commands
    assert "(Significance)" in text and "(Strategy)" in text
    assert "or choose a strategy filed under it." in text
    assert not KEY_PATH.search(text), KEY_PATH.search(text)


def test_include_on_draft_and_repeatable(draft_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    r = run_cli(
        "draft", "--answers", str(draft_file), "--include", "notes", "--include", "review",
        "-o", str(out),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    text, heads = _read(out)
    assert "Review findings" in heads and NOTE in text
    r = run_cli("draft", "--answers", str(draft_file), "-o", str(tmp_path / "plain.md"))
    assert r.returncode == 0, r.stderr
    assert NOTE not in (tmp_path / "plain.md").read_text(encoding="utf-8")


def test_include_unknown_is_a_usage_error(draft_file: Path) -> None:
    r = run_cli("export", str(draft_file), "--include", "reveiw")
    assert r.returncode == 2
    assert b"reveiw" in r.stderr and b"review" in r.stderr
    assert r.stdout == b""


def test_field_labels() -> None:
    from esmtool.export.people import field_label, prose

    assert field_label("esm.targets.2026") == "Target for 2026"
    assert field_label("measures[2].quadrant") == "Measure 3: quadrant"
    assert field_label("esm.id") == "ESM number"
    assert field_label("measures[0].slots.population") == "Measure 1: population"
    # with the draft's quadrants, a measure is found where the walk and documents show it
    assert field_label("measures[2].quadrant", [1, 2, 4]) == "Measure 3 in Quadrant 4: quadrant"
    assert field_label("measures[1]", [1, 2, 4]) == "Measure 2 in Quadrant 2"
    assert prose("See `esmtool list npms` for the codes. Then fix it.") == "Then fix it."
    assert prose("Set unit_number to 1000.") == "Set unit number to 1000."
    assert prose("'esm.title' is required but missing.") == "ESM title is required but missing."


def test_workbook_still_counts_the_findings(draft_file: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "out.xlsx"
    r = run_cli("export", str(draft_file), "-o", str(out))
    assert r.returncode == 0, r.stderr
    sheet = openpyxl.load_workbook(out)["ESMs"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["Warnings"] == 2  # the two significance warnings the check gives this draft
