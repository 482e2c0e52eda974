"""Browsing the catalog: filtered lists and whole entries, as plain data (search: .search).

Functions here return lists of dicts (records) that the CLI renders as a rich
table or serialises as JSON, YAML or CSV. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from .catalog import Catalog
from .models import EVIDENCE_IDS, MEASURE_KIND_LABELS, Measure, Strategy, plain
from .search_index import Corpus, Term, docs_fingerprint, documents

LIST_KINDS = ("npms", "strategies", "quadrants", "evidence", "templates", "practices")


def _dict(model: Any, *, exclude_none: bool = True) -> dict[str, Any]:
    data = plain(model, exclude_none=exclude_none)
    assert isinstance(data, dict)
    return data


def normalise_evidence(catalog: Catalog, text: str) -> str:
    """'Moderate', 'moderate evidence', 'MODERATE' -> 'moderate'."""
    key = text.strip().casefold().replace("_", "-").replace(" ", "-")
    for level in catalog.evidence.values():
        names = {level.id, level.label.casefold().replace(" ", "-")}
        names |= {a.casefold().replace(" ", "-") for a in level.aliases}
        names.add(level.id.split("-")[0])
        if key in names or key.removesuffix("-evidence") in names:
            return level.id
    raise UsageError(
        f"'{text}' is not an evidence level.",
        hint="Use one of: " + ", ".join(EVIDENCE_IDS) + " (see: esmtool list evidence).",
    )


@dataclass(frozen=True)
class StrategyFilter:
    npm: str | None = None
    evidence: str | None = None
    min_evidence: str | None = None
    source: str | None = None
    outcome: str | None = None
    domain: str | None = None


def filter_strategies(catalog: Catalog, f: StrategyFilter) -> list[Strategy]:
    if f.npm:
        catalog.measure(f.npm)  # unknown code -> NotFoundError with suggestions
    ev = normalise_evidence(catalog, f.evidence) if f.evidence else None
    min_rank = (
        catalog.evidence_rank(normalise_evidence(catalog, f.min_evidence))
        if f.min_evidence
        else None
    )
    out = []
    for s in catalog.strategies.values():
        if f.npm and s.measure != f.npm:
            continue
        if ev and s.evidence != ev:
            continue
        if min_rank is not None and (
            s.evidence in ("unrated",) or catalog.evidence_rank(s.evidence) > min_rank
        ):
            continue
        if f.source and f.source.casefold() not in (s.source or "").casefold():
            continue
        if f.outcome and not any(f.outcome.casefold() in o.casefold() for o in s.outcomes):
            continue
        if f.domain:
            m = catalog.measures.get(s.measure)
            if not m or f.domain.casefold() not in m.domain.casefold():
                continue
        out.append(s)
    return sorted(
        out, key=lambda s: (s.measure, catalog.evidence_rank(s.evidence), s.name.casefold(), s.id)
    )


def strategy_row(catalog: Catalog, s: Strategy) -> dict[str, Any]:
    return {
        "id": s.id,
        "npm": s.measure,
        "name": s.name,
        "evidence": s.evidence,
        "evidence_label": catalog.evidence_label(s),
        "evidence_level": catalog.evidence_level(s),
        "source": s.source or "",
        "outcomes": list(s.outcomes),
        "url": s.url,
    }


def kind_label(m: Measure) -> str:
    """'NPM (old NPM 6; status unconfirmed)': the kind, its old number, and whether it is confirmed."""
    notes = [f"old NPM {m.old_number}"] if m.old_number else []
    if "kind" in m.unconfirmed and m.kind != "unconfirmed":
        notes.append("status unconfirmed")
    return MEASURE_KIND_LABELS[m.kind] + (f" ({'; '.join(notes)})" if notes else "")


def measure_row(m: Measure) -> dict[str, Any]:
    return {
        "code": m.code,
        "name": m.name,
        "kind": m.kind,
        "kind_label": kind_label(m),
        "domain": m.domain,
        "goal": m.goal or "",
        "url": m.url,
    }


def filter_measures(catalog: Catalog, domain: str | None = None) -> list[Measure]:
    out = [
        m
        for m in catalog.measures.values()
        if not domain or domain.casefold() in m.domain.casefold()
    ]
    return out


def list_records(catalog: Catalog, kind: str, f: StrategyFilter) -> list[dict[str, Any]]:
    if kind == "npms":
        return [
            {**measure_row(m), "strategies": len(catalog.strategies_for(m.code))}
            for m in filter_measures(catalog, f.domain)
        ]
    if kind == "strategies":
        return [strategy_row(catalog, s) for s in filter_strategies(catalog, f)]
    if kind == "quadrants":
        return [_dict(q, exclude_none=False) for q in catalog.quadrants.values()]
    if kind == "evidence":
        return [_dict(e, exclude_none=False) for e in catalog.evidence.values()]
    if kind == "templates":
        rows = []
        for t in catalog.templates.values():
            a = t.applies_to
            rows.append(
                {
                    "id": t.id,
                    "quadrant": t.quadrant,
                    "text": t.text,
                    "slots": [s.name for s in t.slots],
                    "applies_to": "every strategy"
                    if a.universal
                    else "; ".join(
                        x
                        for x in (
                            ", ".join(a.strategies),
                            ", ".join(a.measures),
                            ", ".join(a.intervention_types),
                            ", ".join(a.outcomes),
                        )
                        if x
                    ),
                }
            )
        return rows
    if kind == "practices":
        return [
            _dict(p, exclude_none=False)
            for p in catalog.practices.values()
            if not f.npm or p.measure == f.npm
        ]
    raise UsageError(
        f"'{kind}' is not something esmtool lists.", hint="Use one of: " + ", ".join(LIST_KINDS)
    )


def measure_detail(catalog: Catalog, m: Measure) -> dict[str, Any]:
    data = _dict(m)
    data["kind_label"] = measure_row(m)["kind_label"]
    data["strategies"] = [
        strategy_row(catalog, s)
        for s in sorted(
            catalog.strategies_for(m.code),
            key=lambda s: (catalog.evidence_rank(s.evidence), s.name.casefold()),
        )
    ]
    data["practices"] = [p.id for p in catalog.practices.values() if p.measure == m.code]
    return data


def strategy_detail(catalog: Catalog, s: Strategy) -> dict[str, Any]:
    """A strategy with its rating's definition and its measures grouped by quadrant."""
    data = _dict(s)
    level = catalog.evidence.get(s.evidence)
    m = catalog.measures.get(s.measure)
    data["measure_name"] = m.name if m else s.measure
    data["evidence_label"] = catalog.evidence_label(s)
    data["evidence_definition"] = level.definition if level else ""
    data.pop("templates", None)
    data.pop("sample_measures", None)
    quadrants = []
    offered = catalog.templates_for(s)  # once, most specific first; grouped below
    for q in catalog.quadrants.values():
        quadrants.append(
            {
                "quadrant": q.number,
                "name": q.name,
                "question": q.question,
                "sample_measures": [
                    _dict(sm) for sm in s.sample_measures if sm.quadrant == q.number
                ],
                "templates": [
                    {"id": t.id, "text": t.text, "slots": [sl.name for sl in t.slots]}
                    for t in offered
                    if t.quadrant == q.number
                ],
            }
        )
    data["quadrants"] = quadrants
    return data


def corpus_of(catalog: Catalog) -> Corpus:
    """What search needs of the catalog (kept ready-made by .records; see search_index.Corpus)."""
    docs = documents(catalog)
    rows: dict[str, dict[str, Any]] = {}
    for s in catalog.strategies.values():
        rows[f"strategy:{s.id}"] = strategy_row(catalog, s)
    for m in catalog.measures.values():
        rows[f"measure:{m.code}"] = {
            "id": m.code,
            "npm": m.code,
            "name": m.name,
            "evidence": "",
            "evidence_label": "",
            "evidence_level": "",
            "source": "",
            "outcomes": [],
            "url": m.url,
        }
    return Corpus(
        docs=docs,
        synonyms=[Term(s.term, tuple(s.means)) for s in catalog.synonyms.values()],
        measures={code: m.name for code, m in catalog.measures.items()},
        ranks={sid: catalog.evidence_rank(s.evidence) for sid, s in catalog.strategies.items()},
        rows=rows,
        fingerprint=docs_fingerprint(docs),
    )
