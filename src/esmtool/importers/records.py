"""State ESM records as text: what the Find State ESMs database shows, copied or saved.

A record starts at its title line ("ESM 4.1 The number of … (Oklahoma)") and
holds labelled fields, each written ``Label: value`` or as the label on a line
of its own with the value on the lines below; a value runs on until the next
label or title. Two fields on one line ("Unit Type: Count, Unit Number: 100")
are split. One file may hold many records; text before the first title (the
page's navigation, "Displaying records 1 through 20") and the page footer are
skipped.

Nothing here trusts positions: a field is known by its label only, and what a
value means (a unit type written under Denominator, a unit number under Unit
Type) is decided later, in :mod:`esmtool.importers.mapping`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import BY_NAME, RECORD_LABELS, norm


@dataclass
class Cell:
    """One value as read: the name it was found under, the field it stands for, its line."""

    name: str
    field: str | None  # None: a column the table does not know
    value: str
    line: int


@dataclass
class RawRecord:
    """One record (or spreadsheet row) as read, before any mapping."""

    source: str  # the file as given
    line: int  # where the record starts (1-based)
    cells: list[Cell] = field(default_factory=list)
    url: str | None = None

    def get(self, name: str) -> Cell | None:
        for c in self.cells:
            if c.field == name:
                return c
        return None


#: "ESM 4.1", "ESM 7.1.1", "ESM 13.2.3", "ESM 11.1a": the number that opens a record.
TITLE = re.compile(r"^\s*(?P<id>ESM\s*(?P<num>\d+(?:\.\d+)*[a-z]?))\b[\s.:\-–]*(?P<rest>.*)$")
#: The address of a saved results page, when the saved text shows it.
_PAGE_URL = re.compile(r"https?://(?:www\.)?mchlibrary\.org/\S+")
_STATE_TAIL = re.compile(r"^(?P<title>.*?)\s*\((?P<state>[A-Z][A-Za-z .'-]{1,40})\)\s*$")
_LABEL = re.compile(
    r"^\s*(?P<label>" + "|".join(re.escape(x) for x in RECORD_LABELS) + r")\s*(?::\s*(?P<v>.*))?$",
    re.IGNORECASE,
)
#: A second field on the same line: ", Unit Number: 100" or "; Unit Number: 100".
_INLINE = re.compile(
    r"[,;]\s*(?P<label>" + "|".join(re.escape(x) for x in RECORD_LABELS) + r")\s*:\s*",
    re.IGNORECASE,
)
#: Lines that end the records of a saved results page.
_FOOTER = (
    "this project is supported by",
    "displaying records",
    "skip navigation",
    "strengthen the evidence for maternal",
    "strengthening the evidence",
    "find state esms",
)


def _footer(line: str) -> bool:
    low = line.strip().lower()
    return any(low.startswith(f) for f in _FOOTER)


def looks_like_records(text: str) -> bool:
    """Whether text holds at least one ESM title line and one known label."""
    has_title = has_label = False
    for line in text.splitlines()[:2000]:
        has_title = has_title or bool(TITLE.match(line))
        has_label = has_label or bool(_LABEL.match(line))
        if has_title and has_label:
            return True
    return False


def parse_records(text: str, source: str) -> list[RawRecord]:
    """Every record in ``text``, in order; lines outside any record are skipped."""
    records: list[RawRecord] = []
    current: RawRecord | None = None
    open_cell: Cell | None = None
    page_url: str | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        m = TITLE.match(line)
        if m:
            current = RawRecord(source, lineno, url=page_url)
            records.append(current)
            rest = m.group("rest").strip()
            current.cells.append(
                Cell("ESM number", "number", " ".join(m.group("id").split()), lineno)
            )
            open_cell = None
            if rest:
                tail = _STATE_TAIL.match(rest)
                if tail:
                    rest = tail.group("title").strip()
                    current.cells.append(Cell("state", "state", tail.group("state"), lineno))
                if rest:
                    open_cell = Cell("title", "title", rest, lineno)
                    current.cells.append(open_cell)
            continue
        if current is None:
            u = _PAGE_URL.search(line)
            if u and page_url is None:
                page_url = u.group(0)
            continue
        if _footer(line):
            current, open_cell = None, None
            continue
        lm = _LABEL.match(line)
        if lm:
            open_cell = None
            for label, value in _split_inline(lm.group("label"), lm.group("v")):
                cell = Cell(label, BY_NAME.get(norm(label)), value, lineno)
                current.cells.append(cell)
                open_cell = cell
            continue
        if open_cell is not None:  # a value on the lines below its label, or running on
            open_cell.value = f"{open_cell.value} {line}".strip() if open_cell.value else line
    for rec in records:  # a title over two lines: the state closes its last line
        title = rec.get("title")
        tail = _STATE_TAIL.match(title.value) if title and not rec.get("state") else None
        if title and tail:
            title.value = tail.group("title").strip()
            rec.cells.insert(1, Cell("state", "state", tail.group("state"), title.line))
    return records


def _split_inline(label: str, value: str | None) -> list[tuple[str, str]]:
    """'Unit Type' + 'Count, Unit Number: 100' -> [('Unit Type','Count'), ('Unit Number','100')]."""
    out: list[tuple[str, str]] = []
    text = (value or "").strip()
    while True:
        m = _INLINE.search(text)
        if not m:
            out.append((_canon(label), text))
            return out
        out.append((_canon(label), text[: m.start()].strip()))
        label, text = m.group("label"), text[m.end() :].strip()


def _canon(label: str) -> str:
    """The label as the table spells it ('unit type' -> 'Unit Type')."""
    for known in RECORD_LABELS:
        if known.lower() == label.lower():
            return known
    return label
