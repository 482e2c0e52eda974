"""`esmtool diff OLD NEW`: field-level changes, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..conftest import EXAMPLE_DRAFT, run_cli
from .helpers import base, write


def _changes(tmp_path: Path, new: dict[str, Any], old: dict[str, Any] | None = None) -> list[Any]:
    a = write(tmp_path / "old.yaml", old or base())
    b = write(tmp_path / "new.yaml", new)
    proc = run_cli("diff", str(a), str(b), "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    data: list[Any] = json.loads(proc.stdout)
    return data


def test_same_draft_has_no_changes(tmp_path: Path) -> None:
    assert _changes(tmp_path, base()) == []
    proc = run_cli("diff", str(EXAMPLE_DRAFT), str(EXAMPLE_DRAFT), "--format", "md")
    assert "No changes." in proc.stdout.decode()


def test_definition_objectives_actuals_status(tmp_path: Path) -> None:
    new = base()
    new["esm"]["targets"][2027] = 50
    new["esm"]["targets"].pop(2030)
    new["esm"]["targets"][2031] = 60
    new["esm"]["status"] = "completed"
    new["esm"]["data_issues"] = None
    new["esm"]["actuals"] = {2026: {"value": 44, "status": "provisional"}}
    old = base()
    old["esm"]["actuals"] = {2026: {"value": 43}}
    got = {
        (c["path"], c["kind"], json.dumps(c["old"]), json.dumps(c["new"]))
        for c in _changes(tmp_path, new, old)
    }
    assert got == {
        ("esm.status", "changed", '"active"', '"completed"'),
        ("esm.data_issues", "removed", '"Plans of care recorded on paper in two regions until 2026."', "null"),
        ("esm.targets.2027", "changed", "48", "50"),
        ("esm.targets.2030", "removed", "57", "null"),
        ("esm.targets.2031", "added", "null", "60"),
        ("esm.actuals.2026.value", "changed", "43", "44"),
        ("esm.actuals.2026.status", "added", "null", '"provisional"'),
    }  # fmt: skip


def test_measures_added_removed_moved_reworded(tmp_path: Path) -> None:
    new = base()
    ms = new["measures"]
    ms[0]["quadrant"] = 2  # moved (the wording stays)
    ms[1]["text"] = ms[1]["text"].replace("children and families", "families")  # reworded
    removed = ms.pop(2)
    ms.append({"quadrant": 2, "text": "Percent of plans reviewed with the family within 30 days"})
    changes = _changes(tmp_path, new)
    by_kind = {(c["kind"], c["path"]) for c in changes}
    assert ("moved", "measures[0].quadrant") in by_kind
    assert ("changed", "measures[1].text") in by_kind
    assert ("removed", "measures[2]") in by_kind
    assert ("added", "measures[3]") in by_kind
    gone = next(c for c in changes if c["kind"] == "removed")
    assert gone["old"] == {"quadrant": 3, "text": removed["text"]}
    moved = next(c for c in changes if c["kind"] == "moved")
    assert (moved["old"], moved["new"]) == (1, 2)
    # the old Quadrant 4 measure is now at index 2: unchanged, so not listed
    assert not [c for c in changes if c["path"].startswith("measures[2].")]


def test_strategy_its_evidence_and_the_inferred_quadrant(tmp_path: Path) -> None:
    new = base()
    new["strategy"] = "medical-home-personal-02"
    new["esm"]["title"] = (
        "Number of children with special health care needs enrolled in care coordination"
    )
    new["esm"]["unit_type"] = "count"
    new["esm"]["denominator"] = None
    new["esm"].pop("unit_number")
    changes = {c["path"]: c for c in _changes(tmp_path, new)}
    assert changes["strategy"]["new"] == "medical-home-personal-02"
    assert "strategy.evidence" in changes
    assert changes["esm.quadrant"]["kind"] == "changed"
    assert changes["esm.quadrant"]["old"] in (2, 4) and changes["esm.quadrant"]["new"] in (1, 3)


def test_markdown_for_the_annual_report_and_v1_files(tmp_path: Path) -> None:
    old_text = EXAMPLE_DRAFT.read_text(encoding="utf-8").replace(
        "schema: esmtool.draft/2", "schema: esmtool.draft/1"
    )
    old = tmp_path / "last-year.yaml"
    old.write_text(old_text, encoding="utf-8")
    new = base()
    new["esm"]["targets"][2027] = 50
    new_path = write(tmp_path / "this-year.yaml", new)
    proc = run_cli("diff", str(old), str(new_path), "--format", "md")
    assert proc.returncode == 0, proc.stderr.decode()
    md = proc.stdout.decode()
    assert md.startswith("## Changes from ")
    assert "- Objective for 2027: changed from 48% to 50%." in md
    proc = run_cli("diff", str(old), str(new_path), "--format", "table")
    assert "Objective for 2027" in proc.stdout.decode()


def test_unreadable_draft_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("esm: {targets: {2026: lots}}\n", encoding="utf-8")
    proc = run_cli("diff", str(EXAMPLE_DRAFT), str(bad))
    assert proc.returncode == 2
    assert b"esm.targets.2026" in proc.stderr and b"Traceback" not in proc.stderr
