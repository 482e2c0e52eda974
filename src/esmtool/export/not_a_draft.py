"""Telling a person that the file they asked to export is not a draft, and what it is instead.

``esmtool export my-esm.docx`` (an export given back as the input), a CSV, a README or some
other YAML file used to be answered with "not valid YAML (mapping values are not allowed …)"
or a list of a dozen missing keys. When the file is plainly something else, the message says
"not an esmtool draft" and why; a draft with a real typo still gets the YAML line and column.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import InputFileError

#: The top-level keys of a draft file (schema esmtool.draft/2).
DRAFT_KEYS = (
    "schema",
    "state",
    "npm",
    "strategy",
    "esm",
    "measures",
    "skipped_quadrants",
    "notes",
    "source",
    "reviewers",
    "history",
    "walk",
)
#: A line of a draft file's text that names one of its sections.
_DRAFT_LINE = re.compile(r"^(?:schema|npm|strategy|esm|measures)\s*:", re.MULTILINE)

#: What a file is, by its first bytes (checked first) or by its name's ending.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip package (a Word document, an Excel workbook or another archive)"),
    (b"\xd0\xcf\x11\xe0", "an older Office file (.doc or .xls)"),
)
_SUFFIXES = {
    ".docx": "a Word document",
    ".doc": "a Word document",
    ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook",
    ".pdf": "a PDF document",
    ".html": "a web page (HTML)",
    ".htm": "a web page (HTML)",
    ".md": "a Markdown document",
    ".markdown": "a Markdown document",
    ".csv": "a CSV table",
    ".tsv": "a table of tab-separated values",
    ".txt": "a plain text file",
    ".toml": "a TOML settings file",
    ".ini": "a settings file",
}
HINT = (
    "esmtool export reads a draft: the .yaml (or .json) file that esmtool draft writes, "
    "starting with 'schema: esmtool.draft/2', e.g. esmtool export my-esm.yaml -o my-esm.docx."
)


def what_it_is(source: str) -> str | None:
    """What the file named ``source`` is when it is plainly not a draft, else None."""
    if source == "-":
        return None
    path = Path(source)
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return None  # missing, a folder, unreadable: the reader's own message says which
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            by_name = _SUFFIXES.get(path.suffix.lower())
            return by_name if by_name and magic == b"PK\x03\x04" else kind
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)"
    return _SUFFIXES.get(path.suffix.lower())


def not_a_draft(source: str, why: str) -> InputFileError:
    return InputFileError(f"{source}: not an esmtool draft: {why}.", hint=HINT)


def explain_unreadable(source: str, exc: InputFileError) -> InputFileError:
    """The error to show for a file the draft reader refused (``exc``).

    A file that is plainly something else (by its first bytes or its name) is "not an esmtool
    draft"; so is text that is not YAML and has no line a draft starts with. A .yaml, .yml or
    .json file with a YAML mistake keeps the reader's message, which names the line.
    """
    from ..yamlio import YAMLSyntaxError

    syntax = isinstance(exc, YAMLSyntaxError)
    if syntax and Path(source).suffix.lower() in (".yaml", ".yml", ".json"):
        return exc  # a YAML or JSON file with a mistake: the reader names its line
    kind = what_it_is(source)
    if kind is not None:
        if syntax:
            return not_a_draft(source, f"it is {kind}")
        # the reader's own reason too ("is not UTF-8 text (bad byte at position 10)")
        reason = exc.message.split(": ", 1)[-1].rstrip(".")
        return not_a_draft(source, f"it is {kind}; the file {reason}")
    if syntax and not _reads_like_draft(source):
        return not_a_draft(
            source,
            "it is not YAML or JSON text, and no line starts like a draft's "
            "(schema:, npm:, strategy:, esm:, measures:)",
        )
    return exc


def check_mapping(source: str, data: Any) -> None:
    """Refuse a file that reads as YAML but holds none of a draft's keys."""
    if not isinstance(data, dict) or not data:
        return
    keys = [str(k) for k in data]
    if any(k in DRAFT_KEYS for k in keys):
        return
    kind = what_it_is(source)
    shown = ", ".join(keys[:4]) + (", …" if len(keys) > 4 else "")
    why = f"it is {kind}" if kind else "none of its keys is a draft's"
    raise not_a_draft(
        source, f"{why} (it has {shown}; a draft has schema, npm, strategy, esm, measures)"
    )


def _reads_like_draft(source: str) -> bool:
    if source == "-":
        return True  # stdin: no name to go by, keep the reader's own words
    try:
        text = Path(source).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return bool(_DRAFT_LINE.search(text))
