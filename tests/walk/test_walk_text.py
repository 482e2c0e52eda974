"""The walk's text answers: suggestions that follow the strategy, hints that are never values,
text kept at Ctrl-C, several lines, values read with their unit (issue 12 items 4 and 18)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from esmtool.draft import fields as F
from esmtool.errors import Interrupted

from .test_walk import CLEAR, CTRL_C, DOWN, ENTER, SPACE, drive, load_autosave

NEW_STRATEGY = "medical-home-personal-04"  # Emerging Evidence (the example's is Moderate)
ALT_ENTER = "\x1b\r"  # what a terminal sends for Alt+Enter (or Esc, then Enter)


def with_suggestions(example_data: dict[str, Any], catalog: Any) -> dict[str, Any]:
    """The example draft with the goal and significance as the walk suggested them."""
    data = dict(example_data)
    esm = dict(data["esm"])
    for key in ("esm.goal", "esm.significance"):
        esm[key[4:]] = F.default_for(key, data, catalog)
    data["esm"] = esm
    return data


# ----- item 4: suggestions follow the strategy -------------------------------------------------


def test_changing_the_strategy_refreshes_accepted_suggestions(
    catalog: Any,
    example_data: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = with_suggestions(example_data, catalog)
    old = catalog.strategy(data["strategy"])
    assert catalog.evidence_label(old) in data["esm"]["significance"]
    own_sources = data["esm"]["data_sources"]  # written by the person, not suggested
    keys = "".join(
        [
            DOWN + ENTER,  # review: Edit the measure or strategy
            ENTER,  # the same measure
            f"[{NEW_STRATEGY}]" + ENTER,
            "y",  # use this strategy
            ENTER,  # review: Save and finish
        ]
    )
    draft = drive(keys, catalog, tmp_path / "d.yaml", data)
    new = catalog.strategy(NEW_STRATEGY)
    assert draft.strategy == NEW_STRATEGY
    assert draft.esm.significance is not None and draft.esm.goal is not None
    assert catalog.evidence_label(new) in draft.esm.significance
    assert catalog.evidence_label(old) not in draft.esm.significance
    assert new.name in draft.esm.significance and old.name not in draft.esm.significance
    assert draft.esm.goal.startswith(new.approach.rstrip("."))
    assert draft.esm.data_sources == own_sources  # the person's own text stays
    err = capsys.readouterr().err
    assert "Goal and Significance now follow the new choice." in err
    assert "Data sources is kept as you wrote it" in err


def test_an_edited_suggestion_is_kept(catalog: Any, example_data: dict[str, Any]) -> None:
    before = with_suggestions(example_data, catalog)
    before["esm"]["significance"] += " Our program adds a family survey."
    after = {**before, "strategy": NEW_STRATEGY}
    updates, kept = F.refreshed(before, after, catalog)
    assert set(updates) == {"esm.goal"}
    assert updates["esm.goal"] == F.default_for("esm.goal", after, catalog)
    assert kept == ["esm.data_sources", "esm.significance"]
    assert F.refreshed(before, dict(before), catalog) == ({}, [])  # nothing changed


def test_the_data_sources_example_is_a_hint_not_a_value(catalog: Any) -> None:
    data = {"npm": "medical-home-personal", "strategy": "medical-home-personal-01"}
    suggested = F.default_for("esm.data_sources", data, catalog)
    assert suggested == "Title V program records for Care Coordination and Case Management."
    hint = F.FIELDS["esm.data_sources"].hint
    assert hint is not None and "tracking spreadsheet or database" in hint
    # esmtool's own wording of a suggestion holds no example to reach a document by Enter
    for sid in catalog.strategies:
        text = F.default_for("esm.data_sources", {**data, "strategy": sid}, catalog) or ""
        assert "for example" not in text.lower(), sid
    # a suggestion an older esmtool wrote (with its example) still follows the strategy
    old = {
        **data,
        "esm": {
            "data_sources": suggested[:-1] + " (for example the program's "
            "tracking spreadsheet or database)."
        },
    }
    updates, kept = F.refreshed(old, {**old, "strategy": NEW_STRATEGY}, catalog)
    assert updates == {
        "esm.data_sources": F.default_for(
            "esm.data_sources", {**old, "strategy": NEW_STRATEGY}, catalog
        )
    }
    assert kept == []


# ----- item 18: units, text kept at Ctrl-C, several lines ----------------------------------------


def test_the_baseline_and_targets_are_shown_with_their_unit(
    catalog: Any,
    example_data: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = dict(example_data)
    data["esm"] = {k: v for k, v in data["esm"].items() if k != "targets"}
    drive(CLEAR + "2026: 45, 2027: 48" + ENTER + ENTER, catalog, tmp_path / "d.yaml", data)
    err = capsys.readouterr().err
    assert "Baseline: 42% in 2025; better is higher." in err  # the targets step
    assert "42% in 2025" in err.split("Step 5 of 5")[1]  # the review
    assert "2026: 45%, 2027: 48%" in err
    assert " 42 in 2025" not in err
    rate = {
        "esm": {"unit_type": "rate", "unit_number": 1000, "baseline": {"year": 2025, "value": 12.5}}
    }
    assert F.answer_text("esm.baseline", rate) == "12.5 per 1,000 in 2025"
    count = {"esm": {"unit_type": "count", "targets": {2026: 120}}}
    assert F.answer_text("esm.targets", count) == "2026: 120"


def without(example_data: dict[str, Any], *keys: str) -> dict[str, Any]:
    data = dict(example_data)
    data["esm"] = {k: v for k, v in data["esm"].items() if k not in keys}
    return data


def test_text_being_typed_at_ctrl_c_is_kept_and_offered_again(
    catalog: Any,
    example_data: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "d.yaml"
    typed = "Families of CYSHCN get one shared plan of care"
    with pytest.raises(Interrupted):
        drive(CLEAR + typed + CTRL_C, catalog, path, without(example_data, "goal"))
    saved = load_autosave(path)
    assert "goal" not in saved["esm"]  # not an answer yet
    assert saved["walk"]["pending"]["typing"] == {"key": "esm.goal", "text": typed}
    draft = drive(ENTER + ENTER, catalog, path, saved)  # resumed: Enter accepts it, then save
    assert draft.esm.goal == typed
    assert "You were typing this when the walk stopped" in capsys.readouterr().err
    assert "walk" not in load_autosave(path)


def test_ctrl_c_while_editing_a_field_asks_it_again_on_resume(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "d.yaml"
    keys = DOWN + DOWN + ENTER + DOWN + SPACE + ENTER + CLEAR + "A goal half writ" + CTRL_C
    with pytest.raises(Interrupted):
        drive(keys, catalog, path, example_data)  # review, edit the goal, Ctrl-C while typing
    saved = load_autosave(path)
    assert saved["esm"]["goal"] == example_data["esm"]["goal"]  # the answer is unchanged
    draft = drive("ten" + ENTER + ENTER, catalog, path, saved)  # goes on typing, then save
    assert draft.esm.goal == "A goal half written"


def test_ctrl_c_at_an_untouched_suggestion_keeps_nothing(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "d.yaml"
    with pytest.raises(Interrupted):
        drive(CTRL_C, catalog, path, without(example_data, "goal"))
    assert "walk" not in load_autosave(path)


def test_a_long_field_takes_several_lines(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    keys = CLEAR + "First line." + ALT_ENTER + "Second line." + ENTER + ENTER
    draft = drive(keys, catalog, tmp_path / "d.yaml", without(example_data, "significance"))
    assert draft.esm.significance == "First line.\nSecond line."


def test_a_long_field_can_be_written_in_the_editor(
    catalog: Any,
    example_data: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading
    import time

    from esmtool.walk import run_walk

    done = tmp_path / "edited"
    editor = tmp_path / "editor.sh"  # an "editor" that writes two lines into the file it gets
    editor.write_text(
        f'#!/bin/sh\nprintf "Written in the editor.\\nSecond line.\\n" > "$1"\ntouch "{done}"\n'
    )
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    monkeypatch.delenv("EDITOR", raising=False)
    with create_pipe_input() as pipe:
        pipe.send_text("\x18\x05")  # Ctrl-X Ctrl-E: the editor's text is the answer

        def then_save() -> None:  # once the editor has closed: Save and finish
            for _ in range(200):
                if done.exists():
                    break
                time.sleep(0.05)
            time.sleep(0.3)
            pipe.send_text(ENTER)
            pipe.close()

        threading.Thread(target=then_save, daemon=True).start()
        data = without(example_data, "goal")
        draft = run_walk(
            data, catalog, autosave=tmp_path / "d.yaml", input=pipe, output=DummyOutput()
        )
    assert draft.esm.goal == "Written in the editor.\nSecond line."


def test_only_long_fields_take_several_lines() -> None:
    assert {f.name for f in F.QUESTIONS if f.kind == "longtext"} >= {"goal", "significance"}
    assert F.FIELDS["esm.title"].kind == "text"  # a title is one line


def test_the_asker_reports_text_typed_when_stopped() -> None:
    from esmtool.walk.asker import Asker

    seen: list[str] = []
    with create_pipe_input() as pipe:
        pipe.send_text("half an answer")
        pipe.close()  # the end of input, like Ctrl-D
        with pytest.raises((EOFError, KeyboardInterrupt)):
            Asker(input=pipe, output=DummyOutput()).text("Goal", on_stop=seen.append)
    assert seen == ["half an answer"]


def test_problems_at_the_save_are_in_plain_words() -> None:
    from esmtool.errors import Problem
    from esmtool.walk import plain_problems

    lines = plain_problems(
        [
            Problem("esm.goal", "is required but missing"),
            Problem("esm.targets.2026", "a percentage must be between 0 and 100"),
            Problem("esm.title", "the title reads 'Number of …' but the unit type is percentage"),
        ]
    )
    assert lines == [
        "Goal is required but missing.",
        "Target for 2026: A percentage must be between 0 and 100.",
        "ESM title: The title reads 'Number of …' but the unit type is percentage.",
    ]


def test_the_save_refuses_a_title_that_contradicts_its_unit(
    catalog: Any,
    example_data: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A file whose title contradicts its unit type is read, but the walk does not save it
    (the drafting rules, as for answers files and --set), and says why in plain words."""
    data = dict(example_data)
    data["esm"] = {**data["esm"], "title": "Number of children with a shared plan of care"}
    keys = "".join(
        [
            ENTER,  # review: Save and finish: refused
            "y",  # (where the walk first asks whether to save despite the checks' errors: yes)
            DOWN + DOWN + ENTER,  # Edit the ESM definition
            SPACE + ENTER,  # the title
            CLEAR + "Percent of children with a shared plan of care" + ENTER,
            ENTER,  # Save and finish
        ]
    )
    draft = drive(keys, catalog, tmp_path / "d.yaml", data)
    assert draft.esm.title == "Percent of children with a shared plan of care"
    err = " ".join(capsys.readouterr().err.split())
    assert "The draft cannot be saved yet:" in err
    assert "ESM title: The title reads 'Number of …' but the unit type is percentage." in err


# ----- text typed at a stop: the baseline and the targets too ------------------------------------


def test_a_baseline_year_typed_at_ctrl_c_is_offered_again(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "d.yaml"
    with pytest.raises(Interrupted):
        drive(CLEAR + "20" + CTRL_C, catalog, path, without(example_data, "baseline", "targets"))
    saved = load_autosave(path)
    assert saved["walk"]["pending"]["typing"] == {"key": "esm.baseline.year", "text": "20"}
    with pytest.raises(Interrupted):  # resumed: the year goes on from "20"; stops at the targets
        drive("25" + ENTER + CLEAR + "42" + ENTER, catalog, path, saved)
    again = load_autosave(path)
    assert again["esm"]["baseline"] == {"year": 2025, "value": 42}
    assert "typing" not in again.get("walk", {}).get("pending", {})


def test_a_baseline_value_typed_at_ctrl_c_is_offered_again(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "d.yaml"
    keys = CLEAR + "2025" + ENTER + CLEAR + "4" + CTRL_C
    with pytest.raises(Interrupted):
        drive(keys, catalog, path, without(example_data, "baseline", "targets"))
    saved = load_autosave(path)
    assert saved["walk"]["pending"]["typing"] == {"key": "esm.baseline.value", "text": "4"}
    with pytest.raises(Interrupted):
        drive("2" + ENTER, catalog, path, saved)  # the year is not asked again
    assert load_autosave(path)["esm"]["baseline"] == {"year": 2025, "value": 42}


def test_a_target_typed_at_ctrl_c_is_offered_again(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "d.yaml"
    keys = CLEAR + "45" + ENTER + CLEAR + "4" + CTRL_C  # 2026 answered, 2027 half typed
    with pytest.raises(Interrupted):
        drive(keys, catalog, path, without(example_data, "targets"))
    saved = load_autosave(path)
    assert saved["walk"]["pending"]["typing"] == {"key": "esm.targets.2027", "text": "4"}
    keys = "8" + ENTER + (CLEAR + ENTER) * 3 + ENTER  # 48 for 2027, no target after it; save
    draft = drive(keys, catalog, path, saved)
    assert draft.esm.targets == {2026: 45, 2027: 48}
