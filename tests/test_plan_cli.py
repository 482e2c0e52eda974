"""`esmtool plan` through real subprocesses: check (formats, exit codes), init, schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT, run_cli

EXAMPLE_PLAN = ROOT / "examples" / "plan"


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """A copy of the example plan whose drafts all live in its own folder."""
    target = tmp_path / "plan"
    shutil.copytree(EXAMPLE_PLAN, target)
    shutil.copy(ROOT / "examples" / "care-coordination.yaml", target / "drafts" / "esm-11-1.yaml")
    data = yaml.safe_load((target / "plan.yaml").read_text(encoding="utf-8"))
    data["drafts"] = ["drafts/"]
    _write_plan(target, data)
    return target


def _write_plan(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _plan_data(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
    return data


def _rules(doc: list[dict[str, Any]]) -> list[str]:
    return [f["rule"] for f in doc[0]["findings"]]


def test_example_plan_passes_with_no_errors() -> None:
    res = run_cli("plan", "check", str(EXAMPLE_PLAN), "--format", "json", cwd=ROOT)
    assert res.returncode == 0, res.stderr.decode()
    doc = json.loads(res.stdout)
    plan = doc[0]
    assert plan["file"].endswith("plan.yaml") and plan["state"] == "Example State"
    assert plan["counts"] == {"error": 0, "warning": 0, "info": 0}
    assert len(doc) == 7  # the plan, then six drafts
    assert all(
        set(d) == {"file", "esm", "measures", "findings", "counts", "reviewers"} for d in doc[1:]
    )
    summary = plan["summary"]
    assert summary["drafts"] == {"checked": 6, "failed": 0}
    assert all(summary["npms_by_domain"].values())  # every domain covered
    assert summary["esms_per_npm"]["postpartum-visit"] == ["ESM 1.1"]
    assert sum(summary["quadrants"].values()) == 6 + sum(len(d["measures"]) for d in doc[1:])
    assert b"Checked the plan and 6 drafts" in res.stderr


def test_json_is_deterministic_and_valid(plan_dir: Path) -> None:
    a = run_cli("plan", "check", str(plan_dir), "--format", "json", cwd=plan_dir)
    b = run_cli("plan", "check", str(plan_dir / "plan.yaml"), "--format", "json", cwd=plan_dir)
    assert a.stdout == b.stdout
    json.loads(a.stdout)


def test_missing_esm_is_an_error_with_its_line(plan_dir: Path) -> None:
    (plan_dir / "drafts" / "esm-4-1.yaml").unlink()
    res = run_cli("plan", "check", str(plan_dir), "--format", "json")
    assert res.returncode == 1
    doc = json.loads(res.stdout)
    hit = [f for f in doc[0]["findings"] if f["rule"] == "plan.npm-without-esm"]
    assert len(hit) == 1 and hit[0]["severity"] == "error" and hit[0]["path"] == "npms[2]"
    text = (plan_dir / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert text[hit[0]["line"] - 1].strip() == "- breastfeeding"


def test_draft_findings_stay_under_their_file(plan_dir: Path) -> None:
    path = plan_dir / "drafts" / "esm-6-1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["esm"]["title"] = "Number of pediatric practices trained"  # titled as a count
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    res = run_cli("plan", "check", str(plan_dir), "--format", "json")
    assert res.returncode == 1
    doc = json.loads(res.stdout)
    assert doc[0]["counts"]["error"] == 0  # the plan itself is fine
    mine = next(d for d in doc[1:] if d["file"].endswith("esm-6-1.yaml"))
    assert "definition.title-unit-mismatch" in [f["rule"] for f in mine["findings"]]


def test_strict_fails_on_warnings(plan_dir: Path) -> None:
    data = _plan_data(plan_dir)
    data["priority_needs"].append({"need": "Something to link later"})
    _write_plan(plan_dir, data)
    plain = run_cli("plan", "check", str(plan_dir), "--format", "json")
    strict = run_cli("plan", "check", str(plan_dir), "--format", "json", "--strict")
    assert plain.returncode == 0 and strict.returncode == 1
    assert _rules(json.loads(plain.stdout)) == ["plan.priority-unlinked"]


def test_invalid_plan_lists_every_problem_with_file_and_line(plan_dir: Path) -> None:
    text = (plan_dir / "plan.yaml").read_text(encoding="utf-8")
    text = text.replace("cycle: 2026-2030", "cycle: '2026'") + "colour: blue\n"
    (plan_dir / "plan.yaml").write_text(text, encoding="utf-8")
    res = run_cli("plan", "check", str(plan_dir), "--format", "json")
    assert res.returncode == 2 and res.stdout == b""
    err = res.stderr.decode()
    lines = text.splitlines()
    cycle_line = next(i for i, t in enumerate(lines, 1) if t.startswith("cycle:"))
    colour_line = next(i for i, t in enumerate(lines, 1) if t.startswith("colour:"))
    assert f"plan.yaml:{cycle_line}: cycle:" in err
    assert f"plan.yaml:{colour_line}: colour: is not a known key" in err
    assert "Traceback" not in err


def test_unreadable_draft_exits_2_and_others_are_still_checked(plan_dir: Path) -> None:
    (plan_dir / "drafts" / "broken.yaml").write_text("esm: [unclosed\n", encoding="utf-8")
    res = run_cli("plan", "check", str(plan_dir), "--format", "json")
    assert res.returncode == 2
    doc = json.loads(res.stdout)
    assert len(doc) == 7 and doc[0]["summary"]["drafts"] == {"checked": 6, "failed": 1}
    assert b"broken.yaml" in res.stderr


def test_drafts_entry_that_names_nothing(plan_dir: Path) -> None:
    data = _plan_data(plan_dir)
    data["drafts"].append("elsewhere/")
    _write_plan(plan_dir, data)
    res = run_cli("plan", "check", str(plan_dir), "--format", "json")
    assert res.returncode == 1
    assert _rules(json.loads(res.stdout)) == ["plan.drafts-missing"]


def test_table_output(plan_dir: Path) -> None:
    res = run_cli("plan", "check", str(plan_dir), "--format", "table", env={"COLUMNS": "100"})
    assert res.returncode == 0
    out = res.stdout.decode()
    assert "esm-1-1.yaml" in out and "No plan findings." in out
    assert "Adolescent Health: adolescent-well-visit" in out


def test_schema_plan_describes_the_plan() -> None:
    res = run_cli("schema", "plan")
    assert res.returncode == 0
    schema = json.loads(res.stdout)
    assert schema["title"].startswith("esmtool state plan")
    assert schema["additionalProperties"] is False
    assert {"state", "npms"} <= set(schema["required"])
    assert {"priority_needs", "spms", "drafts", "cycle", "reporting_year"} <= set(
        schema["properties"]
    )
    res = run_cli("schema", "plann")
    assert res.returncode == 2 and b"plan" in res.stderr


def test_init_scripted(tmp_path: Path) -> None:
    target = tmp_path / "new"
    res = run_cli(
        "plan",
        "init",
        str(target),
        "--no-input",
        "--set",
        "state=Example State",
        "--set",
        "npms=[postpartum-visit, medical-home-cc, breastfeeding, developmental-screening, "
        "transition, adolescent-well-visit]",
        "--set",
        "reporting_year=2026",
    )
    assert res.returncode == 0, res.stderr.decode()
    assert (target / "drafts").is_dir()
    data = yaml.safe_load((target / "plan.yaml").read_text(encoding="utf-8"))
    assert data["schema"] == "esmtool.plan/1" and data["state"] == "Example State"
    assert data["reporting_year"] == 2026 and data["drafts"] == ["drafts/"]
    assert b"problem(s) to address" in res.stderr  # no ESMs yet
    check = run_cli("plan", "check", str(target), "--format", "json")
    assert check.returncode == 1
    assert set(_rules(json.loads(check.stdout))) == {"plan.npm-without-esm"}
    again = run_cli(
        "plan", "init", str(target), "--no-input", "--set", "state=X", "--set", "npms=[a]"
    )
    assert again.returncode == 2 and b"already exists" in again.stderr
    assert yaml.safe_load((target / "plan.yaml").read_text(encoding="utf-8"))["state"] == (
        "Example State"
    )


def test_init_lists_every_missing_answer(tmp_path: Path) -> None:
    res = run_cli("plan", "init", str(tmp_path / "p"), "--no-input", "--set", "cycle=2030")
    assert res.returncode == 2
    err = res.stderr.decode()
    assert "state: is required but missing" in err and "npms: is required but missing" in err
    assert "cycle:" in err
    assert not (tmp_path / "p" / "plan.yaml").exists()


def test_plan_commands_load_heavy_libraries_only_when_needed() -> None:
    import subprocess
    import sys

    def modules(*argv: str) -> set[str]:
        probe = (
            "import sys, runpy\n"
            f"sys.argv = ['esmtool', *{list(argv)!r}]\n"
            "try:\n    runpy.run_module('esmtool', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
        )
        proc = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT
        )
        return set(proc.stderr.split())

    heavy = {"openpyxl", "docx", "questionary", "jinja2"}
    shown = modules("plan", "--help")
    assert "typer" in shown and "esmtool" in shown  # the probe sees what was imported
    assert not heavy & shown
    assert not heavy & modules("plan", "check", "examples/plan", "--format", "json")
    assert not {"openpyxl", "questionary"} & modules("list", "npms", "--format", "json")


def test_missing_plan_file_says_how_to_start_one(tmp_path: Path) -> None:
    res = run_cli("plan", "check", str(tmp_path))
    assert res.returncode == 2 and res.stdout == b""
    assert b"no such plan file" in res.stderr and b"esmtool plan init" in res.stderr


def test_plan_schema_file_shipped_matches_command() -> None:
    from importlib import resources

    shipped = resources.files("esmtool").joinpath("plan.schema.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == json.loads(run_cli("schema", "plan").stdout)


def test_next_draft_for_a_plan(plan_dir: Path, catalog: Any) -> None:
    from esmtool.errors import UsageError
    from esmtool.plan.drafting import next_draft
    from esmtool.plan.model import read_plan

    with pytest.raises(UsageError, match="already has an ESM"):
        next_draft(read_plan(plan_dir), catalog)
    (plan_dir / "drafts" / "esm-6-1.yaml").unlink()
    (plan_dir / "drafts" / "esm-12-1.yaml").unlink()
    start = next_draft(read_plan(plan_dir), catalog)
    assert start.npm == "developmental-screening" and start.state == "Example State"
    assert start.without_esm == ("developmental-screening", "transition")
    assert start.path == plan_dir / "drafts" / "developmental-screening.yaml"
    start.path.write_text("npm: developmental-screening\n", encoding="utf-8")
    again = next_draft(read_plan(plan_dir), catalog, npm="developmental-screening")
    assert again.path.name == "developmental-screening-2.yaml"
    assert next_draft(read_plan(plan_dir), catalog).npm == "transition"
    with pytest.raises(UsageError, match="not one of the plan's NPMs"):
        next_draft(read_plan(plan_dir), catalog, npm="safe-sleep")
