"""From a record as read to a draft: what maps, what is kept in notes, what is left out and why.

Decisions (README "Importing"):

- the NPM comes from the record's NPM column, else from the ESM number ("ESM 4.1" is an ESM
  of old NPM 4; "ESM 13.2.1" of NPM 13.2): the longest leading part that is the old number
  of a catalog measure (the 2015-2025 numbering);
- the strategy comes from a column naming a catalog id, else from the reviewers' "Aligns with
  MCHbest strategy "…"" when exactly one catalog strategy of that measure has that name;
- unit types: "Percentage"/"Percent"/"Proportion" -> percentage, "Count"/"Simple Count"/"Number"
  -> count, "Rate" -> rate. A unit type written under Denominator ("Denominator: Count") or a
  unit number under Unit Type ("Unit Type: 100") is read where it belongs. "Yes/No" and other
  units esmtool does not have are kept in the notes and listed;
- "NA", "N/A", "Text" or a blank denominator means none;
- the reviewers' tags (evidence level, quadrant, comment) go to ``reviewers``; their service
  type, essential service, service recipient and the record's year go to the notes;
- whatever the draft's own rules refuse (a count's denominator, a percentage's unit number other
  than 100) is left out, kept in the notes and listed, so the draft is still a valid partial draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..draft import Draft, set_path, validate_draft
from ..draft.rules import apply_defaults, is_na, missing_keys
from .labels import FIELDS
from .records import Cell, RawRecord

if TYPE_CHECKING:
    from ..catalog import Catalog

UNIT_WORDS: dict[str, str] = {
    "percentage": "percentage",
    "percent": "percentage",
    "%": "percentage",
    "proportion": "percentage",
    "count": "count",
    "simple count": "count",
    "number": "count",
    "rate": "rate",
}
STATUS_WORDS = {"active": "active", "completed": "completed", "inactive": "inactive"}
_QUADRANT = re.compile(r"(?:quadrant|q)\s*([1-4])\b|^\s*([1-4])\s*$", re.IGNORECASE)
_ALIGNS = re.compile(r'aligns with mchbest strategy\s*["“](?P<name>[^"”]+)["”]', re.IGNORECASE)
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")
#: Tags kept in the notes, with the words that introduce them there.
NOTE_FIELDS = {
    "service_type": "Service Type (reviewers' tag)",
    "essential_services": "Essential Public Health Services (reviewers' tag)",
    "recipient": "Service Recipient (reviewers' tag)",
    "year": "Year of the record",
    "notes": "Notes",
}


@dataclass
class RecordReport:
    """What happened to one record, line by line, for the person who imports it."""

    source: str
    line: int
    label: str
    read: list[str] = field(default_factory=list)
    mapped: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    written: str | None = None
    error: str | None = None

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass
class Imported:
    data: dict[str, Any]
    report: RecordReport


def _unit(text: str) -> str | None:
    low = " ".join(text.lower().replace(";", " ").split()).strip(" .")
    return UNIT_WORDS.get(low)


def _whole(text: str) -> int | None:
    t = text.replace(",", "").strip()
    return int(t) if t.isdigit() else None


def _number(text: str) -> float | int | None:
    t = text.strip()
    if not _NUMBER.match(t):
        return None
    t = t.replace(",", "").removesuffix("%")
    v = float(t)
    return int(v) if v.is_integer() else v


class _Builder:
    def __init__(self, rec: RawRecord, catalog: Catalog, has_v2: bool) -> None:
        self.rec = rec
        self.catalog = catalog
        self.has_v2 = has_v2
        self.data: dict[str, Any] = {}
        self.notes: list[str] = []
        self.reviewers: dict[str, Any] = {}
        self.cells: dict[str, Cell] = {}  # key path -> the cell its value came from
        number, state = rec.get("number"), rec.get("state")
        label = " ".join(
            x for x in (number.value if number else "", f"({state.value})" if state else "") if x
        )
        self.report = RecordReport(rec.source, rec.line, label or "record")

    # --- helpers -------------------------------------------------------------------------------
    def where(self, cell: Cell) -> str:
        return f"line {cell.line}"

    def keep(self, cell: Cell, why: str, *, note: bool = True) -> None:
        self.report.left_out.append(f"{self.where(cell)}: {cell.name} '{_clip(cell.value)}': {why}")
        if note:
            self.notes.append(f"{cell.name}: {cell.value}")

    def put(self, key: str, value: Any, cell: Cell, how: str | None = None) -> None:
        set_path(self.data, key, value)
        self.cells[key] = cell
        if how:
            self.report.mapped.append(f"{self.where(cell)}: {how}")

    # --- the fields ----------------------------------------------------------------------------
    def build(self) -> Imported:
        cells = self.rec.cells
        self.report.read = _unique(c.name for c in cells)
        by_field: dict[str, Cell] = {}
        for c in cells:
            if c.field in by_field and c.field not in ("notes",):
                self.keep(c, f"given twice (the first, {self.where(by_field[c.field])}, is used)")
                continue
            if c.field:
                by_field[c.field] = c
        unit_hint: tuple[str, Cell] | None = None
        number_hint: tuple[int, Cell] | None = None
        for c in cells:
            if c.field and by_field.get(c.field) is not c:
                continue
            f, v = c.field, c.value.strip()
            if f is None:
                self.keep(
                    c, 'a column esmtool does not know (map it with --map "NAME=KEY")', note=True
                )
            elif f.startswith("key:"):
                from ..draft import parse_set_value

                if f[4:] == "notes":  # kept beside the other notes, under its own name
                    self.notes.append(f"{c.name}: {v}")
                    self.report.mapped.append(f"{self.where(c)}: {c.name} -> notes (--map)")
                else:
                    self.put(f[4:], parse_set_value(v), c, f"{c.name} -> {f[4:]} (--map)")
            elif f.startswith("target:"):
                value = _number(v)
                if value is None:
                    self.keep(c, "is not a number")
                else:
                    self.put(f"esm.targets.{f[7:]}", value, c)
            elif f in (
                "number",
                "title",
                "state",
                "goal",
                "numerator",
                "significance",
                "data",
                "data_sources",
                "data_issues",
            ):
                self.put(FIELDS[f][1], v, c)
            elif f == "status":
                s = STATUS_WORDS.get(v.lower().strip(" ."))
                if s:
                    self.put("esm.status", s, c)
                else:
                    self.keep(c, "is not active, completed or inactive; kept in the notes")
            elif f == "unit_type":
                unit = _unit(v)
                n = _whole(v)
                if unit:
                    self.put("esm.unit_type", unit, c, f"Unit Type '{v}' -> {unit}")
                elif n is not None:
                    number_hint = (n, c)
                else:
                    self.keep(
                        c,
                        "not a unit type esmtool has (percentage, count, rate); kept in the notes",
                    )
            elif f == "unit_number":
                n = _whole(v)
                unit = _unit(v)
                if n is not None:
                    self.put("esm.unit_number", n, c)
                elif unit:
                    unit_hint = (unit, c)
                else:
                    self.keep(c, "is not a whole number; kept in the notes")
            elif f == "denominator":
                parts = [p.strip() for p in re.split(r"[;,]", v) if p.strip()]
                units = [u for u in (_unit(p) for p in parts) if u]
                rest = [p for p in parts if not _unit(p)]
                if units:
                    unit_hint = (units[0], c)
                if not rest or all(is_na(p) or p.lower() == "text" for p in rest):
                    self.report.mapped.append(
                        f"{self.where(c)}: Denominator '{_clip(v)}' -> none"
                        + (f" (and the unit type {units[0]})" if units else "")
                    )
                else:
                    self.put("esm.denominator", "; ".join(rest) if units else v, c)
            elif f == "direction":
                d = v.lower().strip(" .")
                if d in ("increase", "decrease"):
                    self.put("esm.direction", d, c)
                else:
                    self.keep(c, "is not increase or decrease; kept in the notes")
            elif f in ("baseline", "baseline_year"):
                value = _number(v) if f == "baseline" else _whole(v)
                if value is None:
                    self.keep(c, "is not a number; kept in the notes")
                else:
                    self.put(FIELDS[f][1], value, c)
            elif f == "npm":
                self._npm(v, c, from_number=False)
            elif f == "strategy":
                if v in self.catalog.strategies:
                    self.put("strategy", v, c)
                else:
                    self.keep(c, "is not a strategy id of the catalog; kept in the notes")
            elif f == "evidence":
                self._evidence(v, c)
            elif f == "quadrant":
                m = _QUADRANT.search(v)
                if m:
                    self.reviewers["quadrant"] = int(m.group(1) or m.group(2))
                else:
                    self.keep(c, "names no quadrant 1 to 4; kept in the notes")
            elif f == "comment":
                self.reviewers["comment"] = v
            elif f in NOTE_FIELDS:
                self.notes.append(f"{NOTE_FIELDS[f]}: {v}")
        self._late_units(unit_hint, number_hint)
        if "npm" not in self.data and "number" in by_field:
            num = by_field["number"]
            self._npm(num.value, num, from_number=True)
        self._strategy_from_evidence()
        return self._finish()

    def _late_units(
        self, unit_hint: tuple[str, Cell] | None, number_hint: tuple[int, Cell] | None
    ) -> None:
        esm = self.data.get("esm", {})
        if unit_hint and "unit_type" not in esm:
            unit, c = unit_hint
            how = None if c.field == "denominator" else f"{c.name} '{_clip(c.value)}' -> {unit}"
            self.put("esm.unit_type", unit, c, how)
        if number_hint:
            n, c = number_hint
            if "unit_number" not in esm:
                self.put(
                    "esm.unit_number", n, c, f"Unit Type '{c.value}' read as the unit number {n}"
                )
            else:
                self.keep(c, "a number, not a unit type; the record has a unit number already")
        if esm.get("unit_type") == "count" and "unit_number" in esm:
            n = esm.pop("unit_number")
            c = self.cells["esm.unit_number"]
            self.report.left_out.append(
                f"{self.where(c)}: {c.name} '{n}': a count has no unit number"
            )

    def _npm(self, text: str, cell: Cell, *, from_number: bool) -> None:
        if text in self.catalog.measures:
            self.put("npm", text, cell)
            return
        m = re.search(r"(\d+(?:\.\d+)*)", text)
        digits = m.group(1) if m else ""
        parts = digits.split(".")
        by_old = {x.old_number: x.code for x in self.catalog.measures.values() if x.old_number}
        tries = [".".join(parts[:i]) for i in range(len(parts) - (1 if from_number else 0), 0, -1)]
        if not from_number:
            tries = [digits, *tries]
        for old in tries:
            if old in by_old:
                how = "from the ESM number" if from_number else "old NPM number"
                self.put("npm", by_old[old], cell, f"NPM {old} -> {by_old[old]} ({how})")
                return
        if from_number:
            self.report.left_out.append(
                f"{self.where(cell)}: {cell.value}: no catalog measure has the old NPM number "
                f"{digits.split('.')[0] or '?'}; set npm yourself"
            )
        else:
            self.keep(cell, "no catalog measure has this code or old NPM number; kept in the notes")

    def _evidence(self, text: str, cell: Cell) -> None:
        level = None
        low = text.lower()
        for lv in self.catalog.evidence.values():
            for name in sorted([lv.label, *lv.aliases], key=len, reverse=True):
                if low.startswith(name.lower()):
                    level = name
                    break
            if level:
                break
        rest = text[len(level) :].strip(" .") if level else text
        if level:
            self.reviewers["evidence_level"] = level
        if rest:
            self.reviewers["comment"] = rest
        m = _ALIGNS.search(text)
        if m:
            self.aligned = m.group("name").strip()

    aligned: str | None = None

    def _strategy_from_evidence(self) -> None:
        if "strategy" in self.data or not self.aligned:
            return
        npm = self.data.get("npm")
        name = self.aligned.casefold()
        found = [
            s.id
            for s in self.catalog.strategies.values()
            if s.name.casefold() == name and (npm is None or s.measure == npm)
        ]
        if len(found) == 1:
            self.data["strategy"] = found[0]
            self.report.mapped.append(f'Evidence Level: strategy "{self.aligned}" -> {found[0]}')
        else:
            why = (
                "no catalog strategy of this measure has that name"
                if not found
                else "several match"
            )
            self.report.left_out.append(
                f'strategy "{self.aligned}": {why}; choose one with --set strategy=ID'
            )

    def _finish(self) -> Imported:
        source: dict[str, Any] = {"file": self.rec.source, "line": self.rec.line}
        if self.rec.url:
            source["url"] = self.rec.url
        if self.has_v2:
            self.data["source"] = source
            if self.reviewers:
                self.data["reviewers"] = self.reviewers
        else:
            where = f"{source['file']}, line {source['line']}"
            self.notes.insert(0, f"Imported from {where}.")
            if self.reviewers:
                tags = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in self.reviewers.items())
                self.notes.insert(1, f"Reviewers' tags: {tags}")
        data = self._valid_partial()
        if self.notes:
            data["notes"] = "\n".join(self.notes)
        draft, _ = validate_draft(data, self.catalog)
        if draft is None:  # the notes themselves cannot fail; guard anyway
            data.pop("notes", None)
            draft, _ = validate_draft(data, self.catalog)
        if draft is not None:
            self.report.missing = missing_keys(apply_defaults(draft))
            data = draft.to_data()
        return Imported(data, self.report)

    def _valid_partial(self) -> dict[str, Any]:
        """Drop what the draft refuses (each named, kept in the notes) until the rest is valid."""
        data = self.data
        for _ in range(20):
            draft, problems = validate_draft(data, self.catalog)
            if draft is not None or not problems:
                return data
            for p in problems:
                key = p.where.split(":")[-1].strip()
                value = _pop(data, key)
                if value is None:
                    continue
                cell = self.cells.get(key)
                at = f"{self.where(cell)}: " if cell else ""
                self.report.left_out.append(
                    f"{at}{key} '{_clip(str(value))}': {p.message}; kept in the notes"
                )
                self.notes.append(f"{key}: {value}")
        return data


def _pop(data: dict[str, Any], key: str) -> Any:
    parts = key.split(".")
    cur: Any = data
    for part in parts[:-1]:
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    if not isinstance(cur, dict):
        return None
    last = parts[-1]
    if last in cur:
        return cur.pop(last)
    for k in list(cur):
        if str(k) == last:
            return cur.pop(k)
    return None


def _unique(items: Any) -> list[str]:
    seen: dict[str, None] = {}
    for x in items:
        seen.setdefault(x, None)
    return list(seen)


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def has_schema_v2() -> bool:
    return "source" in Draft.model_fields and "reviewers" in Draft.model_fields


def map_record(rec: RawRecord, catalog: Catalog) -> Imported:
    """One record as a (possibly incomplete) valid draft, with its report."""
    return _Builder(rec, catalog, has_schema_v2()).build()
