"""The interactive walk, driven through prompt_toolkit's pipe input.

Keystrokes go in through a pipe; the prompts render into a DummyOutput. Each
test closes the pipe after its keystrokes, so a walk that asks more than the
test expects ends (EOF -> Interrupted) instead of hanging.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from esmtool.draft import ESM, Draft, validate_draft
from esmtool.draft import fields as F
from esmtool.errors import EXIT_INPUT, EXIT_INTERRUPTED, DraftError, Interrupted
from esmtool.walk import run_walk

ENTER = "\r"
CLEAR = "\x15"  # Ctrl-U: wipe the suggested answer
DOWN = "\x1b[B"
SPACE = " "
CTRL_C = "\x03"
CTRL_D = "\x04"

NPM = "medical-home-personal"
STRATEGY = "medical-home-personal-01"
TITLE = "Percent of CYSHCN in care coordination with a shared plan of care"
NUMERATOR = "Children in care coordination with a shared plan of care"
DENOMINATOR = "Children in care coordination"
OWN_MEASURE = "Percent of families who feel confident navigating care"
STATE = "Example State"


def drive(
    keys: str,
    catalog: Any,
    autosave: Path,
    data: dict[str, Any] | None = None,
) -> Draft:
    """Run the walk on these keystrokes; the input ends after them."""
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        return run_walk(
            dict(data or {}), catalog, autosave=autosave, input=pipe, output=DummyOutput()
        )


def q2_template(catalog: Any) -> Any:
    return catalog.templates_for(catalog.strategy(STRATEGY), 2)[0]


def script(catalog: Any) -> list[tuple[str, str]]:
    """One entry per question of a whole walk: (name, keystrokes)."""
    template = q2_template(catalog)
    slots = [(f"slot-{i}", f"my {s.name}" + ENTER) for i, s in enumerate(template.slots)]
    return [
        ("measure", f"[{NPM}]" + ENTER),
        ("strategy-list", "Show strategies from other measures" + ENTER),
        ("strategy-all", f"[{STRATEGY}]" + ENTER),
        ("confirm", "y"),
        ("title", TITLE + ENTER),
        ("goal", ENTER),
        ("unit_type", ENTER),  # a percentage: its unit number (100) is not asked
        ("numerator", NUMERATOR + ENTER),
        ("denominator", DENOMINATOR + ENTER),
        ("data_sources", ENTER),
        ("data_issues", ENTER),  # optional, left empty
        ("significance", ENTER),
        ("direction", ENTER),
        ("baseline-year", "2025" + ENTER),
        ("baseline-value", "abc" + ENTER + CLEAR + "42" + ENTER),  # abc is refused
        ("target-2026", CLEAR + "45" + ENTER),
        ("target-2027", ENTER),
        ("target-2028", ENTER),
        ("target-2029", ENTER),
        ("target-2030", ENTER),
        ("status", ENTER),
        ("id", ENTER),  # optional, left empty
        ("state", STATE + ENTER),
        ("q1", "MCHbest sample:" + ENTER),
        ("q1-more", ENTER),  # "Done with Quadrant 1"
        ("q2", f"[{template.id}]" + ENTER),
        *slots,
        ("q2-more", ENTER),
        ("q3", "Skip this quadrant" + ENTER),
        ("q4", "Write my own" + ENTER),
        ("q4-own", OWN_MEASURE + ENTER),
        ("q4-more", ENTER),
        ("headlines", ENTER),  # the quadrant 4 measure is suggested (ticked)
        ("review", ENTER),  # Save and finish
    ]


def keys_of(steps: list[tuple[str, str]]) -> str:
    return "".join(k for _, k in steps)


def index_of(steps: list[tuple[str, str]], name: str) -> int:
    return [n for n, _ in steps].index(name)


def load_autosave(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def uninterrupted(catalog: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("walk") / "draft.yaml"
    with pytest.MonkeyPatch.context() as env:  # module-scoped: the autouse isolation is not on yet
        env.setenv("XDG_CONFIG_HOME", str(path.parent / "config"))
        draft = drive(keys_of(script(catalog)), catalog, path)
    return draft.to_data()


# ----- a whole walk ---------------------------------------------------------------------------


def test_the_suggested_goal_says_what_the_strategy_is_for(catalog: Any) -> None:
    # a new user was offered the strategy's activity alone as the goal
    data = {"npm": "postpartum-visit", "strategy": "postpartum-visit-09"}
    approach = catalog.strategy("postpartum-visit-09").approach.rstrip(".")
    assert F.default_for("esm.goal", data, catalog) == (
        f"{approach}, to increase the percent of women who have a postpartum visit within 12 "
        "weeks after giving birth and received recommended care components."
    )
    # a measure whose goal no source gives: the approach alone
    assert catalog.measures[NPM].goal is None
    data = {"npm": NPM, "strategy": STRATEGY}
    approach = catalog.strategy(STRATEGY).approach
    assert F.default_for("esm.goal", data, catalog) in (approach, approach + ".")


def test_whole_walk_gives_a_complete_draft(
    uninterrupted: dict[str, Any], catalog: Any, tmp_path: Path
) -> None:
    d = uninterrupted
    strategy = catalog.strategy(STRATEGY)
    template = q2_template(catalog)
    assert d["state"] == STATE
    assert d["npm"] == NPM
    assert d["strategy"] == STRATEGY
    esm = d["esm"]
    assert esm["title"] == TITLE
    assert esm["goal"] == F.default_for("esm.goal", d, catalog)
    assert esm["goal"].startswith(strategy.approach)
    assert esm["unit_type"] == "percentage"
    assert esm["unit_number"] == 100  # a percentage's, filled in without asking
    assert esm["numerator"] == NUMERATOR
    assert esm["denominator"] == DENOMINATOR
    assert strategy.name in esm["data_sources"]
    assert strategy.name in esm["significance"]
    assert "data_issues" not in esm and "id" not in esm  # left empty
    assert esm["direction"] == "increase"
    assert esm["baseline"] == {"year": 2025, "value": 42}  # 'abc' was refused
    assert esm["targets"] == {2026: 45, 2027: 48, 2028: 51, 2029: 54, 2030: 57}
    assert esm["status"] == "active"
    sample = next(sm.text for sm in strategy.sample_measures if sm.quadrant == 1)
    slots = {s.name: f"my {s.name}" for s in template.slots}
    assert d["measures"] == [
        {"quadrant": 1, "text": sample},
        {"quadrant": 2, "text": template.fill(slots), "template": template.id, "slots": slots},
        {"quadrant": 4, "text": OWN_MEASURE, "headline": True},
    ]
    assert d["skipped_quadrants"] == [3]
    assert "walk" not in d
    # the result is a valid, complete draft by the one validation path
    again, problems = validate_draft(d, catalog, complete=True)
    assert problems == [] and again is not None


def test_the_autosave_ends_as_the_finished_draft(catalog: Any, tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    draft = drive(keys_of(script(catalog)), catalog, path)
    saved = load_autosave(path)
    assert saved == draft.to_data()
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert "in progress" not in first  # a finished draft does not say it is in progress
    assert first.startswith("# esmtool draft, finished.") and f"esmtool export {path}" in first


def test_prompts_and_panels_never_touch_stdout(
    catalog: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drive(keys_of(script(catalog)), catalog, tmp_path / "d.yaml")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(tmp_path / "d.yaml") in captured.err  # the autosave path is shown at the start
    assert "Care Coordination and Case Management" in captured.err  # the strategy panel
    assert "Quadrant 3 skipped. The RBA tips advise:" in captured.err


# ----- per-field validation ---------------------------------------------------------------------


def state_of(data: dict[str, Any], catalog: Any, path: Path) -> Any:
    """The walk's state for ``data``, as a walk resuming it holds it."""
    from esmtool.draft.autosave import DraftFile
    from esmtool.walk.state import WalkState

    draft, problems = validate_draft(data, catalog)
    assert draft is not None, problems
    return WalkState(draft, catalog, DraftFile(path))


def test_wrong_values_are_refused_with_the_reason(catalog: Any, tmp_path: Path) -> None:
    from esmtool.walk.definition import answer_check

    data = {"npm": NPM, "strategy": STRATEGY, "esm": {"unit_type": "percentage"}}
    state = state_of(data, catalog, tmp_path / "d.yaml")
    check = answer_check(state, F.FIELDS["esm.unit_number"])
    assert check("50") == "Must be 100 for a percentage"
    assert check("ten") == "'ten' is not a number"
    assert check("") == "An answer is needed here."
    assert check("100") is True
    assert state.problem("esm.baseline", {"year": 2025, "value": "abc"}) == "'abc' is not a number"
    assert state.problem("esm.baseline", {"year": 2025, "value": 120}) == (
        "A percentage must be between 0 and 100"
    )
    assert state.problem("esm.targets", {2026: 101}, within="esm.targets.2026") == (
        "A percentage must be between 0 and 100"
    )
    assert not (tmp_path / "d.yaml").exists()  # checking an answer saves nothing


def test_a_refused_value_is_asked_again(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data = dict(example_data)
    data["esm"] = {k: v for k, v in data["esm"].items() if k not in ("unit_number", "baseline")}
    data["esm"]["unit_type"] = "rate"
    data["esm"]["title"] = "Rate of care coordination plans per 1,000 children"
    data["esm"].pop("targets")
    keys = "".join(
        [
            CLEAR + "50" + ENTER,  # refused: a rate is per 1,000, 10,000 or 100,000
            CLEAR + "ten" + ENTER,  # refused too
            CLEAR + "1,000" + ENTER,
            "nineteen" + ENTER + CLEAR + "2025" + ENTER,  # baseline year
            "-3" + ENTER + CLEAR + "42" + ENTER,  # baseline value
            CLEAR + "2026: 44, 2027: 46" + ENTER,  # targets
            ENTER,  # review: save
        ]
    )
    draft = drive(keys, catalog, tmp_path / "d.yaml", data)
    assert draft.esm.unit_number == 1000
    assert draft.esm.baseline is not None
    assert (draft.esm.baseline.year, draft.esm.baseline.value) == (2025, 42)


def test_a_percentage_is_not_asked_its_unit_number(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data = dict(example_data)
    data["esm"] = {k: v for k, v in data["esm"].items() if k not in ("unit_number", "baseline")}
    keys = "2025" + ENTER + "42" + ENTER + ENTER  # baseline year, value, save: nothing else
    draft = drive(keys, catalog, tmp_path / "d.yaml", data)
    assert draft.esm.unit_type == "percentage" and draft.esm.unit_number == 100


def test_targets_on_one_line(catalog: Any, example_data: dict[str, Any], tmp_path: Path) -> None:
    data = dict(example_data)
    data["esm"] = {k: v for k, v in data["esm"].items() if k != "targets"}
    keys = "".join(
        [
            CLEAR + "2026: 101, 2027: 50" + ENTER,  # refused: a percentage is at most 100
            CLEAR + "2026 45" + ENTER,  # refused: not YEAR: VALUE
            CLEAR + "2026: 44, 2027: 46.5" + ENTER,
            ENTER,
        ]
    )
    draft = drive(keys, catalog, tmp_path / "d.yaml", data)
    assert draft.esm.targets == {2026: 44, 2027: 46.5}


def test_one_line_targets_keep_the_years_typed_before(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data = dict(example_data)
    data["esm"] = {k: v for k, v in data["esm"].items() if k != "targets"}
    keys = "".join(
        [
            CLEAR + "45" + ENTER,  # 2026, one by one
            CLEAR + "2027: 48, 2028: 51, 2029: 54, 2030: 57" + ENTER,  # at 2027: the rest
            ENTER,  # review: save
        ]
    )
    draft = drive(keys, catalog, tmp_path / "d.yaml", data)
    assert draft.esm.targets == {2026: 45, 2027: 48, 2028: 51, 2029: 54, 2030: 57}
    saved = load_autosave(tmp_path / "d.yaml")
    assert saved["esm"]["targets"] == {2026: 45, 2027: 48, 2028: 51, 2029: 54, 2030: 57}


def test_editing_targets_starts_from_the_first_year(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    from esmtool.checks import check_draft

    data = dict(example_data)
    data["esm"] = {**data["esm"], "targets": {2028: 51, 2029: 54, 2030: 57}}
    draft, _ = validate_draft(data, catalog)
    assert draft is not None
    found = [f for f in check_draft(draft, catalog) if f.rule == "targets.year-missing"]
    assert [f.message for f in found] == ["No objective is set for 2026 and 2027."]
    state = state_of(data, catalog, tmp_path / "d.yaml")
    from esmtool.walk.asker import Asker
    from esmtool.walk.definition import ask_field

    with create_pipe_input() as pipe:
        pipe.send_text(CLEAR + "45" + ENTER + CLEAR + "48" + ENTER + ENTER + ENTER + ENTER)
        pipe.close()
        ask_field(
            state, Asker(input=pipe, output=DummyOutput()), F.FIELDS["esm.targets"], editing=True
        )
    assert state.data["esm"]["targets"] == {2026: 45, 2027: 48, 2028: 51, 2029: 54, 2030: 57}


BACKSPACE = "\x7f"


def choose_measure_with(keys: str, catalog: Any, tmp_path: Path) -> str:
    from esmtool.walk.asker import Asker
    from esmtool.walk.choose import choose_measure

    state = state_of({}, catalog, tmp_path / "d.yaml")
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        choose_measure(state, Asker(input=pipe, output=DummyOutput()), default=None)
    return str(state.data["npm"])


def test_measure_filter_tolerates_typos(catalog: Any, tmp_path: Path) -> None:
    assert choose_measure_with("care cordination" + ENTER, catalog, tmp_path) == "medical-home-cc"
    assert choose_measure_with("bulying" + ENTER, catalog, tmp_path) == "bullying"


def test_measure_filter_without_a_match_chooses_nothing(catalog: Any, tmp_path: Path) -> None:
    # Enter on "no matches" does nothing; the person widens the filter and chooses
    keys = "zzzz qqq" + ENTER + ENTER + BACKSPACE * 8 + "well woman" + ENTER
    assert choose_measure_with(keys, catalog, tmp_path) == "well-woman-visit"
    with pytest.raises(EOFError):  # the input ends while "no matches" is still shown
        choose_measure_with("zzzz qqq" + ENTER, catalog, tmp_path)


def test_fuzzy_ranking() -> None:
    from esmtool.walk.fuzzy import matching

    titles = ["Postpartum Visit", "Medical Home: Care Coordination", "Care Coordination Plus"]
    assert matching("care cordination", titles) == [1, 2]
    assert matching("Care Coordination", titles) == [1, 2]
    assert matching("postpartum", titles) == [0]
    assert matching("xyzzy", titles) == []


def test_invalid_starting_data_stops_before_any_question(catalog: Any, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    data = {"npm": NPM, "esm": {"unit_type": "percentage", "unit_number": 50}, "colour": "red"}
    with pytest.raises(DraftError) as info:
        drive("", catalog, path, data)
    assert info.value.exit_code == EXIT_INPUT
    wheres = {p.where for p in info.value.problems}
    assert "colour" in wheres
    assert not path.exists()


# ----- going back from the review ---------------------------------------------------------------


def test_review_edit_esm_definition(
    catalog: Any, example_data: dict[str, Any], example_draft: Draft, tmp_path: Path
) -> None:
    keys = "".join(
        [
            DOWN + DOWN + ENTER,  # Edit the ESM definition
            SPACE + ENTER,  # tick the first field (the title)
            CLEAR + "A better title" + ENTER,
            ENTER,  # Save and finish
        ]
    )
    draft = drive(keys, catalog, tmp_path / "d.yaml", example_data)
    assert draft.esm.title == "A better title"
    expected = example_draft.to_data()
    expected["esm"]["title"] = "A better title"
    assert draft.to_data() == expected


def test_review_edit_unit_type_clears_what_no_longer_fits(
    catalog: Any,
    example_data: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    keys = "".join(
        [
            DOWN + DOWN + ENTER,  # Edit the ESM definition
            DOWN + DOWN + SPACE + ENTER,  # tick the unit type
            DOWN + ENTER,  # count
            "Number of children with a shared plan of care" + ENTER,  # the title, asked again
            ENTER,  # Save and finish
        ]
    )
    draft = drive(keys, catalog, tmp_path / "d.yaml", example_data)
    assert draft.esm.unit_type == "count"
    assert draft.esm.unit_number is None
    assert draft.esm.denominator is None
    assert draft.esm.title == "Number of children with a shared plan of care"
    err = capsys.readouterr().err
    assert "Denominator no longer fits" in err
    # a 'Percent of …' title contradicts a count (refused when drafting, issue 12.10)
    assert "ESM title no longer fits (the title reads 'Percent of …' but the unit type is" in err


def test_review_edit_measure_set(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    keys = "".join(
        [
            DOWN + DOWN + DOWN + ENTER,  # Edit the measure set
            ENTER,  # Quadrant 1
            DOWN + ENTER,  # its measure
            DOWN + DOWN + DOWN + ENTER,  # Remove it
            "Skip this quadrant" + ENTER,  # quadrant 1 is empty now: asked again
            ENTER,  # Save and finish
        ]
    )
    draft = drive(keys, catalog, tmp_path / "d.yaml", example_data)
    assert [m.quadrant for m in draft.measures] == [2, 3, 4]
    assert draft.skipped_quadrants == [1]


def test_review_edit_strategy(catalog: Any, example_data: dict[str, Any], tmp_path: Path) -> None:
    other = next(s.id for s in catalog.strategies_for(NPM) if s.id != STRATEGY)
    keys = "".join(
        [
            DOWN + ENTER,  # Edit the measure or strategy
            ENTER,  # keep the measure
            f"[{other}]" + ENTER,
            "y",  # use this strategy
            ENTER,  # Save and finish
        ]
    )
    draft = drive(keys, catalog, tmp_path / "d.yaml", example_data)
    assert (draft.npm, draft.strategy) == (NPM, other)


# ----- interrupted and resumed -------------------------------------------------------------------


def _pending(saved: dict[str, Any]) -> dict[str, Any]:
    pending: dict[str, Any] = (saved.get("walk") or {}).get("pending") or {}
    return pending


INTERRUPTIONS: list[tuple[str, str, Any]] = [
    ("strategy-all", CTRL_C, lambda s: s["npm"] == NPM and _pending(s)["strategy_scope"] == "all"),
    ("confirm", CTRL_C, lambda s: _pending(s)["strategy"] == STRATEGY),
    ("title", "", lambda s: s["strategy"] == STRATEGY),  # the input ends (EOF)
    ("goal", CTRL_D, lambda s: s["esm"]["title"] == TITLE),
    ("significance", CTRL_C, lambda s: "esm.data_issues" in s["walk"]["answered"]),
    ("baseline-value", CTRL_C, lambda s: _pending(s)["esm.baseline.year"] == 2025),
    (
        "target-2028",
        CTRL_C,
        lambda s: (
            {int(k): v for k, v in _pending(s)["esm.targets"].items()} == {2026: 45, 2027: 48}
        ),
    ),
    ("q1", CTRL_C, lambda s: s["esm"]["status"] == "active" and "esm.id" in s["walk"]["answered"]),
    ("q1-more", CTRL_C, lambda s: len(s["measures"]) == 1 and _pending(s)["open_quadrant"] == 1),
    ("q2", CTRL_D, lambda s: "open_quadrant" not in _pending(s)),
    ("slot-1", CTRL_C, lambda s: len(_pending(s)["measure"]["slots"]) == 1),
    ("q4-own", CTRL_C, lambda s: s["skipped_quadrants"] == [3]),
    ("headlines", CTRL_C, lambda s: [m["quadrant"] for m in s["measures"]] == [1, 2, 4]),
    ("review", CTRL_C, lambda s: s["measures"][-1].get("headline") is True),
]


@pytest.mark.parametrize(
    ("step", "key", "saved_ok"),
    INTERRUPTIONS,
    ids=[
        f"{step}-{'eof' if not key else 'ctrl-c' if key == CTRL_C else 'ctrl-d'}"
        for step, key, _ in INTERRUPTIONS
    ],
)
def test_interrupt_then_resume_ends_identical(
    step: str,
    key: str,
    saved_ok: Any,
    catalog: Any,
    uninterrupted: dict[str, Any],
    tmp_path: Path,
) -> None:
    steps = script(catalog)
    k = index_of(steps, step)
    path = tmp_path / "draft.yaml"

    # keys typed after the interruption must not count: the walk has ended
    after = "zzz" + ENTER if key else ""
    with pytest.raises(Interrupted) as info:
        drive(keys_of(steps[:k]) + key + after, catalog, path)
    assert info.value.exit_code == EXIT_INTERRUPTED
    assert "zzz" not in path.read_text(encoding="utf-8")
    assert info.value.message == (
        f"Draft saved to {path}. Resume with: esmtool draft --resume {path}"
    )

    saved = load_autosave(path)
    assert saved_ok(saved), saved  # every answer given so far is in the autosave
    ok, problems = validate_draft(saved, catalog)  # and it is a valid (partial) draft
    assert problems == [] and ok is not None

    # resume with the autosave and only the keystrokes not yet given
    draft = drive(keys_of(steps[k:]), catalog, path, saved)
    assert draft.to_data() == uninterrupted
    assert load_autosave(path) == uninterrupted


def test_resume_twice_in_a_row(catalog: Any, uninterrupted: dict[str, Any], tmp_path: Path) -> None:
    steps = script(catalog)
    path = tmp_path / "draft.yaml"
    cuts = [index_of(steps, "numerator"), index_of(steps, "slot-0")]
    with pytest.raises(Interrupted):
        drive(keys_of(steps[: cuts[0]]) + CTRL_C, catalog, path)
    with pytest.raises(Interrupted):
        drive(keys_of(steps[cuts[0] : cuts[1]]) + CTRL_C, catalog, path, load_autosave(path))
    draft = drive(keys_of(steps[cuts[1] :]), catalog, path, load_autosave(path))
    assert draft.to_data() == uninterrupted


def test_resume_ignores_progress_that_no_longer_fits(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data = dict(example_data)
    data["esm"] = {k: v for k, v in data["esm"].items() if k != "baseline"}
    data["walk"] = {
        "pending": {"esm.baseline.year": "soon", "strategy": "no-such-strategy", "colour": 1}
    }
    keys = "".join(["2024" + ENTER, "40" + ENTER, ENTER])  # year, value, save
    draft = drive(keys, catalog, tmp_path / "d.yaml", data)
    assert draft.esm.baseline is not None
    assert (draft.esm.baseline.year, draft.esm.baseline.value) == (2024, 40)
    assert draft.walk is None


# ----- fields: questions as data ------------------------------------------------------------------


def test_every_esm_key_has_exactly_one_question() -> None:
    from esmtool.draft.yearly import YEARLY_ESM_KEYS

    # the yearly cycle's keys are not questions of the first draft's walk (README)
    assert set(YEARLY_ESM_KEYS) <= set(ESM.model_fields)
    asked = set(ESM.model_fields) - set(YEARLY_ESM_KEYS)
    assert sorted(f.name for f in F.ESM_FIELDS) == sorted(asked)
    assert len({f.key for f in F.ESM_FIELDS}) == len(F.ESM_FIELDS)


def test_required_questions_follow_the_draft_order(catalog: Any) -> None:
    from esmtool.draft import missing_keys

    # the walk's order of questions, as the README's draft file shows the keys
    assert [f.name for f in F.ESM_FIELDS] == [
        "title",
        "goal",
        "unit_type",
        "unit_number",
        "numerator",
        "denominator",
        "data_sources",
        "data_issues",
        "significance",
        "direction",
        "baseline",
        "targets",
        "status",
        "id",
    ]
    assert [f.name for f in F.ESM_FIELDS if not f.required] == ["data_issues", "id"]
    # a complete draft needs them in that order (README: "Required for a complete draft")
    for unit_type, needs in (
        ("percentage", ["denominator"]),
        ("rate", ["unit_number", "denominator"]),
        ("count", []),
    ):
        draft, _ = validate_draft({"esm": {"unit_type": unit_type}}, catalog)
        assert draft is not None
        expected = ["npm", "strategy", "esm.title", "esm.goal"]
        expected += [f"esm.{k}" for k in needs if k == "unit_number"]
        expected += ["esm.numerator"] + [f"esm.{k}" for k in needs if k == "denominator"]
        expected += ["esm.data_sources", "esm.significance", "esm.direction"]
        expected += ["esm.baseline", "esm.targets"]
        assert missing_keys(draft) == expected, unit_type
    for f in F.ESM_FIELDS:
        assert f.help and f.label
        if f.kind == "choice":
            assert f.choices


@pytest.mark.parametrize(
    ("title", "unit_type"),
    [
        ("Number of families referred to a medical home", "count"),
        ("Rate of ED visits for asthma per 1,000 children", "rate"),
        ("Percent of families with a shared plan of care", "percentage"),
        ("Families with a shared plan of care", "percentage"),
    ],
)
def test_the_unit_type_offered_follows_the_title(catalog: Any, title: str, unit_type: str) -> None:
    data = {"npm": NPM, "strategy": STRATEGY, "esm": {"title": title}}
    assert F.default_for("esm.unit_type", data, catalog) == unit_type


def test_defaults_come_from_the_strategy_and_measure(catalog: Any) -> None:
    data = {"npm": NPM, "strategy": STRATEGY, "esm": {"unit_type": "rate"}}
    strategy = catalog.strategy(STRATEGY)
    assert F.default_for("esm.goal", data, catalog) == strategy.approach.rstrip(".") + "."
    assert F.default_for("esm.unit_number", data, catalog) == 1000
    assert F.default_for("esm.status", data, catalog) == "active"
    assert F.default_for("esm.unit_type", data, catalog) == "percentage"
    significance = F.default_for("esm.significance", data, catalog)
    assert strategy.name in significance
    assert catalog.evidence_label(strategy) in significance
    assert catalog.measure(NPM).name in significance
    assert F.default_for("esm.title", data, catalog) is None
    decreasing = next(m for m in catalog.measures.values() if m.direction == "decrease")
    assert F.default_for("esm.direction", {"npm": decreasing.code}, catalog) == "decrease"
    assert F.default_for("esm.goal", {}, catalog) is None


def test_straight_line_targets() -> None:
    assert F.straight_line(42, [], "increase", "percentage") == 43
    assert F.straight_line(42, [45], "increase", "percentage") == 48
    assert F.straight_line(42, [45, 48], "increase", "percentage") == 51
    assert F.straight_line(10, [], "decrease", "percentage") == 9
    assert F.straight_line(99.5, [100], "increase", "percentage") == 100
    assert F.straight_line(0.5, [0.2], "decrease", "percentage") == 0
    assert F.straight_line(200, [], "increase", "count") == 210
    assert F.straight_line(12.5, [], "decrease", "rate") == 11.88
    assert F.target_years(2025) == [2026, 2027, 2028, 2029, 2030]


def test_parse_targets() -> None:
    assert F.parse_targets("2026: 45, 2027: 48") == {2026: "45", 2027: "48"}
    assert F.parse_targets("2026=45; 2027 = 48%") == {2026: "45", 2027: "48%"}
    for bad in ("", "2026 45", "2026: 1, 2026: 2", "twenty: 4"):
        with pytest.raises(ValueError):
            F.parse_targets(bad)


def test_tips_for_a_skipped_quadrant(catalog: Any) -> None:
    from esmtool.walk.measure_set import tips_for

    for q in (1, 2, 3, 4):
        tips = tips_for(catalog, q)
        assert tips and set(tips) <= set(catalog.tips)
        # each tip shown speaks of this quadrant (or of all levels): not all tips by default
        for tip in tips:
            assert f"{q}" in tip or "all levels" in tip.lower(), (q, tip)
        assert len(tips) < len(catalog.tips), (q, tips)


def test_the_reviews_findings_name_fields_as_people_do() -> None:
    from rich.console import Console

    from esmtool.checks import Finding
    from esmtool.walk.screens import render_findings

    findings = [
        Finding("warning", "targets.against-baseline", "esm.targets.2026", "Below.", "Raise."),
        Finding("info", "quadrant.mismatch", "measures[2].quadrant", "Reads as 4.", "Move."),
        Finding("info", "balance.no-effect", "measures", "No effect measure.", "Add one."),
    ]
    console = Console(width=100, record=True, color_system=None)
    console.print(render_findings(findings, quadrants=[1, 2, 4]))
    shown = console.export_text()
    # the review shows the measure set by quadrant: a finding names the measure's quadrant
    assert "Target for 2026" in shown and "Measure 3 in Quadrant 4: quadrant" in shown
    assert "Measure set" in shown
    assert "esm.targets" not in shown and "measures[2]" not in shown
