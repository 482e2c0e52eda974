"""'My own strategy' in the walk (issue 12.17): described, written to the own catalog, used.

Through prompt_toolkit's pipe input. The user data folder is a temporary one (conftest), so
the own catalog folder is ``$XDG_DATA_HOME/esmtool/catalog``. Each test loads its own catalog:
the walk adds the new strategy to the catalog it was given.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from esmtool.catalog import load_catalog
from esmtool.draft import fields as F
from esmtool.draft import validate_draft
from esmtool.errors import Interrupted, OutputError

from .test_walk import CLEAR, CTRL_C, DOWN, ENTER, NPM, drive, load_autosave

NAME = "Family Navigators"
APPROACH = "Peer navigators help families of CYSHCN use care coordination."
URL = "https://example.org/family-navigators"
SID = "own-family-navigators"


def own_folder() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "esmtool" / "catalog"


@pytest.fixture
def cat() -> Any:
    return load_catalog(use_env=False)


def describe(*, evidence: str = ENTER, folder: str = ENTER, described: str = URL) -> str:
    """The keys from the strategy list to "Save it and use it"."""
    return (
        "My own strategy" + ENTER
        + NAME + ENTER
        + APPROACH + ENTER
        + evidence
        + described + ENTER
        + folder
        + ENTER  # Save it and use it
    )  # fmt: skip


def walk_to_title(
    keys: str, cat: Any, path: Path, data: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Run the walk from the strategy list; the input ends at the ESM title (saved, stopped)."""
    with pytest.raises(Interrupted):
        drive(keys, cat, path, data or {"npm": NPM})
    return load_autosave(path)


def test_an_own_strategy_is_written_to_the_own_catalog_and_used(
    cat: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = walk_to_title(describe(), cat, tmp_path / "d.yaml")
    assert saved["strategy"] == SID
    assert "own_strategy" not in (saved.get("walk") or {}).get("pending", {})
    written = own_folder() / "strategies" / f"{SID}.yaml"
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data == {
        "strategies": [
            {
                "id": SID,
                "measure": NPM,
                "name": NAME,
                "approach": APPROACH,
                "evidence": "unrated",  # never a rating the person did not give
                "url": URL,
                "origin": "state",
                "unconfirmed": ["evidence"],
            }
        ]
    }
    err = "".join(capsys.readouterr().err.split())  # (long paths wrap on the screen)
    assert "".join(f"Saved your strategy in\n  {written}".split()) in err
    # a later command reads the own folder by default: the draft is valid there
    later = load_catalog()
    assert later.strategy(SID).name == NAME
    assert later.evidence_level(later.strategy(SID)) == "Unrated (not confirmed)"
    draft, problems = validate_draft(saved, later)
    assert problems == [] and draft is not None
    # and the significance offered says what it is, not that MCHbest lists it
    significance = F.default_for("esm.significance", saved, later)
    assert significance.startswith(f"{NAME} is the state's own strategy")
    assert "MCHbest" not in significance
    # the bundled-only catalog (use_env=False) does not read it
    assert SID not in load_catalog(use_env=False).strategies


def test_a_rating_needs_who_gave_it_and_another_folder_is_named(
    cat: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "my catalog"
    rated = DOWN * 2 + ENTER  # the second level of the scale: Moderate Evidence
    rated += ENTER + "MCH Evidence Center review, 2025" + ENTER  # empty: refused, then given
    keys = describe(
        evidence=rated,
        described="Program evaluation report, 2024",
        folder=CLEAR + str(folder) + ENTER,
    )
    saved = walk_to_title(keys, cat, tmp_path / "d.yaml")
    entry = yaml.safe_load((folder / "strategies" / f"{SID}.yaml").read_text(encoding="utf-8"))
    s = entry["strategies"][0]
    assert (s["evidence"], s["source"]) == ("moderate", "MCH Evidence Center review, 2025")
    assert s["url"] == "Program evaluation report, 2024" and "unconfirmed" not in s
    assert saved["strategy"] == SID
    assert not own_folder().exists()
    err = "".join(capsys.readouterr().err.split())  # (long paths wrap on the screen)
    assert "".join(f"add --catalog {folder} to later commands".split()) in err
    later = load_catalog([folder], use_env=False)
    assert later.evidence_level(later.strategy(SID)) == "Moderate Evidence"


def test_an_existing_file_is_never_replaced(cat: Any, tmp_path: Path) -> None:
    existing = own_folder() / "strategies" / f"{SID}.yaml"
    existing.parent.mkdir(parents=True)
    existing.write_text("# someone else's notes\n", encoding="utf-8")
    saved = walk_to_title(describe(), cat, tmp_path / "d.yaml")
    assert saved["strategy"] == f"{SID}-2"
    assert existing.read_text(encoding="utf-8") == "# someone else's notes\n"
    assert (existing.parent / f"{SID}-2.yaml").exists()


def test_write_refuses_an_existing_file(cat: Any, tmp_path: Path) -> None:
    from esmtool.own_strategy import strategy_entry, write_strategy

    entry = strategy_entry(sid="own-x", measure=NPM, name="X", approach="Does x.", described_at=URL)
    target = tmp_path / "strategies" / "own-x.yaml"
    target.parent.mkdir()
    target.write_text("keep me\n", encoding="utf-8")
    with pytest.raises(OutputError):
        write_strategy(entry, cat, tmp_path)
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_an_entry_is_checked_before_it_is_written(cat: Any, tmp_path: Path) -> None:
    from esmtool.errors import CatalogError
    from esmtool.own_strategy import check_entry, strategy_entry, write_strategy

    ok = strategy_entry(sid="own-x", measure=NPM, name="X", approach="Does x.", described_at=URL)
    assert check_entry(ok, cat) == []
    rated = {**ok, "evidence": "moderate"}
    assert [p.where for p in check_entry(rated, cat)] == ["source"]
    assert [p.where for p in check_entry({**ok, "measure": "no-such"}, cat)] == ["measure"]
    with pytest.raises(CatalogError):
        write_strategy({**ok, "evidence": "great"}, cat, tmp_path)
    assert not (tmp_path / "strategies").exists()


def test_a_description_stopped_half_way_goes_on_when_resumed(cat: Any, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    keys = "My own strategy" + ENTER + NAME + ENTER + APPROACH + ENTER + CTRL_C
    with pytest.raises(Interrupted):
        drive(keys, cat, path, {"npm": NPM})
    saved = load_autosave(path)
    assert saved["walk"]["pending"]["own_strategy"] == {"name": NAME, "approach": APPROACH}
    assert not own_folder().exists()
    # resumed: the next question is the rating
    resumed = walk_to_title(ENTER + URL + ENTER + ENTER + ENTER, load_catalog(), path, saved)
    assert resumed["strategy"] == SID
    assert "walk" not in resumed or "own_strategy" not in resumed["walk"].get("pending", {})


def test_back_to_the_list_saves_nothing(cat: Any, tmp_path: Path) -> None:
    keys = describe()[: -len(ENTER)] + DOWN * 2 + ENTER  # "« Back to the list of strategies"
    keys += "[medical-home-personal-01]" + ENTER + "y"  # then a catalog strategy
    saved = walk_to_title(keys, cat, tmp_path / "d.yaml")
    assert saved["strategy"] == "medical-home-personal-01"
    assert not own_folder().exists()
    assert "own_strategy" not in (saved.get("walk") or {}).get("pending", {})


def test_documents_name_where_an_own_strategy_is_described(
    cat: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    import io

    import docx

    from esmtool.export import render

    walk_to_title(describe(), cat, tmp_path / "d.yaml")
    later = load_catalog()
    data = {**example_data, "strategy": SID}
    data["esm"] = {**data["esm"], "significance": F.default_for("esm.significance", data, later)}
    draft, problems = validate_draft(data, later, complete=True)
    assert draft is not None, problems
    md = render(draft, later, "md").decode("utf-8")
    assert "MCHbest" not in md  # neither the page nor the MCHbest-only meaning of "unrated"
    assert f"| Described at | <{URL}> |" in md and "| MCHbest page |" not in md
    html = render(draft, later, "html").decode("utf-8")
    assert '<th scope="row">Described at</th>' in html and ">MCHbest page<" not in html
    assert f'href="{URL}"' in html
    document = docx.Document(io.BytesIO(render(draft, later, "docx")))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Described at" in cells and "MCHbest page" not in cells
    assert URL in cells


def test_stop_here_in_the_strategy_list_keeps_the_answers(cat: Any, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    with pytest.raises(Interrupted) as info:
        drive("Stop here" + ENTER + "zzz" + ENTER, cat, path, {"npm": NPM})
    assert info.value.exit_code == 0  # the person's choice, not an interruption
    assert f"Resume with: esmtool draft --resume {path}" in info.value.message
    saved = load_autosave(path)
    assert saved["npm"] == NPM and "strategy" not in saved
