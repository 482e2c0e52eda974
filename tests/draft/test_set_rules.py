"""`--set` runs the draft's rules on its result, exactly as answers files do (issue 12.13)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..conftest import EXAMPLE_DRAFT, run_cli

TO_COUNT = ("--set", "esm.unit_type=count", "--set", "esm.denominator=")


def test_set_count_on_a_percentage_draft_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "d.yaml"
    r = run_cli("draft", "--answers", str(EXAMPLE_DRAFT), "--no-input", *TO_COUNT, "-o", str(out))
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "esm.title: the title reads 'Percent of …' but the unit type is count" in err
    assert "--set" in err  # what to do
    assert "Traceback" not in err
    assert not out.exists() and r.stdout == b""


def test_same_rule_for_an_answers_file(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["esm"]["unit_type"] = "count"
    data["esm"]["denominator"] = None
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    r = run_cli("draft", "--answers", str(answers), "--no-input", "-o", str(tmp_path / "d.yaml"))
    assert r.returncode == 2
    assert r.stdout == b""
    assert "the title reads 'Percent of …' but the unit type is count" in r.stderr.decode()


def test_set_count_with_a_count_title_drops_the_unit_number_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "d.yaml"
    r = run_cli(
        "draft", "--answers", str(EXAMPLE_DRAFT), "--no-input", *TO_COUNT,
        "--set", "esm.title=Number of children enrolled in care coordination",
        "-o", str(out),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    saved = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert saved["esm"]["unit_type"] == "count"
    assert "unit_number" not in saved["esm"] and not saved["esm"].get("denominator")
    assert "esm.unit_number was left out: a count has no unit number" in r.stderr.decode()


def test_existing_file_with_the_contradiction_is_still_checked_and_exported(
    tmp_path: Path,
) -> None:
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["esm"]["unit_type"] = "count"
    data["esm"].pop("unit_number", None)
    data["esm"]["denominator"] = None
    path = tmp_path / "old.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    checked = run_cli("check", str(path), "--format", "json")
    assert checked.returncode == 1
    assert b"definition.title-unit-mismatch" in checked.stdout
    exported = run_cli("export", str(path), "--format", "md")
    assert exported.returncode == 0, exported.stderr
