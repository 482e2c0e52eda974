"""`esmtool progress` and the progress.* findings of `check`, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import EXAMPLE_DRAFT, run_cli
from .helpers import base, with_actuals, write


def _json(*args: str) -> list[dict]:  # type: ignore[type-arg]
    proc = run_cli("progress", *args, "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    data: list[dict] = json.loads(proc.stdout)  # type: ignore[type-arg]
    return data


def test_years_objectives_actuals_and_met(tmp_path: Path) -> None:
    draft = write(
        tmp_path / "d.yaml",
        with_actuals(y2024=44, y2025={"value": 48.5, "status": "final"}, y2026=52),
    )
    [r] = _json(str(draft), "--year", "2027")
    years = {y["year"]: y for y in r["years"]}
    assert sorted(years) == [2024, 2025, 2026, 2027, 2028]
    assert (years[2024]["objective"], years[2024]["actual"], years[2024]["met"]) == (45, 44, False)
    assert (years[2025]["actual"], years[2025]["met"]) == (48.5, True)
    assert years[2026]["met"] is True
    assert years[2027]["actual"] is None and years[2027]["met"] is None
    # share of the way from the baseline (42) to the objective: (44-42)/(45-42)
    assert abs(years[2024]["share"] - 2 / 3) < 1e-3
    assert years[2025]["change"] == 4.5
    rules = [f["rule"] for f in r["findings"]]
    assert rules == ["progress.objective-missed"]


def test_decrease_direction_meets_below_the_objective(tmp_path: Path) -> None:
    data = with_actuals(y2024=40, y2025=41)
    data["esm"]["direction"] = "decrease"
    data["esm"]["baseline"] = {"year": 2023, "value": 50}
    data["esm"]["targets"] = {2024: 45, 2025: 40, 2026: 35}
    [r] = _json(str(write(tmp_path / "d.yaml", data)), "--year", "2026")
    met = {y["year"]: y["met"] for y in r["years"]}
    assert met == {2024: True, 2025: False, 2026: None}


def test_computed_value_and_mismatch(tmp_path: Path) -> None:
    draft = write(
        tmp_path / "d.yaml",
        with_actuals(
            y2024={"numerator": 441, "denominator": 1000},
            y2025={"value": 46, "numerator": 1, "denominator": 2},
            y2026={"value": 46.7, "numerator": 467, "denominator": 1000},
        ),
    )
    [r] = _json(str(draft), "--year", "2027")
    years = {y["year"]: y for y in r["years"]}
    assert years[2024]["actual"] == 44.1 and years[2024]["computed"] is True
    assert years[2025]["actual"] == 46 and years[2025]["computed"] is False
    mism = [f for f in r["findings"] if f["rule"] == "progress.actual-mismatch"]
    assert [f["path"] for f in mism] == ["esm.actuals.2025.value"]
    assert "gives 50" in mism[0]["message"] or "give 50" in mism[0]["message"]


def test_missing_provisional_and_off_track(tmp_path: Path) -> None:
    # +1 a year from 42: 2028 would be about 47, far from 57
    draft = write(
        tmp_path / "d.yaml",
        with_actuals(y2024=43, y2026={"value": 45, "status": "provisional"}),
    )
    [r] = _json(str(draft), "--year", "2027")
    found = {(f["rule"], f["path"]) for f in r["findings"]}
    assert ("progress.actual-missing", "esm.actuals.2025") in found
    assert ("progress.provisional", "esm.actuals.2026.status") in found
    assert ("progress.off-track", "esm.targets.2028") in found
    # 2027 is the reporting year itself: not yet missing
    assert ("progress.actual-missing", "esm.actuals.2027") not in found
    assert r["trend"]["on_track"] is False
    forecast = {f["year"]: f["value"] for f in r["trend"]["forecast"]}
    assert set(forecast) == {2027, 2028}
    # least squares through (2023, 42), (2024, 43), (2026, 45): slope 1, 2028 -> 47
    assert abs(forecast[2028] - 47) < 1e-6
    proc = run_cli("progress", str(draft), "--year", "2027", "--strict", "-f", "json")
    assert proc.returncode == 1


def test_on_track_when_the_trend_reaches_the_last_objective(tmp_path: Path) -> None:
    draft = write(tmp_path / "d.yaml", with_actuals(y2024=45, y2025=48.2))
    [r] = _json(str(draft), "--year", "2026")
    assert r["trend"]["on_track"] is True
    assert not [f for f in r["findings"] if f["rule"] == "progress.off-track"]


def test_draft_without_actuals_has_years_and_no_findings() -> None:
    [r] = _json(str(EXAMPLE_DRAFT), "--year", "2040")
    assert [y["year"] for y in r["years"]] == [2026, 2027, 2028, 2029, 2030]
    assert all(y["actual"] is None and y["met"] is None for y in r["years"])
    assert r["findings"] == [] and r["trend"] is None


def test_v1_file_is_read(tmp_path: Path) -> None:
    text = EXAMPLE_DRAFT.read_text(encoding="utf-8").replace(
        "schema: esmtool.draft/2", "schema: esmtool.draft/1"
    )
    path = tmp_path / "v1.yaml"
    path.write_text(text, encoding="utf-8")
    [r] = _json(str(path))
    assert len(r["years"]) == 5


def test_table_and_bad_file(tmp_path: Path) -> None:
    good = write(tmp_path / "good.yaml", with_actuals(y2024=44))
    bad = tmp_path / "bad.yaml"
    bad.write_text("esm: {actuals: {2024: lots}}\n", encoding="utf-8")
    proc = run_cli("progress", str(good), str(bad), "--format", "table", "--year", "2025")
    assert proc.returncode == 2
    text = proc.stdout.decode()
    assert "2024" in text and "not met" in text and "44%" in text
    assert "esm.actuals.2024.value" in proc.stderr.decode()
    assert b"Traceback" not in proc.stderr


def test_check_shows_the_same_findings_by_rule_table(tmp_path: Path) -> None:
    draft = write(
        tmp_path / "d.yaml",
        with_actuals(y2024=43, y2026={"value": 45, "status": "provisional"}),
    )
    proc = run_cli("check", str(draft), "--format", "json")
    [r] = json.loads(proc.stdout)
    rules = {f["rule"] for f in r["findings"]}
    # 2025 is before any reporting year from 2026 on: missing in every year these tests run
    assert {"progress.actual-missing", "progress.provisional", "progress.off-track"} <= rules
    assert "progress.objective-missed" in rules
    # a draft without actuals gets no progress findings
    proc = run_cli("check", str(EXAMPLE_DRAFT), "--format", "json")
    [r] = json.loads(proc.stdout)
    assert not [f for f in r["findings"] if f["rule"].startswith("progress.")]


def test_actual_out_of_range_is_refused(tmp_path: Path) -> None:
    data = base()
    data["esm"]["actuals"] = {2026: 150}
    proc = run_cli("draft", "--answers", str(write(tmp_path / "d.yaml", data)), "--no-input")
    assert proc.returncode == 2
    assert "esm.actuals.2026.value: a percentage must be between 0 and 100" in proc.stderr.decode()


def test_example_with_three_years_of_actuals() -> None:
    from ..conftest import ROOT

    example = ROOT / "examples" / "care-coordination-actuals.yaml"
    [r] = _json(str(example), "--year", "2026")
    with_actual = [y for y in r["years"] if y["actual"] is not None]
    assert [y["year"] for y in with_actual] == [2023, 2024, 2025]
    assert with_actual[1]["computed"] is True and with_actual[1]["actual"] == 47.5
    assert with_actual[2]["status"] == "provisional"
    proc = run_cli("draft", "--answers", str(example), "--no-input")
    assert proc.returncode == 0, proc.stderr.decode()
