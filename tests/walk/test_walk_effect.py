"""The walk's effort-or-effect question (issue 11), through prompt_toolkit's pipe input.

When the wording of a measure the person writes leaves effort or effect undecided, the
walk asks one plain question and keeps the answer in the measure's ``effect`` field, which
``check`` then respects.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from esmtool.checks import check_draft, effort_effect_undecided
from esmtool.errors import Interrupted

from .test_walk import CTRL_C, ENTER, drive

UP = "\x1b[A"
#: No verb class: nothing says whether the families counted are better off.
UNDECIDED = "Number of families with a shared plan of care"
#: A reported change in confidence: effect, no question.
DECIDED = "Number of families who report more confidence in talking with their child's doctor"


def without_quadrant_3(example_data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(example_data)
    data["measures"] = [m for m in data["measures"] if m["quadrant"] != 3]
    return data


def own_q3(text: str, answer: str = "") -> str:
    """Write an own measure in Quadrant 3 (the first open quadrant), answer, then finish."""
    return "".join(
        [
            "Write my own" + ENTER,
            text + ENTER,
            answer,
            ENTER,  # Done with Quadrant 3
            ENTER,  # review: Save and finish
        ]
    )


def q3_measure(draft: Any) -> Any:
    return next(m for m in draft.measures if m.quadrant == 3)


def test_the_wordings_are_what_the_tests_say(catalog: Any) -> None:
    npm = catalog.measures.get("medical-home-personal")
    assert effort_effect_undecided(UNDECIDED, npm)
    assert not effort_effect_undecided(DECIDED, npm)


def test_undecided_wording_asks_and_keeps_effect_true(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data = without_quadrant_3(example_data)
    draft = drive(own_q3(UNDECIDED, ENTER), catalog, tmp_path / "d.yaml", data)  # default: effect
    m = q3_measure(draft)
    assert (m.text, m.effect) == (UNDECIDED, True)
    rules = {f.rule for f in check_draft(draft, catalog) if f.path.startswith("measures[2]")}
    assert "quadrant.mismatch" not in rules
    assert "quadrant.effect-undecided" not in rules  # the answer is recorded


def test_answering_effort_is_kept_and_check_points_out_the_quadrant(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = without_quadrant_3(example_data)
    draft = drive(own_q3(UNDECIDED, UP + ENTER), catalog, tmp_path / "d.yaml", data)
    assert q3_measure(draft).effect is False
    assert "belongs in Quadrant 1" in capsys.readouterr().err
    found = [f for f in check_draft(draft, catalog) if f.path == "measures[2].quadrant"]
    assert [f.rule for f in found] == ["quadrant.mismatch"]


def test_clear_wording_asks_nothing(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data = without_quadrant_3(example_data)
    draft = drive(own_q3(DECIDED), catalog, tmp_path / "d.yaml", data)
    m = q3_measure(draft)
    assert (m.text, m.effect) == (DECIDED, None)
    assert "effect" not in draft.to_data()["measures"][2]


def test_stopped_at_the_question_resumes_at_the_question(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "d.yaml"
    data = without_quadrant_3(example_data)
    with pytest.raises(Interrupted):
        drive("Write my own" + ENTER + UNDECIDED + ENTER + CTRL_C, catalog, path, data)
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["walk"]["pending"]["measure"]["text"] == UNDECIDED
    # resumed: the wording is not asked again; the question is
    draft = drive(UP + ENTER + ENTER + ENTER, catalog, path, saved)
    m = q3_measure(draft)
    assert (m.text, m.effect) == (UNDECIDED, False)
    assert "walk" not in draft.to_data()


def test_the_question_is_asked_in_the_issues_words(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    """What the person reads: the question as drawn by prompt_toolkit, and the answer chosen."""
    import io

    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    from esmtool.walk import run_walk

    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(own_q3(UNDECIDED, ENTER))
        pipe.close()
        run_walk(
            without_quadrant_3(example_data),
            catalog,
            autosave=tmp_path / "d.yaml",
            input=pipe,
            output=PlainTextOutput(screen),
        )
    shown = " ".join(screen.getvalue().split())  # the question may be broken across lines
    assert (
        "Does this count what the program did or whom it reached, or people (or organisations) "
        "who are better off?" in shown
    )
    # the answer chosen (the default in Quadrant 3), as the question line shows it once answered
    assert "People or organizations who are better off (effect)" in shown
