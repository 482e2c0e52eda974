"""The plan rules: each rule id with a plan that triggers it and one that does not."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from esmtool.plan.model import LoadedPlan, validate_plan
from esmtool.plan.rules import RULES, EsmSummary, run
from esmtool.yamlio import load_text

NPMS = [
    "postpartum-visit",
    "medical-home-personal",
    "breastfeeding",
    "developmental-screening",
    "adolescent-well-visit",
    "transition",
]
#: moderate-evidence strategies of each NPM (from the bundled catalog)
STRATEGIES = {
    "postpartum-visit": "postpartum-visit-07",
    "medical-home-personal": "medical-home-personal-01",
    "breastfeeding": "4-2",
    "developmental-screening": "developmental-screening-02",
    "adolescent-well-visit": "adolescent-well-visit-06",
    "transition": "12-4",
}


def _plan(data: dict[str, Any]) -> LoadedPlan:
    text = yaml.safe_dump(data, sort_keys=False)
    raw, index = load_text(text, "plan.yaml")
    plan, problems = validate_plan(raw, index)
    assert plan is not None, problems
    return LoadedPlan(plan, Path("plan.yaml"), index)


def _base() -> dict[str, Any]:
    return {
        "schema": "esmtool.plan/1",
        "state": "Example State",
        "cycle": "2026-2030",
        "npms": list(NPMS),
        "priority_needs": [
            {"need": "Postpartum care", "objectives": ["More visits"], "npms": ["postpartum-visit"]}
        ],
        "drafts": ["drafts/"],
    }


def _esm(npm: str, n: int, **kw: Any) -> EsmSummary:
    base = EsmSummary(
        file=f"drafts/esm-{n}.yaml",
        entry=0,
        npm=npm,
        strategy=STRATEGIES.get(npm),
        esm_id=f"ESM {n}.1",
        title="Percent of ...",
        quadrant=2,
        measure_quadrants=(2, 4, 4),
        evidence="moderate",
    )
    return replace(base, **kw)


def _esms() -> list[EsmSummary]:
    return [_esm(npm, i) for i, npm in enumerate(NPMS, 1)]


def _rules(data: dict[str, Any], esms: list[EsmSummary], catalog: Any) -> list[str]:
    return [x.finding.rule for x in run(_plan(data), esms, catalog)]


def test_clean_plan_has_no_findings(catalog: Any) -> None:
    assert _rules(_base(), _esms(), catalog) == []


def test_every_rule_has_a_severity_by_kind() -> None:
    federal = [
        "plan.too-few-npms",
        "plan.universal-missing",
        "plan.domain-missing",
        "plan.npm-without-esm",
        "plan.esm-npm-not-chosen",
        "plan.duplicate-esm-id",
    ]
    advice = ["plan.quadrant-mix", "plan.evidence-spread", "plan.priority-unlinked"]
    assert all(RULES[r] == "error" for r in federal)
    assert all(RULES[r] == "warning" for r in advice)


def test_too_few_npms(catalog: Any) -> None:
    data = _base()
    data["npms"] = ["postpartum-visit", "medical-home-personal", "breastfeeding", "transition"]
    esms = [e for e in _esms() if e.npm in data["npms"]]
    found = run(_plan(data), esms, catalog)
    few = [x for x in found if x.finding.rule == "plan.too-few-npms"]
    assert len(few) == 1 and few[0].finding.severity == "error"
    assert "4 NPMs" in few[0].finding.message
    assert few[0].line == 5  # where the list under `npms:` starts (line 4 is the key)


def test_medical_home_sub_measures_count_once(catalog: Any) -> None:
    data = _base()
    # five codes, but two are Medical Home sub-measures: four NPMs
    data["npms"] = [
        "postpartum-visit",
        "medical-home-personal",
        "medical-home-cc",
        "breastfeeding",
        "transition",
    ]
    esms = [_esm(c, i) for i, c in enumerate(data["npms"], 1)]
    assert "plan.too-few-npms" in _rules(data, esms, catalog)


def test_universal_missing_each(catalog: Any) -> None:
    data = _base()
    data["npms"] = [c for c in NPMS if c not in ("postpartum-visit", "medical-home-personal")]
    data["npms"] += ["well-woman-visit", "safe-sleep"]
    esms = [_esm(c, i) for i, c in enumerate(data["npms"], 1)]
    found = [x.finding for x in run(_plan(data), esms, catalog)]
    missing = [f for f in found if f.rule == "plan.universal-missing"]
    assert len(missing) == 2
    assert "Postpartum Visit" in missing[0].message or "Postpartum Visit" in missing[1].message
    assert any("Medical Home" in f.message for f in missing)


def test_medical_home_overall_or_any_sub_measure_is_universal(catalog: Any) -> None:
    for code in ("medical-home-overall", "medical-home-cc", "medical-home-fcc"):
        data = _base()
        data["npms"] = [code if c == "medical-home-personal" else c for c in NPMS]
        esms = [_esm(c, i) for i, c in enumerate(data["npms"], 1)]
        assert "plan.universal-missing" not in _rules(data, esms, catalog), code


def test_domain_missing(catalog: Any) -> None:
    data = _base()
    data["npms"] = [c for c in NPMS if c != "adolescent-well-visit"] + ["smoking"]
    esms = [_esm(c, i) for i, c in enumerate(data["npms"], 1)]
    found = [x.finding for x in run(_plan(data), esms, catalog)]
    dom = [f for f in found if f.rule == "plan.domain-missing"]
    assert len(dom) == 1
    assert "Adolescent" in dom[0].message
    assert "not confirmed" in dom[0].message  # the domain names are marked unconfirmed
    assert "adolescent-well-visit" in dom[0].advice


def test_domains_come_from_the_catalog(catalog: Any) -> None:
    fw = catalog.meta.framework
    assert fw is not None and fw.cycle == "2026-2030" and fw.min_npms == 5
    assert len(fw.population_domains) == 5
    assert all("name" in d.unconfirmed for d in fw.population_domains)


def test_npm_without_esm(catalog: Any) -> None:
    esms = [e for e in _esms() if e.npm != "breastfeeding"]
    found = run(_plan(_base()), esms, catalog)
    hits = [x for x in found if x.finding.rule == "plan.npm-without-esm"]
    assert len(hits) == 1 and "Breastfeeding" in hits[0].finding.message
    assert hits[0].finding.path == "npms[2]" and hits[0].line == 7


def test_a_sub_measure_esm_counts_for_its_chosen_parent(catalog: Any) -> None:
    data = _base()
    data["npms"] = ["medical-home-overall" if c == "medical-home-personal" else c for c in NPMS]
    assert _rules(data, _esms(), catalog) == []  # the ESM is for medical-home-personal


def test_esm_npm_not_chosen(catalog: Any) -> None:
    esms = [*_esms(), _esm("safe-sleep", 9)]
    found = [x.finding for x in run(_plan(_base()), esms, catalog)]
    hits = [f for f in found if f.rule == "plan.esm-npm-not-chosen"]
    assert len(hits) == 1 and "esm-9.yaml" in hits[0].message and hits[0].severity == "error"


def test_duplicate_esm_id(catalog: Any) -> None:
    esms = _esms()
    esms[1] = replace(esms[1], esm_id="esm  1.1")  # same number, other spacing and case
    found = [x.finding for x in run(_plan(_base()), esms, catalog)]
    hits = [f for f in found if f.rule == "plan.duplicate-esm-id"]
    assert len(hits) == 1 and "esm-1.yaml" in hits[0].message and "esm-2.yaml" in hits[0].message


def test_quadrant_mix_quadrant_1(catalog: Any) -> None:
    esms = [replace(e, quadrant=1, measure_quadrants=(1, 1, 2, 4)) for e in _esms()]
    found = [x.finding for x in run(_plan(_base()), esms, catalog)]
    mix = [f for f in found if f.rule == "plan.quadrant-mix"]
    assert mix and mix[0].severity == "warning" and "Quadrant 1" in mix[0].message


def test_quadrant_mix_few_in_2_and_4(catalog: Any) -> None:
    esms = [replace(e, quadrant=3, measure_quadrants=(1, 3, 3, 4)) for e in _esms()]
    found = [x.finding for x in run(_plan(_base()), esms, catalog)]
    mix = [f for f in found if f.rule == "plan.quadrant-mix"]
    assert len(mix) == 1 and "Quadrants 2 and 4" in mix[0].message


def test_evidence_spread(catalog: Any) -> None:
    esms = _esms()
    weak = [replace(e, evidence="unrated") for e in esms[:4]] + esms[4:]
    found = [x.finding for x in run(_plan(_base()), weak, catalog)]
    hits = [f for f in found if f.rule == "plan.evidence-spread"]
    assert (
        len(hits) == 1 and hits[0].severity == "warning" and "4 of the plan's 6" in hits[0].message
    )
    mixed = [replace(e, evidence="mixed") for e in esms[:4]] + esms[4:]
    assert "plan.evidence-spread" in _rules(_base(), mixed, catalog)
    # Emerging is not weaker than Emerging
    emerging = [replace(e, evidence="emerging") for e in esms]
    assert "plan.evidence-spread" not in _rules(_base(), emerging, catalog)


def test_priority_unlinked(catalog: Any) -> None:
    data = _base()
    data["priority_needs"].append({"need": "Housing stability", "objectives": ["Fewer moves"]})
    found = run(_plan(data), _esms(), catalog)
    hits = [x for x in found if x.finding.rule == "plan.priority-unlinked"]
    assert len(hits) == 1 and "Housing stability" in hits[0].finding.message
    assert hits[0].finding.path == "priority_needs[1]"
    linked = copy.deepcopy(data)
    linked["priority_needs"][1]["spms"] = ["SPM 1"]
    linked["spms"] = [{"code": "SPM 1", "name": "Stable housing"}]
    assert _rules(linked, _esms(), catalog) == []


def test_priority_npm_not_chosen(catalog: Any) -> None:
    data = _base()
    data["priority_needs"][0]["npms"] = ["safe-sleep"]
    assert _rules(data, _esms(), catalog) == ["plan.priority-npm-not-chosen"]


def test_unknown_and_non_npm_codes(catalog: Any) -> None:
    data = _base()
    data["npms"] = [*NPMS, "postpartum-vist", "forgone-health-care"]
    found = [x.finding for x in run(_plan(data), _esms(), catalog)]
    unknown = [f for f in found if f.rule == "plan.unknown-measure"]
    assert len(unknown) == 1 and "postpartum-visit" in unknown[0].message  # a suggestion
    assert [f.rule for f in found if f.rule == "plan.not-an-npm"] == ["plan.not-an-npm"]


def test_errors_come_first(catalog: Any) -> None:
    data = _base()
    data["priority_needs"].append({"need": "Unlinked"})
    esms = [e for e in _esms() if e.npm != "transition"]
    sev = [x.finding.severity for x in run(_plan(data), esms, catalog)]
    assert sev == sorted(sev, key=["error", "warning", "info"].index)
    assert sev[0] == "error" and "warning" in sev


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_is_documented_in_the_readme(rule: str) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"`{rule}`" in readme


def test_npm_unconfirmed_is_a_note(catalog: Any) -> None:
    data = _base()
    data["npms"] = [*NPMS, "food-sufficiency", "housing"]  # housing: status unconfirmed
    esms = [*_esms(), _esm("food-sufficiency", 7), _esm("housing", 8)]
    found = [x.finding for x in run(_plan(data), esms, catalog)]
    assert [(f.rule, f.severity) for f in found] == [("plan.npm-unconfirmed", "info")]
    assert found[0].path == "npms[7]"
