"""Property test: any text typed into any free-text field survives every export format.

Each format's own reader must parse the file, and the file must contain the text as
text, minus only the characters the format cannot hold (control characters and
Unicode noncharacters, see esmtool.export.textutil.clean_text). Markdown is read
with markdown-it (CommonMark + pipe tables), so Markdown syntax in the text must
not turn into headings, tables, links or HTML.

30 examples by default (the suite stays fast); ESMTOOL_PROPERTY_EXAMPLES=1000 runs more.
"""

from __future__ import annotations

import csv
import functools
import io
import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esmtool.export import render
from esmtool.export.textutil import clean_text

from ..conftest import EXAMPLE_DRAFT

BASE = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))

NASTY = [
    "<script>alert(1)</script>",
    "# heading",
    "| pipe | table |",
    "\x00",
    "\x07\x1b[31m",
    "\ufffe\uffff",
    "- item",
    "1. one",
    "> quote",
    "**bold** _em_ `code`",
    "[link](https://example.org)",
    "&amp; &#x41; &copy",
    "\\",
    "\\|",
    "---",
    "===",
    "    indented",
    "```",
    "\r\n",
    "\u2028",
    "\t",
    "=SUM(A1)",
    "a\n\nb",
    "{{ esm.title }}",
    "{% if %}",
    "$x$ ^y^ ~z~",
    "(1) a) iv.",
]

text = st.lists(
    st.one_of(st.text(min_size=1, max_size=12), st.sampled_from(NASTY)), min_size=1, max_size=4
).map("".join)


#: The ESM's free-text fields.
ESM_TEXT = (
    "id",
    "title",
    "goal",
    "numerator",
    "denominator",
    "data_sources",
    "data_issues",
    "significance",
)


def _draft_data(values: dict[str, str]) -> dict[str, Any]:
    data = {**BASE, "esm": dict(BASE["esm"])}
    data["state"] = values["state"]
    data["notes"] = values["notes"]
    for key in ESM_TEXT:
        data["esm"][key] = values[key]
    data["esm"]["baseline"] = {**BASE["esm"]["baseline"], "note": values["baseline_note"]}
    data["measures"] = [
        {**m, "text": values[f"measure{i}"]} for i, m in enumerate(BASE["measures"])
    ]
    return data


FIELDS = [
    "state",
    "notes",
    *ESM_TEXT,
    "baseline_note",
    *(f"measure{i}" for i in range(len(BASE["measures"]))),
]


def _texts(draft: Any) -> list[str]:
    esm = draft.esm
    assert esm.baseline is not None
    values = [
        draft.state,
        draft.notes,
        esm.id,
        esm.title,
        esm.goal,
        esm.numerator,
        esm.denominator,
        esm.data_sources,
        esm.data_issues,
        esm.significance,
        esm.baseline.note,
        *(m.text for m in draft.measures),
    ]
    return [v for v in values if v]


@functools.cache
def _catalog() -> Any:
    """The bundled catalog (not a fixture: Hypothesis would print it with every failure)."""
    from esmtool.catalog import load_catalog

    return load_catalog(use_env=False)


def _shown(value: str) -> str:
    """What a document can hold of ``value``."""
    return clean_text(value).strip()


def _squash(s: str) -> str:
    return "".join(s.split())


class _Text(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@settings(
    max_examples=int(os.environ.get("ESMTOOL_PROPERTY_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(values=st.fixed_dictionaries({f: text for f in FIELDS}))
def test_every_format_keeps_typed_text(values: dict[str, str], tmp_path: Path) -> None:
    from esmtool.draft import validate_draft
    from esmtool.draft.answers import read_answers_file

    catalog = _catalog()

    draft, problems = validate_draft(_draft_data(values), catalog, complete=True)
    if draft is None:  # e.g. a required field that was only whitespace
        assert problems
        return
    # the notes are in a document only when asked for (--include notes)
    texts = [_shown(t) for t in _texts(draft)]
    texts = [t for t in texts if t]

    # HTML: parses; every text is there exactly; no tag came from the text
    html = render(draft, catalog, "html", include={"notes"}).decode("utf-8")
    page = _Text(html)
    body = "".join(page.parts)
    for t in texts:
        assert t in body, t
    assert "script" not in page.tags

    # Markdown: rendered by a CommonMark reader, every text is there as text
    from markdown_it import MarkdownIt

    md = render(draft, catalog, "md", include={"notes"}).decode("utf-8")
    md_page = _Text(MarkdownIt("commonmark").enable("table").render(md))
    md_body = _squash("".join(md_page.parts))
    for t in texts:
        assert _squash(t) in md_body, t
    assert "script" not in md_page.tags
    assert md_page.tags.count("a") == 1  # the MCHbest page, no link from the text
    assert md_page.tags.count("table") == 6  # the document's own tables (and grid), no more
    assert md_page.tags.count("h1") == 1

    # Word: python-docx opens it; every text is in a paragraph or a table cell
    import docx

    doc = docx.Document(io.BytesIO(render(draft, catalog, "docx", include={"notes"})))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    doc_text = "\n".join(parts)
    for t in texts:
        assert t in doc_text, t
    assert doc.core_properties.title == _shown(draft.esm.title)

    # CSV: the csv module reads one measure row per measure with the texts in their columns
    data = render(draft, catalog, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    rows = [r for r in rows if r["row"] == "measure"]
    assert len(rows) == len(draft.measures)
    for row, m in zip(rows, sorted(draft.measures, key=lambda m: m.quadrant), strict=True):
        for column, value in (
            ("measure", m.text),
            ("esm_title", draft.esm.title),
            ("esm_id", draft.esm.id),
            ("state", draft.state),
        ):
            want = clean_text(value or "")
            assert row[column] in (want, "'" + want), (column, row[column], want)

    # JSON and YAML: the draft itself, read back by esmtool as the same draft
    for fmt in ("json", "yaml"):
        path = tmp_path / f"draft.{fmt}"
        path.write_bytes(render(draft, catalog, fmt))
        data_back, index = read_answers_file(str(path))
        again, problems = validate_draft(data_back, catalog, index=index, complete=True)
        assert not problems, (fmt, problems)
        assert again == draft
