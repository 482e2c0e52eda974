"""Word documents share the template's unchanged parts and reuse their compressed bytes.

The documents must stay what python-docx itself writes: the same members in the same order,
with the same content, in a zip file that zipfile and python-docx read; and exporting must
never change the template that later documents copy.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from typing import Any

import docx
import pytest

from esmtool.export import render
from esmtool.export.docx import STYLE_NAMES
from esmtool.export.docx_package import KNOWN_STYLES, new_document, save, template

from ..conftest import EXAMPLE_DRAFT

#: python-docx's own template file
TEMPLATE = os.path.join(os.path.dirname(docx.__file__), "templates", "default.docx")


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return [(info.filename, z.read(info)) for info in z.infolist()]


def _template_parts() -> dict[str, bytes]:
    return {str(p.partname): bytes(p.blob) for p in template().part.package.iter_parts()}


def test_the_package_is_the_one_python_docx_writes(example_draft: Any, catalog: Any) -> None:
    d = new_document()
    d.add_paragraph("A paragraph of the body.")
    ours = _members(save(d))
    theirs_buf = io.BytesIO()
    d.save(theirs_buf)
    theirs = _members(theirs_buf.getvalue())
    assert [name for name, _ in ours] == [name for name, _ in theirs]
    assert ours == theirs
    assert "A paragraph of the body." in docx.Document(io.BytesIO(save(d))).paragraphs[-1].text


def test_exporting_leaves_the_shared_template_unchanged(example_draft: Any, catalog: Any) -> None:
    before = _template_parts()
    render(example_draft, catalog, "docx")
    render(example_draft, catalog, "docx")
    assert _template_parts() == before
    assert len(template().paragraphs) == 0  # the body of each document is its own copy


def test_each_document_has_its_own_body(example_draft: Any, catalog: Any) -> None:
    first = render(example_draft, catalog, "docx")
    other = example_draft.model_copy(
        update={"esm": example_draft.esm.model_copy(update={"title": "Another title entirely"})}
    )
    second = render(other, catalog, "docx")
    again = render(example_draft, catalog, "docx")
    texts = [
        "\n".join(p.text for p in docx.Document(io.BytesIO(b)).paragraphs)
        for b in (first, second, again)
    ]
    assert "Another title entirely" in texts[1]
    assert "Another title entirely" not in texts[0]
    assert texts[0] == texts[2]
    styles = [dict(_members(b))["word/styles.xml"] for b in (first, second)]
    assert styles[0] == styles[1] == dict(_template_parts())["/word/styles.xml"]


def _template_styles_known() -> bool:
    with zipfile.ZipFile(TEMPLATE) as z:
        return bool(KNOWN_STYLES["crc"] == z.getinfo("word/styles.xml").CRC)


#: For what holds only with the python-docx template KNOWN_STYLES was read from: another
#: python-docx's template (other styles) is parsed and read, which the tests below check too.
_KNOWN_TEMPLATE = pytest.mark.skipif(
    not _template_styles_known(),
    reason="this python-docx's template has other styles, which esmtool parses and reads",
)


@_KNOWN_TEMPLATE
def test_the_known_styles_are_those_of_python_docx_template() -> None:
    # read with python-docx itself, from its own template file
    theirs = docx.Document()
    ids = {name: theirs.styles[name].style_id for name in STYLE_NAMES}
    assert KNOWN_STYLES["ids"] == ids
    style = theirs.styles.element.get_by_id(ids["List Number"])
    assert KNOWN_STYLES["list_number_num_id"] == style.pPr.numPr.numId.val
    path = os.path.join(os.path.dirname(docx.__file__), "templates", "default.docx")
    with zipfile.ZipFile(path) as z:
        assert KNOWN_STYLES["crc"] == z.getinfo("word/styles.xml").CRC


def test_a_template_with_other_styles_is_read_for_them(
    example_draft: Any, catalog: Any, monkeypatch: Any
) -> None:
    # the same document whether the styles are known or parsed and read
    from esmtool.export import docx as word
    from esmtool.export import docx_package

    def parts(data: bytes) -> dict[str, bytes]:
        members = dict(_members(data))
        return {k: members[k] for k in ("word/document.xml", "word/numbering.xml")}

    known = parts(render(example_draft, catalog, "docx"))
    monkeypatch.setitem(docx_package._template_crc, "word/styles.xml", 0)
    for fn in (word._style_ids, word._list_number_num_id):
        fn.cache_clear()
    try:
        assert docx_package.known_styles() is None
        read = parts(render(example_draft, catalog, "docx"))
    finally:
        monkeypatch.undo()
        for fn in (word._style_ids, word._list_number_num_id):
            fn.cache_clear()
    assert b"ListNumber" in read["word/document.xml"]
    assert b'w:startOverride w:val="1"' in read["word/numbering.xml"]
    assert read == known


@_KNOWN_TEMPLATE
def test_an_export_neither_parses_nor_compresses_the_template_styles(tmp_path: Any) -> None:
    # in a fresh process: the template's styles stay unparsed, and the unchanged parts go
    # out with the template file's own compressed bytes (the same bytes, member by member)
    out = tmp_path / "a.docx"
    code = (
        "import sys\nfrom esmtool.cli import main\n"
        f"sys.argv = ['esmtool', 'export', {str(EXAMPLE_DRAFT)!r}, '-o', {str(out)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "from esmtool.export.docx_package import template\n"
        "parts = template().part.package.iter_parts()\n"
        "print([p.parsed for p in parts if hasattr(p, 'parsed')])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.split() == ["[False]"], proc.stderr
    with zipfile.ZipFile(TEMPLATE) as z, zipfile.ZipFile(out) as ours:
        assert ours.testzip() is None
        for name in ("word/styles.xml", "word/stylesWithEffects.xml", "word/theme/theme1.xml"):
            mine, theirs = ours.getinfo(name), z.getinfo(name)
            assert (mine.CRC, mine.compress_size) == (theirs.CRC, theirs.compress_size)
            assert ours.read(name) == z.read(name)
    # and python-docx reads it, styles and all
    assert docx.Document(str(out)).paragraphs[0].style.name == "Title"
