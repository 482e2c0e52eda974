"""A saved MCHbest strategy page (text as a browser saves or copies it, or the HTML) -> an entry.

The page is read by its headings ("Strategy.", "Approach.", "Evidence.", "Sample ESMs.",
"References", …), never by position, so both layouts read: the current one
(details.php?medical-home-personal-01: Source, Outcome Components, Intervention Type and
Level) and the older NPM pages (10-5.php: Target Audience, one Outcome sentence, "MCH
Strategy."). What the page lacks is listed, never made up:

- the id comes from the page's address (``details.php?CODE`` or ``10-5.php``), else ``--id``,
  else the bundled strategy of the same measure and name;
- the measure from the heading ("MCHbest. Medical Home: Personal Doctor or Nurse.",
  "MCH Best. NPM 10: Adolescent Well-Visit") matched to a catalog measure's name or old number;
- the rating as printed (``evidence_label``) and normalised by the catalog's evidence aliases
  (a combined label is its weaker level, as the catalog says).

The approach and overview are kept as the page prints them: the entry is the person's own copy
of the page, in their own catalog folder; its ``notes`` say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..catalog import Catalog

HEADINGS = (
    "MCH Strategy",
    "Strategy",
    "Approach",
    "Overview",
    "Evidence",
    "Source",
    "Outcome Components",
    "Outcome",
    "Detailed Outcomes",
    "Intervention Type",
    "Intervention Level",
    "Target Audience",
    "Examples from the Field",
    "Sample ESMs",
    "The Role of Title V",
    "Note",
    "Learn More",
)
_HEAD = re.compile(r"^(?P<h>" + "|".join(re.escape(h) for h in HEADINGS) + r")\.\s*(?P<rest>.*)$")
_TITLE = re.compile(r"^MCH\s*best\.\s*(?P<t>.+?)\.?\s*$", re.IGNORECASE)
_URL = re.compile(
    r"https?://(?:www\.)?mchevidence\.org/tools/strategies/"
    r"(?:details\.php\?(?P<code>[a-z0-9][a-z0-9.-]*)|(?P<old>\d+-\d+)\.php)",
    re.IGNORECASE,
)
_QUAD = re.compile(r"^Quadrant\s*([1-4])\s*:?\s*$", re.IGNORECASE)
_KIND = re.compile(r"^(PROCESS|OUTCOME)\s+MEASURES?\s*:?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[•●▪◦*·-]|\d+\.)\s+")
_PURPOSE = re.compile(r"^(?P<text>.*?[.?!]?)\s*\((?P<purpose>[^()]+)\)\s*\.?$")
_READ_MORE = re.compile(r"\s*\((?:Read more|Access|See)[^)]*\)\s*", re.IGNORECASE)
_FOOTER = re.compile(r"^This project is supported by", re.IGNORECASE)


@dataclass
class PageResult:
    source: str
    entry: dict[str, Any]
    lacking: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Text(HTMLParser):
    """HTML as the text a browser would show: blocks on lines of their own, list items bulleted."""

    BLOCKS = frozenset(
        ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "ul")
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")
        if tag == "link" and a.get("rel") == "canonical" and a.get("href"):
            self.urls.append(str(a["href"]))
        if tag == "meta" and a.get("property") == "og:url" and a.get("content"):
            self.urls.append(str(a["content"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.parts.append(f"\n{data}\n")  # "saved from url=(0069)https://…" of saved pages


def page_text(raw: str) -> tuple[str, list[str]]:
    """The page's text, and addresses the HTML names for itself (canonical link, og:url)."""
    head = raw.lstrip()[:1000].lower()
    if not (head.startswith("<!doctype html") or "<html" in head or "<body" in head):
        return raw, []
    parser = _Text()
    parser.feed(raw)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line), parser.urls


def _sections(lines: list[str]) -> tuple[str | None, dict[str, list[str]], list[str]]:
    title: str | None = None
    sections: dict[str, list[str]] = {}
    refs: list[str] = []
    current: list[str] | None = None
    for line in lines:
        if _FOOTER.match(line):
            current = None
            continue
        m = _TITLE.match(line)
        if m and title is None:
            title = m.group("t")
            current = None
            continue
        if line.rstrip(".: ").lower() == "references":
            current = refs
            continue
        h = _HEAD.match(line)
        if h and h.group("h") not in sections:
            current = sections.setdefault(h.group("h"), [])
            if h.group("rest"):
                current.append(h.group("rest"))
            continue
        if current is not None and not line.lower().startswith("return to main"):
            current.append(line)
    return title, sections, refs


def _first_sentence(text: str) -> str:
    m = re.match(r"^(.+?)[.](?:\s|$)", text)
    return (m.group(1) if m else text).strip()


def _clean(text: str) -> str:
    return _READ_MORE.sub(" ", text).strip().rstrip(".").strip()


def _sample_measures(lines: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    quadrant: int | None = None
    kind = "process"
    for line in lines:
        q = _QUAD.match(line)
        if q:
            quadrant, kind = int(q.group(1)), "process"
            continue
        k = _KIND.match(line)
        if k:
            kind = k.group(1).lower()
            continue
        if quadrant is None or line.lower().startswith("measuring ") or line.startswith("("):
            continue
        text = _BULLET.sub("", line).strip()
        if not text:
            continue
        item: dict[str, Any] = {"quadrant": quadrant, "kind": kind, "text": text}
        m = _PURPOSE.match(text)
        if m and m.group("text"):
            item["text"], item["purpose"] = m.group("text").strip(), m.group("purpose").strip()
        out.append(item)
    return out


def _references(lines: list[str]) -> list[str]:
    joined = " ".join(lines)
    parts = re.split(r"\[\d+\]\s*", joined)
    if len(parts) > 1:
        refs = [" ".join(p.split()) for p in parts[1:]]
    else:  # one reference a line, perhaps numbered "1." or bulleted
        refs = [re.sub(r"^(?:\d+[.)]|[•*-])\s+", "", x).strip() for x in lines]
    return [r for r in refs if r]


def _evidence(label: str, catalog: Catalog) -> str | None:
    low = label.casefold()
    for lv in catalog.evidence.values():
        if low in {n.casefold() for n in (lv.label, *lv.aliases)}:
            return lv.id
    return None


def _measure(title: str | None, catalog: Catalog) -> str | None:
    if not title:
        return None
    m = re.search(r"\bNPM\s*(\d+(?:\.\d+)?)", title)
    if m:
        for x in catalog.measures.values():
            if x.old_number == m.group(1):
                return x.code
    key = re.sub(r"[^a-z0-9]+", " ", title.casefold()).strip()
    for x in catalog.measures.values():
        if re.sub(r"[^a-z0-9]+", " ", x.name.casefold()).strip() == key:
            return x.code
    return None


def read_page(
    raw: str,
    source: str,
    catalog: Catalog,
    *,
    url: str | None = None,
    sid: str | None = None,
) -> PageResult:
    """The strategy entry a page gives (plain data in the catalog's shape), with what it lacks."""
    text, html_urls = page_text(raw)
    lines = [" ".join(x.split()) for x in text.splitlines()]
    lines = [x for x in lines if x]
    title, sec, ref_lines = _sections(lines)
    result = PageResult(source, {})
    e = result.entry
    lack = result.lacking

    found_url = url
    if found_url is None:
        for candidate in [*html_urls, *(m.group(0) for m in _URL.finditer(text))]:
            if _URL.match(candidate):
                found_url = candidate
                break
    um = _URL.match(found_url) if found_url else None
    measure = _measure(title, catalog)
    name_lines = sec.get("Strategy") or []
    name = _clean(name_lines[0]) if name_lines else None
    approach_lines = sec.get("Approach") or sec.get("MCH Strategy") or []
    if sid is None and um:
        sid = (um.group("code") or um.group("old") or "").lower()
    if sid is None and name and measure:  # the bundled strategy of the same measure and name
        same = [
            s
            for s in catalog.strategies.values()
            if s.measure == measure and s.name.casefold() == name.casefold()
        ]
        if len(same) == 1:
            sid = same[0].id
            result.notes.append(f"The id {sid} is that of the catalog's strategy of the same name.")
            if found_url is None:
                found_url = same[0].url
                result.notes.append(
                    "The url is that strategy's (the page does not show its address)."
                )

    def put(key: str, value: Any, missing: str) -> None:
        """The entry's key when the page gives it, else a line of what the page lacks."""
        if value:
            e[key] = value
        else:
            lack.append(missing)

    put("id", sid, "id (the page does not show its address: give --url or --id)")
    put("measure", measure, f"measure (no catalog measure is named '{title or '?'}')")
    put("name", name, "name (no 'Strategy.' heading)")
    put("approach", approach_lines and _clean(" ".join(approach_lines)), "approach")
    put("overview", " ".join(sec.get("Overview") or []), "overview")
    ev_lines = sec.get("Evidence") or []
    if ev_lines:
        label = _first_sentence(ev_lines[0])
        level = _evidence(label, catalog)
        e["evidence"] = level or "unrated"
        e["evidence_label"] = label
        if level is None:
            lack.append(f"evidence level (the rating '{label}' is not one esmtool knows: unrated)")
    else:
        e["evidence"] = "unrated"
        lack.append("evidence rating (read as unrated)")
    put("source", sec.get("Source") and _clean(sec["Source"][0]), "source")
    components = sec.get("Outcome Components") or []
    bullets = [x for x in components if _BULLET.match(x)]
    outcomes = [_first_sentence(_BULLET.sub("", x)) for x in (bullets or components[1:])]
    if outcomes:
        e["outcomes"] = outcomes
    else:
        lack.append("outcome components")
        if sec.get("Outcome"):
            result.notes.append(
                f"Outcome stated on the page: {_first_sentence(sec['Outcome'][0])}."
            )
    for key, head in (
        ("intervention_type", "Intervention Type"),
        ("intervention_level", "Intervention Level"),
    ):
        put(key, sec.get(head) and _clean(sec[head][0]), head.lower())
    if sec.get("Target Audience"):
        e["target_audience"] = _clean(sec["Target Audience"][0])
    put("sample_measures", _sample_measures(sec.get("Sample ESMs") or []), "sample measures")
    put("references", _references(ref_lines), "references")
    put("url", found_url, "url (give --url)")
    notes = ["Imported from a saved MCHbest page; approach and overview as the page prints them."]
    if lack:
        notes.append(f"The page lacks: {'; '.join(lack)}.")
    notes += result.notes
    e["notes"] = " ".join(notes)
    return result


def write_entry(result: PageResult, folder: Path, catalog: Catalog, *, force: bool) -> Path:
    """Validate the entry and write it to ``folder``/ID.yaml; raise what is wrong with it."""
    from pydantic import ValidationError

    from ..catalog.models import Strategy
    from ..errors import CatalogError, Problem
    from ..fsutil import atomic_write, ensure_folder, safe_filename
    from ..locate import pydantic_problems
    from ..yamlio import dump_yaml

    try:
        Strategy.model_validate(result.entry)
    except ValidationError as exc:
        raise CatalogError(
            f"{result.source}: the page does not give a valid strategy entry:",
            pydantic_problems(exc, None),
            hint="Add what is missing with --id, --url (one page at a time), or save the whole "
            "page again.",
        ) from None
    if result.entry["measure"] not in catalog.measures:
        raise CatalogError(
            f"{result.source}: the page names a measure the catalog does not have:",
            [Problem("measure", f"'{result.entry['measure']}' is not a measure code")],
        )
    ensure_folder(folder)
    path = folder / f"{safe_filename(result.entry['id'], fallback='strategy')}.yaml"
    head = (
        f"# Imported by esmtool catalog import from {Path(result.source).name}.\n"
        "# Facts as the page prints them; check the page before citing them.\n"
    )
    atomic_write(path, head + dump_yaml({"strategies": [result.entry]}), force=force)
    return path
