"""Every review rule of `esmtool check`: a draft that triggers it and one that does not.

Each case starts from the complete example draft (examples/care-coordination.yaml),
which has no findings at all, and changes a few keys.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from esmtool.checks import SEVERITIES, Finding, check_draft
from esmtool.draft import Draft

from ..conftest import ROOT

DELETE = object()


def M(q: int, text: str, headline: bool = False) -> dict[str, Any]:
    m: dict[str, Any] = {"quadrant": q, "text": text}
    if headline:
        m["headline"] = True
    return m


Q1 = "Number of care coordinators hired and trained"
Q2 = "Percent of enrolled families with a shared plan of care reviewed in the past year"
Q3 = "Number of families who report increased confidence in managing their child's care"
Q4 = "Percent of families who report increased confidence in managing their child's care"


def _apply(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for key, value in changes.items():
        parts = key.split(".")
        cur = data
        for p in parts[:-1]:
            cur = cur.setdefault(p, {})
        if value is DELETE:
            cur.pop(parts[-1], None)
        else:
            cur[parts[-1]] = value
    return data


def _findings(data: dict[str, Any], catalog: Any) -> list[Finding]:
    return check_draft(Draft.model_validate(data), catalog)


def _rules(data: dict[str, Any], catalog: Any) -> set[str]:
    return {f.rule for f in _findings(data, catalog)}


def test_example_draft_has_no_findings(example_data: dict[str, Any], catalog: Any) -> None:
    assert _findings(example_data, catalog) == []


# (rule id, severity, changes that trigger it, changes that do not)
CASES: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    # 1. quadrant
    (
        "quadrant.mismatch",
        "warning",
        {"measures": [M(4, "Percent of families who received a home visit each month")]},
        {"measures": [M(2, "Percent of families who received a home visit each month")]},
    ),
    (
        "quadrant.mismatch",
        "warning",
        {
            "measures": [M(1, "Families who quit smoking after counseling")]
        },  # effect, declared effort
        {
            "measures": [M(4, "Families who quit smoking after counseling")]
        },  # no unit form: axis kept
    ),
    # 2. balance
    (
        "balance.esm-quantity-of-effort",
        "info",
        {
            "esm.title": "Number of children enrolled in care coordination",
            "esm.unit_type": "count",
            "esm.unit_number": DELETE,
            "esm.numerator": "Children enrolled in Title V care coordination",
            "esm.denominator": DELETE,
        },
        {},
    ),
    ("balance.no-measures", "info", {"measures": []}, {}),
    (
        "balance.mostly-quadrant-1",
        "warning",
        {"measures": [M(1, Q1), M(1, "Number of families served"), M(4, Q4, True)]},
        {"measures": [M(1, Q1), M(2, Q2), M(4, Q4, True)]},
    ),
    (
        "balance.few-quality",
        "info",
        {"measures": [M(1, Q1), M(3, Q3), M(4, Q4)]},
        {"measures": [M(2, Q2), M(3, Q3), M(4, Q4)]},
    ),
    (
        "balance.effort-only",
        "warning",
        {"measures": [M(1, Q1), M(2, Q2)]},
        {"measures": [M(1, Q1), M(2, Q2), M(4, Q4)]},
    ),
    (
        "balance.too-many-headlines",
        "warning",
        {"measures": [M(4, Q4, True)] * 6},
        {"measures": [M(4, Q4, True)] * 5},
    ),
    (
        "balance.headline-effort",
        "warning",
        {"measures": [M(2, Q2, True), M(4, Q4)]},
        {"measures": [M(2, Q2), M(4, Q4, True)]},
    ),
    # 3. definition
    ("definition.numerator-missing", "error", {"esm.numerator": DELETE}, {}),
    ("definition.denominator-missing", "error", {"esm.denominator": DELETE}, {}),
    ("definition.denominator-missing", "error", {"esm.denominator": "NA"}, {}),
    (
        "definition.count-has-denominator",
        "error",
        {
            "esm.title": "Number of children with a shared plan of care",
            "esm.unit_type": "count",
            "esm.unit_number": DELETE,
        },
        {
            "esm.title": "Number of children with a shared plan of care",
            "esm.unit_type": "count",
            "esm.unit_number": DELETE,
            "esm.denominator": "N/A",
        },
    ),
    ("definition.unit-number", "error", {"esm.unit_number": 1000}, {"esm.unit_number": 100}),
    (
        "definition.unit-number",
        "error",
        {"esm.title": "Rate of ED visits among enrolled children", "esm.unit_type": "rate"},
        {
            "esm.title": "Rate of ED visits among enrolled children",
            "esm.unit_type": "rate",
            "esm.unit_number": 1000,
            "esm.baseline": {"year": 2025, "value": 420},
            "esm.direction": "decrease",
            "esm.targets": {2026: 400, 2027: 380},
        },
    ),
    (
        "definition.unit-number",
        "warning",
        {
            "esm.title": "Rate of ED visits among enrolled children",
            "esm.unit_type": "rate",
            "esm.unit_number": 5000,
        },
        {
            "esm.title": "Rate of ED visits among enrolled children",
            "esm.unit_type": "rate",
            "esm.unit_number": 10000,
        },
    ),
    (
        "definition.title-unit-mismatch",
        "error",
        {"esm.title": "Number of children enrolled in care coordination with a plan of care"},
        {"esm.title": "Percent of children enrolled in care coordination with a plan of care"},
    ),
    (
        "definition.title-unit-mismatch",
        "error",
        {"esm.unit_type": "count", "esm.unit_number": DELETE, "esm.denominator": DELETE},
        {
            "esm.title": "Number of children enrolled in care coordination with a plan of care",
            "esm.unit_type": "count",
            "esm.unit_number": DELETE,
            "esm.denominator": DELETE,
        },
    ),
    (
        "definition.numerator-is-percentage",
        "warning",
        {"esm.numerator": "% of children enrolled in care coordination with a plan of care"},
        {},
    ),
    (
        "definition.numerator-not-subset",
        "warning",
        {"esm.numerator": "Shared plans of care reviewed with the family in the past 12 months"},
        {"esm.numerator": "Enrolled children with a shared plan of care reviewed with the family"},
    ),
    # 4. alignment
    (
        "alignment.population-measure",
        "warning",
        {
            "esm.title": "Percent of children with special health care needs who have a "
            "personal doctor or nurse",
            "esm.numerator": "Children with special health care needs who have a personal doctor",
            "esm.denominator": "Children with special health care needs ages 0 through 17",
            "esm.data_sources": "National Survey of Children's Health (NSCH)",
        },
        {
            "esm.title": "Percent of children in Title V care coordination who have a personal "
            "doctor or nurse",
            "esm.numerator": "Children in Title V care coordination who have a personal doctor",
            "esm.denominator": "Children in Title V care coordination",
            "esm.data_sources": "Care coordination program records",
        },
    ),
    (
        "alignment.population-measure",
        "warning",
        {  # wording that repeats the NPM, no data source named
            "npm": "dental-visit-pregnancy",
            "strategy": "dental-visit-pregnancy-01",
            "esm.title": "Percentage of pregnant women who receive a preventive dental visit",
            "esm.numerator": "Pregnant women with a dental visit during pregnancy",
            "esm.denominator": "Pregnant women",
            "esm.data_sources": DELETE,
        },
        {
            "npm": "dental-visit-pregnancy",
            "strategy": "dental-visit-pregnancy-01",
            "esm.title": "Percentage of pregnant women counseled by WIC who receive a preventive "
            "dental visit",
            "esm.numerator": "Pregnant WIC clients counseled who had a dental visit",
            "esm.denominator": "Pregnant WIC clients counseled",
        },
    ),
    (
        "alignment.evidence-weak",
        "info",
        {"npm": "medical-home-cc", "strategy": "11-2"},
        {"npm": "medical-home-personal", "strategy": "medical-home-personal-04"},  # emerging
    ),
    (
        "alignment.strategy-other-measure",
        "info",
        {"npm": "well-woman-visit"},
        {"npm": "medical-home-personal"},
    ),
    # 5. targets
    ("targets.baseline-missing", "error", {"esm.baseline": DELETE}, {}),
    ("targets.missing", "error", {"esm.targets": DELETE}, {}),
    ("targets.direction-missing", "error", {"esm.direction": DELETE}, {}),
    (
        "targets.out-of-range",
        "error",
        {"esm.targets": {2026: 45, 2027: 120}},
        {"esm.targets": {2026: 45, 2027: 100}},
    ),
    (
        "targets.out-of-range",
        "error",
        {
            "esm.title": "Number of children with a shared plan of care",
            "esm.unit_type": "count",
            "esm.unit_number": DELETE,
            "esm.denominator": DELETE,
            "esm.baseline": {"year": 2025, "value": -3},
        },
        {
            "esm.title": "Number of children with a shared plan of care",
            "esm.unit_type": "count",
            "esm.unit_number": DELETE,
            "esm.denominator": DELETE,
            "esm.baseline": {"year": 2025, "value": 30},
        },
    ),
    (
        "targets.against-direction",
        "warning",
        {"esm.targets": {2026: 45, 2027: 48, 2028: 47}},
        {"esm.targets": {2026: 45, 2027: 48, 2028: 48}},
    ),
    (
        "targets.against-direction",
        "warning",
        {"esm.direction": "decrease", "esm.targets": {2026: 40, 2027: 41}},
        {"esm.direction": "decrease", "esm.targets": {2026: 40, 2027: 38}},
    ),
    (
        "targets.against-baseline",
        "warning",
        {"esm.baseline": {"year": 2025, "value": 50}},
        {"esm.baseline": {"year": 2025, "value": 44}},
    ),
    (
        "targets.baseline-year",
        "warning",
        {"esm.baseline": {"year": 2026, "value": 42}},
        {"esm.baseline": {"year": 2024, "value": 42}},
    ),
    (
        "targets.year-missing",
        "warning",
        {"esm.targets": {2027: 48, 2028: 51, 2029: 54, 2030: 57}},
        {"esm.targets": {2026: 45, 2027: 48, 2028: 51, 2029: 54, 2030: 57}},
    ),
    (
        "targets.flat",
        "info",
        {"esm.targets": {2026: 42, 2027: 42}},
        {"esm.targets": {2026: 42, 2027: 43}},
    ),
    # 6. completeness and clarity
    ("completeness.goal-missing", "error", {"esm.goal": DELETE}, {}),
    ("completeness.data-sources-missing", "error", {"esm.data_sources": DELETE}, {}),
    ("completeness.significance-missing", "error", {"esm.significance": DELETE}, {}),
    ("completeness.missing", "error", {"esm.title": DELETE}, {}),
    ("completeness.missing", "error", {"npm": DELETE}, {}),
    (
        "clarity.vague",
        "warning",
        {"esm.title": "Improve care coordination for children with special health care needs"},
        {
            "esm.title": "Percent of enrolled children whose families report improved care coordination"
        },
    ),
    (
        "clarity.vague",
        "warning",
        {"measures": [M(2, "Promote family engagement in care planning"), M(4, Q4, True)]},
        {"measures": [M(2, "Percent of families engaged in care planning"), M(4, Q4, True)]},
    ),
    (
        "clarity.vague",
        "warning",
        {"esm.title": "Raise awareness of the medical home among parents"},
        {"esm.title": "Number of campaigns to raise awareness of the medical home"},
    ),
    (
        "clarity.no-unit-form",
        "info",
        {"esm.title": "Children in care coordination with a shared plan of care"},
        {"esm.title": "Percent of children in care coordination with a shared plan of care"},
    ),
    # references the catalog does not know
    ("reference.unknown-npm", "error", {"npm": "medical-hom"}, {"npm": "medical-home-personal"}),
    (
        "reference.unknown-strategy",
        "error",
        {"strategy": "medical-home-personal-99"},
        {"strategy": "medical-home-personal-01"},
    ),
    (
        "reference.unknown-template",
        "error",
        {"measures": [{"quadrant": 4, "text": Q4, "template": "no-such-template"}]},
        {"measures": [{"quadrant": 4, "text": Q4}]},
    ),
    (  # a template's former id is still known (it moved to another quadrant)
        "reference.unknown-template",
        "error",
        {"measures": [{"quadrant": 2, "text": Q2, "template": "q4-safety-care-per-protocl"}]},
        {"measures": [{"quadrant": 2, "text": Q2, "template": "q4-safety-care-per-protocol"}]},
    ),
    (
        "balance.skipped-twice",
        "error",
        {"skipped_quadrants": [3, 3]},
        {"skipped_quadrants": [3]},
    ),
]


@pytest.mark.parametrize(
    ("rule", "severity", "trigger", "clean"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_triggers_and_does_not(
    rule: str,
    severity: str,
    trigger: dict[str, Any],
    clean: dict[str, Any],
    example_data: dict[str, Any],
    catalog: Any,
) -> None:
    hit = [f for f in _findings(_apply(example_data, trigger), catalog) if f.rule == rule]
    assert hit, f"{rule} not reported"
    assert {f.severity for f in hit} == {severity}
    for f in hit:
        assert f.message and f.advice
    assert rule not in _rules(_apply(example_data, clean), catalog)


def test_mismatch_message_gives_both_reasons(example_data: dict[str, Any], catalog: Any) -> None:
    data = _apply(example_data, {"measures": [M(4, "Percent of families who received a visit")]})
    (f,) = [f for f in _findings(data, catalog) if f.rule == "quadrant.mismatch"]
    assert f.path == "measures[0].quadrant"
    assert "Declared: Quadrant 4 is the percentage of those served who are better off" in f.message
    assert "Inferred: a percentage → quality" in f.message
    assert "Quadrant 2 (Quality of Effort)" in f.message


def test_satisfaction_mismatch_advice_says_sources_disagree(
    example_data: dict[str, Any], catalog: Any
) -> None:
    text = "Percent of families who report high levels of satisfaction with their care coordinator"
    data = _apply(example_data, {"measures": [M(4, text, True)]})
    (f,) = [f for f in _findings(data, catalog) if f.rule == "quadrant.mismatch"]
    assert "RBA sources disagree on satisfaction" in f.advice


def test_headline_finding_points_at_the_measure(example_data: dict[str, Any], catalog: Any) -> None:
    data = _apply(example_data, {"measures": [M(4, Q4), M(2, Q2, True)]})
    paths = [f.path for f in _findings(data, catalog) if f.rule == "balance.headline-effort"]
    assert paths == ["measures[1].headline"]


def test_targets_finding_points_at_the_year(example_data: dict[str, Any], catalog: Any) -> None:
    data = _apply(example_data, {"esm.targets": {2026: 45, 2027: 48, 2028: 47, 2029: 50, 2030: 52}})
    paths = [f.path for f in _findings(data, catalog) if f.rule.startswith("targets.")]
    assert paths == ["esm.targets.2028"]


def test_population_warning_quotes_the_reviewers(
    example_data: dict[str, Any], catalog: Any
) -> None:
    data = _apply(
        example_data,
        {
            "esm.title": "Percent of children who have a personal doctor or nurse",
            "esm.numerator": "Children who have a personal doctor or nurse",
            "esm.denominator": "Children ages 0 through 17",
            "esm.data_sources": "NSCH",
        },
    )
    (f,) = [f for f in _findings(data, catalog) if f.rule == "alignment.population-measure"]
    assert "does not align with a specific evidence-based strategy" in f.message
    assert "NSCH" in f.message


def test_incomplete_draft_is_reviewed(catalog: Any) -> None:
    """A draft that only has a title still gets a review, listing what is missing."""
    data = {"npm": "medical-home-personal", "esm": {"title": "Improve care coordination"}}
    rules = [f.rule for f in _findings(data, catalog)]
    assert "completeness.missing" in rules  # strategy, unit type
    assert "definition.numerator-missing" in rules
    assert "clarity.vague" in rules
    assert "balance.no-measures" in rules


def test_findings_are_ordered_errors_first_and_stable(
    example_data: dict[str, Any], catalog: Any
) -> None:
    data = _apply(
        example_data,
        {
            "esm.goal": DELETE,
            "esm.targets": {2026: 45, 2027: 44},
            "measures": [M(1, Q1, True), M(1, "Number of families served")],
        },
    )
    findings = _findings(data, catalog)
    order = [SEVERITIES.index(f.severity) for f in findings]
    assert order == sorted(order)
    assert {"error", "warning", "info"} <= {f.severity for f in findings}
    assert findings == _findings(data, catalog)


def test_template_unit_type_informs_the_inference(
    example_data: dict[str, Any], catalog: Any
) -> None:
    t = next(t for t in catalog.strategy_templates_all() if t.unit_type == "count")
    measure = {"quadrant": t.quadrant, "text": "Families reached", "template": t.id}
    data = _apply(example_data, {"measures": [measure]})
    from esmtool.checks.rules import measure_inference

    inf = measure_inference(Draft.model_validate(data).measures[0], catalog)
    assert inf.form == "quantity" and inf.form_known


def test_check_reads_a_receipt_with_the_drafts_own_measure(
    example_data: dict[str, Any], catalog: Any
) -> None:
    # a developmental screen received is the developmental-screening NPM's own outcome
    # (catalog: outcome_receipts), so Quadrant 4 is right there, and effort for another NPM
    text = (
        "Percent of children seen at participating practices who received a standardized "
        "developmental screening"
    )
    own = _apply(
        example_data,
        {
            "npm": "developmental-screening",
            "strategy": "developmental-screening-04",
            "measures": [M(4, text)],
        },
    )
    assert "quadrant.mismatch" not in _rules(own, catalog)
    other = _apply(example_data, {"measures": [M(4, text)]})  # medical-home-personal
    (f,) = [f for f in _findings(other, catalog) if f.rule == "quadrant.mismatch"]
    assert "Quadrant 2 (Quality of Effort)" in f.message


#: The drafts shipped as examples, which people copy: none carries an error or a warning (the
#: actuals example's missed objectives are its point, so only its progress findings are allowed).
EXAMPLE_DRAFTS = sorted(
    [*(ROOT / "examples").glob("*.yaml"), *(ROOT / "examples" / "plan" / "drafts").glob("*.yaml")]
)


@pytest.mark.parametrize("path", EXAMPLE_DRAFTS, ids=lambda p: p.name)
def test_the_example_drafts_carry_no_error_or_warning(path: Any, catalog: Any) -> None:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [
        f
        for f in _findings(data, catalog)
        if f.severity != "info" and not f.rule.startswith("progress.")
    ]
    assert found == [], path.name
