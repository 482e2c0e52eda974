"""Large drafts (issue 9 items 7 and 8): a bound on measures per draft, agreed by every path,
and whatever esmtool writes as a draft it reads back. Through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from .conftest import EXAMPLE_DRAFT, run_cli

MAX_MEASURES = 500  # README "Limits"


def _draft(n_measures: int) -> dict:
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["measures"] = [
        {"quadrant": i % 4 + 1, "text": f"Number of families reached, group {i}"}
        for i in range(n_measures)
    ]
    return data


@pytest.mark.parametrize(
    "args",
    [
        ["check", "big.yaml"],
        ["export", "big.yaml", "-o", "-", "--format", "md"],
        ["export", "big.yaml", "-o", "-", "--format", "csv"],
        ["draft", "--answers", "big.yaml", "--no-input", "-o", "-"],
    ],
)
def test_a_draft_over_the_measure_limit_is_refused_everywhere(
    tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "big.yaml").write_text(yaml.safe_dump(_draft(MAX_MEASURES + 1)), encoding="utf-8")
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == b""
    err = proc.stderr.decode()
    assert "big.yaml:" in err and "501 measures" in err and "at most 500" in err


def test_set_cannot_bring_a_draft_over_the_measure_limit(tmp_path: Path) -> None:
    data = _draft(0)
    data.pop("measures")
    (tmp_path / "d.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    many = json.dumps([{"quadrant": 1, "text": f"m{i}"} for i in range(MAX_MEASURES + 1)])
    proc = run_cli(
        "draft",
        "--answers",
        "d.yaml",
        "--no-input",
        "-o",
        "-",
        "--set",
        f"measures={many}",
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "measures: holds 501 measures" in proc.stderr.decode()


def test_a_draft_at_the_measure_limit_exports_to_word(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    (tmp_path / "big.yaml").write_text(yaml.safe_dump(_draft(MAX_MEASURES)), encoding="utf-8")
    proc = run_cli("export", "big.yaml", "-o", "big.docx", cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "big.docx")).paragraphs)
    tables = docx.Document(str(tmp_path / "big.docx")).tables
    cells = {c.text for t in tables for row in t.rows for c in row.cells}
    # the last measure is in the measure set (one cell per quadrant holds its measures)
    assert any("Number of families reached, group 499" in c for c in cells), text[:200]


def _quoted_draft(size: int) -> dict:
    data = _draft(4)
    chunk = '"\\' * (size // 2)
    data["notes"] = chunk
    return data


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_an_export_esmtool_could_not_read_back_is_refused(tmp_path: Path, fmt: str) -> None:
    # 2.5 MB of quotes and backslashes: under the input limit, but each takes two characters
    # escaped, so the JSON export would be over it
    src = tmp_path / "q.yaml"
    src.write_text(
        yaml.safe_dump(_quoted_draft(2_500_000), allow_unicode=True, width=10**9), encoding="utf-8"
    )
    assert src.stat().st_size < 4 * 1024 * 1024
    proc = run_cli("export", "q.yaml", "-o", f"out.{fmt}", cwd=tmp_path, timeout=120)
    if proc.returncode == 0:  # written: it must read back as the same draft
        back = run_cli("export", f"out.{fmt}", "-o", "-", "--format", "md", cwd=tmp_path)
        assert back.returncode == 0, back.stderr
        written = yaml.safe_load((tmp_path / f"out.{fmt}").read_text(encoding="utf-8"))
        assert written["notes"] == _quoted_draft(2_500_000)["notes"]
    else:
        assert proc.returncode == 2
        err = proc.stderr.decode()
        assert "could not be read back" in err and "nothing was written" in err
        assert not (tmp_path / f"out.{fmt}").exists()
    if fmt == "json":  # the case of the issue: 5 MB of JSON
        assert proc.returncode == 2


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_what_esmtool_writes_it_reads_back(tmp_path: Path, fmt: str) -> None:
    data = _quoted_draft(1_000_000)
    data["esm"]["id"] = "011"
    data["esm"]["title"] = "11:10 \u2028 0x1F 'q' \"d\" \\ no"
    src = tmp_path / "q.yaml"
    src.write_text(yaml.safe_dump(data, width=10**9), encoding="utf-8")
    proc = run_cli("export", "q.yaml", "-o", f"out.{fmt}", cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    back = run_cli("export", f"out.{fmt}", "-o", "-", "--format", "json", cwd=tmp_path)
    assert back.returncode == 0, back.stderr
    got = json.loads(back.stdout)
    assert got["notes"] == data["notes"]
    assert got["esm"]["id"] == "011" and got["esm"]["title"] == data["esm"]["title"].strip()
