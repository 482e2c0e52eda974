"""The interactive part of `plan init`, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from questionary import Separator

from esmtool.errors import Interrupted
from esmtool.plan.walk import federal_status, npm_choices, run_plan_walk

ENTER = "\r"
DOWN = "\x1b[B"
SPACE = " "
CTRL_C = "\x03"


def drive(keys: str, catalog: Any, answers: dict[str, Any] | None = None, **kw: Any) -> Any:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        return run_plan_walk(dict(answers or {}), catalog, input=pipe, output=DummyOutput(), **kw)


def _values(catalog: Any, chosen: list[str]) -> list[str]:
    return [c.value for c in npm_choices(catalog, chosen) if not isinstance(c, Separator)]


def test_universal_npms_come_first_and_ticked(catalog: Any) -> None:
    choices = [
        c for c in npm_choices(catalog, ["postpartum-visit"]) if not isinstance(c, Separator)
    ]
    assert choices[0].value == "postpartum-visit" and choices[0].checked
    family = {"postpartum-visit", "medical-home-overall"} | {
        m.code for m in catalog.measures.values() if m.parent == "medical-home-overall"
    }
    assert {c.value for c in choices[: len(family)]} == family
    assert "forgone-health-care" not in {c.value for c in choices}  # a Standardized Measure


def test_domains_are_marked_once_covered(catalog: Any) -> None:
    titles = [
        str(c.title) for c in npm_choices(catalog, ["breastfeeding"]) if isinstance(c, Separator)
    ]
    assert any("Perinatal/Infant Health ✓" in t for t in titles)
    assert any(t.endswith("Adolescent Health") for t in titles)


def test_federal_status_lines(catalog: Any) -> None:
    bad = federal_status(catalog, "X", ["postpartum-visit", "breastfeeding"])
    assert all(line.startswith("✗") for line in bad) and len(bad) >= 3
    good = federal_status(
        catalog,
        "X",
        [
            "postpartum-visit",
            "medical-home-cc",
            "breastfeeding",
            "developmental-screening",
            "transition",
            "adolescent-well-visit",
        ],
    )
    assert len(good) == 1 and good[0].startswith("✓")


def test_walk_with_the_universal_npms_only(
    catalog: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = (
        "Example State"
        + ENTER  # state
        + "2026"
        + ENTER  # reporting year
        + ENTER  # keep the two ticked Universal NPMs
        + "n"  # do not change them despite the rules shown
        + "n"  # no priority need
    )
    data = drive(keys, catalog)
    assert data["state"] == "Example State" and data["reporting_year"] == 2026
    assert data["npms"] == ["postpartum-visit", "medical-home-overall"]
    assert "priority_needs" not in data
    # once the pick is confirmed, the federal rules on it are printed (on stderr), one a line
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("✗ The plan chooses 2 NPMs; each state reports at least 5")
    missing = [line for line in err if line.startswith("✗ No chosen NPM is in the ")]
    assert [line.split(" domain;")[0][len("✗ No chosen NPM is in the ") :] for line in missing] == [
        "Perinatal/Infant Health",
        "Adolescent Health",
    ]


def test_the_rules_follow_the_ticks_live(catalog: Any) -> None:
    """The status under the NPM list is computed from the ticks at each redraw."""
    import questionary
    from prompt_toolkit.layout import ConditionalContainer
    from questionary.prompts.common import InquirerControl

    from esmtool.plan.walk import live_rules

    with create_pipe_input() as pipe:
        question = questionary.checkbox(
            "NPMs",
            choices=npm_choices(catalog, ["postpartum-visit", "medical-home-overall"]),
            input=pipe,
            output=DummyOutput(),
        )
        calls: list[list[str]] = []
        live_rules(question, lambda ticks: calls.append(sorted(ticks)) or [f"{len(ticks)} ticked"])
        layout = question.application.layout
        extra = layout.container.children[-1]
        assert isinstance(extra, ConditionalContainer)
        show = extra.content.content  # the window's text control
        ic = next(
            w.content for w in layout.find_all_windows() if isinstance(w.content, InquirerControl)
        )
        assert show.text() == "2 ticked"
        ic.selected_options.remove("postpartum-visit")  # what <space> on it does
        assert show.text() == "1 ticked"
        ic.selected_options.append("breastfeeding")
        assert show.text() == "2 ticked"
        assert calls == [
            ["medical-home-overall", "postpartum-visit"],
            ["medical-home-overall"],
            ["breastfeeding", "medical-home-overall"],
        ]


def test_walk_picks_more_npms_and_a_priority_need(catalog: Any) -> None:
    order = _values(catalog, ["postpartum-visit", "medical-home-overall"])
    wanted = ["breastfeeding", "developmental-screening", "transition", "adolescent-well-visit"]
    keys = ""
    pos = 0
    for code in sorted(wanted, key=order.index):
        keys += DOWN * (order.index(code) - pos) + SPACE
        pos = order.index(code)
    keys = (
        ENTER  # the remembered state is offered: keep it
        + ENTER  # no reporting year
        + keys
        + ENTER  # the rules are met: no question to change
        + "y"  # add a priority need
        + "Postpartum care"
        + ENTER
        + "More visits by 2030"
        + ENTER
        + ENTER  # no more objectives
        + SPACE
        + ENTER  # link it to the first chosen NPM (postpartum-visit)
        + ENTER  # no strategies
        + "n"  # no other need
    )
    data = drive(keys, catalog, remembered_state="Remembered State")
    assert data["state"] == "Remembered State" and "reporting_year" not in data
    assert set(data["npms"]) == {"postpartum-visit", "medical-home-overall", *wanted}
    assert data["priority_needs"] == [
        {
            "need": "Postpartum care",
            "objectives": ["More visits by 2030"],
            "npms": ["postpartum-visit"],
        }
    ]


def test_ctrl_c_writes_nothing(catalog: Any, tmp_path: Path) -> None:
    with pytest.raises(Interrupted) as info:
        drive("Exam" + CTRL_C, catalog)
    assert "nothing was written" in info.value.message
    with pytest.raises(Interrupted):
        drive("Example" + ENTER, catalog)  # the input ends mid-walk


def _spawn(tmp_path: Path, *args: str) -> Any:
    import os
    import sys

    pexpect = pytest.importorskip("pexpect")
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "userdata"),
        "ESMTOOL_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm",
        "NO_COLOR": "1",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    return pexpect.spawn(
        sys.executable,
        ["-m", "esmtool", "plan", "init", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(60, 200),
    )


def test_plan_init_on_a_terminal_remembers_the_state(tmp_path: Path) -> None:
    import yaml

    pexpect = pytest.importorskip("pexpect")
    child = _spawn(tmp_path, "first")
    child.expect("State or jurisdiction")
    child.send("Example State" + ENTER)
    child.expect("Reporting year")
    child.send(ENTER)
    child.expect("The NPMs the state reports")
    # the rules on the ticks are shown live, under the list, before any pick is confirmed
    child.expect("✗ The plan chooses 2 NPMs")
    child.expect("Adolescent Health domain")
    child.send(ENTER)
    # and printed once it is
    child.expect("✗ The plan chooses 2 NPMs; each state reports at least 5")
    child.expect("Change the NPMs")
    child.send("n")
    child.expect("Add a priority need")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    data = yaml.safe_load((tmp_path / "first" / "plan.yaml").read_text(encoding="utf-8"))
    assert data["state"] == "Example State" and (tmp_path / "first" / "drafts").is_dir()
    # a second plan offers the state given last time; an existing plan is refused at once
    again = _spawn(tmp_path, "first")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 2 and "already exists" in again.before
    child = _spawn(tmp_path, "second")
    child.expect("State or jurisdiction")
    child.expect("Example State")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and not (tmp_path / "second" / "plan.yaml").exists()
