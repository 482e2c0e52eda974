"""The Word document's page header and footer: "DRAFT · date" at the top of every page, the
esmtool and catalog versions and "Page N of M" at the bottom.

Word's own header and footer, not a last body paragraph (which could take a page of its own).
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.parser import parse_xml
from docx.shared import Inches, Pt, RGBColor

from .textutil import clean_text

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _t(value: Any, default: str) -> str:
    text = clean_text(str(value)).strip() if value else ""
    return text or default


def page_header_footer(d: Any, doc: dict[str, Any]) -> None:
    """'DRAFT · December 1, 2026' at the top of every page; the esmtool and catalog versions
    and 'Page N of M' at the bottom (Word's own header and footer, not a body paragraph that
    could take a last page of its own)."""
    section = d.sections[0]
    section.header_distance = section.footer_distance = Inches(0.45)
    head = section.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    status = head.add_run(_t(doc.get("status"), "Draft").upper())
    status.bold = True
    status.font.color.rgb = RGBColor(0xA4, 0x00, 0x0F)
    date = head.add_run(f" · {_t(doc.get('date'), '')}" if doc.get("date") else "")
    for run in (status, date):
        run.font.size = Pt(9)
    date.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    foot = section.footer.paragraphs[0]
    by = _t(doc.get("generated_by"), "")
    runs = [foot.add_run(f"{by}  ·  Page " if by else "Page "), _field(foot, "PAGE")]
    runs += [foot.add_run(" of "), _field(foot, "NUMPAGES")]
    for run in runs:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _field(paragraph: Any, code: str) -> Any:
    """Word field ``code`` (PAGE, NUMPAGES) as its runs, shown as 1 until Word computes it;
    returns the result's run (the one to style; the others carry the same size)."""
    props = '<w:rPr><w:color w:val="555555"/><w:sz w:val="16"/></w:rPr>'
    result: Any = None
    for inner in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {code} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        r = parse_xml(f'<w:r xmlns:w="{_W}">{props}{inner}</w:r>')
        paragraph._p.append(r)
        if inner == "<w:t>1</w:t>":
            result = r
    from docx.text.run import Run

    return Run(result, paragraph)
