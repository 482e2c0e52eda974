"""The plan rules: what ``esmtool plan check`` finds in a state's set of ESMs.

Federal requirements of the 2026-2030 cycle are errors: at least five NPMs
(``plan.too-few-npms``), both Universal NPMs (``plan.universal-missing``), an NPM
in each population domain (``plan.domain-missing``), an ESM for every NPM chosen
(``plan.npm-without-esm``), no ESM for a measure the plan did not choose
(``plan.esm-npm-not-chosen``), no ESM number used twice (``plan.duplicate-esm-id``).
The MCH Evidence Center's advice about the whole set is a warning: the quadrant
mix (``plan.quadrant-mix``), the evidence behind the strategies
(``plan.evidence-spread``) and priority needs linked to nothing
(``plan.priority-unlinked``). Codes the catalog does not know are errors too
(``plan.unknown-measure``, ``plan.not-an-npm``).

The rules read only small per-draft summaries (:class:`EsmSummary`), never whole
drafts, so a plan with many drafts is checked in little memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..checks.base import SEVERITIES, Finding, Severity
from ..rba import QUADRANTS

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..catalog.models import Measure
    from .model import LoadedPlan

#: Measure kinds a plan may choose as NPMs ("unconfirmed": a current measure page whose NPM
#: status no source confirmed; allowed, with a note).
NPM_KINDS = frozenset({"universal-npm", "npm", "sub-measure", "unconfirmed"})
#: The Evidence Center: use Quadrant 1 sparingly; most measures in Quadrants 2 and 4.
MAX_Q1_SHARE = 0.5
MIN_Q24_SHARE = 0.5
#: Share of ESMs on weak evidence (unrated or weaker than Emerging) above which the set is flagged.
MAX_WEAK_SHARE = 0.5

#: Every plan rule id and its severity (README and tests read this table).
RULES: dict[str, Severity] = {
    "plan.unknown-measure": "error",
    "plan.not-an-npm": "error",
    "plan.too-few-npms": "error",
    "plan.universal-missing": "error",
    "plan.domain-missing": "error",
    "plan.npm-without-esm": "error",
    "plan.esm-npm-not-chosen": "error",
    "plan.duplicate-esm-id": "error",
    "plan.drafts-missing": "error",
    "plan.quadrant-mix": "warning",
    "plan.evidence-spread": "warning",
    "plan.priority-unlinked": "warning",
    "plan.priority-npm-not-chosen": "warning",
    "plan.npm-unconfirmed": "info",
}


@dataclass(frozen=True)
class EsmSummary:
    """What the plan rules need of one draft (kept for every draft; the draft itself is not)."""

    file: str
    entry: int  # index of the plan's `drafts` entry that named it
    npm: str | None
    strategy: str | None
    esm_id: str | None
    title: str | None
    quadrant: int | None  # the ESM's inferred quadrant
    measure_quadrants: tuple[int, ...]
    evidence: str | None  # the strategy's normalised evidence id


@dataclass(frozen=True)
class Located:
    finding: Finding
    line: int | None


def _f(rule: str, path: str, message: str, advice: str) -> Finding:
    return Finding(RULES[rule], rule, path, message, advice)


def _family(code: str, catalog: Catalog) -> str:
    """The NPM a code counts as: a sub-measure counts as its parent (Medical Home)."""
    m = catalog.measures.get(code)
    return m.parent if m is not None and m.kind == "sub-measure" and m.parent else code


def _label(code: str, catalog: Catalog) -> str:
    return catalog.measure_label(code)


def counts_for(draft_npm: str, chosen: str, catalog: Catalog) -> bool:
    """A draft for ``draft_npm`` is an ESM of the chosen NPM: the same code or one of its parts."""
    if draft_npm == chosen:
        return True
    m = catalog.measures.get(draft_npm)
    return m is not None and m.parent == chosen


def domains_of(measure: Measure, catalog: Catalog) -> list[str]:
    """Ids of the framework's population domains a measure counts toward."""
    fw = catalog.meta.framework
    if fw is None:
        return []
    return [d.id for d in fw.population_domains if measure.domain in d.measure_domains]


def _norm_id(esm_id: str) -> str:
    return " ".join(esm_id.split()).casefold()


def run(lp: LoadedPlan, esms: list[EsmSummary], catalog: Catalog) -> list[Located]:
    """Every plan finding, errors first, each with its line in the plan file."""
    out: list[Located] = []
    for finding in _all(lp, esms, catalog):
        out.append(Located(finding, _line(lp, finding.path)))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    out.sort(key=lambda x: order[x.finding.severity])  # stable within a severity
    return out


def _line(lp: LoadedPlan, path: str) -> int | None:
    if not path:
        return None
    parts: list[str | int] = []
    for part in path.replace("[", ".").replace("]", "").split("."):
        if part:
            parts.append(int(part) if part.isdigit() else part)
    return lp.index.line_of(parts)


def _all(lp: LoadedPlan, esms: list[EsmSummary], catalog: Catalog) -> Iterator[Finding]:
    yield from _references(lp, catalog)
    yield from _npm_count(lp, catalog)
    yield from _universal(lp, catalog)
    yield from _domains(lp, catalog)
    yield from _esm_coverage(lp, esms, catalog)
    yield from _duplicates(esms)
    yield from _quadrant_mix(esms)
    yield from _evidence_spread(esms, catalog)
    yield from _priorities(lp, catalog)


def _known_npms(lp: LoadedPlan, catalog: Catalog) -> list[tuple[int, str]]:
    """(position, code) of the chosen NPMs the catalog knows as NPMs, first mention only."""
    seen: set[str] = set()
    out = []
    for i, code in enumerate(lp.plan.npms):
        m = catalog.measures.get(code)
        if m is None or m.kind not in NPM_KINDS or code in seen:
            continue
        seen.add(code)
        out.append((i, code))
    return out


def _references(lp: LoadedPlan, catalog: Catalog) -> Iterator[Finding]:
    for i, code in enumerate(lp.plan.npms):
        m = catalog.measures.get(code)
        if m is None:
            sug = catalog.suggest(code, catalog.measures)
            tail = f" Did you mean {', '.join(sug)}?" if sug else ""
            yield _f(
                "plan.unknown-measure",
                f"npms[{i}]",
                f"'{code}' is not a measure code in the catalog.{tail}",
                "Use a code from `esmtool list npms` (or add your measure to your own catalog).",
            )
        elif m.kind not in NPM_KINDS:
            from ..catalog.models import MEASURE_KIND_LABELS

            kind = MEASURE_KIND_LABELS.get(m.kind, m.kind)
            where = "spms" if m.kind == "spm" else "your notes"
            yield _f(
                "plan.not-an-npm",
                f"npms[{i}]",
                f"{_label(code, catalog)} is a {kind}, not an NPM of the {lp.plan.cycle} cycle.",
                f"List only National Performance Measures under npms; move this one to {where}.",
            )
        elif m.kind == "unconfirmed":
            yield _f(
                "plan.npm-unconfirmed",
                f"npms[{i}]",
                f"Whether {_label(code, catalog)} is an NPM of the {lp.plan.cycle} cycle was not "
                "confirmed from a source.",
                "Check the measure's status in the current Title V guidance (TVIS) before you "
                "submit.",
            )
    spm_known = {c for c, m in catalog.measures.items() if m.kind == "spm"}
    for i, spm in enumerate(lp.plan.spms):
        if isinstance(spm, str) and spm not in spm_known:
            yield _f(
                "plan.unknown-measure",
                f"spms[{i}]",
                f"'{spm}' is not a State Performance Measure in your catalog.",
                "Add it to your own catalog (kind: spm), or write it out here as "
                "{code: ..., name: ...}.",
            )


def _npm_count(lp: LoadedPlan, catalog: Catalog) -> Iterator[Finding]:
    fw = catalog.meta.framework
    if fw is None:
        return
    families = {_family(code, catalog) for _, code in _known_npms(lp, catalog)}
    if len(families) < fw.min_npms:
        yield _f(
            "plan.too-few-npms",
            "npms",
            f"The plan chooses {len(families)} NPM{'s' if len(families) != 1 else ''}; "
            f"each state reports at least {fw.min_npms} in the {fw.cycle} cycle "
            "(Medical Home sub-measures count as one Medical Home NPM).",
            f"Choose at least {fw.min_npms - len(families)} more NPM(s) from `esmtool list npms`.",
        )


def _universal(lp: LoadedPlan, catalog: Catalog) -> Iterator[Finding]:
    chosen = [code for _, code in _known_npms(lp, catalog)]
    for u in (m for m in catalog.measures.values() if m.kind == "universal-npm"):
        if any(counts_for(c, u.code, catalog) for c in chosen):
            continue
        parts = [m.code for m in catalog.measures.values() if m.parent == u.code]
        tail = f" (or one of its sub-measures: {', '.join(parts)})" if parts else ""
        yield _f(
            "plan.universal-missing",
            "npms",
            f"The Universal NPM {_label(u.code, catalog)} is missing; every state reports both "
            "Universal NPMs.",
            f"Add {u.code}{tail} to npms, and an ESM for it.",
        )


def _domains(lp: LoadedPlan, catalog: Catalog) -> Iterator[Finding]:
    fw = catalog.meta.framework
    if fw is None:
        return
    covered: set[str] = set()
    for _, code in _known_npms(lp, catalog):
        covered.update(domains_of(catalog.measures[code], catalog))
    for d in fw.population_domains:
        if d.id in covered:
            continue
        options = sorted(
            c
            for c, m in catalog.measures.items()
            if m.kind in NPM_KINDS - {"unconfirmed"} and m.domain in d.measure_domains
        )
        caveat = (
            " (The names of the cycle's five domains are not confirmed from a source.)"
            if "name" in d.unconfirmed or "population_domains" in fw.unconfirmed
            else ""
        )
        yield _f(
            "plan.domain-missing",
            "npms",
            f"No chosen NPM is in the {d.name} domain; the plan needs at least one NPM in "
            f"each population health domain.{caveat}",
            f"Choose one of: {', '.join(options) or 'see esmtool list npms'}.",
        )


def _esm_coverage(lp: LoadedPlan, esms: list[EsmSummary], catalog: Catalog) -> Iterator[Finding]:
    known = _known_npms(lp, catalog)
    folder = next(
        (d for d in lp.plan.drafts if not d.endswith((".yaml", ".yml", ".json"))), "drafts"
    )
    for i, code in known:
        if not any(e.npm and counts_for(e.npm, code, catalog) for e in esms):
            yield _f(
                "plan.npm-without-esm",
                f"npms[{i}]",
                f"{_label(code, catalog)} has no ESM among the plan's drafts; each NPM needs "
                "at least one.",
                f"Draft one (esmtool draft --npm {code} -o {folder.rstrip('/')}/"
                f"{code}.yaml) or add its draft to drafts.",
            )
    chosen = [c for _, c in known]
    unknown_chosen = set(lp.plan.npms) - set(chosen)  # reported already as unknown codes
    for e in esms:
        if not e.npm or e.npm in unknown_chosen:
            continue
        if not any(counts_for(e.npm, c, catalog) for c in chosen):
            name = e.esm_id or e.title or e.file
            yield _f(
                "plan.esm-npm-not-chosen",
                f"drafts[{e.entry}]",
                f"{e.file} ({name}) is an ESM for {_label(e.npm, catalog)}, which the plan "
                "did not choose.",
                f"Add {e.npm} to npms, or take the draft out of the plan's drafts.",
            )


def _duplicates(esms: list[EsmSummary]) -> Iterator[Finding]:
    first: dict[str, EsmSummary] = {}
    for e in esms:
        if not e.esm_id:
            continue
        key = _norm_id(e.esm_id)
        if key in first:
            yield _f(
                "plan.duplicate-esm-id",
                f"drafts[{e.entry}]",
                f"{e.file} uses the ESM number '{e.esm_id}', already used by {first[key].file}.",
                "Give each ESM its own number (e.g. ESM 1.1, ESM 1.2 for two ESMs of NPM 1).",
            )
        else:
            first[key] = e


def quadrant_counts(esms: list[EsmSummary]) -> dict[int, int]:
    """Measures and ESMs by quadrant across the plan: ESMs by inferred, measures by declared."""
    counts = dict.fromkeys(QUADRANTS, 0)
    for e in esms:
        if e.quadrant is not None:
            counts[e.quadrant] += 1
        for q in e.measure_quadrants:
            counts[q] += 1
    return counts


def _quadrant_mix(esms: list[EsmSummary]) -> Iterator[Finding]:
    counts = quadrant_counts(esms)
    n = sum(counts.values())
    if n == 0:
        return
    if counts[1] > MAX_Q1_SHARE * n:
        yield _f(
            "plan.quadrant-mix",
            "",
            f"{counts[1]} of the plan's {n} ESMs and measures are in Quadrant 1 "
            f"({counts[1] * 100 // n}%, how much did we do?).",
            "The Evidence Center advises using Quadrant 1 sparingly, when no other data exist: "
            "turn counts of activities into percentages of those served (Quadrant 2) or of "
            "those better off (Quadrant 4).",
        )
    q24 = counts[2] + counts[4]
    if q24 < MIN_Q24_SHARE * n:
        yield _f(
            "plan.quadrant-mix",
            "",
            f"{q24} of the plan's {n} ESMs and measures are in Quadrants 2 and 4 "
            f"({q24 * 100 // n}%).",
            "The most effective measurement combines all levels with most measures in "
            "Quadrants 2 and 4 (percentages: how well, and who is better off).",
        )


def weak_evidence(evidence: str | None, catalog: Catalog) -> bool:
    """Unrated, or rated weaker than Emerging Evidence (the rule behind alignment.evidence-weak)."""
    if evidence is None:
        return False
    return evidence == "unrated" or catalog.evidence_rank(evidence) > catalog.evidence_rank(
        "emerging"
    )


def _evidence_spread(esms: list[EsmSummary], catalog: Catalog) -> Iterator[Finding]:
    rated = [e for e in esms if e.evidence is not None]
    weak = [e for e in rated if weak_evidence(e.evidence, catalog)]
    if rated and len(weak) > MAX_WEAK_SHARE * len(rated):
        names = ", ".join(e.esm_id or e.file for e in weak[:5]) + (" …" if len(weak) > 5 else "")
        yield _f(
            "plan.evidence-spread",
            "",
            f"{len(weak)} of the plan's {len(rated)} ESMs rest on strategies that are unrated "
            f"or rated weaker than Emerging Evidence ({names}).",
            "Reviewers look for ESMs that align with evidence-based or -informed strategies: "
            "compare stronger strategies (`esmtool list strategies --npm CODE --min-evidence "
            "emerging`) or cite the evidence behind yours in each ESM's significance.",
        )


def _priorities(lp: LoadedPlan, catalog: Catalog) -> Iterator[Finding]:
    chosen = set(lp.plan.npms)
    for i, need in enumerate(lp.plan.priority_needs):
        if not (need.npms or need.spms or need.strategies):
            yield _f(
                "plan.priority-unlinked",
                f"priority_needs[{i}]",
                f"The priority need '{need.need}' links to no NPM, SPM or strategy.",
                "In the action plan every priority need leads to objectives, strategies and a "
                "measure: add its npms, spms or strategies.",
            )
        for j, code in enumerate(need.npms):
            if code not in chosen:
                yield _f(
                    "plan.priority-npm-not-chosen",
                    f"priority_needs[{i}].npms[{j}]",
                    f"The priority need '{need.need}' links to {_label(code, catalog)}, which "
                    "is not among the plan's npms.",
                    f"Add {code} to npms, or link the need to a chosen NPM.",
                )
