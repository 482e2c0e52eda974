"""Plan documents and workbooks, read back with the libraries that read them."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import EXAMPLE_DRAFT, ROOT, run_cli

EXAMPLE_PLAN = ROOT / "examples" / "plan"
SHEETS = ["Action plan", "ESMs", "Measures", "Objectives"]


def _draft_ids() -> dict[str, dict[str, Any]]:
    """ESM number -> draft data, read straight from the example's files."""
    out = {}
    for path in [*sorted((EXAMPLE_PLAN / "drafts").glob("*.yaml")), EXAMPLE_DRAFT]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["esm"]["id"]] = data
    return out


@pytest.fixture(scope="module")
def plan_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("x") / "plan.xlsx"
    res = run_cli("plan", "export", str(EXAMPLE_PLAN), "-o", str(out), cwd=ROOT)
    assert res.returncode == 0, res.stderr.decode()
    assert b"Wrote" in res.stderr and b"6 ESMs" in res.stderr
    return out


def _rows(ws: Any) -> list[dict[str, Any]]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]


def test_plan_workbook_sheets_and_headers(plan_xlsx: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(plan_xlsx)
    assert wb.sheetnames == SHEETS
    for ws in wb:
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2")
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert all(c.font.bold for c in ws[1])
        assert all(ws.column_dimensions[c.column_letter].width > 5 for c in ws[1])
    assert [c.value for c in wb["ESMs"][1]][:3] == ["ESM number", "Title", "State"]
    assert [c.value for c in wb["Objectives"][1]][:5] == [
        "ESM number",
        "NPM code",
        "Year",
        "Kind",
        "Value",
    ]


def test_plan_workbook_numbers_are_numbers(plan_xlsx: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(plan_xlsx)
    drafts = _draft_ids()
    esms = _rows(wb["ESMs"])
    assert sorted(r["ESM number"].value for r in esms) == sorted(drafts)
    for r in esms:
        data = drafts[r["ESM number"].value]
        assert r["Baseline year"].value == data["esm"]["baseline"]["year"]
        base = r["Baseline"]
        assert isinstance(base.value, float)  # a number, not the text "42%"
        assert base.value == pytest.approx(data["esm"]["baseline"]["value"] / 100)
        assert "%" in base.number_format
        assert r["Unit number"].value == 100 and isinstance(r["ESM quadrant"].value, int)
        assert r["Title"].alignment.wrap_text
    objectives = _rows(wb["Objectives"])
    years = [r for r in objectives if r["ESM number"].value == "ESM 1.1"]
    assert [r["Year"].value for r in years] == [2025, 2026, 2027, 2028, 2029, 2030]
    assert years[1]["Value"].value == pytest.approx(0.64) and years[1]["Kind"].value == "Objective"
    measures = _rows(wb["Measures"])
    total = sum(len(d.get("measures", [])) for d in drafts.values())
    assert len(measures) == total and all(isinstance(r["Quadrant"].value, int) for r in measures)


def test_plan_workbook_action_plan(plan_xlsx: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    rows = _rows(openpyxl.load_workbook(plan_xlsx)["Action plan"])
    pp = [r for r in rows if r["Measure"].value == "Postpartum Visit (postpartum-visit)"]
    assert len(pp) == 1
    assert pp[0]["Domain"].value == "Women/Maternal Health"
    assert pp[0]["Priority need"].value == "Improve access to postpartum care"
    assert pp[0]["ESMs"].value == "ESM 1.1"
    spm = [r for r in rows if (r["Measure"].value or "").startswith("SPM 1")]
    assert spm and spm[0]["Measure type"].value == "State Performance Measure"


def test_single_draft_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "esm.xlsx"
    res = run_cli("export", str(EXAMPLE_DRAFT), "-o", str(out))
    assert res.returncode == 0, res.stderr.decode()
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == SHEETS
    esm = _rows(wb["ESMs"])
    assert len(esm) == 1 and esm[0]["ESM number"].value == "ESM 11.1"
    assert (
        esm[0]["Baseline"].value == pytest.approx(0.42) and esm[0]["Baseline"].number_format == "0%"
    )
    assert len(_rows(wb["Measures"])) == 4
    # stdout a pipe: the workbook itself (issue 12.18; a terminal is refused)
    to_stdout = run_cli("export", str(EXAMPLE_DRAFT), "--format", "xlsx")
    assert to_stdout.returncode == 0
    piped = openpyxl.load_workbook(io.BytesIO(to_stdout.stdout))
    assert piped.sheetnames == SHEETS


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["esm"]["data_sources"] = '=HYPERLINK("http://example.invalid","click")'
    src = tmp_path / "d.yaml"
    src.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "d.xlsx"
    assert run_cli("export", str(src), "-o", str(out)).returncode == 0
    cell = _rows(openpyxl.load_workbook(out)["ESMs"])[0]["Data sources"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_plan_word_document(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "plan.docx"
    res = run_cli("plan", "export", str(EXAMPLE_PLAN), "-o", str(out), cwd=ROOT)
    assert res.returncode == 0, res.stderr.decode()
    d = docx.Document(str(out))
    paras = [(p.style.name, p.text) for p in d.paragraphs]
    assert paras[0] == ("Title", "Title V State Action Plan and ESMs: Example State")
    texts = [t for _, t in paras]
    assert "DRAFT" in texts and "2026-2030 needs assessment cycle" in texts
    h1 = [t for s, t in paras if s == "Heading 1"]
    assert h1[:2] == ["Action plan", "ESM summary"]
    drafts = _draft_ids()
    titles = {d["esm"]["title"] for d in drafts.values()}
    assert set(h1[2:]) == titles  # each ESM's detail sheet under its title
    h2 = [t for s, t in paras if s == "Heading 2"]
    assert "Women/Maternal Health" in h2 and h2.count("ESM detail sheet") == 6
    assert [t for s, t in paras if s == "Heading 3"].count("Definition") == 6
    summary = next(t for t in d.tables if t.rows[0].cells[0].text == "ESM")
    assert len(summary.rows) == 7
    assert sorted(r.cells[0].text for r in summary.rows[1:]) == sorted(drafts)


def test_plan_markdown_and_html(tmp_path: Path) -> None:
    md = run_cli("plan", "export", str(EXAMPLE_PLAN), cwd=ROOT)
    assert md.returncode == 0
    text = md.stdout.decode()
    assert text.startswith("# Title V State Action Plan and ESMs: Example State\n")
    assert "## Action plan" in text and "## ESM summary" in text
    assert text.count("### ESM detail sheet") == 6 and "\n# " not in text[2:]
    out = tmp_path / "plan.html"
    assert run_cli("plan", "export", str(EXAMPLE_PLAN), "-o", str(out), cwd=ROOT).returncode == 0
    html = out.read_text(encoding="utf-8")
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # unique on the page
    assert html.count('<section class="esm"') == 6 and "<style>" in html
    assert "http" not in html.split("<body>")[0].replace("http-equiv", "")  # nothing loaded


def test_an_incomplete_draft_stops_the_export(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    shutil.copytree(EXAMPLE_PLAN, target)
    shutil.copy(EXAMPLE_DRAFT, tmp_path / "care-coordination.yaml")
    path = target / "drafts" / "esm-4-1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["esm"]["goal"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "plan.docx"
    res = run_cli("plan", "export", str(target), "-o", str(out))
    assert res.returncode == 2 and not out.exists()
    err = res.stderr.decode()
    assert "esm-4-1.yaml" in err and "esm.goal" in err and "Traceback" not in err


def test_export_refuses_to_replace_without_force(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"keep")
    res = run_cli("plan", "export", str(EXAMPLE_PLAN), "-o", str(out), cwd=ROOT)
    assert res.returncode == 2 and out.read_bytes() == b"keep"
    res = run_cli("plan", "export", str(EXAMPLE_PLAN), "-o", str(out), "--force", cwd=ROOT)
    assert res.returncode == 0 and out.read_bytes()[:2] == b"PK"


def test_action_plan_without_priority_needs_lists_every_npm(tmp_path: Path, catalog: Any) -> None:
    from esmtool.plan.export import action_plan, load_esms
    from esmtool.plan.model import read_plan

    target = tmp_path / "plan"
    shutil.copytree(EXAMPLE_PLAN, target)
    shutil.copy(EXAMPLE_DRAFT, tmp_path / "care-coordination.yaml")
    data = yaml.safe_load((target / "plan.yaml").read_text(encoding="utf-8"))
    del data["priority_needs"]
    (target / "plan.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    loaded = read_plan(target)
    groups = action_plan(loaded, load_esms(loaded, catalog), catalog)
    rows = {r["measure"]: (g["domain"], r) for g in groups for r in g["rows"]}
    assert len(rows) == len(data["npms"])
    domain, row = rows["Breastfeeding (breastfeeding)"]
    assert domain == "Perinatal/Infant Health" and row["need"] is None
    assert row["strategies"] == ["Peer Counselors (4-2)"] and row["esms"] == ["ESM 4.1"]


def test_plan_markdown_is_reproducible_with_source_date_epoch() -> None:
    env = {"SOURCE_DATE_EPOCH": "0"}
    a = run_cli("plan", "export", str(EXAMPLE_PLAN), env=env, cwd=ROOT)
    b = run_cli("plan", "export", str(EXAMPLE_PLAN), env=env, cwd=ROOT)
    assert a.returncode == 0 and a.stdout == b.stdout
    assert b"January 1, 1970" in a.stdout


def _cover_and_body(path: Path) -> tuple[str, str, list[str]]:
    """(the cover's text, the whole text, the headings) of a written plan document."""
    from .export.test_partner_ready import _html_text, _read

    text, heads = _read(path)
    if path.suffix == ".docx":
        docx = pytest.importorskip("docx")
        paras = docx.Document(str(path)).paragraphs
        end = next(i for i, p in enumerate(paras) if p.text == "Action plan")
        return "\n".join(p.text for p in paras[:end]), text, heads
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        cover = raw.split('<header class="cover">', 1)[1].split("</header>", 1)[0]
    else:
        cover = raw.split("## Action plan", 1)[0]
    return _html_text(cover)[0], text, heads


@pytest.mark.parametrize("ext", ["docx", "html", "md"])
def test_plan_document_has_every_measure_set_and_a_full_cover(tmp_path: Path, ext: str) -> None:
    from esmtool import __version__

    out = tmp_path / f"plan.{ext}"
    res = run_cli(
        "plan", "export", str(EXAMPLE_PLAN), "-o", str(out), env={"SOURCE_DATE_EPOCH": "0"},
        cwd=ROOT,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr.decode()
    cover, text, heads = _cover_and_body(out)
    # each ESM's measure set, with every one of its measures
    assert heads.count("RBA measure set") == 6
    measures = [m["text"] for d in _draft_ids().values() for m in d.get("measures", [])]
    assert len(measures) > 6 and all(m in text for m in measures)
    # the cover: state, date, the versions of esmtool and of the catalog, "Draft"
    meta = yaml.safe_load((ROOT / "data" / "catalog.yaml").read_text(encoding="utf-8"))["catalog"]
    assert "Example State" in cover and "January 1, 1970" in cover
    assert f"esmtool {__version__}" in cover
    assert f"catalog '{meta['name']}' version {meta['version']}" in cover
    assert "draft" in cover.lower()
