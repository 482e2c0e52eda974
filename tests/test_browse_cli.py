"""`esmtool list`, `show`, `search`, `catalog`, `schema` through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from esmtool import __version__
from esmtool.cli import app

from .conftest import run_cli


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"esmtool {__version__}\n"


def test_list_strategies_json(runner: CliRunner, catalog: Any) -> None:
    rows = _json(runner.invoke(app, ["list", "strategies", "--format", "json"]))
    assert len(rows) >= 115
    assert len(rows) == len(catalog.strategies)
    for r in rows:
        assert {"id", "npm", "name", "evidence", "evidence_label", "url"} <= set(r)
        assert r["evidence"] in catalog.evidence


def test_list_npms_json_has_every_measure(runner: CliRunner, catalog: Any) -> None:
    rows = _json(runner.invoke(app, ["list", "npms", "--format", "json"]))
    assert {r["code"] for r in rows} == set(catalog.measures)


def test_list_filters(runner: CliRunner, catalog: Any) -> None:
    rows = _json(runner.invoke(app, ["list", "strategies", "--npm", "safe-sleep", "-f", "json"]))
    assert rows and all(r["npm"] == "safe-sleep" for r in rows)
    rows = _json(runner.invoke(app, ["list", "strategies", "--evidence", "Moderate", "-f", "json"]))
    assert rows and all(r["evidence"] == "moderate" for r in rows)
    rows = _json(
        runner.invoke(app, ["list", "strategies", "--min-evidence", "moderate", "-f", "json"])
    )
    assert {r["evidence"] for r in rows} <= {"moderate", "scientifically-rigorous"}
    assert "scientifically-rigorous" in {r["evidence"] for r in rows}
    rows = _json(
        runner.invoke(app, ["list", "strategies", "--outcome", "utilization", "-f", "json"])
    )
    assert rows and all(any("Utilization" in o for o in r["outcomes"]) for r in rows)
    rows = _json(runner.invoke(app, ["list", "npms", "--domain", "adolescent", "-f", "json"]))
    assert rows and all("adolescent" in r["domain"].lower() for r in rows)


def test_list_bad_evidence_level(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "strategies", "--evidence", "strong"])
    assert result.exit_code == 2
    assert "not an evidence level" in result.stderr
    assert result.stdout == ""


def test_list_csv_and_yaml(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "strategies", "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) >= 115 and rows[0]["id"]
    result = runner.invoke(app, ["list", "quadrants", "-f", "yaml"])
    data = yaml.safe_load(result.stdout)
    assert [q["number"] for q in data] == [1, 2, 3, 4]


def test_list_table_renders(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "evidence", "-f", "table"])
    assert result.exit_code == 0
    assert "moderate" in result.stdout and "expert-opinion" in result.stdout


def test_show_seed_strategy(runner: CliRunner) -> None:
    data = _json(runner.invoke(app, ["show", "strategy", "medical-home-personal-01", "-f", "json"]))
    assert data["evidence_label"] == "Moderate Evidence"
    assert "likely to work" in data["evidence_definition"]
    counts = [len(q["sample_measures"]) for q in data["quadrants"]]
    assert counts == [2, 2, 4, 4]
    for q in data["quadrants"]:
        stem = "Number of" if q["quadrant"] in (1, 3) else "Percent of"
        assert all(m["text"].startswith(stem) for m in q["sample_measures"])
        assert q["templates"], "every quadrant offers templates"
    assert len(data["references"]) == 4


@pytest.mark.parametrize("fmt", ["table", "md", "yaml"])
def test_show_formats(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(app, ["show", "strategy", "medical-home-personal-01", "-f", fmt])
    assert result.exit_code == 0, result.output
    assert "Care Coordination and Case Management" in result.stdout


def test_show_npm(runner: CliRunner) -> None:
    data = _json(runner.invoke(app, ["show", "npm", "medical-home-cc", "-f", "json"]))
    assert data["code"] == "medical-home-cc"
    assert data["figures"]
    result = runner.invoke(app, ["show", "npm", "medical-home-cc", "-f", "table"])
    assert "66.7%" in result.stdout


def test_unknown_id_suggests(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "strategy", "medical-home-personal-1"])
    assert result.exit_code == 2
    assert "There is no strategy 'medical-home-personal-1'" in result.stderr
    assert "Did you mean" in result.stderr and "medical-home-personal-01" in result.stderr
    result = runner.invoke(app, ["show", "npm", "safe-sleeep"])
    assert result.exit_code == 2 and "safe-sleep" in result.stderr
    result = runner.invoke(app, ["list", "strategies", "--npm", "breastfeed"])
    assert result.exit_code == 2 and "breastfeeding" in result.stderr


def test_search_ranks_name_matches_first(runner: CliRunner) -> None:
    rows = _json(runner.invoke(app, ["search", "care", "coordination", "-f", "json"]))
    assert rows
    assert (
        rows[0]["id"] in {"medical-home-personal-01", "medical-home-cc"}
        or "Coordinat" in rows[0]["name"]
    )
    ids = [r["id"] for r in rows]
    assert "medical-home-personal-01" in ids[:5]
    rows = _json(
        runner.invoke(app, ["search", "home visiting", "--npm", "safe-sleep", "-f", "json"])
    )
    assert all(r["npm"] == "safe-sleep" for r in rows)
    rows = _json(runner.invoke(app, ["search", "peer counselors", "--limit", "3", "-f", "json"]))
    assert len(rows) <= 3 and rows[0]["name"] == "Peer Counselors"


def test_search_is_deterministic(runner: CliRunner) -> None:
    a = runner.invoke(app, ["search", "education", "-f", "json"]).stdout
    b = runner.invoke(app, ["search", "education", "-f", "json"]).stdout
    assert a == b and json.loads(a)


def test_search_no_words(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "the"])
    assert result.exit_code == 2


def test_catalog_path_and_validate(runner: CliRunner, tmp_path: Any) -> None:
    result = runner.invoke(app, ["catalog", "path"])
    assert result.exit_code == 0
    from pathlib import Path

    assert (Path(result.stdout.strip()) / "measures.yaml").exists()
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "s.yaml").write_text(
        "strategies:\n  - id: st-1\n    measure: safe-sleep\n    name: Crib Clinic\n"
        "    approach: Give cribs.\n    evidence: unrated\n    url: https://example.org\n"
        "    origin: state\n    unconfirmed: [evidence]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["catalog", "validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert "is valid" in result.stderr


def test_schema_is_json_schema(runner: CliRunner) -> None:
    data = _json(runner.invoke(app, ["schema"]))
    assert data["title"].startswith("esmtool draft")
    assert "esm" in data["properties"] and "schema" in data["properties"]


def test_schema_file_shipped_matches_command(runner: CliRunner) -> None:
    from importlib import resources

    shipped = resources.files("esmtool").joinpath("draft.schema.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == json.loads(runner.invoke(app, ["schema"]).stdout)


def test_subprocess_list_is_clean_json() -> None:
    proc = run_cli("list", "strategies", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) >= 115


def test_browse_commands_do_not_import_heavy_modules() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from esmtool.cli import app\n"
        "for args in (['--help'], ['list', 'strategies', '-f', 'json'],"
        " ['show', 'strategy', 'medical-home-personal-01', '-f', 'json'], ['search', 'home', '-f', 'json']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n"
        "            app(args)\n"
        "        except SystemExit:\n"
        "            pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'questionary', 'docx', 'jinja2', 'prompt_toolkit', 'matplotlib', 'openpyxl'})\n"
        "print(','.join(heavy))\n"
    )
    import subprocess

    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", proc.stdout


def test_c_loader_is_used_when_available() -> None:
    import yaml as _yaml

    from esmtool import yamlio

    if not getattr(_yaml, "__with_libyaml__", False):
        pytest.skip("this PyYAML has no libyaml: the pure-Python loader is the only one")
    assert issubclass(yamlio._Loader, _yaml.CSafeLoader)


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["list", "strategis"], "esmtool list strategies"),
        (["show", "strategi", "5-4"], "esmtool show strategy"),
    ],
)
def test_misspelt_kind_suggests_the_right_one(
    runner: CliRunner, args: list[str], suggestion: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"Did you mean: {suggestion}?" in result.stderr
    assert result.stdout == ""
