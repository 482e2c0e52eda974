"""`esmtool import` and `esmtool catalog import` through real subprocesses, and the round trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
TIMEOUT = 60


def esmtool(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "esmtool", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=cwd,
        timeout=TIMEOUT,
    )


def test_import_writes_one_draft_per_record_and_reports_each(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    r = esmtool(
        "import", str(FIXTURES / "results-page.txt"), str(FIXTURES / "messy.txt"), "-o", str(out)
    )
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "esm-10.1.yaml",
        "esm-11.2.yaml",
        "esm-4.1.yaml",
        "esm-5.1.yaml",
        "esm-6.1.yaml",
        "esm-9.1.yaml",
    ]
    # stdout: the paths written, one a line, in the order read
    assert r.stdout.splitlines() == [
        str(out / n)
        for n in (
            "esm-4.1.yaml",
            "esm-10.1.yaml",
            "esm-11.2.yaml",
            "esm-6.1.yaml",
            "esm-5.1.yaml",
            "esm-9.1.yaml",
        )
    ]
    err = r.stderr
    assert (
        f"{FIXTURES / 'messy.txt'}:23: ESM 5.1 (Nevada) -> {out / 'esm-5.1.yaml'} (incomplete)"
        in err
    )
    assert "left out: line 29: Unit Type 'Yes/No'" in err
    assert "still missing: strategy, esm.unit_type" in err
    assert "Imported 6 of 6 records (6 incomplete" in err
    data = yaml.safe_load((out / "esm-4.1.yaml").read_text(encoding="utf-8"))
    assert data["schema"] == "esmtool.draft/2"
    assert data["source"]["file"] == str(FIXTURES / "results-page.txt")
    assert data["source"]["line"] == 14
    assert data["reviewers"]["quadrant"] == 1


def test_import_never_replaces_a_file_without_force(tmp_path: Path) -> None:
    out = tmp_path / "d"
    out.mkdir()
    (out / "esm-10.2.yaml").write_text("mine\n", encoding="utf-8")
    r = esmtool("import", str(FIXTURES / "truncated.txt"), "-o", str(out))
    assert r.returncode == 2
    assert "already exists" in r.stderr and "Traceback" not in r.stderr
    assert (out / "esm-10.2.yaml").read_text(encoding="utf-8") == "mine\n"
    r = esmtool("import", str(FIXTURES / "truncated.txt"), "-o", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert "ESM 10.2" in (out / "esm-10.2.yaml").read_text(encoding="utf-8")


def test_import_to_one_file_and_bad_input(tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    r = esmtool("import", str(FIXTURES / "truncated.txt"), "-o", str(one))
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load(one.read_text(encoding="utf-8"))["state"] == "Ohio"
    r = esmtool("import", str(FIXTURES / "messy.txt"), "-o", str(tmp_path / "two.yaml"))
    assert r.returncode == 2 and "3 records were read" in r.stderr
    r = esmtool("import", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x"))
    assert r.returncode == 2 and "cannot be read" in r.stderr and "Traceback" not in r.stderr
    r = esmtool("import", str(FIXTURES / "esms.csv"), "-o", str(tmp_path / "x"), "--map", "oops")
    assert r.returncode == 2 and "--map oops" in r.stderr


def test_round_trip_import_resume_check_export(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    r = esmtool("import", str(FIXTURES / "results-page.txt"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    imported = out / "esm-10.1.yaml"
    done = tmp_path / "done.yaml"
    r = esmtool(
        "draft", "--resume", str(imported), "--no-input",
        "--set", "esm.direction=increase",
        "--set", "esm.baseline.year=2024",
        "--set", "esm.baseline.value=40",
        "--set", "esm.targets.2026=45",
        "--set", "esm.targets.2027=50",
        "-o", str(done),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    data = yaml.safe_load(done.read_text(encoding="utf-8"))
    assert data["strategy"] == "10-1" and data["esm"]["targets"] == {2026: 45, 2027: 50}
    assert data["source"]["line"] == 42  # where it came from survives the walk
    r = esmtool("check", str(done), "--format", "json")
    assert r.returncode == 0, r.stderr
    (entry,) = json.loads(r.stdout)
    assert entry["reviewers"] == {
        "quadrant": 2,
        "evidence_level": "Emerging",
        "comment": 'Aligns with MCHbest strategy "School-based Health Centers". Find other NPM '
        "10 strategies in MCHbest",
        "quadrant_agrees": True,
    }
    assert entry["esm"]["quadrant"] == 2
    r = esmtool("check", str(done), "--format", "table")
    assert r.returncode == 0, r.stderr
    assert "Reviewers: Quadrant 2 (Quality of Effort) (agrees); evidence level Emerging." in (
        " ".join(r.stdout.split())
    )
    md = tmp_path / "done.md"
    r = esmtool("export", str(done), "-o", str(md))
    assert r.returncode == 0, r.stderr
    assert "Percent of adolescents, ages 12 through 17" in md.read_text(encoding="utf-8")


def test_an_incomplete_import_cannot_be_finished_without_what_it_lacks(tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert esmtool("import", str(FIXTURES / "truncated.txt"), "-o", str(out)).returncode == 0
    r = esmtool(
        "draft",
        "--resume",
        str(out / "esm-10.2.yaml"),
        "--no-input",
        "-o",
        str(tmp_path / "x.yaml"),
    )
    assert r.returncode == 2
    assert "esm.unit_type" in r.stderr and "esm.numerator" in r.stderr


def test_catalog_import_of_the_seed_page_validates_and_overrides(tmp_path: Path) -> None:
    folder = tmp_path / "mycatalog"
    page = FIXTURES / "medical-home-personal-01.txt"
    r = esmtool("catalog", "import", str(page), "-o", str(folder))
    assert r.returncode == 0, r.stderr
    entry_file = folder / "medical-home-personal-01.yaml"
    assert r.stdout == f"{entry_file}\n"
    assert "replaces the bundled one" in r.stderr
    (entry,) = yaml.safe_load(entry_file.read_text(encoding="utf-8"))["strategies"]
    assert entry["intervention_type"] == "Case Management"
    assert len(entry["sample_measures"]) == 12
    r = esmtool("catalog", "validate", str(folder))
    assert r.returncode == 0, r.stderr
    r = esmtool(
        "show", "strategy", "medical-home-personal-01", "--format", "json", "--catalog", str(folder)
    )
    assert r.returncode == 0, r.stderr
    assert "Implement care coordination" in r.stdout  # the person's copy wins
    r = esmtool("catalog", "import", str(page), "-o", str(folder))
    assert r.returncode == 2 and "already exists" in r.stderr


def test_catalog_import_lists_what_a_page_lacks(tmp_path: Path) -> None:
    r = esmtool("catalog", "import", str(FIXTURES / "npm10-older-page.txt"), "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "the page lacks: intervention type" in r.stderr
    bad = tmp_path / "bad.txt"
    bad.write_text("MCHbest. Breastfeeding.\nStrategy. Something\n", encoding="utf-8")
    r = esmtool("catalog", "import", str(bad), "-o", str(tmp_path / "c"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "--url" in r.stderr


def test_unreadable_inputs_are_refused_plainly(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    folder = tmp_path / "afolder"
    folder.mkdir()
    notzip = tmp_path / "sheet.xlsx"
    notzip.write_bytes(b"not a workbook")
    for args in (
        ("import", str(binary), "-o", str(tmp_path / "o")),
        ("import", str(folder), "-o", str(tmp_path / "o")),
        ("import", str(notzip), "-o", str(tmp_path / "o")),
        ("catalog", "import", str(binary), "-o", str(tmp_path / "c")),
    ):
        r = esmtool(*args)
        assert r.returncode == 2, args
        assert "Traceback" not in r.stderr and r.stdout == ""
        assert r.stderr.startswith("Error: "), r.stderr
    assert not (tmp_path / "o").exists() and not (tmp_path / "c").exists()
