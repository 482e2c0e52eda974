"""The wording rules (esmtool.checks.wording): each with a draft that triggers it and one that does not.

Each case starts from the complete example draft (examples/care-coordination.yaml), which has
no findings, and changes a few keys.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from esmtool.checks import Finding, check_draft
from esmtool.checks.wording import title_without_direction
from esmtool.draft import Draft


def _with(base: dict[str, Any], **esm: Any) -> dict[str, Any]:
    data = copy.deepcopy(base)
    data["esm"].update(esm)
    return data


def _findings(data: dict[str, Any], catalog: Any, rule: str) -> list[Finding]:
    return [f for f in check_draft(Draft.model_validate(data), catalog) if f.rule == rule]


TITLE = "Percent of children with special health care needs enrolled in care coordination who have a shared plan of care"


# ----- definition.title-direction ---------------------------------------------------------------


def test_title_with_a_direction_is_a_warning_with_the_title_rewritten(
    example_data: dict[str, Any], catalog: Any
) -> None:
    data = _with(example_data, title="Increase the percent of " + TITLE[len("Percent of ") :])
    (f,) = _findings(data, catalog, "definition.title-direction")
    assert f.severity == "warning"
    assert f.path == "esm.title"
    assert "'increase'" in f.message.lower()
    assert f"'{TITLE}'" in f.advice


def test_title_without_a_direction_is_clean(example_data: dict[str, Any], catalog: Any) -> None:
    assert _findings(_with(example_data, title=TITLE), catalog, "definition.title-direction") == []
    # a direction word inside the wording is not a stated direction
    inside = "Percent of families who report reduced stress after enrolling in care coordination"
    assert _findings(_with(example_data, title=inside), catalog, "definition.title-direction") == []


@pytest.mark.parametrize(
    ("title", "rewritten"),
    [
        ("Increase the percent of families served", "Percent of families served"),
        (
            "ESM 4.1: Reduce the number of infants exposed to smoke",
            "ESM 4.1: Number of infants exposed to smoke",
        ),
        ("To increase the proportion of youth screened", "Proportion of youth screened"),
        ("Improve care coordination", None),  # nothing counted: no rewrite to offer
    ],
)
def test_title_rewrite(title: str, rewritten: str | None) -> None:
    assert title_without_direction(title) == rewritten


def test_title_direction_without_unit_form_still_warns(
    example_data: dict[str, Any], catalog: Any
) -> None:
    (f,) = _findings(
        _with(example_data, title="Reduce smoking during pregnancy"),
        catalog,
        "definition.title-direction",
    )
    assert "Number of" in f.advice and "direction key" in f.advice


# ----- alignment.significance-stale ------------------------------------------------------------


def test_significance_naming_another_rating_is_a_warning(
    example_data: dict[str, Any], catalog: Any
) -> None:
    stale = example_data["esm"]["significance"].replace("Moderate Evidence", "Expert Opinion")
    (f,) = _findings(
        _with(example_data, significance=stale), catalog, "alignment.significance-stale"
    )
    assert f.severity == "warning"
    assert "'Expert Opinion'" in f.message
    assert "Moderate Evidence" in f.message  # the strategy's own rating, from the catalog


def test_significance_naming_another_strategy_is_a_warning(
    example_data: dict[str, Any], catalog: Any
) -> None:
    other = next(
        s
        for s in catalog.strategies.values()
        if s.id != example_data["strategy"] and len(s.name.split()) >= 3
    )
    text = f"{other.name} is rated Moderate Evidence by MCHbest and supports the NPM."
    (f,) = _findings(
        _with(example_data, significance=text), catalog, "alignment.significance-stale"
    )
    assert other.name in f.message and other.id in f.message


def test_significance_with_the_drafts_own_rating_and_strategy_is_clean(
    example_data: dict[str, Any], catalog: Any
) -> None:
    own = catalog.strategies[example_data["strategy"]]
    text = f"{own.name} is rated Moderate Evidence by MCHbest (Emerging Evidence elsewhere)."
    # the draft's own rating is named, so a second rating is a comparison, not a leftover
    assert (
        _findings(_with(example_data, significance=text), catalog, "alignment.significance-stale")
        == []
    )
    # one-word 'moderate' is ordinary prose, not a rating
    prose = "Care coordination had a moderate effect on families' use of services."
    assert (
        _findings(_with(example_data, significance=prose), catalog, "alignment.significance-stale")
        == []
    )


def test_the_drafts_own_strategy_named_without_its_aside_is_clean(
    example_data: dict[str, Any], catalog: Any
) -> None:
    # the example plan's own draft: "Quality improvement initiatives to increase adolescent
    # well-visits" names its strategy "Quality Improvement (QI) Initiatives to …", and not the
    # other strategies named "Quality Improvement Initiatives"
    own = catalog.strategies["adolescent-well-visit-06"]
    assert "(QI)" in own.name
    data = _with(example_data, significance=f"{own.name.replace(' (QI)', '')} are rated well.")
    data.update(npm=own.measure, strategy=own.id)
    assert _findings(data, catalog, "alignment.significance-stale") == []


# ----- completeness.leftover-text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("title", "Percent of {recipients} who received care coordination"),
        ("numerator", "TBD"),
        ("denominator", "Children enrolled, for example in Title V care coordination"),
        ("data_sources", "For example the program's tracking spreadsheet"),
        ("significance", "[Insert the evidence here]"),
    ],
)
def test_text_left_from_a_default_or_example_is_a_warning(
    example_data: dict[str, Any], catalog: Any, key: str, value: str
) -> None:
    (f,) = _findings(_with(example_data, **{key: value}), catalog, "completeness.leftover-text")
    assert f.severity == "warning"
    assert f.path == f"esm.{key}"


def test_a_blank_answered_with_the_templates_example_is_info(
    example_data: dict[str, Any], catalog: Any
) -> None:
    # the walk shows a blank's example only as a hint, so an answer equal to it was typed:
    # a note to make sure, never a warning (a new user typed 'patient navigators' and was warned)
    t = next(t for t in catalog.strategy_templates_all() if t.slots)
    slots = {s.name: s.example for s in t.slots}
    data = copy.deepcopy(example_data)
    data["measures"].append(
        {"quadrant": t.quadrant, "text": t.fill(slots), "template": t.id, "slots": slots}
    )
    found = _findings(data, catalog, "completeness.slot-example")
    assert {f.path for f in found} == {f"measures[4].slots.{n}" for n in slots}
    assert {f.severity for f in found} == {"info"}
    assert _findings(data, catalog, "completeness.leftover-text") == []
    own = {n: f"our own {n}" for n in slots}
    data["measures"][-1].update(text=t.fill(own), slots=own)
    assert _findings(data, catalog, "completeness.slot-example") == []


def test_prose_may_give_an_example_in_passing(example_data: dict[str, Any], catalog: Any) -> None:
    issues = "Plans of care were recorded on paper in two regions, for example the north."
    assert (
        _findings(_with(example_data, data_issues=issues), catalog, "completeness.leftover-text")
        == []
    )
    assert _findings(example_data, catalog, "completeness.leftover-text") == []


# ----- alignment.numerator-population -----------------------------------------------------------


def _provider_strategy(catalog: Any) -> Any:
    return next(s for s in catalog.strategies.values() if s.name == "Provider Training")


def test_numerator_counting_births_for_a_provider_strategy_is_info(
    example_data: dict[str, Any], catalog: Any
) -> None:
    s = _provider_strategy(catalog)
    data = _with(
        example_data,
        title="Percent of births to women who smoked during pregnancy",
        numerator="Births to women who smoked during pregnancy",
        denominator="All births",
    )
    data.update(strategy=s.id, npm=s.measure)
    (f,) = _findings(data, catalog, "alignment.numerator-population")
    assert f.severity == "info"
    assert "population events" in f.message and "professionals" in f.message


def test_numerator_counting_the_strategys_people_is_clean(
    example_data: dict[str, Any], catalog: Any
) -> None:
    s = _provider_strategy(catalog)
    data = _with(
        example_data,
        title="Percent of trained providers who report using the new protocol",
        numerator="Trained providers who report using the new protocol",
        denominator="Providers trained",
    )
    data.update(strategy=s.id, npm=s.measure)
    assert _findings(data, catalog, "alignment.numerator-population") == []
    # patients of the providers served are linked to them
    data["esm"]["numerator"] = "Patients of trained providers who were screened"
    assert _findings(data, catalog, "alignment.numerator-population") == []


# ----- through the CLI ---------------------------------------------------------------------------


def test_check_cli_reports_wording_and_effect_findings(
    tmp_path: Any, example_data: dict[str, Any]
) -> None:
    """A real `esmtool check` run on a file: the new rule ids, the effect key, the JSON shape."""
    import json

    import yaml

    from ..conftest import run_cli

    data = _with(example_data, title="Increase the percent of " + TITLE[len("Percent of ") :])
    data["measures"][1] = {
        "quadrant": 4,
        "text": "Percent of families who received a home visit each month",
        "effect": True,
    }
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    proc = run_cli("check", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr  # warnings and info only
    (entry,) = json.loads(proc.stdout)
    assert list(entry) == ["file", "esm", "measures", "findings", "counts", "reviewers"]
    rules = {(f["severity"], f["rule"], f["path"]) for f in entry["findings"]}
    assert ("warning", "definition.title-direction", "esm.title") in rules
    assert ("info", "quadrant.effect-declared", "measures[1].effect") in rules
    # the declared effect answer is kept: no mismatch warning, and the inferred quadrant follows it
    assert not any(r == "quadrant.mismatch" for _, r, _ in rules)
    assert entry["measures"][1]["quadrant_inferred"] == 4
    strict = run_cli("check", str(path), "--format", "json", "--strict")
    assert strict.returncode == 1
