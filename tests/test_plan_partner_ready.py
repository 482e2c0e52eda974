"""Plan documents are partner-ready by default, as single exports; `--include` adds the rest.

Each document is written by the real CLI (a subprocess) and read back with the library that
opens it (python-docx, the standard HTML parser, a CommonMark reader), as in
tests/export/test_partner_ready.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import EXAMPLE_DRAFT, ROOT, run_cli
from .export.test_partner_ready import KEY_PATH, _read

EXAMPLE_PLAN = ROOT / "examples" / "plan"
NOTE = "Ask Dana about the 2024 WIC data"
PLAN_NOTE = "Budget talk with the director on Friday"
#: the start of the finding the changed measure gets (its message, as a partner would read it)
FINDING = "Declared Quadrant 1 (Quantity of Effort)"


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """The example plan with notes of its own, and one draft with notes and a measure whose
    declared quadrant the check disputes (a finding on measures[0])."""
    target = tmp_path / "plan"
    shutil.copytree(EXAMPLE_PLAN, target)
    shutil.copy(EXAMPLE_DRAFT, tmp_path / "care-coordination.yaml")
    plan = yaml.safe_load((target / "plan.yaml").read_text(encoding="utf-8"))
    plan["notes"] = f"{PLAN_NOTE}.\nKeep this between us."
    (target / "plan.yaml").write_text(yaml.safe_dump(plan, sort_keys=False), encoding="utf-8")
    path = target / "drafts" / "esm-4-1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["notes"] = f"{NOTE}.\nCheck with the data team."
    data["measures"][0]["quadrant"] = 1  # the wording reads as Quadrant 2
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    # the check itself does find it, under its key path
    checked = json.loads(run_cli("check", str(path), "--format", "json").stdout)
    paths = [f["path"] for f in checked[0]["findings"]]
    assert "measures[0].quadrant" in paths
    assert any(f["message"].startswith(FINDING) for f in checked[0]["findings"])
    return target


@pytest.mark.parametrize("ext", ["docx", "html", "md"])
def test_plan_export_is_partner_ready_by_default(plan_dir: Path, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"plan.{ext}"
    r = run_cli("plan", "export", str(plan_dir), "-o", str(out))
    assert r.returncode == 0, r.stderr.decode()
    text, heads = _read(out)
    assert "Review findings" not in heads and "Notes" not in heads
    assert NOTE not in text and "Check with the data team" not in text
    assert PLAN_NOTE not in text  # the plan's own notes are not on the cover either
    assert FINDING not in text
    assert not KEY_PATH.search(text), KEY_PATH.search(text)
    assert heads.count("RBA measure set") == 6  # the document itself is there


@pytest.mark.parametrize("ext", ["docx", "html", "md"])
def test_plan_export_include_review_and_notes(plan_dir: Path, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"plan.{ext}"
    r = run_cli("plan", "export", str(plan_dir), "-o", str(out), "--include", "review,notes")
    assert r.returncode == 0, r.stderr.decode()
    text, heads = _read(out)
    assert heads.count("Review findings") == 6  # one per ESM, "nothing to point out" or not
    assert heads.count("Notes") == 1  # only the draft that has notes
    assert NOTE in text and PLAN_NOTE in text
    assert (
        FINDING in text and "(Measure 1 in Quadrant 1: quadrant)" in text
    )  # the field as people name it
    assert not KEY_PATH.search(text), KEY_PATH.search(text)


def test_plan_export_include_one_of_them(plan_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    r = run_cli("plan", "export", str(plan_dir), "-o", str(out), "--include", "notes")
    assert r.returncode == 0, r.stderr.decode()
    text, heads = _read(out)
    assert NOTE in text and PLAN_NOTE in text
    assert "Review findings" not in heads and FINDING not in text


def test_plan_export_include_unknown_is_a_usage_error(plan_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    r = run_cli("plan", "export", str(plan_dir), "-o", str(out), "--include", "reveiw")
    assert r.returncode == 2 and not out.exists()
    assert b"reveiw" in r.stderr and b"review" in r.stderr and b"Traceback" not in r.stderr
    assert r.stdout == b""
