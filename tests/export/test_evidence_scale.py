"""Documents and tables show the evidence scale's label; the printed one stays in data and show."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import yaml

from ..conftest import EXAMPLE_DRAFT, run_cli

PRINTED = "Expert Opinion/Field Generated"  # how the MCHbest page printed 15-1-cc's rating


def _scale() -> set[str]:
    r = run_cli("list", "evidence", "--format", "json")
    assert r.returncode == 0, r.stderr
    return {e["label"] for e in json.loads(r.stdout)}


def test_list_table_shows_six_labels_json_keeps_the_printed_ones() -> None:
    scale = _scale()
    assert len(scale) == 6
    rows = json.loads(run_cli("list", "strategies", "--format", "json").stdout)
    printed = {s["evidence_label"] for s in rows}
    assert PRINTED in printed and len(printed) > len(scale)  # the data keeps the page's words
    assert {s["evidence_level"] for s in rows} <= scale
    table = run_cli("list", "strategies", "--format", "table", env={"COLUMNS": "300"})
    assert table.returncode == 0, table.stderr
    text = table.stdout.decode()
    assert "Expert Opinion" in text and PRINTED not in text


def test_show_keeps_the_printed_label() -> None:
    r = run_cli("show", "strategy", "15-1-cc")
    assert r.returncode == 0, r.stderr
    assert PRINTED in r.stdout.decode()


def test_documents_show_the_scale_label(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["strategy"] = "15-1-cc"
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for ext in ("md", "html", "docx", "csv"):
        out = tmp_path / f"d.{ext}"
        r = run_cli("export", str(path), "-o", str(out))
        assert r.returncode == 0, r.stderr
        if ext == "docx":
            doc = docx.Document(str(out))
            cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
            assert ["Evidence rating", "Expert Opinion"] in cells
            text = "\n".join(c for row in cells for c in row)
        elif ext == "csv":
            text = out.read_text(encoding="utf-8-sig")
            rows = list(csv.DictReader(io.StringIO(text)))
            assert {r["evidence"] for r in rows} == {"Expert Opinion"}
        else:
            text = out.read_text(encoding="utf-8")
            assert "Expert Opinion" in text
        assert PRINTED not in text, ext
