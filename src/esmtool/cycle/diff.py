"""What changed between two drafts of one ESM (last year's and this year's), field by field.

A change is ``{path, kind, old, new}``: ``kind`` is ``added``, ``removed``, ``changed`` or
``moved`` (a measure put in another quadrant). Paths are the draft's key paths
(``esm.title``, ``esm.targets.2027``, ``esm.actuals.2026.value``, ``measures[2].text``),
plus two derived ones: ``strategy.evidence`` (the strategy's evidence rating in the catalog)
and ``esm.quadrant`` (the ESM's RBA quadrant as ``check`` infers it from its wording).

Measures are paired by their text, then by the closest wording (a measure reworded keeps its
pair when at least 60% of its wording matches); measure paths use the index in the new
draft (the old one for a removed measure).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..numtext import compact

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..draft import Draft, MeasureEntry

Kind = Literal["added", "removed", "changed", "moved"]
#: How alike two wordings must be (difflib's ratio) to count as one measure reworded.
REWORDED = 0.6

ESM_FIELDS = (
    "id", "title", "goal", "status", "unit_type", "unit_number", "numerator", "denominator",
    "data_sources", "data_issues", "significance", "direction",
)  # fmt: skip
TURN_THE_CURVE = ("story", "partners", "what_works", "action_plan", "data_development")
ACTUAL_FIELDS = ("value", "numerator", "denominator", "status", "data_year", "comment")


@dataclass(frozen=True)
class Change:
    path: str
    kind: Kind
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "old": self.old, "new": self.new}


def _v(value: Any) -> Any:
    return compact(value) if isinstance(value, float) else value


def _field(path: str, old: Any, new: Any) -> Iterator[Change]:
    old, new = _v(old), _v(new)
    if old == new:
        return
    if old is None or old == []:
        yield Change(path, "added", None, new)
    elif new is None or new == []:
        yield Change(path, "removed", old, None)
    else:
        yield Change(path, "changed", old, new)


def _by_year(path: str, old: dict[int, Any], new: dict[int, Any]) -> Iterator[Change]:
    for year in sorted(set(old) | set(new)):
        yield from _field(f"{path}.{year}", old.get(year), new.get(year))


def _actuals(old: Draft, new: Draft) -> Iterator[Change]:
    a, b = old.esm.actuals or {}, new.esm.actuals or {}
    for year in sorted(set(a) | set(b)):
        path = f"esm.actuals.{year}"
        if year not in a:
            yield Change(path, "added", None, b[year].model_dump(mode="json", exclude_none=True))
        elif year not in b:
            yield Change(path, "removed", a[year].model_dump(mode="json", exclude_none=True), None)
        else:
            for name in ACTUAL_FIELDS:
                yield from _field(f"{path}.{name}", getattr(a[year], name), getattr(b[year], name))


def pair_measures(
    old: list[MeasureEntry], new: list[MeasureEntry]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(pairs of old and new indexes, old indexes removed, new indexes added)."""
    pairs: list[tuple[int, int]] = []
    left = list(range(len(old)))
    right = list(range(len(new)))
    for j in list(right):  # the same text
        i = next((i for i in left if old[i].text == new[j].text), None)
        if i is not None:
            pairs.append((i, j))
            left.remove(i)
            right.remove(j)
    scored = sorted(
        (-difflib.SequenceMatcher(None, old[i].text.lower(), new[j].text.lower()).ratio(), i, j)
        for i in left
        for j in right
    )
    for score, i, j in scored:  # then the closest wordings, best first
        if -score < REWORDED:
            break
        if i in left and j in right:
            pairs.append((i, j))
            left.remove(i)
            right.remove(j)
    return sorted(pairs, key=lambda p: p[1]), left, right


def _measures(old: Draft, new: Draft) -> Iterator[Change]:
    pairs, removed, added = pair_measures(old.measures, new.measures)
    for i, j in pairs:
        a, b = old.measures[i], new.measures[j]
        if a.quadrant != b.quadrant:
            yield Change(f"measures[{j}].quadrant", "moved", a.quadrant, b.quadrant)
        yield from _field(f"measures[{j}].text", a.text, b.text)
        if a.headline != b.headline:
            yield Change(f"measures[{j}].headline", "changed", a.headline, b.headline)
    for i in removed:
        m = old.measures[i]
        yield Change(f"measures[{i}]", "removed", {"quadrant": m.quadrant, "text": m.text}, None)
    for j in added:
        m = new.measures[j]
        yield Change(f"measures[{j}]", "added", None, {"quadrant": m.quadrant, "text": m.text})


def _evidence(draft: Draft, catalog: Catalog | None) -> str | None:
    if catalog is None or draft.strategy is None:
        return None
    s = catalog.strategies.get(draft.strategy)
    if s is None:
        return None
    level = catalog.evidence.get(s.evidence)
    return s.evidence_label or (level.label if level else s.evidence)


def _quadrant(draft: Draft) -> int | None:
    from ..checks.rules import esm_inference

    inf = esm_inference(draft)
    return inf.quadrant if inf is not None else None


def diff(old: Draft, new: Draft, catalog: Catalog | None = None) -> list[Change]:
    """Every change from ``old`` to ``new``, in the order of the draft's keys."""
    out: list[Change] = []
    for key in ("state", "npm", "strategy"):
        out.extend(_field(key, getattr(old, key), getattr(new, key)))
    out.extend(_field("strategy.evidence", _evidence(old, catalog), _evidence(new, catalog)))
    for name in ESM_FIELDS:
        out.extend(_field(f"esm.{name}", getattr(old.esm, name), getattr(new.esm, name)))
    out.extend(_field("esm.quadrant", _quadrant(old), _quadrant(new)))
    ob, nb = old.esm.baseline, new.esm.baseline
    for name in ("year", "value", "note"):
        out.extend(
            _field(
                f"esm.baseline.{name}",
                getattr(ob, name) if ob else None,
                getattr(nb, name) if nb else None,
            )
        )
    out.extend(_by_year("esm.targets", old.esm.targets or {}, new.esm.targets or {}))
    out.extend(_actuals(old, new))
    for name in TURN_THE_CURVE:
        out.extend(_field(f"esm.{name}", getattr(old.esm, name), getattr(new.esm, name)))
    out.extend(_measures(old, new))
    out.extend(_field("skipped_quadrants", old.skipped_quadrants, new.skipped_quadrants))
    out.extend(_field("notes", old.notes, new.notes))
    return out


# ----- words for the annual report ---------------------------------------------------------------

_LABELS = {
    "state": "State",
    "npm": "National Performance Measure",
    "strategy": "Strategy",
    "strategy.evidence": "Strategy evidence rating",
    "esm.id": "ESM number",
    "esm.title": "ESM title",
    "esm.goal": "Goal",
    "esm.status": "Measure status",
    "esm.unit_type": "Unit type",
    "esm.unit_number": "Unit number",
    "esm.numerator": "Numerator",
    "esm.denominator": "Denominator",
    "esm.data_sources": "Data sources",
    "esm.data_issues": "Data issues",
    "esm.significance": "Significance",
    "esm.direction": "Direction",
    "esm.quadrant": "RBA quadrant of the ESM (inferred from its wording)",
    "esm.baseline.year": "Baseline year",
    "esm.baseline.value": "Baseline value",
    "esm.baseline.note": "Baseline note",
    "esm.story": "Story behind the curve",
    "esm.partners": "Partners",
    "esm.what_works": "What works",
    "esm.action_plan": "Action plan",
    "esm.data_development": "Data development agenda",
    "skipped_quadrants": "Quadrants left without a measure",
    "notes": "Notes",
}


def label(path: str) -> str:
    """The change's subject in words: 'Objective for 2027', 'Measure 3 (quadrant)'."""
    if path in _LABELS:
        return _LABELS[path]
    parts = path.split(".")
    if path.startswith("esm.targets."):
        return f"Objective for {parts[2]}"
    if path.startswith("esm.actuals."):
        tail = f" ({parts[3].replace('_', ' ')})" if len(parts) > 3 else ""
        return f"Actual for {parts[2]}{tail}"
    if path.startswith("measures["):
        n = int(path[len("measures[") : path.index("]")]) + 1
        tail = path[path.index("]") + 1 :].lstrip(".")
        what = {"quadrant": " (quadrant)", "text": " (wording)", "headline": " (headline)"}
        return f"Measure {n}{what.get(tail, '')}"
    return path


def value_words(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value_words(v) for v in value) or "—"
    if isinstance(value, dict):
        if "text" in value and "quadrant" in value:
            return f"Quadrant {value['quadrant']}: {value['text']}"
        return ", ".join(f"{k.replace('_', ' ')} {value_words(v)}" for k, v in value.items())
    return str(value)


Unit = tuple[str | None, int | None]


def _is_figure(path: str) -> bool:
    return (
        path.startswith("esm.targets.")
        or path == "esm.baseline.value"
        or (path.startswith("esm.actuals.") and path.endswith(".value"))
    )


def _words(path: str, value: Any, unit: Unit | None) -> str:
    if unit is not None and _is_figure(path) and isinstance(value, int | float):
        from ..numtext import value_text

        return value_text(value, *unit)
    return value_words(value)


def sentence(c: Change, unit: Unit | None = None) -> str:
    """One change in words; ``unit`` (unit type, unit number) writes figures as '45%'."""
    what = label(c.path)
    old, new = _words(c.path, c.old, unit), _words(c.path, c.new, unit)
    if c.kind == "added":
        return f"{what}: added ({new})."
    if c.kind == "removed":
        return f"{what}: removed (was {old})."
    if c.kind == "moved":
        return f"{what}: moved from Quadrant {c.old} to Quadrant {c.new}."
    return f"{what}: changed from {old} to {new}."


def markdown(changes: list[Change], old_name: str, new_name: str, unit: Unit | None = None) -> str:
    """The changes as Markdown, ready to paste into the annual report narrative."""
    from ..export.markdown import md_line

    lines = [f"## Changes from {md_line(old_name)} to {md_line(new_name)}", ""]
    if not changes:
        lines.append("No changes.")
    for c in changes:
        lines.append(f"- {md_line(sentence(c, unit))}")
    return "\n".join(lines) + "\n"
