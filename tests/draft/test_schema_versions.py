"""Schema esmtool.draft/2: /1 files keep working everywhere, esmtool writes /2, one JSON Schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import EXAMPLE_DRAFT, run_cli

jsonschema = pytest.importorskip("jsonschema")

V2_KEYS: dict[str, Any] = {
    "actuals": {
        2026: {"value": 44, "numerator": 44, "denominator": 100, "status": "final"},
        2027: 47.5,
    },
    "story": "Enrollment grew faster than staffing.",
    "partners": ["Family Voices", "Regional care coordination teams"],
    "what_works": "Shared plans of care reviewed with families.",
    "action_plan": "Hire two coordinators in 2027.",
    "data_development": ["Share of plans shared with the school nurse"],
}


def _text(schema: str | None) -> str:
    text = EXAMPLE_DRAFT.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith("schema:")]
    if schema is not None:
        lines.insert(0, f"schema: {schema}")
    return "\n".join(lines) + "\n"


def _v2() -> dict[str, Any]:
    data = yaml.safe_load(_text("esmtool.draft/2"))
    data["esm"].update(V2_KEYS)
    data["source"] = {"file": "esms.xlsx", "line": 12, "url": "https://example.org/esm"}
    data["reviewers"] = {"quadrant": 2, "evidence_level": "Moderate", "comment": "Aligned."}
    data["history"] = [{"year": 2026, "from": "esm-2025.yaml", "note": "objectives kept"}]
    return data


def _shipped_schema() -> dict[str, Any]:
    text = resources.files("esmtool").joinpath("draft.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.mark.parametrize("schema", ["esmtool.draft/1", "esmtool.draft/2", None])
def test_both_versions_are_read_and_written_as_v2(tmp_path: Path, schema: str | None) -> None:
    path = tmp_path / "in.yaml"
    path.write_text(_text(schema), encoding="utf-8")
    for args in (["check", str(path)], ["draft", "--answers", str(path), "--no-input"]):
        proc = run_cli(*args)
        assert proc.returncode in (0, 1), proc.stderr.decode()
        assert b"Traceback" not in proc.stderr
    proc = run_cli("export", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["schema"] == "esmtool.draft/2"
    proc = run_cli("draft", "--answers", str(path), "--no-input")
    assert yaml.safe_load(proc.stdout)["schema"] == "esmtool.draft/2"


def test_unknown_version_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "in.yaml"
    path.write_text(_text("esmtool.draft/9"), encoding="utf-8")  # not a version esmtool knows
    proc = run_cli("draft", "--answers", str(path), "--no-input")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "in.yaml:1: schema" in err and "esmtool.draft/1" in err and "esmtool.draft/2" in err
    assert "esmtool.draft/3" in err


def test_v2_keys_round_trip_through_the_yaml_export(tmp_path: Path) -> None:
    path = tmp_path / "v2.yaml"
    path.write_text(yaml.safe_dump(_v2(), sort_keys=False), encoding="utf-8")
    proc = run_cli("draft", "--answers", str(path), "--no-input")
    assert proc.returncode == 0, proc.stderr.decode()
    out = yaml.safe_load(proc.stdout)
    assert out["esm"]["actuals"] == {
        2026: {"value": 44, "numerator": 44, "denominator": 100, "status": "final"},
        2027: {"value": 47.5},  # the short form is written long
    }
    for key in ("story", "partners", "what_works", "action_plan", "data_development"):
        assert out["esm"][key] == V2_KEYS[key]
    assert out["history"] == [{"year": 2026, "from": "esm-2025.yaml", "note": "objectives kept"}]
    assert out["reviewers"]["quadrant"] == 2 and out["source"]["line"] == 12


def test_bad_actuals_are_named_by_key_path(tmp_path: Path) -> None:
    data = _v2()
    data["esm"]["actuals"] = {2026: "lots", 2027: {"status": "maybe"}, 2028: {"numerator": -1}}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    proc = run_cli("draft", "--answers", str(path), "--no-input")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "esm.actuals.2026.value: 'lots' is not a number" in err
    assert "esm.actuals.2027.status: 'maybe' is not one of 'provisional' or 'final'" in err
    assert "esm.actuals.2028.numerator" in err


def test_actual_year_given_twice_is_named(tmp_path: Path) -> None:
    text = _text("esmtool.draft/2") + ""
    text = text.replace("  targets:", "  actuals: {2026: 44, 2026.0: 45}\n  targets:")
    path = tmp_path / "twice.yaml"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("draft", "--answers", str(path), "--no-input")
    assert proc.returncode == 2
    assert "the year 2026 is given twice" in proc.stderr.decode()


@pytest.mark.parametrize("version", ["esmtool.draft/1", "esmtool.draft/2"])
def test_json_schema_accepts_both_versions(version: str) -> None:
    schema = _shipped_schema()
    data = yaml.safe_load(_text(version))
    if version.endswith("/2"):
        data = _v2()
    # JSON keys are text: the years as JSON has them
    data = json.loads(json.dumps(data))
    jsonschema.validate(data, schema)


def test_json_schema_refuses_what_esmtool_refuses() -> None:
    schema = _shipped_schema()
    for bad in (
        {"schema": "esmtool.draft/9"},  # a version esmtool does not know
        {"esm": {"actuals": {"2026": {"status": "maybe"}}}},
        {"esm": {"actuals": {"2026": "lots"}}},
        {"history": [{"note": "no from"}]},
        {"reviewers": {"quadrant": 5}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
