"""Changing a measure from the review (issue 12.9): wording, template blanks, quadrant, headline.

The walk runs through prompt_toolkit's pipe input on a complete draft, so it goes straight to
the review; the keys open "Edit the measure set", a quadrant, then one measure.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from esmtool.errors import Interrupted

from .test_walk import CLEAR, CTRL_C, DOWN, ENTER, STRATEGY, drive, load_autosave

EDIT_SET = DOWN * 3 + ENTER  # the review's "Edit the measure set"
SAVE = ENTER  # the review's "Save and finish"


def quadrant(q: int) -> str:
    """In "What do you want to change?": Quadrant q."""
    return DOWN * (q - 1) + ENTER


def first_measure() -> str:
    """In a quadrant's menu: its first measure (after "Add a measure")."""
    return DOWN + ENTER


def test_edit_the_wording(catalog: Any, example_data: dict[str, Any], tmp_path: Path) -> None:
    new = "Number of care coordinators hired and trained in family-centered care planning"
    keys = EDIT_SET + quadrant(1) + first_measure() + ENTER + CLEAR + new + ENTER + SAVE
    draft = drive(keys, catalog, tmp_path / "d.yaml", example_data)
    before = example_data["measures"]
    assert [m.text for m in draft.measures] == [new] + [m["text"] for m in before[1:]]
    assert draft.measures[0].quadrant == 1


def test_an_empty_wording_is_refused(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    new = "Number of care coordinators hired"
    keys = EDIT_SET + quadrant(1) + first_measure() + ENTER
    keys += CLEAR + ENTER + new + ENTER + SAVE  # empty: refused, asked again
    draft = drive(keys, catalog, tmp_path / "d.yaml", example_data)
    assert draft.measures[0].text == new


def with_template_measure(catalog: Any, example_data: dict[str, Any]) -> tuple[dict, Any]:
    data = copy.deepcopy(example_data)
    template = catalog.templates_for(catalog.strategy(STRATEGY), 2)[0]
    assert len(template.slots) >= 2  # the test changes the first blank and keeps the others
    slots = {s.name: f"old {s.name}" for s in template.slots}
    data["measures"][1] = {
        "quadrant": 2,
        "text": template.fill(slots),
        "template": template.id,
        "slots": slots,
    }
    return data, template


def test_a_template_measure_offers_its_blanks_again(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data, template = with_template_measure(catalog, example_data)
    first, *rest = [s.name for s in template.slots]
    keys = EDIT_SET + quadrant(2) + first_measure() + ENTER  # "Fill in the template's blanks"
    keys += CLEAR + "new answer" + ENTER + ENTER * len(rest)  # the others keep their answers
    draft = drive(keys + SAVE, catalog, tmp_path / "d.yaml", data)
    m = draft.measures[1]
    expected = {first: "new answer", **{name: f"old {name}" for name in rest}}
    assert m.template == template.id and m.slots == expected
    assert m.text == template.fill(expected)
    assert "new answer" in m.text and m.quadrant == 2


def test_rewriting_a_template_measure_drops_the_template(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data, _ = with_template_measure(catalog, example_data)
    own = "Percent of families with a shared plan of care they helped write"
    keys = EDIT_SET + quadrant(2) + first_measure() + DOWN + ENTER + CLEAR + own + ENTER + SAVE
    draft = drive(keys, catalog, tmp_path / "d.yaml", data)
    m = draft.measures[1]
    assert (m.text, m.template, m.slots, m.quadrant) == (own, None, {}, 2)


def test_an_edit_stopped_half_way_leaves_the_measure_as_it_was(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data, _ = with_template_measure(catalog, example_data)
    path = tmp_path / "d.yaml"
    keys = EDIT_SET + quadrant(2) + first_measure() + ENTER + CLEAR + "new answer" + ENTER
    with pytest.raises(Interrupted):
        drive(keys + CTRL_C, catalog, path, data)
    assert load_autosave(path)["measures"] == data["measures"]


MOVE = DOWN + ENTER  # in a measure's menu: "Move it to another quadrant"


def test_move_to_another_quadrant(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    # the quadrant 3 measure goes to quadrant 2: the choices are 1, 2 and 4
    keys = EDIT_SET + quadrant(3) + first_measure() + MOVE + DOWN + ENTER
    keys += "Skip this quadrant" + ENTER  # quadrant 3 is empty now: asked again
    draft = drive(keys + SAVE, catalog, tmp_path / "d.yaml", example_data)
    texts = [m["text"] for m in example_data["measures"]]
    assert [(m.quadrant, m.text) for m in draft.measures] == [
        (1, texts[0]),
        (2, texts[1]),
        (2, texts[2]),  # last of its new quadrant: the list stays in quadrant order
        (4, texts[3]),
    ]
    assert draft.skipped_quadrants == [3]


def test_move_into_a_skipped_quadrant_unskips_it(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data = copy.deepcopy(example_data)
    moved = data["measures"].pop(2)  # quadrant 3 is skipped, quadrant 4 has the headline
    data["skipped_quadrants"] = [3]
    data["measures"].append({"quadrant": 4, "text": moved["text"], "effect": True})
    # the second quadrant 4 measure (effect: true) goes to quadrant 1 (choices 1, 2, 3)
    keys = EDIT_SET + quadrant(4) + DOWN * 2 + ENTER + MOVE + ENTER
    draft = drive(keys + SAVE, catalog, tmp_path / "d.yaml", data)
    assert [m.quadrant for m in draft.measures] == [1, 1, 2, 4]
    assert draft.measures[1].text == moved["text"]
    assert draft.measures[1].effect is None  # "counts who is better off" no longer fits
    assert draft.skipped_quadrants == [3]
    # and a move into quadrant 3, which was skipped: it is not skipped any more
    data["measures"] = [m for m in data["measures"] if m.get("effect") is None]
    keys = EDIT_SET + quadrant(2) + first_measure() + MOVE + DOWN + ENTER
    keys += "Skip this quadrant" + ENTER  # quadrant 2 is empty now
    draft = drive(keys + SAVE, catalog, tmp_path / "e.yaml", data)
    assert [m.quadrant for m in draft.measures] == [1, 3, 4]
    assert draft.skipped_quadrants == [2]


HEADLINE = DOWN * 2 + ENTER  # in a measure's menu: "Make it / No longer a headline measure"


def test_toggle_headline(catalog: Any, example_data: dict[str, Any], tmp_path: Path) -> None:
    keys = EDIT_SET + quadrant(3) + first_measure() + HEADLINE  # on
    keys += EDIT_SET + quadrant(4) + first_measure() + HEADLINE  # off
    draft = drive(keys + SAVE, catalog, tmp_path / "d.yaml", example_data)
    assert [m.headline for m in draft.measures] == [False, False, True, False]


def test_no_more_than_five_headlines(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(example_data)
    data["measures"] = [
        {"quadrant": 4, "text": f"Percent of families who report outcome {i}", "headline": True}
        for i in range(5)
    ]
    data["measures"].insert(0, {"quadrant": 1, "text": "Number of care coordinators trained"})
    data["skipped_quadrants"] = [2, 3]
    keys = EDIT_SET + quadrant(1) + first_measure() + HEADLINE
    draft = drive(keys + SAVE, catalog, tmp_path / "d.yaml", data)
    assert not draft.measures[0].headline
    assert sum(m.headline for m in draft.measures) == 5
    assert "There are already 5 headline measures (at most 5)" in capsys.readouterr().err


#: Wordings for the effort-or-effect question (issue 11): undecided asks, decided does not.
UNDECIDED = "Number of families with a shared plan of care"
DECIDED = "Number of families who report more confidence in talking with their child's doctor"


def reword_first_q3(text: str) -> str:
    return EDIT_SET + quadrant(3) + first_measure() + ENTER + CLEAR + text + ENTER


def test_rewording_into_undecided_wording_asks_effort_or_effect(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    keys = reword_first_q3(UNDECIDED) + ENTER + SAVE  # the question's default in Quadrant 3
    draft = drive(keys, catalog, tmp_path / "d.yaml", example_data)
    (m,) = [m for m in draft.measures if m.text == UNDECIDED]
    assert (m.quadrant, m.effect) == (3, True)


def test_rewording_drops_the_answer_given_for_the_old_wording(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data = copy.deepcopy(example_data)
    i = next(i for i, m in enumerate(data["measures"]) if m["quadrant"] == 3)
    data["measures"][i] = {"quadrant": 3, "text": UNDECIDED, "effect": False}
    draft = drive(reword_first_q3(DECIDED) + SAVE, catalog, tmp_path / "d.yaml", data)
    (m,) = [m for m in draft.measures if m.text == DECIDED]
    assert m.effect is None  # clear wording: no question, and no answer left over


def test_a_blank_answered_before_is_offered_again(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    # a new user typed {program} and {patients} again for every template
    s = catalog.strategy(STRATEGY)
    first = catalog.template("q1-own-medical-home-personal-01-enrolled")
    second = catalog.template("q2-own-medical-home-personal-01-plan-current")
    shared = set(first.slot_names) & set(second.slot_names)
    assert shared and first in catalog.templates_for(s, 1) and second in catalog.templates_for(s, 2)
    data = copy.deepcopy(example_data)
    earlier = {n: f"our {n}" for n in first.slot_names}
    data["measures"] = [
        {"quadrant": 1, "text": first.fill(earlier), "template": first.id, "slots": earlier},
        *[m for m in data["measures"] if m["quadrant"] > 2],
    ]
    keys = f"[{second.id}]" + ENTER  # Quadrant 2, the first open one: this template
    for name in second.slot_names:
        keys += ENTER if name in shared else f"new {name}" + ENTER  # Enter keeps the offer
    with pytest.raises(Interrupted):  # the input ends after the measure is added
        drive(keys, catalog, tmp_path / "d.yaml", data)
    (added,) = [m for m in load_autosave(tmp_path / "d.yaml")["measures"] if m["quadrant"] == 2]
    assert added["slots"] == {
        n: (f"our {n}" if n in shared else f"new {n}") for n in second.slot_names
    }
