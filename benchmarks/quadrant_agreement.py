"""How often esmtool's inferred RBA quadrant agrees with people who assigned one.

Three sets, each printed as n/N and % with every disagreement and its reason:

1. 22 real state ESMs (``benchmarks/data/state_esm_examples.tsv``, collected from the
   MCH Evidence Center's state ESM database with each row's source URL) with the
   quadrant the Evidence Center's reviewers gave them. Each becomes a draft (title,
   numerator, denominator, and a unit type read from the record: count when the
   denominator is N/A, percentage when one is given) and is inferred through the same
   path as ``esmtool check``. Rows whose label is 'unknown' are skipped. Reviewer
   labels are human and sometimes inconsistent (the Oklahoma sleep-sack ESM was
   labelled 2 one year and 4 another), so 100% is neither expected nor the goal.
2. The sample measures of the seed strategy page (MCHbest medical-home-personal-01,
   12 measures: 2 in Quadrant 1, 2 in Quadrant 2, 4 each in Quadrants 3 and 4), read with
   the strategy's NPM. A disagreement that ``check`` reports as info (the measure is the
   catalog's own sample, so esmtool names both readings instead of warning) counts as
   agreement in the second figure.
3. Every bundled template, filled with its slots' examples and read with its unit type and,
   when the template serves one measure, that measure (NPM).

Rows of the reviewer set are never used to write the reading's rules: the benchmark reads
them only to measure (see the README, "How the quadrant is inferred").

A fourth set, the *development set* (``benchmarks/data/state_esm_dev.tsv``), holds other
real state ESMs with the reviewers' quadrant, copied from stored mchlibrary.org result
pages (each row names its page). It is the set the reading's rules were checked on while
they were written, so its figure is printed apart: it is not a held-out measure.

It also lists which state ESMs ``check`` flags as restating the NPM's population
measure, next to the one the reviewers called population-based.

Run: ``python benchmarks/quadrant_agreement.py``
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STATE_TSV = HERE / "data" / "state_esm_examples.tsv"
DEV_TSV = HERE / "data" / "state_esm_dev.tsv"
SEED_STRATEGY = "medical-home-personal-01"


@dataclass
class Case:
    label: str  # who/what it is
    text: str
    expected: int  # the quadrant people gave it
    inferred: int
    reason: str
    extra: str = ""  # e.g. the reviewers' evidence-alignment note

    @property
    def agrees(self) -> bool:
        return self.expected == self.inferred


def parse_quadrant(label: str) -> int | None:
    """'4', '1 (Category 1)', '1 (Quadrant 1: quantity of effort)' -> int; 'unknown' -> None."""
    m = re.match(r"\s*([1-4])\b", label)
    return int(m.group(1)) if m else None


def parse_num_den(text: str) -> tuple[str | None, str | None, bool]:
    """'Num: X; Den: Y' -> (numerator, denominator, denominator is N/A)."""
    num = den = None
    den_na = False
    for part in text.split(";"):
        key, _, value = part.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "num" and value:
            num = value
        elif key == "den":
            if value.lower() in {"n/a", "na", "blank", ""}:
                den_na = True
            else:
                den = value
    return num, den, den_na


def state_rows(path: Path = STATE_TSV) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def state_draft_data(row: dict[str, str]) -> dict[str, Any]:
    """A state ESM record as draft data (what the record says; nothing invented)."""
    num, den, den_na = parse_num_den(row["num_den"])
    esm: dict[str, Any] = {"id": row["esm_id_state"], "title": row["esm_text"]}
    if num:
        esm["numerator"] = num
    if den:
        esm["denominator"] = den
        esm["unit_type"] = "percentage"
    elif den_na:
        esm["unit_type"] = "count"
    return {"npm": row["measure_code"], "esm": esm}


def state_cases(
    catalog: Any, path: Path = STATE_TSV
) -> tuple[list[Case], list[str], list[tuple[str, bool, bool]]]:
    """(labelled cases, skipped ids, [(id, flagged population-based, reviewers said so)])."""
    from esmtool.checks import check_draft
    from esmtool.checks.rules import esm_inference
    from esmtool.draft import validate_draft

    cases: list[Case] = []
    skipped: list[str] = []
    population: list[tuple[str, bool, bool]] = []
    for row in state_rows(path):
        draft, problems = validate_draft(state_draft_data(row), catalog)
        if draft is None:
            raise SystemExit(f"{row['esm_id_state']}: not a valid draft: {problems}")
        flagged = any(f.rule == "alignment.population-measure" for f in check_draft(draft, catalog))
        said = "population-based" in row["evidence_alignment"].lower()
        population.append((row["esm_id_state"], flagged, said))
        expected = parse_quadrant(row["quadrant"])
        if expected is None:
            skipped.append(row["esm_id_state"])
            continue
        inf = esm_inference(draft, catalog)
        assert inf is not None
        cases.append(Case(row["esm_id_state"], row["esm_text"], expected, inf.quadrant, inf.reason))
    return cases, skipped, population


def seed_cases(catalog: Any) -> list[Case]:
    return sample_cases(catalog, [catalog.strategy(SEED_STRATEGY)])


def sample_cases(catalog: Any, strategies: list[Any] | None = None) -> list[Case]:
    """Strategy pages' sample measures, read with the strategy's NPM; info counts as agreement."""
    from esmtool.checks import infer_quadrant
    from esmtool.checks.rules import catalog_reading_differs

    out: list[Case] = []
    for strategy in strategies if strategies is not None else catalog.strategies.values():
        measure = catalog.measures.get(strategy.measure)
        for i, m in enumerate(strategy.sample_measures):
            inf = infer_quadrant(m.text, measure=measure)
            info = inf.quadrant != m.quadrant and catalog_reading_differs(
                m.text, m.quadrant, catalog
            )
            label = f"sample {i + 1} ({m.kind})" if strategies else f"{strategy.id} sample {i + 1}"
            out.append(
                Case(label, m.text, m.quadrant, inf.quadrant, inf.reason, "info" if info else "")
            )
    return out


def template_measure(template: Any, catalog: Any) -> Any:
    """The one measure (NPM) a template serves, or None when it serves several or any."""
    codes = set(template.applies_to.measures)
    for sid in template.applies_to.strategies:
        s = catalog.strategies.get(sid)
        if s is not None:
            codes.add(s.measure)
    for s in catalog.strategies.values():
        if any(t.id == template.id for t in s.templates):
            codes.add(s.measure)
    return catalog.measures.get(next(iter(codes))) if len(codes) == 1 else None


def template_cases(catalog: Any) -> list[Case]:
    """Every template, filled with its slots' examples, read with its unit type and measure."""
    from esmtool.checks import infer_quadrant
    from esmtool.checks.rules import catalog_reading_differs

    out: list[Case] = []
    for t in catalog.strategy_templates_all():
        text = t.fill({s.name: s.example for s in t.slots})
        inf = infer_quadrant(text, unit_type=t.unit_type, measure=template_measure(t, catalog))
        # a measure made from the template, in its declared quadrant, gets info from check
        info = inf.quadrant != t.quadrant and catalog_reading_differs(
            text, t.quadrant, catalog, t.id
        )
        out.append(Case(t.id, text, t.quadrant, inf.quadrant, inf.reason, "info" if info else ""))
    return out


def _figure(n: int, total: int) -> str:
    pct = 100 * n / total if total else 0.0
    return f"{n}/{total} ({pct:.1f}%)"


def _report(title: str, cases: list[Case], note: str = "", *, info_agrees: bool = False) -> None:
    agree = sum(c.agrees for c in cases)
    pct = 100 * agree / len(cases) if cases else 0.0
    print(f"{title}: {agree} of {len(cases)} agree ({pct:.0f}%){note}")
    print(f"  agreement: {_figure(agree, len(cases))}")
    if info_agrees:
        with_info = sum(c.agrees or c.extra == "info" for c in cases)
        print(f"  counting an info finding as agreement: {_figure(with_info, len(cases))}")
    for c in cases:
        if not c.agrees:
            how = " (check: info, naming both readings)" if c.extra == "info" else ""
            print(f"  - {c.label}: given {c.expected}, inferred {c.inferred}{how}")
            print(f"      {c.text}")
            print(f"      why: {c.reason}")


def main() -> int:
    from esmtool.catalog import load_catalog

    catalog = load_catalog(use_env=False)
    cases, skipped, population = state_cases(catalog)
    _report(
        "State ESMs vs reviewers' quadrant",
        cases,
        f"; {len(skipped)} unlabelled skipped ({', '.join(skipped)})" if skipped else "",
    )
    print()
    _report(
        f"Seed strategy {SEED_STRATEGY} sample measures vs the page's quadrant",
        seed_cases(catalog),
        info_agrees=True,
    )
    print()
    _report(
        "Bundled templates (filled with their examples) vs their declared quadrant",
        template_cases(catalog),
    )
    print()
    dev, _, _ = state_cases(catalog, DEV_TSV)
    n = sum(c.agrees for c in dev)
    print(
        "Development set (other real state ESMs, checked while writing the rules; not held out): "
        f"{n} of {len(dev)} agree"
    )
    print(f"  development-set agreement: {_figure(n, len(dev))}")
    print()
    flagged = [i for i, f, _ in population if f]
    said = [i for i, _, s in population if s]
    print("Population-measure alignment warning:")
    print(f"  flagged by check: {', '.join(flagged) or 'none'}")
    print(f"  reviewers' comment 'population-based': {', '.join(said) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
