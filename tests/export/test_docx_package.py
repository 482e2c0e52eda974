"""Word documents share the template's unchanged parts and reuse their compressed bytes.

The documents must stay what python-docx itself writes: the same members in the same order,
with the same content, in a zip file that zipfile and python-docx read; and exporting must
never change the template that later documents copy.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx

from esmtool.export import render
from esmtool.export.docx_package import new_document, save, template


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
