"""Streaming: `check` writes the same JSON one draft at a time; plan check keeps no drafts."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

from esmtool.checks.report import Tally, check_files, iter_reports, render_json, stream_json

from .conftest import EXAMPLE_DRAFT, ROOT


def _files(tmp_path: Path, example_data: dict[str, Any]) -> list[str]:
    out = []
    for i in range(3):
        data = copy.deepcopy(example_data)
        data["esm"]["id"] = f"ESM 11.{i + 1}"
        if i == 1:
            data["esm"]["title"] = "Number of children with a plan of care"  # an error
        path = tmp_path / f"d{i}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        out.append(str(path))
    bad = tmp_path / "bad.yaml"
    bad.write_text("esm: [\n", encoding="utf-8")
    return [out[0], str(bad), out[1], out[2]]


def test_streamed_json_is_byte_identical(
    tmp_path: Path, example_data: dict[str, Any], catalog: Any
) -> None:
    paths = _files(tmp_path, example_data)
    expected = render_json(check_files(paths, catalog))
    chunks: list[str] = []
    tally = Tally()
    stream_json(tally.watch(iter_reports(paths, catalog)), chunks.append)
    assert "".join(chunks) == expected
    assert len(chunks) == 4  # one write per draft checked, then the closing bracket
    assert tally.checked == 3 and len(tally.failed) == 1
    assert tally.exit_code() == 2 and tally.totals["error"] >= 1
    assert json.loads(expected)[1]["file"].endswith("d1.yaml")


def test_nothing_is_written_when_no_file_could_be_checked(tmp_path: Path, catalog: Any) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n", encoding="utf-8")
    chunks: list[str] = []
    stream_json(iter_reports([str(bad)], catalog), chunks.append)
    assert chunks == [] and render_json(check_files([str(bad)], catalog)) == "[]\n"


def test_tally_exit_codes(tmp_path: Path, example_data: dict[str, Any], catalog: Any) -> None:
    tally = Tally()
    list(tally.watch(iter_reports([str(EXAMPLE_DRAFT)], catalog)))
    assert tally.exit_code() == 0 and tally.exit_code(strict=True) == 0
    assert tally.overall() == "Checked 1 draft: 0 errors, 0 warnings, 0 info."


def test_plan_check_keeps_summaries_not_drafts(catalog: Any) -> None:
    from esmtool.plan.check import PlanCheck, write_json
    from esmtool.plan.model import read_plan

    check = PlanCheck(read_plan(ROOT / "examples" / "plan"), catalog)
    chunks: list[str] = []
    report = write_json(check, chunks.append)
    doc = json.loads("".join(chunks))
    assert doc[0]["counts"] == report.counts() and len(doc) == 7
    assert len(check.esms) == 6 and all(e.npm for e in check.esms)
    again = PlanCheck(read_plan(ROOT / "examples" / "plan"), catalog)
    reports = list(again.drafts())
    assert len(reports) == 6 and all(r.checked and r.draft is None for r in reports)
