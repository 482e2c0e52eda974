"""Exporting a draft: every format's content, golden files, escaping, user templates.

Golden files live in tests/export/golden/. After an intended change to the documents (or the
bundled seed strategy), regenerate them with:

    ESMTOOL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/export/test_export.py -k golden
"""

from __future__ import annotations

import csv
import io
import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from esmtool import __version__
from esmtool.checks import Finding
from esmtool.errors import EsmtoolError, UsageError
from esmtool.export import format_for, render

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = bool(os.environ.get("ESMTOOL_UPDATE_GOLDEN"))

#: Findings used by the golden documents, so they do not change as check rules evolve.
FIXED_FINDINGS = [
    Finding(
        "warning",
        "quadrant.mismatch",
        "measures[2].quadrant",
        "This measure reads like Quadrant 4 <Quality of Effect>.",
        "Move it to Quadrant 4 | or reword it.",
    ),
    Finding("info", "measures.quadrant1-only", "measures", "Quadrant 1 counts effort.", ""),
]


@pytest.fixture
def fixed_findings(monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    import esmtool.checks

    monkeypatch.setattr(esmtool.checks, "check_draft", lambda draft, catalog: FIXED_FINDINGS)
    return FIXED_FINDINGS


def with_changes(draft: Any, catalog: Any, **changes: Any) -> Any:
    """The draft with top-level or ``esm__field`` changes, validated."""
    from esmtool.draft import validate_draft

    data = draft.to_data()
    for key, value in changes.items():
        if key.startswith("esm__"):
            data["esm"][key[5:]] = value
        else:
            data[key] = value
    new, problems = validate_draft(data, catalog, complete=True)
    assert not problems, problems
    return new


# ----- HTML structure ---------------------------------------------------------------------------


class Page(HTMLParser):
    """A parsed page: title, headings, tables (rows of cell texts), tags seen, attributes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.headings: list[tuple[str, str]] = []
        self.tables: list[list[list[str]]] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self._stack: list[str] = []
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag in ("meta", "br"):
            return
        self._stack.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("h1", "h2", "h3"):
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        elif tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append((tag, "".join(self._heading)))
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._stack and self._stack[-1] == "title":
            self.title += data
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


# ----- golden files -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(
    fmt: str, example_draft: Any, catalog: Any, fixed_findings: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # the documents' date: 2025-12-01
    got = render(example_draft, catalog, fmt).decode("utf-8")
    path = GOLDEN / f"care-coordination.{fmt}"
    if UPDATE or not path.exists():
        path.write_text(got, encoding="utf-8", newline="")
        if not UPDATE:
            pytest.fail(f"{path} was missing and has been written; check it and run again")
    assert got == path.read_text(encoding="utf-8"), (
        f"{fmt} output differs from {path}; if the change is intended, regenerate with "
        "ESMTOOL_UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json", "yaml"])
def test_deterministic(fmt: str, example_draft: Any, catalog: Any) -> None:
    from esmtool.catalog import load_catalog

    again = load_catalog(use_env=False)
    assert render(example_draft, catalog, fmt) == render(example_draft, again, fmt)


# ----- Markdown ---------------------------------------------------------------------------------


def test_markdown_content(example_draft: Any, catalog: Any, fixed_findings: Any) -> None:
    md = render(example_draft, catalog, "md", include={"review"}).decode("utf-8")
    lines = md.splitlines()
    assert lines[0] == f"# {example_draft.esm.title}"
    for heading in (
        "## ESM detail sheet",
        "### Definition",
        "### Baseline and annual objectives",
        "## Strategy and evidence",
        "### References",
        "## RBA measure set",
        "### Headline measures",
        "## Review findings",
    ):
        assert heading in lines
    assert "| Unit type | Percentage |" in lines
    assert "| 2025 (baseline) | 42% |  |" in lines
    assert "| 2030 | 57% | |" in lines
    assert "| Evidence rating | Moderate Evidence |" in lines
    assert "| No. | Quadrant | Question | Measures |" in lines  # no Headline column (12.11)
    q4 = next(line for line in lines if line.startswith("| 4 | Quality of Effect |"))
    assert q4.count("★") == 1 and "★ Percent of families" in q4
    assert "| | Quantity | Quality |" in lines  # the RBA grid
    assert "**Draft** · " in md and "*Draft of " in md
    # findings: escaped (< > |), with their severity and the field by its label
    assert any(
        line.startswith(
            "- **Warning** (Measure 3 in Quadrant 3: quadrant): This measure reads like"
        )
        and "\\<Quality of Effect\\>" in line
        and "Quadrant 4 \\| or reword" in line
        for line in lines
    )
    assert (
        "<https://www.mchevidence.org/tools/strategies/details.php?medical-home-personal-01>" in md
    )
    assert lines[-1].startswith("*Draft of ")  # the date, then the versions (12.11)
    assert lines[-1].endswith(
        f"Generated by esmtool {__version__} with catalog 'esmtool bundled catalog' "
        f"version {catalog.meta.version}.*"
    )
    assert md.endswith("\n") and not md.endswith("\n\n")


def _md_html(md: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(md)


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "- not a list",
        "1. not a list",
        "> not a quote",
        "| not | a | table |",
        "<script>alert(1)</script>",
        "**not bold** and _not em_ and `not code`",
        "[not a link](https://example.org)",
        "&amp; stays &amp;",
        "---",
        "===",
        "    not code",
        "```",
        "Issue #",
        "a \\ backslash",
    ],
)
def test_markdown_user_text_stays_text(text: str, example_draft: Any, catalog: Any) -> None:
    draft = with_changes(example_draft, catalog, esm__goal=text, esm__significance=text)
    html = _md_html(render(draft, catalog, "md").decode("utf-8"))
    page = Page(html)
    body = "".join(page.text)
    assert text.strip() in body
    assert "script" not in page.tags
    assert not [v for _, k, v in page.attrs if k == "href" and "example.org" in (v or "")]
    # the goal stays in its table cell: the detail table keeps its two columns
    detail = page.tables[0]
    assert all(len(row) == 2 for row in detail)
    assert ["Goal", text.strip()] in detail
    # no extra headings or lists appear
    assert [h for h in page.headings if text.strip("# ") in h[1]] == []
    assert page.tags.count("blockquote") == 0


def test_markdown_multiline_cell(example_draft: Any, catalog: Any) -> None:
    draft = with_changes(example_draft, catalog, esm__numerator="first line\n# second | line")
    md = render(draft, catalog, "md").decode("utf-8")
    assert "| Numerator | first line<br>\\# second \\| line |" in md.splitlines()


# ----- HTML -------------------------------------------------------------------------------------


def test_html_structure(example_draft: Any, catalog: Any, fixed_findings: Any) -> None:
    html = render(example_draft, catalog, "html", include={"review"}).decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    page = Page(html)
    assert page.title == example_draft.esm.title
    assert page.headings[0] == ("h1", example_draft.esm.title)
    assert [h for t, h in page.headings if t == "h2"] == [
        "ESM detail sheet",
        "Strategy and evidence",
        "RBA measure set",
        "Review findings",
    ]
    detail, definition, objectives, strategy, quadrants, grid = page.tables
    assert detail[0] == ["Field", "Detail"]
    assert ["NPM code", "medical-home-personal"] in detail
    assert definition[0] == ["Element", "Definition"]
    assert ["Unit number", "100"] in definition
    assert objectives[0] == ["Year", "Objective", "Note"]
    assert objectives[1] == ["2025 (baseline)", "42%", ""]
    assert ["Evidence rating", "Moderate Evidence"] in strategy
    assert quadrants[0] == ["No.", "Quadrant", "Question", "Measures"]
    assert [row[0] for row in quadrants[1:]] == ["1", "2", "3", "4"]
    assert quadrants[4][1:3] == ["Quality of Effect", "How are they better off?"]
    assert quadrants[4][3].startswith("★ Percent of families")
    assert [row[0] for row in grid] == ["", "Effort", "Effect"]  # the RBA grid (12.11)
    # self-contained: inline CSS, no scripts, nothing fetched from the network
    assert "<style>" in html and "@media print" in html and "size: letter" in html
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert not [a for a in page.attrs if a[1] == "src"]
    hrefs = [v for t, k, v in page.attrs if k == "href"]
    assert hrefs == [catalog.strategies["medical-home-personal-01"].url]
    # findings, escaped
    body = "".join(page.text)
    assert "This measure reads like Quadrant 4 <Quality of Effect>." in body
    assert "&lt;Quality of Effect&gt;" in html
    assert f"Generated by esmtool {__version__}" in body


def test_html_escapes_user_text(example_draft: Any, catalog: Any) -> None:
    evil = '<script>alert("x")</script> & <b>bold</b>'
    draft = with_changes(
        example_draft, catalog, esm__title=evil, state="<img src=x onerror=alert(1)>"
    )
    html = render(draft, catalog, "html").decode("utf-8")
    page = Page(html)
    assert page.title == evil
    assert ("h1", evil) in page.headings
    assert "script" not in page.tags and "img" not in page.tags and "b" not in page.tags
    assert "&lt;script&gt;" in html


def test_html_link_only_for_web_urls(example_draft: Any, catalog: Any) -> None:
    from esmtool.export.context import build_context
    from esmtool.export.html import render_html

    ctx = build_context(example_draft, catalog)
    ctx["strategy"]["url"] = "javascript:alert(1)"
    page = Page(render_html(ctx))
    assert not [a for a in page.attrs if a[1] == "href"]
    assert "javascript:alert(1)" in "".join(page.text)


# ----- Word -------------------------------------------------------------------------------------


def test_docx(example_draft: Any, catalog: Any, fixed_findings: Any) -> None:
    import docx

    data = render(example_draft, catalog, "docx", include={"review"})
    assert data[:2] == b"PK"
    doc = docx.Document(io.BytesIO(data))
    props = doc.core_properties
    assert props.title == example_draft.esm.title
    assert props.subject == (
        "ESM for Medical Home: Personal Doctor or Nurse (medical-home-personal); "
        "strategy: Care Coordination and Case Management"
    )
    assert __version__ in props.comments
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Head", "Title"))
    ]
    assert headings[0] == ("Title", example_draft.esm.title)
    assert ("Heading 1", "ESM detail sheet") in headings
    assert ("Heading 2", "Definition") in headings
    assert ("Heading 2", "Baseline and annual objectives") in headings
    assert ("Heading 1", "Strategy and evidence") in headings
    assert ("Heading 1", "RBA measure set") in headings
    assert ("Heading 2", "Headline measures") in headings
    assert ("Heading 1", "Review findings") in headings
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    detail, definition, objectives, strategy, quadrants, grid = tables
    assert detail[0] == ["Field", "Detail"]
    assert ["ESM number", "ESM 11.1"] in detail
    assert definition[0] == ["Element", "Definition"]
    assert definition[1:] == [
        ["Unit type", "Percentage"],
        ["Unit number", "100"],
        ["Numerator", example_draft.esm.numerator],
        ["Denominator", example_draft.esm.denominator],
    ]
    assert objectives[-1] == ["2030", "57%", ""]
    assert ["What the rating means", catalog.evidence["moderate"].definition] in strategy
    assert quadrants[0] == ["No.", "Quadrant", "Question", "Measures"]
    assert quadrants[4][:3] == ["4", "Quality of Effect", "How are they better off?"]
    assert quadrants[4][3].startswith("★ Percent of families")
    assert grid[0] == ["", "Quantity", "Quality"]
    # header rows repeat on each page and are bold
    for t in doc.tables:
        first = t.rows[0]
        assert first._tr.trPr is not None and "tblHeader" in first._tr.trPr.xml
        assert all(r.bold for c in first.cells for r in c.paragraphs[0].runs)
        assert t.style.name == "Table Grid"
    refs = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert refs == list(catalog.strategies["medical-home-personal-01"].references)
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets[0].startswith("Quadrant 4 (Quality of Effect): Percent of families")
    assert bullets[1].startswith(
        "Warning (Measure 3 in Quadrant 3: quadrant): This measure reads like"
    )
    footer = doc.sections[0].footer.paragraphs[0].text  # the page footer (12.11)
    assert footer.startswith(f"Generated by esmtool {__version__}")


def test_docx_removes_characters_xml_forbids(example_draft: Any, catalog: Any) -> None:
    import docx

    draft = with_changes(
        example_draft, catalog, esm__goal="bell\x07 null\x00 esc\x1b ok\nline two\ttab"
    )
    doc = docx.Document(io.BytesIO(render(draft, catalog, "docx")))
    goal = next(row.cells[1].text for row in doc.tables[0].rows if row.cells[0].text == "Goal")
    assert goal == "bell null esc ok\nline two\ttab"


# ----- CSV --------------------------------------------------------------------------------------


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv(example_draft: Any, catalog: Any) -> None:
    from esmtool.export.csv import COLUMNS

    data = render(example_draft, catalog, "csv")
    assert data.startswith("\ufeff".encode())
    rows = _csv(data)
    assert list(rows[0]) == list(COLUMNS)
    assert [r["row"] for r in rows] == ["baseline"] + ["objective"] * 5 + ["measure"] * 4
    for r in rows:
        assert r["esm_id"] == "ESM 11.1"
        assert r["npm"] == "medical-home-personal"
        assert r["strategy"] == "medical-home-personal-01"
        assert r["evidence"] == "Moderate Evidence"
    measures = [r for r in rows if r["row"] == "measure"]
    assert [r["quadrant"] for r in measures] == ["1", "2", "3", "4"]
    assert [r["headline"] for r in measures] == ["no", "no", "no", "yes"]
    assert [r["measure"] for r in measures] == [m.text for m in example_draft.measures]
    assert measures[3]["quadrant_name"] == "Quality of Effect"
    assert b"\r\n" in data


def test_csv_objectives_by_year(example_draft: Any, catalog: Any) -> None:
    """Issue 12.12: the baseline and each year's objective are rows a spreadsheet can chart."""
    rows = _csv(render(example_draft, catalog, "csv"))
    figures = [
        (r["row"], r["year"], r["value"], r["unit"], r["unit_number"], r["direction"])
        for r in rows
        if r["row"] in ("baseline", "objective")
    ]
    # examples/care-coordination.yaml: baseline {year: 2025, value: 42}, targets 45 … 57
    assert figures == [
        ("baseline", "2025", "42", "percentage", "100", "increase"),
        ("objective", "2026", "45", "percentage", "100", "increase"),
        ("objective", "2027", "48", "percentage", "100", "increase"),
        ("objective", "2028", "51", "percentage", "100", "increase"),
        ("objective", "2029", "54", "percentage", "100", "increase"),
        ("objective", "2030", "57", "percentage", "100", "increase"),
    ]
    for r in rows:
        if r["row"] != "measure":
            assert r["measure"] == r["quadrant"] == r["headline"] == ""


def test_csv_measure_has_its_own_unit_form(example_draft: Any, catalog: Any) -> None:
    """Issue 12.12: a count measure is a count, not the ESM's 'percentage,100'."""
    draft = with_changes(
        example_draft,
        catalog,
        measures=[
            {"quadrant": 1, "text": "Number of care coordinators trained"},
            {"quadrant": 2, "text": "Percent of families with a shared plan of care"},
            {"quadrant": 3, "text": "Rate of emergency visits per 1,000 enrolled children"},
            {"quadrant": 4, "text": "Families feel supported by their care coordinator"},
        ],
    )
    measures = [r for r in _csv(render(draft, catalog, "csv")) if r["row"] == "measure"]
    assert [r["unit"] for r in measures] == ["count", "percentage", "rate", ""]
    for r in measures:  # the ESM's figures are not repeated on a measure
        assert r["unit_number"] == r["year"] == r["value"] == r["direction"] == ""


def test_csv_without_measures_and_formula_text(example_draft: Any, catalog: Any) -> None:
    draft = with_changes(example_draft, catalog, measures=[], esm__title="=HYPERLINK(1)")
    rows = _csv(render(draft, catalog, "csv"))
    assert [r["row"] for r in rows] == ["baseline"] + ["objective"] * 5
    assert {r["esm_title"] for r in rows} == {"'=HYPERLINK(1)"}


def test_csv_of_a_bare_draft_has_one_row(catalog: Any) -> None:
    from esmtool.draft import validate_draft

    draft, problems = validate_draft({"esm": {"title": "Number of visits"}}, catalog)
    assert draft is not None, problems
    rows = _csv(render(draft, catalog, "csv"))
    assert len(rows) == 1
    assert rows[0]["row"] == "esm" and rows[0]["esm_title"] == "Number of visits"


# ----- JSON / YAML ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_round_trip(fmt: str, example_draft: Any, catalog: Any, tmp_path: Path) -> None:
    from esmtool.draft import validate_draft
    from esmtool.draft.answers import read_answers_file

    path = tmp_path / f"draft.{fmt}"
    path.write_bytes(render(example_draft, catalog, fmt))
    data, index = read_answers_file(str(path))
    again, problems = validate_draft(data, catalog, index=index, complete=True)
    assert not problems
    assert again == example_draft


# ----- context and formats ----------------------------------------------------------------------


def test_context_keys(example_draft: Any, catalog: Any, fixed_findings: Any) -> None:
    from esmtool.export.context import build_context

    ctx = build_context(example_draft, catalog, include={"review"})
    assert set(ctx) == {
        "document",
        "tool",
        "catalog",
        "include",
        "state",
        "notes",
        "npm",
        "esm",
        "strategy",
        "measures",
        "headline_measures",
        "quadrants",
        "grid",
        "findings",
        "findings_summary",
        "progress",
        "turn_the_curve",
    }
    assert ctx["progress"] is None and ctx["turn_the_curve"] is None  # no actuals, no story
    assert [q["number"] for q in ctx["quadrants"]] == [1, 2, 3, 4]
    assert ctx["esm"]["objectives"][0] == {"year": 2026, "value": 45, "text": "45%"}
    assert ctx["esm"]["baseline"]["text"] == "42%"
    assert ctx["strategy"]["evidence"]["definition"] == catalog.evidence["moderate"].definition
    assert ctx["findings_summary"] == {"error": 0, "warning": 1, "info": 1, "total": 2}
    assert ctx["catalog"]["version"] == catalog.meta.version
    assert [m["number"] for m in ctx["headline_measures"]] == [4]

    def plain(value: Any) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str | int) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str | int | float | bool)

    assert plain(ctx)


def test_context_uses_check_findings(
    example_draft: Any, catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import esmtool.checks

    monkeypatch.setattr(
        esmtool.checks,
        "check_draft",
        lambda d, c: [Finding("error", "x.y", "esm.title", "Title is vague.", "Say who.")],
    )
    md = render(example_draft, catalog, "md", include={"review"}).decode()
    assert "- **Error** (ESM title): Title is vague. Say who." in md


def test_rate_values_and_skipped_quadrant(example_draft: Any, catalog: Any) -> None:
    draft = with_changes(
        example_draft,
        catalog,
        esm__unit_type="rate",
        esm__unit_number=1000,
        esm__baseline={"year": 2025, "value": 12.5},
        esm__targets={2026: 12},
        measures=[{"quadrant": 2, "text": "Percent of X"}],
        skipped_quadrants=[1],
    )
    md = render(draft, catalog, "md").decode()
    assert "| 2025 (baseline) | 12.5 per 1,000 |  |" in md
    assert (
        "| 1 | Quantity of Effort | How much did we do? | No measure (left out on purpose) |" in md
    )
    assert "| 3 | Quantity of Effect | Is anyone better off? | No measure yet |" in md
    assert "No measure is marked as a headline measure." in md


def test_format_for_and_unknown_format(example_draft: Any, catalog: Any) -> None:
    assert format_for(Path("x.docx"), None) == "docx"
    assert format_for(Path("x.HTM"), None) == "html"
    assert format_for(None, "yml") == "yaml"
    with pytest.raises(UsageError):
        render(example_draft, catalog, "pdf")
    with pytest.raises(UsageError):
        render(example_draft, catalog, "docx", template=Path("t.md.j2"))


# ----- user templates ---------------------------------------------------------------------------


def _template(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_template_md(example_draft: Any, catalog: Any, tmp_path: Path) -> None:
    t = _template(
        tmp_path,
        "brief.md.j2",
        "# {{ esm.id }}: {{ esm.title|md_line }}\n"
        "{% for q in quadrants %}\n- Q{{ q.number }} {{ q.name }}: {{ q.measures|length }}\n"
        "{% endfor %}\n{{ strategy.evidence.label }} / {{ tool.version }}\n",
    )
    out = render(example_draft, catalog, "md", template=t).decode()
    assert out.startswith("# ESM 11.1: Percent of children")
    assert "- Q4 Quality of Effect: 1" in out
    assert f"Moderate Evidence / {__version__}" in out


def test_user_template_escapes(example_draft: Any, catalog: Any, tmp_path: Path) -> None:
    draft = with_changes(example_draft, catalog, esm__title="<b>x</b> # | y")
    t_html = _template(tmp_path, "t.html.j2", "<p>{{ esm.title }}</p>")
    assert render(draft, catalog, "html", template=t_html) == b"<p>&lt;b&gt;x&lt;/b&gt; # | y</p>"
    t_md = _template(tmp_path, "t.md.j2", "{{ esm.title }}")
    assert render(draft, catalog, "md", template=t_md) == b"\\<b\\>x\\</b\\> \\# \\| y"


def test_user_template_extends_builtin(example_draft: Any, catalog: Any, tmp_path: Path) -> None:
    t = _template(
        tmp_path,
        "mine.html.j2",
        '{% extends "esm.html.j2" %}{% block findings %}<p id="mine">{{ state }}</p>{% endblock %}',
    )
    page = Page(render(example_draft, catalog, "html", template=t).decode())
    assert "Review findings" not in [h for _, h in page.headings]
    assert "Example State" in "".join(page.text)
    assert ("p", "id", "mine") in page.attrs


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("ok\n{{ ''.__class__.__mro__ }}\n", 2, "may not do"),
        ("ok\nok\n{{ esm.titel }}", 3, "there is no key 'titel'"),
        ("{% if %}", 1, "syntax error"),
        ("a\n{{ esm.title }", 2, "syntax error"),
        ("{{ nothing_here }}", 1, "'nothing_here' is undefined"),
        ("{{ 'x' * 10000000 }}", 1, "longer than"),
        ("{{ 2 ** 100000 }}", 1, "exponent"),
        ('{% include "/etc/passwd" %}', 1, "does not provide"),
        ("{{ esm.objectives.append(1) }}", 1, "may not do"),
        ("{{ 1 / 0 }}", 1, "ZeroDivisionError"),
    ],
)
def test_user_template_errors(
    source: str, line: int, words: str, example_draft: Any, catalog: Any, tmp_path: Path
) -> None:
    from esmtool.export.templating import TemplateError

    t = _template(tmp_path, "bad.md.j2", source)
    with pytest.raises(TemplateError) as info:
        render(example_draft, catalog, "md", template=t)
    assert isinstance(info.value, EsmtoolError) and info.value.exit_code == 2
    assert info.value.message.startswith(f"{t}:{line}: ")
    assert words in info.value.message


def test_template_kind() -> None:
    from esmtool.export.templating import template_kind

    assert template_kind(Path("a.md.j2"), None) == "md"
    assert template_kind(Path("A.HTML"), None) == "html"
    assert template_kind(Path("a.txt"), "md") == "md"
    with pytest.raises(UsageError):
        template_kind(Path("a.txt"), None)
    with pytest.raises(UsageError):
        template_kind(Path("a.md.j2"), "csv")


def test_template_cache_sees_edits(example_draft: Any, catalog: Any, tmp_path: Path) -> None:
    t = _template(tmp_path, "t.md.j2", "one")
    assert render(example_draft, catalog, "md", template=t) == b"one"
    t.write_text("two, longer", encoding="utf-8")
    assert render(example_draft, catalog, "md", template=t) == b"two, longer"


def test_heavy_modules_stay_out_of_browsing() -> None:
    """`esmtool list/show/--help` never import Jinja2 or python-docx."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from esmtool.cli import app\n"
        "r = CliRunner()\n"
        "for args in (['--help'], ['export', '--help'], ['list', 'strategies', '-f', 'json'],\n"
        "             ['show', 'strategy', 'medical-home-personal-01', '-f', 'json']):\n"
        "    assert r.invoke(app, args).exit_code == 0, args\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('jinja2', 'docx')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_batch_file_names(example_draft: Any, catalog: Any) -> None:
    from esmtool.export.batch import Namer, output_stem

    assert output_stem(example_draft, "x.yaml") == "esm-11.1"
    untitled = example_draft.model_copy(
        update={"esm": example_draft.esm.model_copy(update={"id": None})}
    )
    assert output_stem(untitled, "x.yaml").startswith("percent-of-children-with-special")
    nameless = untitled.model_copy(update={"esm": untitled.esm.model_copy(update={"title": None})})
    assert output_stem(nameless, "drafts/My Draft.yaml") == "my-draft"
    assert output_stem(nameless, "-") == "draft"
    reserved = example_draft.model_copy(
        update={"esm": example_draft.esm.model_copy(update={"id": "Con"})}
    )
    assert output_stem(reserved, "x.yaml") == "esm-con"
    namer = Namer()
    assert [namer("a", ".md") for _ in range(3)] == ["a.md", "a-2.md", "a-3.md"]
    assert namer("A", ".md") == "A-4.md"
