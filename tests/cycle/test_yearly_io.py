"""`draft --from`, `actuals import` (CSV and Excel) and `export --format clearimpact`."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import yaml

from ..conftest import EXAMPLE_DRAFT, run_cli
from .helpers import base, with_actuals, write

CI_HEADER = "id,actual_value_date,target_value,actual_value,comment\n"


def test_draft_from_last_year_keeps_objectives_and_actuals(tmp_path: Path) -> None:
    old = write(tmp_path / "esm-2025.yaml", with_actuals(y2024=44, y2025={"value": 47}))
    new = tmp_path / "esm-2026.yaml"
    proc = run_cli("draft", "--from", str(old), "--no-input", "-o", str(new))
    assert proc.returncode == 0, proc.stderr.decode()
    data = yaml.safe_load(new.read_text(encoding="utf-8"))
    assert data["schema"] == "esmtool.draft/2"
    assert data["esm"]["targets"] == {2024: 45, 2025: 48, 2026: 51, 2027: 54, 2028: 57}
    assert data["esm"]["actuals"] == {2024: {"value": 44}, 2025: {"value": 47}}
    assert data["esm"]["status"] == "active"  # asked in the walk; a script gets the default
    [entry] = data["history"]
    assert (
        entry["from"] == str(old)
        and entry["year"] == datetime.datetime.now(datetime.timezone.utc).year
    )
    assert "status to confirm" in entry["note"]
    # --set wins over last year's values; OLD is never written over
    proc = run_cli(
        "draft", "--from", str(old), "--set", "esm.status=completed", "--no-input", "-o", str(old)
    )
    assert proc.returncode == 2
    proc = run_cli("draft", "--from", str(old), "--set", "esm.status=completed", "--no-input")
    assert yaml.safe_load(proc.stdout)["esm"]["status"] == "completed"


def test_draft_from_and_resume_do_not_mix(tmp_path: Path) -> None:
    proc = run_cli("draft", "--from", str(EXAMPLE_DRAFT), "--resume", str(EXAMPLE_DRAFT))
    assert proc.returncode == 2 and b"--from" in proc.stderr


def test_actuals_import_clear_impact_csv(tmp_path: Path) -> None:
    draft = write(tmp_path / "d.yaml", base())
    other = write(tmp_path / "other.yaml", {**base(), "esm": {**base()["esm"], "id": "ESM 9.1"}})
    before = draft.read_bytes()
    sheet = tmp_path / "actuals.csv"
    sheet.write_text(
        CI_HEADER + "ESM 11.1,12/31/2026,45,44.5,first year\n"
        "esm11.1,2027-12-31,,47,\nESM 9.1,2026,,3,\nESM 5.5,2026,,1,\n",
        encoding="utf-8",
    )
    proc = run_cli("actuals", "import", str(sheet), "--into", str(draft), "--into", str(other))
    assert proc.returncode == 2 and b"--force" in proc.stderr
    assert draft.read_bytes() == before  # nothing written without --force
    proc = run_cli(
        "actuals", "import", str(sheet), "--into", str(draft), "--into", str(other), "--force"
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"ESM number '5.5'" in proc.stderr  # a row without a draft is named
    got = yaml.safe_load(draft.read_text(encoding="utf-8"))["esm"]["actuals"]
    assert got == {2026: {"value": 44.5, "comment": "first year"}, 2027: {"value": 47}}
    assert yaml.safe_load(other.read_text(encoding="utf-8"))["esm"]["actuals"] == {
        2026: {"value": 3}
    }
    # the person's comments stay
    assert draft.read_text(encoding="utf-8").count("#") >= before.decode().count("#")


def test_actuals_import_own_columns_from_excel(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ESM", "Year", "Numerator", "Denominator", "Status", "Comment"])
    ws.append(["ESM 11.1", 2026, 441, 1000, "provisional", "Q4 late"])
    sheet = tmp_path / "actuals.xlsx"
    wb.save(sheet)
    draft = write(tmp_path / "d.yaml", base())
    proc = run_cli("actuals", "import", str(sheet), "--into", str(draft), "--force")
    assert proc.returncode == 0, proc.stderr.decode()
    got = yaml.safe_load(draft.read_text(encoding="utf-8"))["esm"]["actuals"][2026]
    assert got == {
        "numerator": 441,
        "denominator": 1000,
        "status": "provisional",
        "comment": "Q4 late",
    }
    proc = run_cli("progress", str(draft), "--format", "json")
    year = next(y for y in __import__("json").loads(proc.stdout)[0]["years"] if y["year"] == 2026)
    assert year["actual"] == 44.1 and year["computed"] is True


def test_actuals_import_bad_rows_and_files(tmp_path: Path) -> None:
    draft = write(tmp_path / "d.yaml", base())
    sheet = tmp_path / "bad.csv"
    sheet.write_text(CI_HEADER + ",2026,,4,\nESM 11.1,sometime,,4,\nESM 11.1,2026,,lots,\n")
    proc = run_cli("actuals", "import", str(sheet), "--into", str(draft), "--force")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "bad.csv:2: has no ESM number" in err and "bad.csv:3: 'sometime' is not a year" in err
    sheet.write_text(CI_HEADER + "ESM 11.1,2026,,lots,\n")
    proc = run_cli("actuals", "import", str(sheet), "--into", str(draft), "--force")
    assert proc.returncode == 2 and b"esm.actuals.2026.value" in proc.stderr
    for name, content in (("x.txt", b"id\n"), ("latin.csv", "id\n\xe9\n".encode("latin-1"))):
        (tmp_path / name).write_bytes(content)
        proc = run_cli("actuals", "import", str(tmp_path / name), "--into", str(draft))
        assert proc.returncode == 2 and b"Traceback" not in proc.stderr, proc.stderr
    proc = run_cli("actuals", "import", str(tmp_path / "missing.xlsx"), "--into", str(draft))
    assert proc.returncode == 2 and b"no such file" in proc.stderr


def test_export_clearimpact_round_trips_through_import(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", with_actuals(y2024={"value": 44, "comment": "ok"}, y2025=46.5))
    b = write(tmp_path / "b.yaml", {**base(), "esm": {**base()["esm"], "id": "ESM 9.1"}})
    out = tmp_path / "ci.csv"
    proc = run_cli("export", str(a), str(b), "--format", "clearimpact", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["id", "actual_value_date", "target_value", "actual_value", "comment"]
    assert rows[0] == {
        "id": "ESM 11.1",
        "actual_value_date": "2024-12-31",
        "target_value": "45",
        "actual_value": "44",
        "comment": "ok",
    }
    assert rows[1]["actual_value"] == "46.5" and rows[2]["actual_value"] == ""
    assert {r["id"] for r in rows} == {"ESM 11.1", "ESM 9.1"} and len(rows) == 10
    # one draft to stdout
    proc = run_cli("export", str(a), "--format", "clearimpact")
    assert proc.returncode == 0 and proc.stdout.decode().startswith("id,actual_value_date")
    # what esmtool writes in Clear Impact's shape, it reads back
    fresh = write(tmp_path / "fresh.yaml", with_actuals())
    proc = run_cli("actuals", "import", str(out), "--into", str(fresh), "--force")
    assert proc.returncode == 0, proc.stderr.decode()
    got = yaml.safe_load(fresh.read_text(encoding="utf-8"))["esm"]["actuals"]
    assert got == {2024: {"value": 44, "comment": "ok"}, 2025: {"value": 46.5}}
