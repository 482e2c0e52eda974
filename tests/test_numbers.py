"""Numbers and ids kept as written (issue 9): no YAML 1.1 rewriting of values, plain decimal
numbers only, target years written two ways found as duplicates. Through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import EXAMPLE_DRAFT, run_cli

BASE = EXAMPLE_DRAFT.read_text(encoding="utf-8")


def _export(tmp_path: Path, text: str, *sets: str) -> tuple[int, dict | None, str]:
    src = tmp_path / "d.yaml"
    src.write_text(text, encoding="utf-8")
    args = ["draft", "--answers", str(src), "--no-input", "-o", "-", "--format", "json"]
    for s in sets:
        args += ["--set", s]
    proc = run_cli(*args)
    data = json.loads(proc.stdout) if proc.returncode == 0 else None
    return proc.returncode, data, proc.stderr.decode()


@pytest.mark.parametrize("written", ["11.10", "011", "11:10", "0x1F", "1:30", "no", "1e3"])
def test_an_id_is_kept_exactly_as_written(tmp_path: Path, written: str) -> None:
    code, data, err = _export(tmp_path, BASE.replace("id: ESM 11.1", f"id: {written}"))
    assert code == 0, err
    assert data is not None and data["esm"]["id"] == written


@pytest.mark.parametrize("written", ["11.10", "011", "0x1F"])
def test_an_id_given_with_set_is_kept_as_written(tmp_path: Path, written: str) -> None:
    code, data, err = _export(tmp_path, BASE, f"esm.id={written}")
    assert code == 0, err
    assert data is not None and data["esm"]["id"] == written


@pytest.mark.parametrize(
    ("written", "value"),
    [("045", 45), ("08", 8), ("45.5", 45.5), ("'1,000'", 1000), ("'45%'", 45), ("-0", 0)],
)
def test_plain_decimal_numbers_are_read_in_decimal(
    tmp_path: Path, written: str, value: float
) -> None:
    text = BASE.replace(
        "  baseline: {year: 2025, value: 42}\n",
        f"  baseline:\n    year: 2025\n    value: {written}\n",
    )
    code, data, err = _export(
        tmp_path,
        text,
        "esm.unit_type=count",
        "esm.denominator=",
        "esm.unit_number=",
        "esm.title=Number of children enrolled in care coordination",  # a count's title
    )
    assert code == 0, err
    assert data is not None and data["esm"]["baseline"]["value"] == value


@pytest.mark.parametrize("written", ["0x2D", "1:30", "4_5", "1,00", ".inf", "0o55", "45 apples"])
def test_other_number_forms_are_refused_not_rewritten(tmp_path: Path, written: str) -> None:
    text = BASE.replace(
        "  baseline: {year: 2025, value: 42}\n",
        f"  baseline:\n    year: 2025\n    value: {written}\n",
    )
    code, _, err = _export(tmp_path, text)
    assert code == 2
    assert "d.yaml:23: esm.baseline.value" in err and "not a number" in err
    code, _, err = _export(tmp_path, BASE, f"esm.baseline.value={written}")
    assert code == 2 and "esm.baseline.value" in err and "not a number" in err


def test_a_year_with_a_leading_zero_is_not_read_as_octal(tmp_path: Path) -> None:
    text = BASE.replace("baseline: {year: 2025,", "baseline: {year: 03751,")
    code, _, err = _export(tmp_path, text)
    assert code == 2
    assert "esm.baseline.year" in err and "2025" not in err.split("esm.baseline.year", 1)[1]


@pytest.mark.parametrize("second", ["2026.0", "+2026", '"2026 "', "'2,026'"])
def test_a_target_year_written_twice_is_reported_with_both_lines(
    tmp_path: Path, second: str
) -> None:
    text = BASE.replace(
        "  targets: {2026: 45, 2027: 48, 2028: 51, 2029: 54, 2030: 57}\n",
        f"  targets:\n    2026: 45\n    {second}: 46\n    2027: 48\n",
    )
    code, _, err = _export(tmp_path, text)
    assert code == 2, err
    line = next(ln for ln in err.splitlines() if "given twice" in ln)
    assert "d.yaml:24" in line and "d.yaml:23" in line and "2026" in line


def test_set_replaces_a_target_year_however_the_file_wrote_it(tmp_path: Path) -> None:
    text = BASE.replace("{2026: 45,", "{+2026: 45,")
    code, data, err = _export(tmp_path, text, "esm.targets.2026=50")
    assert code == 0, err
    assert data is not None and data["esm"]["targets"]["2026"] == 50


def test_set_value_nested_beyond_libyaml_limit_is_refused(tmp_path: Path) -> None:
    code, _, err = _export(tmp_path, BASE, "esm.title=" + "[" * 5000 + "]" * 5000)
    assert code == 2
    assert "--set" in err and "nested more than 100 levels" in err


@pytest.mark.parametrize("depth", [150, 999, 1000, 5000])
def test_nesting_message_does_not_depend_on_libyaml(tmp_path: Path, depth: int) -> None:
    code, _, err = _export(tmp_path, "esm:\n  title: " + "[" * depth + "]" * depth + "\n")
    assert code == 2
    assert "d.yaml:2: is nested more than 100 levels deep" in err
