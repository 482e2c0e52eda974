"""Issue 12 item 6: a Medical Home sub-measure's strategy list holds its family's strategies."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from esmtool.catalog import load_catalog
from esmtool.errors import Interrupted
from esmtool.walk.choose import _family_strategies, _measure_choices

from .test_walk import ENTER, drive, load_autosave


@pytest.fixture(scope="module")
def cat() -> Any:
    return load_catalog(use_env=False)


def test_the_family_is_the_parent_and_the_sibling_sub_measures(cat: Any) -> None:
    assert cat.related_measures("medical-home-cc") == [
        "medical-home-overall",
        "medical-home-personal",
        "medical-home-usual-source",
        "medical-home-fcc",
        "medical-home-referrals",
    ]
    assert "medical-home-cc" in cat.related_measures("medical-home-overall")
    assert cat.related_measures("breastfeeding") == []


def test_siblings_strategies_are_offered_strongest_evidence_first(cat: Any) -> None:
    ids = [s.id for s in _family_strategies(cat, "medical-home-cc")]
    # scientifically rigorous, then the two Moderate ones (the nearer sibling first), then
    # Emerging (the measure's own first among equals), then unrated
    assert ids == [
        "medical-home-personal-wwfh-02",
        "medical-home-personal-01",
        "medical-home-fcc-03",
        "11-4",
        "medical-home-personal-04",
        "11-2",
    ]


def test_the_measure_list_counts_the_strategies_the_strategy_list_offers(cat: Any) -> None:
    # a new user read "2 strategies" for Care Coordination, then was offered the family's 6
    (title,) = [c.title for c in _measure_choices(cat) if c.value == "medical-home-cc"]
    assert "· 6 strategies  [medical-home-cc]" in str(title)


def test_a_siblings_strategy_is_chosen_from_the_first_list(cat: Any, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    keys = "[medical-home-cc]" + ENTER + "[medical-home-personal-01]" + ENTER + "y"
    with pytest.raises(Interrupted):  # the input ends at the ESM title
        drive(keys, cat, path)
    saved = load_autosave(path)
    assert (saved["npm"], saved["strategy"]) == ("medical-home-cc", "medical-home-personal-01")


def test_the_strategy_lists_rate_by_the_evidence_scale_in_one_spelling(
    cat: Any, tmp_path: Path
) -> None:
    # the pages print "Moderate" and "Moderate Evidence"; a list shows the scale's label
    from esmtool.walk.choose import _strategy_choices

    from .test_walk import state_of

    scale = {level.label for level in cat.evidence.values()}
    printed = {s.evidence_label for s in cat.strategies.values() if s.evidence_label}
    assert printed - scale, "the catalog no longer prints ratings in other spellings"
    state = state_of({"npm": "medical-home-cc"}, cat, tmp_path / "d.yaml")
    for scope in ("family", "all"):
        shown = [c for c in _strategy_choices(state, scope) if c.value in cat.strategies]
        assert shown
        for choice in shown:
            s = cat.strategies[choice.value]
            level = cat.evidence[s.evidence].label
            rating = re.split(r" · |  \[", str(choice.title).split(" — ")[1])[0]
            assert rating == level, choice.title


def test_a_siblings_strategy_is_marked_with_its_sub_measure(cat: Any, tmp_path: Path) -> None:
    # a strategy filed under a sibling says so in its title; the measure's own says nothing
    from esmtool.walk.choose import _strategy_choices

    from .test_walk import state_of

    state = state_of({"npm": "medical-home-cc"}, cat, tmp_path / "d.yaml")
    titles = {c.value: str(c.title) for c in _strategy_choices(state, "family")}
    sibling = titles["medical-home-personal-01"]
    assert "· for Medical Home: Personal Doctor or Nurse  [medical-home-personal-01]" in sibling
    assert "· for Medical Home: Family-Centered Care" in titles["medical-home-fcc-03"]
    own = titles["11-4"]
    assert own.endswith("  [11-4]")
    assert "· for " not in own
    assert "· for " not in titles["11-2"]
