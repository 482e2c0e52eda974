"""Word export: a real .docx built with python-docx from the template context.

The document uses Word's own styles (Title, Heading 1 and 2, List Number,
List Bullet, Table Grid), so a reader can restyle it or build a table of
contents. Tables have a header row that repeats across pages, room around each
cell's text and rows that are not split across pages; the measure set is shown
as a table and as the RBA 2×2 grid; "DRAFT", the date and the versions are in
the page header and footer (:mod:`esmtool.export.docx_page`). Text goes
through :func:`~esmtool.export.textutil.clean_text` first, because XML (and
python-docx) refuses control characters.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import cache
from typing import Any

from docx.oxml.parser import parse_xml
from docx.shared import Inches, Pt

from .docx_package import known_styles, new_document, save, template
from .textutil import clean_text

DASH = "—"
#: Word's built-in styles this document uses (by name; resolved to ids once per process).
STYLE_NAMES = (
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Number",
    "List Bullet",
    "Table Grid",
)
HEADER_FILL = "E7ECF2"
STAR = "★"


def _t(value: Any, default: str = DASH) -> str:
    if value is None or value == "":
        return default
    text = clean_text(str(value)).strip()
    return text or default


@cache
def _style_ids() -> dict[str, str]:
    """Style name -> style id in python-docx's default template.

    Assigning a style by name makes python-docx scan every style of the document
    each time; setting the id directly keeps a document to a few milliseconds.
    """
    known = known_styles()  # python-docx's own template: no need to parse its 430 KB of styles
    if known is not None:
        return {name: known["ids"][name] for name in STYLE_NAMES}
    styles = template().styles
    return {name: styles[name].style_id for name in STYLE_NAMES}


@cache
def _list_number_num_id() -> int | None:
    """The numbering (numId) the 'List Number' style uses in the template, if any."""
    known = known_styles()
    if known is not None:
        return int(known["list_number_num_id"])
    style = template().styles.element.get_by_id(_style_ids()["List Number"])
    num_pr = style.pPr.numPr if style is not None and style.pPr is not None else None
    return None if num_pr is None or num_pr.numId is None else int(num_pr.numId.val)


def _heading_at(d: Any, text: str, level: int) -> Any:
    name = "Title" if level == 0 else f"Heading {level}"
    return _para(d, text, name)


def _add_paragraph(
    d: Any, text: str | Sequence[tuple[str, str]] = "", style: str | None = None
) -> Any:
    """``d.add_paragraph(text, style)`` in constant time; ``text``: a string, or runs of
    (text, "b" bold / "i" italic / "").

    python-docx finds the body's closing ``w:sectPr`` by scanning every child on each new
    paragraph, so a document of n paragraphs took n^2 steps (a 20,000-measure draft ran past
    300 s). The closing element is found once per document here. The paragraph is parsed
    from its WordprocessingML in one piece, as the tables are (python-docx adds a run's text
    one character at a time: a third of a document's time).
    """
    from docx.text.paragraph import Paragraph

    runs = [(text, "")] if isinstance(text, str) else list(text)
    pstyle = f'<w:pPr><w:pStyle w:val="{_style_ids()[style]}"/></w:pPr>' if style else ""
    # (each CR a line break, as python-docx's run text makes it)
    body = "".join(_run_xml(t.replace("\r", "\n"), flags) for t, flags in runs if t)
    p = parse_xml(f'<w:p xmlns:w="{_W}">{pstyle}{body}</w:p>')
    anchor = _anchor(d)
    if anchor is not None:
        anchor.addprevious(p)
    else:
        d.element.body.append(p)
    return Paragraph(p, d._body)


def _anchor(d: Any) -> Any:
    """The body's closing section properties, looked up once per document."""
    if not hasattr(d, "_esmtool_anchor"):
        d._esmtool_anchor = d.element.body.sectPr
    return d._esmtool_anchor


def _para(d: Any, text: str | Sequence[tuple[str, str]] = "", style: str | None = None) -> Any:
    return _add_paragraph(d, text, style)


def render_docx(ctx: dict[str, Any], *, chart_png: bytes | None = None) -> bytes:
    """The document as .docx bytes; ``chart_png``: the turn-the-curve chart, an inline picture."""
    d = new_document()
    setup(d, ctx)
    add_esm(d, ctx, chart_png=chart_png)
    from .docx_page import page_header_footer

    page_header_footer(d, ctx["document"])
    return save(d)


def add_esm(d: Any, ctx: dict[str, Any], *, depth: int = 0, chart_png: bytes | None = None) -> None:
    """One ESM's document body: its title, detail sheet, strategy, measure set, progress,
    turn-the-curve sections, findings, notes.

    ``depth`` 0: the ESM is the document (its title in the Title style); 1: the ESM is a
    section of a larger document (a plan), its title a Heading 1 and its parts one level down.
    """
    esm, npm, strategy = ctx["esm"], ctx["npm"], ctx["strategy"]

    def _heading(d: Any, text: str, level: int) -> Any:
        return _heading_at(d, text, level + depth if level or depth else 0)

    _heading(d, _t(ctx["document"]["title"]), level=0)
    sub = _add_paragraph(d, _t(ctx["document"]["subtitle"]))
    sub.runs[0].italic = True

    # ----- ESM detail sheet
    _heading(d, "ESM detail sheet", level=1)
    _fields(
        d,
        ("Field", "Detail"),
        [
            ("ESM number", esm["id"]),
            ("ESM title", esm["title"]),
            ("State", ctx["state"]),
            ("National Performance Measure", npm["name"] if npm else None),
            ("NPM code", npm["code"] if npm else None),
            ("Population domain", npm["domain"] if npm else None),
            ("NPM wording", npm["definition"] if npm else None),
            ("Measure status", esm["status_label"]),
            ("Goal", esm["goal"]),
        ],
    )
    _heading(d, "Definition", level=2)
    _fields(
        d,
        ("Element", "Definition"),
        [
            ("Unit type", esm["unit_type_label"]),
            ("Unit number", esm["unit_number_text"]),
            ("Numerator", esm["numerator"]),
            ("Denominator", esm["denominator"]),
        ],
    )
    _heading(d, "Data sources and data issues", level=2)
    _labelled(d, "Data sources: ", esm["data_sources"])
    _labelled(d, "Data issues: ", _t(esm["data_issues"], "None noted."))
    _heading(d, "Significance", level=2)
    _add_paragraph(d, _t(esm["significance"]))
    _heading(d, "Baseline and annual objectives", level=2)
    _labelled(d, "Direction of improvement: ", esm["direction_text"])
    objectives: list[tuple[Cell, ...]] = []
    if esm["baseline"]:
        b = esm["baseline"]
        objectives.append((f"{b['year']} (baseline)", b["text"], _t(b["note"], "")))
    objectives += [(str(o["year"]), o["text"], "") for o in esm["objectives"]]
    if not objectives:
        objectives.append((DASH, DASH, "No baseline or objectives yet."))
    table(d, ("Year", "Objective", "Note"), objectives, (1.5, 1.5, 3.5))

    # ----- strategy and evidence
    _heading(d, "Strategy and evidence", level=1)
    if strategy:
        ev = strategy["evidence"] or {}
        _fields(
            d,
            ("Field", "Detail"),
            [
                ("Strategy", strategy["name"]),
                ("Strategy ID", strategy["id"]),
                ("Approach", strategy["approach"]),
                ("Evidence rating", ev.get("level")),
                ("What the rating means", ev.get("definition")),
                ("Source", strategy["source"]),
                ("Outcome components", "; ".join(strategy["outcomes"])),
                ("Intervention type", strategy["intervention_type"]),
                ("Intervention level", strategy["intervention_level"]),
                (
                    "MCHbest page" if strategy["origin"] in (None, "mchbest") else "Described at",
                    strategy["url"],
                ),
            ],
        )
        if strategy["references"]:
            _heading(d, "References", level=2)
            _numbered(d, strategy["references"])
    else:
        _add_paragraph(d, "No strategy chosen yet.")

    # ----- RBA measure set: ★ once per headline measure, in its own cell
    _heading(d, "RBA measure set", level=1)
    rows: list[tuple[Cell, ...]] = []
    for q in ctx["quadrants"]:
        rows.append((str(q["number"]), _t(q["name"]), _t(q["question"], ""), _measure_lines(q)))
    table(
        d, ("No.", "Quadrant", "Question", "Measures"), rows, (0.5, 1.25, 1.35, 3.4), together=True
    )
    legend = _add_paragraph(d, f"{STAR} marks a headline measure.")
    legend.runs[0].italic = True
    legend.paragraph_format.space_before = Pt(4)
    _heading(d, "The measure set as an RBA grid", level=2)
    grid = ctx["grid"]
    grid_rows: list[tuple[Cell, ...]] = []
    for row in grid["rows"]:
        cells: list[Cell] = [[(_t(row["label"]), "b")]]
        for q in row["quadrants"]:
            cells.append([(f"{q['number']}. {_t(q['rba_question'])}", "b"), *_measure_lines(q)])
        grid_rows.append(tuple(cells))
    table(d, ("", *grid["columns"]), grid_rows, (0.9, 2.8, 2.8), together=True)
    _heading(d, "Headline measures", level=2)
    if ctx["headline_measures"]:
        for m in ctx["headline_measures"]:
            lead = f"Quadrant {m['quadrant']} ({_t(m['quadrant_name'])}): "
            _para(d, [(lead, "b"), (_t(m["text"]), "")], "List Bullet")
    else:
        _add_paragraph(d, "No measure is marked as a headline measure.")

    if ctx.get("progress"):
        _progress(d, ctx["progress"], chart_png, depth)
    if ctx.get("turn_the_curve"):
        _turn_the_curve(d, ctx["turn_the_curve"], depth)

    # ----- findings
    if ctx["include"]["review"]:
        _heading(d, "Review findings", level=1)
        for f in ctx["findings"]:
            tail = f" ({_t(f['field'], '')})" if f["field"] else ""
            tail += f": {_t(f['message'], '')}"
            if f["advice"]:
                tail += f" {_t(f['advice'], '')}"
            _para(d, [(_t(f["severity_label"]), "b"), (tail, "")], "List Bullet")
        if not ctx["findings"]:
            _add_paragraph(d, "The review found nothing to point out.")

    if ctx["notes"]:
        _heading(d, "Notes", level=1)
        _add_paragraph(d, _t(ctx["notes"]))


def _measure_lines(q: dict[str, Any]) -> list[tuple[str, str]]:
    """A quadrant's measures as cell paragraphs: a headline measure bold, after one ★."""
    if not q["measures"]:
        empty = "No measure (left out on purpose)" if q["skipped"] else "No measure yet"
        return [(empty, "i")]
    return [
        (f"{STAR} {_t(m['text'])}", "b") if m["headline"] else (_t(m["text"]), "")
        for m in q["measures"]
    ]


def _progress(d: Any, progress: dict[str, Any], chart_png: bytes | None, depth: int = 0) -> None:
    _heading_at(d, "Progress against the annual objectives", 1 + depth)
    if chart_png is not None:
        run = _add_paragraph(d).add_run()
        run.add_picture(io.BytesIO(chart_png), width=Inches(6.5))
        caption = _add_paragraph(
            d,
            "Turn the curve: baseline, annual objectives, actuals and the forecast from the "
            f"actuals' trend ({progress['unit_label']}). The same figures are in the table.",
        )
        caption.runs[0].italic = True
    rows: list[tuple[Cell, ...]] = []
    for y in progress["years"]:
        actual = _t(y["actual_text"]) + (" (computed)" if y["computed"] else "")
        rows.append(
            (
                str(y["year"]),
                _t(y["objective_text"]),
                actual,
                _t(y["met_text"], ""),
                _t(y["share_text"], ""),
                _t(y["change_text"], ""),
                _t(y["status"], ""),
            )
        )
    for f in progress["forecast"]:
        rows.append((str(f["year"]), "", f"{_t(f['text'])} (forecast)", "", "", "", ""))
    table(
        d,
        ("Year", "Objective", "Actual", "Met", "Of the way", "Change", "Status"),
        rows,
        (0.65, 1.0, 1.3, 0.6, 0.85, 0.85, 1.25),  # headers fit whole
    )
    if progress["trend_text"]:
        _labelled(d, "Trend: ", progress["trend_text"]).paragraph_format.space_before = Pt(6)


def _turn_the_curve(d: Any, ttc: dict[str, Any], depth: int = 0) -> None:
    _heading_at(d, "Turning the curve", 1 + depth)
    for heading, key in (
        ("The story behind the curve", "story"),
        ("What works", "what_works"),
        ("Action plan", "action_plan"),
    ):
        if ttc[key]:
            _heading_at(d, heading, 2 + depth)
            _add_paragraph(d, _t(ttc[key]))
    if ttc["partners"]:
        _heading_at(d, "Partners", 2 + depth)
        for p in ttc["partners"]:
            _para(d, _t(p), "List Bullet")
    if ttc["data_development"]:
        _heading_at(d, "Data development agenda", 2 + depth)
        _numbered(d, ttc["data_development"])


def setup(d: Any, ctx: dict[str, Any]) -> None:
    for section in d.sections:  # letter paper, 1-inch margins
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        section.left_margin = section.right_margin = Inches(1)
        section.top_margin = section.bottom_margin = Inches(1)
    props = d.core_properties
    day = ctx["document"].get("date_iso")
    now = (
        dt.datetime.fromisoformat(day)
        if day
        else dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    )
    props.title = _t(ctx["document"]["title"], "")[:255]
    props.subject = _t(ctx["document"]["subject"], "")[:255]
    props.author = ""
    props.last_modified_by = "esmtool"
    props.category = "Title V ESM draft"
    keywords = ["ESM", "Title V", "RBA"]
    if ctx["npm"]:
        keywords.append(_t(ctx["npm"]["code"], ""))
    if ctx["strategy"]:
        keywords.append(_t(ctx["strategy"]["id"], ""))
    props.keywords = "; ".join(k for k in keywords if k)[:255]
    props.comments = _t(ctx["document"]["generated_by"], "")
    props.revision = 1
    props.created = now
    props.modified = now


def _labelled(d: Any, label: str, value: Any) -> Any:
    return _add_paragraph(d, [(label, "b"), (_t(value), "")])


def _numbered(d: Any, items: Sequence[Any]) -> None:
    """A 'List Number' list that starts at 1: Word would go on from the previous list (a
    plan's second ESM's references at 5, the data development agenda after the references)."""
    paras = [_para(d, _t(item), "List Number") for item in items]
    num_id = _list_number_num_id()  # (the styles are the template's, shared by every document)
    if not paras or num_id is None:
        return
    numbering = d.part.numbering_part.element
    num = numbering.add_num(numbering.num_having_numId(num_id).abstractNumId.val)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for p in paras:
        own = p._p.get_or_add_pPr().get_or_add_numPr()
        own.get_or_add_ilvl().val = 0
        own.get_or_add_numId().val = num.numId


def _fields(d: Any, header: tuple[str, str], rows: list[tuple[str, Any]]) -> None:
    """A two-column table of labelled values, with a header row."""
    values = [(label, _t(value)) for label, value in rows]
    table(d, header, values, (1.9, 4.6), bold_first=True)


#: A table cell: plain text, or paragraphs of (text, "b" bold / "i" italic / "").
Cell = str | list[tuple[str, str]]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TWIPS = 1440  # per inch
#: Room around a cell's text: 0.05 inch above and below, 0.09 inch at the sides (Word's
#: Table Grid default, 0 and 0.08 inch, sets text against the top and bottom rules).
CELL_MARGINS = (
    '<w:tblCellMar><w:top w:w="72" w:type="dxa"/><w:left w:w="130" w:type="dxa"/>'
    '<w:bottom w:w="72" w:type="dxa"/><w:right w:w="130" w:type="dxa"/></w:tblCellMar>'
)


def _run_xml(text: str, flags: str = "") -> str:
    props = ("<w:b/>" if "b" in flags else "") + ("<w:i/>" if "i" in flags else "")
    out = [f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>"]
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, part in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if part:
                out.append(f'<w:t xml:space="preserve">{_xml_text(part)}</w:t>')
    out.append("</w:r>")
    return "".join(out)


def _xml_text(text: str) -> str:
    """Text as XML character data (what xml.sax.saxutils.escape does; that module imports
    urllib.request, and with it ssl and http.client: 9 ms of every Word export's start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_xml(
    content: Cell, width: int, flags: str = "", fill: str | None = None, keep: bool = False
) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    paragraphs = [(content, flags)] if isinstance(content, str) else content or [("", "")]
    start = "<w:p><w:pPr><w:keepNext/></w:pPr>" if keep else "<w:p>"
    body = "".join(f"{start}{_run_xml(text, fl) if text else ''}</w:p>" for text, fl in paragraphs)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{body}</w:tc>'


def table(
    d: Any,
    header: tuple[str, ...],
    rows: Sequence[tuple[Cell, ...]],
    widths: tuple[float, ...],
    *,
    bold_first: bool = False,
    together: bool = False,
) -> None:
    """A 'Table Grid' table with a bold, shaded header row that repeats on each page.

    Cells have room around their text (CELL_MARGINS), and a row is not split across two
    pages (one taller than a page still is). ``together``: the table is kept on one page
    when it fits (a short table such as the four quadrants).

    Built as WordprocessingML in one piece: python-docx's cell API rebuilds the
    table grid on every access, which made tables most of a document's time.
    """
    twips = [round(w * _TWIPS) for w in widths]
    style = _style_ids()["Table Grid"]
    parts = [
        f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblStyle w:val="{style}"/>'
        f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblLayout w:type="fixed"/>{CELL_MARGINS}'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in twips),
        "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        *(_cell_xml(h, w, "b", HEADER_FILL, together) for h, w in zip(header, twips, strict=True)),
        "</w:tr>",
    ]
    row_start = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    for n, row in enumerate(rows, 1):
        parts.append(row_start)
        keep = together and n < len(rows)
        for i, (content, w) in enumerate(zip(row, twips, strict=True)):
            parts.append(_cell_xml(content, w, "b" if bold_first and i == 0 else "", None, keep))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    table = parse_xml("".join(parts))
    anchor = _anchor(d)
    if anchor is not None:
        anchor.addprevious(table)
    else:
        d.element.body.append(table)
