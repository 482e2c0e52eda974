"""Record text and spreadsheets -> drafts: labels, never positions; messy and cut-off records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from esmtool.draft import validate_draft
from esmtool.importers import import_files, parse_map, read_file
from esmtool.importers.mapping import has_schema_v2
from esmtool.importers.records import parse_records

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def _drafts(catalog: Any, name: str, **kw: Any) -> list[Any]:
    (result,) = import_files([str(FIXTURES / name)], catalog, **kw)
    assert result.error is None
    return result.imported


def _notes(item: Any) -> str:
    return str(item.data.get("notes", ""))


def test_a_results_page_gives_one_draft_per_record(catalog: Any) -> None:
    items = _drafts(catalog, "results-page.txt")
    assert [i.data["esm"]["id"] for i in items] == ["ESM 4.1", "ESM 10.1", "ESM 11.2"]
    assert [i.data["state"] for i in items] == ["Oklahoma", "Virgin Islands", "Alabama"]
    assert [i.report.line for i in items] == [14, 42, 66]
    first = items[0].data
    assert first["esm"]["title"].startswith("The number of women receiving lactation support")
    assert first["npm"] == "breastfeeding"  # old NPM 4
    assert first["esm"]["unit_type"] == "count"  # "Unit Type: Count, Unit Number: 100"
    assert "unit_number" not in first["esm"]  # a count has none: left out, and said so
    assert any("a count has no unit number" in x for x in items[0].report.left_out)
    assert "denominator" not in first["esm"]  # "N/A; count"
    assert first["esm"]["status"] == "active"
    # the page's footer is not part of the last record
    assert "supported by" not in items[2].data["esm"]["data_sources"]


def test_the_old_npm_number_and_the_aligned_strategy_are_mapped(catalog: Any) -> None:
    items = _drafts(catalog, "results-page.txt")
    assert items[1].data["npm"] == "adolescent-well-visit"
    assert items[1].data["strategy"] == "10-1"  # "Aligns with MCHbest strategy "School-based…""
    assert items[2].data["npm"] == "medical-home-overall"  # ESM 11.2 is an ESM of old NPM 11
    assert items[2].data["esm"]["status"] == "completed"


def test_reviewers_tags_are_kept(catalog: Any) -> None:
    items = _drafts(catalog, "results-page.txt")
    if has_schema_v2():
        assert items[0].data["reviewers"]["quadrant"] == 1
        assert items[0].data["reviewers"]["evidence_level"] == "Moderate"
        assert "doesn't align" in items[2].data["reviewers"]["comment"]
        assert items[0].data["source"] == {
            "file": str(FIXTURES / "results-page.txt"),
            "line": 14,
            "url": "https://www.mchlibrary.org/evidence/state-esms-results.php?q=home+visit&NPM=7"
            "&Region=&State=&Evidence_Level=&RBA_Category=&MCH_Pyramid=&Essential_Service="
            "&Recipient=&Status=Active",
        }
    else:
        assert "quadrant: 1" in _notes(items[0])
        assert "evidence level: Moderate" in _notes(items[0])
    assert "Service Type (reviewers' tag): Enabling services level of pyramid" in _notes(items[0])
    assert "Year of the record: 2021" in _notes(items[0])


def test_messy_records_are_read_by_label_not_by_position(catalog: Any) -> None:
    kansas, nevada, maine = _drafts(catalog, "messy.txt")
    # labels on their own line, values on the lines below (a value over two lines)
    assert kansas.data["esm"]["status"] == "active"
    assert kansas.data["esm"]["goal"] == (
        "Train child care providers to screen children for developmental delays."
    )
    # "Denominator: Count" is the unit type; "Unit Type: 100" a unit number (dropped for a count)
    assert kansas.data["esm"]["unit_type"] == "count"
    assert "denominator" not in kansas.data["esm"]
    assert "quadrant: 1" in _notes(kansas) or kansas.data.get("reviewers", {}).get("quadrant") == 1
    # "Yes/No" cannot be mapped: kept in the notes and listed
    assert "unit_type" not in nevada.data["esm"]
    assert "Unit Type: Yes/No" in _notes(nevada)
    assert any("Yes/No" in x for x in nevada.report.left_out)
    assert "esm.unit_type" in nevada.report.missing
    assert "denominator" not in nevada.data["esm"]  # "Text"
    # "Simple Count" is a count; a count's denominator is refused by the draft: kept in the notes
    assert maine.data["esm"]["unit_type"] == "count"
    assert "All schools in the state" in _notes(maine)
    assert any("a count has no denominator" in x for x in maine.report.left_out)
    assert maine.data["esm"]["status"] == "inactive"


def test_every_imported_draft_is_a_valid_partial_draft(catalog: Any) -> None:
    for name in ("results-page.txt", "messy.txt", "truncated.txt", "esms.csv"):
        for item in _drafts(catalog, name):
            _draft, problems = validate_draft(item.data, catalog)
            assert problems == [], (name, item.report.label, problems)


def test_a_truncated_record_is_an_incomplete_draft(catalog: Any) -> None:
    (item,) = _drafts(catalog, "truncated.txt")
    assert item.data["esm"]["goal"] == "Increase preventive visits among adolescen"
    assert item.report.missing[:3] == ["strategy", "esm.unit_type", "esm.numerator"]
    assert not item.report.complete


def test_label_then_value_and_inline_fields() -> None:
    text = "ESM 13.2.1 Number of dental visits (Iowa)\nUnit Type\nRate\nUnit Number: 1,000\n"
    (rec,) = parse_records(text, "t")
    assert [(c.field, c.value) for c in rec.cells] == [
        ("number", "ESM 13.2.1"),
        ("state", "Iowa"),
        ("title", "Number of dental visits"),
        ("unit_type", "Rate"),
        ("unit_number", "1,000"),
    ]


def test_esm_13_2_maps_to_the_longest_old_number(catalog: Any, tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("ESM 13.2.1 Percent of children with a dental visit (Iowa)\n", encoding="utf-8")
    (result,) = import_files([str(f)], catalog)
    assert result.imported[0].data["npm"] == "dental-visit-child"


def test_csv_headers_and_map(catalog: Any) -> None:
    items = _drafts(catalog, "esms.csv", mapping=parse_map(["Our program lead=notes"]))
    first = items[0].data
    assert first["esm"]["targets"] == {2026: 45, 2027: 50}
    assert first["esm"]["baseline"] == {"year": 2024, "value": 40}
    assert first["npm"] == "medical-home-overall"
    assert "Our program lead: J. Doe" in _notes(items[0])
    assert any("Funding stream" in x and "--map" in x for x in items[0].report.left_out)
    assert items[0].report.missing == ["strategy"]
    second = items[1]
    assert second.data["esm"]["unit_type"] == "count"
    assert second.data["esm"]["targets"] == {2026: 12}
    assert any("Target 2027 'abc'" in x for x in second.report.left_out)


def test_xlsx_is_read_like_csv(catalog: Any, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ESM Title", "ESM", "Unit Type", "Numerator", "Target 2027"])
    sheet.append(["Percent of clinics trained", "ESM 6.2", "Percentage", "Clinics trained", 80])
    sheet.append([None, None, None, None, None])
    path = tmp_path / "esms.xlsx"
    book.save(path)
    recs = read_file(str(path))
    assert len(recs) == 1
    (result,) = import_files([str(path)], catalog)
    data = result.imported[0].data
    assert data["esm"]["title"] == "Percent of clinics trained"
    assert data["esm"]["targets"] == {2027: 80}
    assert data["npm"] == "developmental-screening"


def test_a_file_without_records_is_an_error(catalog: Any, tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("nothing to see\n", encoding="utf-8")
    (result,) = import_files([str(f)], catalog)
    assert result.error is not None and "no ESM record" in result.error.message


@pytest.mark.parametrize("bad", ["nocolumn", "=esm.goal", "Goal="])
def test_bad_map_values_are_refused(bad: str) -> None:
    from esmtool.errors import UsageError

    with pytest.raises(UsageError):
        parse_map([bad])


def test_a_title_over_two_lines_keeps_its_state() -> None:
    text = "ESM 12.1 Percent of youth with a transition plan\nfrom their pediatrician (Utah)\nGoal: x\n"
    (rec,) = parse_records(text, "t")
    assert rec.get("title") is not None
    assert (
        rec.get("title").value == "Percent of youth with a transition plan from their pediatrician"
    )  # type: ignore[union-attr]
    assert rec.get("state").value == "Utah"  # type: ignore[union-attr]
    assert rec.get("goal").value == "x"  # type: ignore[union-attr]
