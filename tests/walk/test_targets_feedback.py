"""Feedback on targets as they are typed, and saving with errors (issue 12.10).

The walk runs through prompt_toolkit's pipe input on the example draft without its targets
(baseline 42 in 2025, better is higher), so the first question is the target for 2026.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from esmtool.checks import check_draft
from esmtool.draft import fields as F
from esmtool.draft import validate_draft
from esmtool.errors import Interrupted

from .test_walk import CLEAR, CTRL_C, DOWN, ENTER, drive, load_autosave, state_of


@pytest.fixture
def no_targets(example_data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(example_data)
    del data["esm"]["targets"]
    return data


def findings(draft: Any, catalog: Any, rule: str) -> list[str]:
    return [f.message for f in check_draft(draft, catalog) if f.rule == rule]


def test_a_target_against_the_direction_is_a_warning_not_a_refusal(
    catalog: Any, no_targets: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = CLEAR + "40" + ENTER + ENTER * 4 + ENTER  # 40, then the suggestions; save
    draft = drive(keys, catalog, tmp_path / "d.yaml", no_targets)
    # kept as typed; the suggestions after it go up, as the direction says
    assert draft.esm.targets == {2026: 40, 2027: 41, 2028: 42, 2029: 43, 2030: 44}
    err = " ".join(capsys.readouterr().err.split())
    assert (
        "Note: The 2026 objective (40) is not above the baseline (42 in 2025), though the "
        "measure should increase." in err
    )
    assert err.count("Note: The 2026 objective") == 1  # said once, at the answer


def test_suggestions_follow_the_direction() -> None:
    # a first target under the baseline of an 'increase' measure: the line starts from it
    assert F.straight_line(42, [40], "increase", "percentage") == 41
    assert F.straight_line(42, [40, 41], "increase", "percentage") == 42
    assert F.straight_line(42, [44, 43], "decrease", "percentage") == 42
    # a line that would hold, or go the wrong way, takes a first step instead
    assert F.straight_line(42, [42], "increase", "percentage") == 43
    assert F.straight_line(42, [45, 44], "increase", "percentage") == 45
    assert F.straight_line(200, [210, 190], "increase", "count") == 200
    # and the usual line is unchanged
    assert F.straight_line(42, [45, 48], "increase", "percentage") == 51


def test_a_year_may_be_left_empty(
    catalog: Any, no_targets: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = CLEAR + "45" + ENTER + CLEAR + ENTER + CLEAR + "51" + ENTER + ENTER + ENTER + ENTER
    draft = drive(keys, catalog, tmp_path / "d.yaml", no_targets)
    assert draft.esm.targets is not None and set(draft.esm.targets) == {2026, 2028, 2029, 2030}
    assert draft.esm.targets[2028] == 51
    assert findings(draft, catalog, "targets.year-missing") == ["No objective is set for 2027."]
    assert "No target for 2027" in capsys.readouterr().err


def test_at_least_one_year_needs_a_target(
    catalog: Any, no_targets: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = (CLEAR + ENTER) * 4 + CLEAR + ENTER + "50" + ENTER + ENTER  # 2030 empty: refused
    draft = drive(keys, catalog, tmp_path / "d.yaml", no_targets)
    assert draft.esm.targets == {2030: 50}
    # one finding for the series, not one per year
    assert findings(draft, catalog, "targets.year-missing") == [
        "No objective is set for 2026, 2027, 2028 and 2029."
    ]


def test_a_year_left_empty_is_not_asked_again_on_resume(
    catalog: Any, no_targets: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "d.yaml"
    with pytest.raises(Interrupted):
        drive(CLEAR + "45" + ENTER + CLEAR + ENTER + CTRL_C, catalog, path, no_targets)
    saved = load_autosave(path)
    assert {int(k): v for k, v in saved["walk"]["pending"]["esm.targets"].items()} == {
        2026: 45,
        2027: None,
    }
    assert validate_draft(saved, catalog)[0] is not None
    # resumed: the first question is 2028 (51 typed), then 2029, 2030 and the review
    draft = drive(CLEAR + "51" + ENTER + ENTER + ENTER + ENTER, catalog, path, saved)
    assert draft.esm.targets is not None and set(draft.esm.targets) == {2026, 2028, 2029, 2030}
    assert (draft.esm.targets[2026], draft.esm.targets[2028]) == (45, 51)


def test_one_finding_for_a_series_against_the_direction(
    catalog: Any, example_data: dict[str, Any]
) -> None:
    data = copy.deepcopy(example_data)
    data["esm"]["targets"] = {2026: 45, 2027: 44, 2028: 43, 2029: 46, 2030: 45}
    draft, _ = validate_draft(data, catalog)
    assert findings(draft, catalog, "targets.against-direction") == [
        "The objectives for 2027, 2028 and 2030 move against the declared direction (increase) "
        "from the objective before (2027: 44 after 45 in 2026; 2028: 43 after 44 in 2027; "
        "2030: 45 after 46 in 2029)."
    ]
    data["esm"]["targets"] = {2026: 45, 2027: 44, 2028: 47, 2029: 50, 2030: 53}
    draft, _ = validate_draft(data, catalog)
    found = [f for f in check_draft(draft, catalog) if f.rule == "targets.against-direction"]
    assert [(f.path, f.message) for f in found] == [
        (
            "esm.targets.2027",
            "The objective for 2027 moves against the declared direction (increase) from the "
            "objective before (2027: 44 after 45 in 2026).",
        )
    ]


TITLE_NUMBER = "Number of children with a shared plan of care"


def test_a_number_title_with_a_percentage_unit_is_caught_when_typed(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    from esmtool.walk.definition import answer_check

    state = state_of(example_data, catalog, tmp_path / "d.yaml")
    check = answer_check(state, F.FIELDS["esm.title"])
    assert check(TITLE_NUMBER) == ("The title reads 'Number of …' but the unit type is percentage")
    assert check("Percent of children with a shared plan of care") is True
    # in the walk: edit the title from the review; the 'Number of' title is refused, then fixed
    keys = DOWN + DOWN + ENTER + " " + ENTER  # Edit the ESM definition, tick the title
    keys += CLEAR + TITLE_NUMBER + ENTER  # refused: asked again
    keys += CLEAR + "Percent of children with a plan of care" + ENTER + ENTER  # save
    draft = drive(keys, catalog, tmp_path / "e.yaml", example_data)
    assert draft.esm.title == "Percent of children with a plan of care"


def test_choosing_a_unit_type_that_contradicts_the_title_asks_the_title_again(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(example_data)
    data["esm"]["title"] = TITLE_NUMBER
    data["esm"]["unit_type"] = "count"
    del data["esm"]["denominator"]  # the unit number (100) stays: it is not asked again
    keys = DOWN + DOWN + ENTER + DOWN + DOWN + " " + ENTER  # tick the unit type
    keys += "\x1b[A" + ENTER  # percentage: one up from count, the current answer
    keys += "Percent of children with a shared plan of care" + ENTER  # the title, asked again
    keys += "Children enrolled in care coordination" + ENTER  # the denominator a percentage needs
    draft = drive(keys + ENTER, catalog, tmp_path / "d.yaml", data)
    assert draft.esm.unit_type == "percentage"
    assert draft.esm.title == "Percent of children with a shared plan of care"
    err = " ".join(capsys.readouterr().err.split())
    assert (
        "ESM title no longer fits (the title reads 'Number of …' but the unit type is "
        "percentage); it is cleared and asked again." in err
    )


def with_error(example_data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(example_data)
    data["esm"]["denominator"] = "N/A"  # a percentage without a denominator: an error of check
    return data


def test_save_with_errors_asks_first(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_error(example_data)
    draft, _ = validate_draft(data, catalog)
    assert any(f.severity == "error" for f in check_draft(draft, catalog))
    path = tmp_path / "d.yaml"
    # Save: asked; Enter is No (back to the choices); the input then ends: nothing was finished
    with pytest.raises(Interrupted):
        drive(ENTER + ENTER, catalog, path, data)
    assert "Draft complete" not in capsys.readouterr().err  # (the question is drawn on the
    # prompt's own output: the pseudo-terminal test reads its words)
    # Save, then yes: saved
    draft = drive(ENTER + "y", catalog, path, data)
    assert draft.esm.denominator == "N/A"
    assert "Draft complete" in capsys.readouterr().err


def test_save_without_errors_is_not_asked(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drive(ENTER, catalog, tmp_path / "d.yaml", example_data)  # one Enter: saved
    assert "Draft complete" in capsys.readouterr().err


def test_a_resumed_title_that_contradicts_the_unit_is_not_saved(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(example_data)
    data["esm"]["title"] = TITLE_NUMBER  # with a percentage: refused for a new draft
    keys = ENTER + "y"  # Save and finish; it is an error of check: save anyway
    keys += DOWN + DOWN + ENTER + " " + ENTER  # refused: edit the title
    keys += CLEAR + "Percent of children with a plan of care" + ENTER + ENTER  # save
    draft = drive(keys, catalog, tmp_path / "d.yaml", data)
    assert draft.esm.title == "Percent of children with a plan of care"
    err = " ".join(capsys.readouterr().err.split())
    assert (
        "The draft cannot be saved yet: ESM title: The title reads 'Number of …' but the unit "
        "type is percentage." in err
    )
