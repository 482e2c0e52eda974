"""`esmtool check` through the CLI: formats, exit codes, stdin, bad files, stable JSON."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from esmtool.cli import app

from ..conftest import EXAMPLE_DRAFT, run_cli


def _write(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def warning_draft(tmp_path: Path, example_data: dict[str, Any]) -> Path:
    """Only a warning: a measure declared in Quadrant 4 whose wording is quality of effort."""
    data = copy.deepcopy(example_data)
    data["measures"][3]["text"] = "Percent of families who received a home visit each month"
    return _write(tmp_path / "warning.yaml", data)


@pytest.fixture
def error_draft(tmp_path: Path, example_data: dict[str, Any]) -> Path:
    data = copy.deepcopy(example_data)
    data["esm"]["title"] = "Number of children enrolled in care coordination with a plan of care"
    return _write(tmp_path / "error.yaml", data)


def _json(stdout: str) -> Any:
    return json.loads(stdout)


def test_clean_draft_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE_DRAFT), "--format", "json"])
    assert result.exit_code == 0, result.output
    (entry,) = _json(result.stdout)
    assert list(entry) == ["file", "esm", "measures", "findings", "counts", "reviewers"]
    assert entry["file"] == str(EXAMPLE_DRAFT)
    assert entry["esm"]["quadrant"] == 2
    assert entry["esm"]["quadrant_name"] == "Quality of Effort"
    assert "→ Quadrant 2 (Quality of Effort)" in entry["esm"]["reason"]
    assert [m["quadrant_inferred"] for m in entry["measures"]] == [1, 2, 3, 4]
    assert list(entry["measures"][0]) == [
        "index",
        "text",
        "quadrant_declared",
        "quadrant_inferred",
        "reason",
    ]
    assert entry["findings"] == []
    assert entry["counts"] == {"error": 0, "warning": 0, "info": 0}
    assert entry["reviewers"] is None  # a draft of one's own keeps no reviewers' tags


def test_warning_exits_0_and_1_with_strict(runner: CliRunner, warning_draft: Path) -> None:
    result = runner.invoke(app, ["check", str(warning_draft), "-f", "json"])
    assert result.exit_code == 0, result.output
    (entry,) = _json(result.stdout)
    (finding,) = entry["findings"]
    assert list(finding) == ["severity", "rule", "path", "line", "message", "advice"]
    assert finding["rule"] == "quadrant.mismatch"
    assert finding["path"] == "measures[3].quadrant"
    assert isinstance(finding["line"], int)
    assert entry["measures"][3]["quadrant_declared"] == 4
    assert entry["measures"][3]["quadrant_inferred"] == 2
    strict = runner.invoke(app, ["check", str(warning_draft), "-f", "json", "--strict"])
    assert strict.exit_code == 1
    assert _json(strict.stdout) == _json(result.stdout)


def test_error_exits_1(runner: CliRunner, error_draft: Path) -> None:
    result = runner.invoke(app, ["check", str(error_draft), "-f", "json"])
    assert result.exit_code == 1
    (entry,) = _json(result.stdout)
    assert entry["counts"]["error"] == 1
    assert entry["findings"][0]["rule"] == "definition.title-unit-mismatch"
    lines = error_draft.read_text(encoding="utf-8").splitlines()
    title_line = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("title:"))
    assert entry["findings"][0]["line"] == title_line


def test_unreadable_file_exits_2_and_goes_to_stderr(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["check", str(EXAMPLE_DRAFT), str(missing), "-f", "json"])
    assert result.exit_code == 2
    (good,) = _json(result.stdout)  # the file that could be checked is still reviewed
    assert good["file"] == str(EXAMPLE_DRAFT)
    assert f"Error: {missing}: no such file." in result.stderr
    assert "1 file could not be checked" in result.stderr
    alone = runner.invoke(app, ["check", str(missing), "-f", "json"])
    assert alone.exit_code == 2
    assert alone.stdout == ""


def test_invalid_draft_exits_2_with_its_problems(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "npm: medical-home-personal\nesm:\n  title: Percent of families served\n"
        "  unit_type: percent-ish\n  colour: blue\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"Error: {path}: is not a valid draft; it has 2 problems:"
    assert lines[1].startswith(f"  {path}:4: esm.unit_type: ")
    assert lines[2].startswith(f"  {path}:5: esm.colour: ")


def test_a_list_is_not_a_draft(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "-f", "table"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "not a list" in result.stderr


def test_rule_problems_are_findings_not_invalid(runner: CliRunner, tmp_path: Path) -> None:
    """What `draft` refuses (count with a denominator) is reviewed, not rejected."""
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["esm"]["unit_type"] = "count"
    data["esm"].pop("unit_number")
    data["esm"]["title"] = "Number of children with a shared plan of care"
    path = _write(tmp_path / "count.yaml", data)
    result = runner.invoke(app, ["check", str(path), "-f", "json"])
    assert result.exit_code == 1
    rules = [f["rule"] for f in _json(result.stdout)[0]["findings"]]
    assert "definition.count-has-denominator" in rules


def test_non_numeric_target_is_a_finding(runner: CliRunner, tmp_path: Path) -> None:
    text = EXAMPLE_DRAFT.read_text(encoding="utf-8").replace("2027: 48", "2027: TBD")
    path = tmp_path / "tbd.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "-f", "json"])
    assert result.exit_code == 1
    (entry,) = _json(result.stdout)
    (f,) = [f for f in entry["findings"] if f["rule"] == "targets.not-numeric"]
    assert f["path"] == "esm.targets.2027"
    assert f["line"] is not None


def test_incomplete_draft_is_reviewed(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path / "partial.yaml", {"npm": "medical-home-personal"})
    result = runner.invoke(app, ["check", str(path), "-f", "json"])
    assert result.exit_code == 1
    (entry,) = _json(result.stdout)
    assert entry["esm"] == {
        "quadrant": None,
        "quadrant_name": None,
        "reason": "no title or numerator yet",
    }
    paths = {f["path"] for f in entry["findings"] if f["severity"] == "error"}
    assert {"strategy", "esm.title", "esm.numerator", "esm.goal"} <= paths


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["check", "-", "-f", "json"], input=EXAMPLE_DRAFT.read_text(encoding="utf-8")
    )
    assert result.exit_code == 0, result.output
    assert _json(result.stdout)[0]["file"] == "-"


def test_table_groups_findings_by_file(
    runner: CliRunner, warning_draft: Path, error_draft: Path
) -> None:
    result = runner.invoke(
        app, ["check", str(EXAMPLE_DRAFT), str(warning_draft), str(error_draft), "-f", "table"]
    )
    assert result.exit_code == 1
    out = result.stdout
    positions = [out.index(str(p)) for p in (EXAMPLE_DRAFT, warning_draft, error_draft)]
    assert positions == sorted(positions)
    assert "No findings." in out
    assert "quadrant.mismatch" in out
    assert "definition.title-unit-mismatch" in out
    assert "1 error, 0 warnings, 0 info" in out
    assert "ESM: Quadrant 2 (Quality of Effort)" in out


def test_json_is_byte_identical_between_runs(
    runner: CliRunner, warning_draft: Path, error_draft: Path
) -> None:
    args = ["check", str(warning_draft), str(error_draft), str(EXAMPLE_DRAFT), "-f", "json"]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.stdout_bytes == second.stdout_bytes
    assert [e["file"] for e in _json(first.stdout)] == args[1:4]


def test_catalog_option(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["check", str(EXAMPLE_DRAFT), "--catalog", str(tmp_path / "missing"), "-f", "json"]
    )
    assert result.exit_code == 2
    own = tmp_path / "mine"
    own.mkdir()
    result = runner.invoke(app, ["check", str(EXAMPLE_DRAFT), "--catalog", str(own), "-f", "json"])
    assert result.exit_code == 0, result.output


def test_real_subprocess_exit_codes_and_stable_json(
    tmp_path: Path, warning_draft: Path, error_draft: Path
) -> None:
    ok = run_cli("check", str(EXAMPLE_DRAFT), "--format", "json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)[0]["findings"] == []
    again = run_cli("check", str(EXAMPLE_DRAFT), "--format", "json")
    assert again.stdout == ok.stdout
    assert run_cli("check", str(warning_draft), "--format", "json").returncode == 0
    assert run_cli("check", str(warning_draft), "--format", "json", "--strict").returncode == 1
    assert run_cli("check", str(error_draft), "--format", "json").returncode == 1
    bad = run_cli("check", str(tmp_path / "missing.yaml"), "--format", "json")
    assert bad.returncode == 2
    assert bad.stdout == b""
    assert b"missing.yaml: no such file" in bad.stderr
    piped = run_cli("check", str(EXAMPLE_DRAFT))  # not a terminal: json by default
    assert json.loads(piped.stdout)[0]["esm"]["quadrant"] == 2


def test_a_long_path_is_printed_whole_at_80_columns(tmp_path: Path) -> None:
    deep = tmp_path / ("a-folder-with-a-rather-long-name-" * 3) / "care-coordination-draft.yaml"
    deep.parent.mkdir(parents=True)
    deep.write_bytes(EXAMPLE_DRAFT.read_bytes())
    result = run_cli("check", str(deep), "-f", "table", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    assert len(str(deep)) > 80
    assert str(deep) in result.stdout.decode().splitlines()


LONG_ID = "postpartum-mental-screening-quality-improvement-initiatives"


@pytest.fixture
def stale_draft(tmp_path: Path) -> Path:
    """A draft whose finding quotes a strategy id longer than the Finding column at 80 columns:
    the example plan's ESM 10.1 with a significance (line 15) naming another strategy."""
    lines = (EXAMPLE_DRAFT.parent / "plan" / "drafts" / "esm-10-1.yaml").read_text().splitlines()
    assert lines[14].startswith("  significance: ")
    lines[14] = f"  significance: The {LONG_ID} strategy is rated Moderate Evidence by MCHbest."
    path = tmp_path / "esm-10-1.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_finding_never_cuts_an_id_at_80_columns(catalog: Any, stale_draft: Path) -> None:
    assert LONG_ID in catalog.strategies  # a real id, copied into commands
    result = run_cli("check", str(stale_draft), "-f", "table", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    # the file's path heads its findings whole, however long (a test above): not counted here
    assert all(len(line) <= 80 for line in lines if line != str(stale_draft))
    assert any(f"({LONG_ID})," in line.split() for line in lines), lines  # whole, on one line
    assert not [line for line in lines if "postpartum-mental" in line and LONG_ID not in line]
    # too narrow for the table: one block per finding, as `esmtool list` does
    assert "esm.significance" in lines
    assert "  severity: warning" in lines
    assert "  line: 15" in lines
    assert "  rule: alignment.significance-stale" in lines
    assert not any(line.split()[:3] == ["Severity", "Where", "Finding"] for line in lines)


@pytest.mark.slow
def test_a_wide_terminal_keeps_the_findings_table(stale_draft: Path) -> None:
    result = run_cli("check", str(stale_draft), "-f", "table", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert [line.split() for line in lines if "Severity" in line] == [
        ["Severity", "Where", "Finding"]
    ]
    row = next(line for line in lines if line.split()[:2] == ["warning", "esm.significance"])
    assert f"({LONG_ID})," in row.split()
    assert any(line.split()[:2] == ["line", "15"] for line in lines)  # under the key path
    assert any(line.split() == ["(alignment.significance-stale)"] for line in lines)
    assert "  rule: alignment.significance-stale" not in lines


def test_the_walks_review_shows_the_findings_as_blocks_when_narrow() -> None:
    # the walk's review and `plan check` draw the same findings view as `check`
    from rich.console import Console

    from esmtool.checks.base import Finding
    from esmtool.walk.screens import render_findings

    finding = Finding(
        "warning",
        "alignment.significance-stale",
        "esm.significance",
        f"The significance names the strategy ({LONG_ID}), not the draft's.",
        "Explain why the chosen strategy should move the NPM.",
    )
    shown = {}
    for width in (80, 200):
        console = Console(width=width, record=True, color_system=None)
        console.print(render_findings([finding]))
        shown[width] = console.export_text().splitlines()
    assert any(f"({LONG_ID})," in line.split() for line in shown[80])
    assert "Significance" in shown[80]  # the field as the walk names it, on a line of its own
    assert "  severity: warning" in shown[80]
    assert any(line.split()[:3] == ["Severity", "Where", "Finding"] for line in shown[200])
    assert any(line.split()[:2] == ["warning", "Significance"] for line in shown[200])
