"""Saved MCHbest pages -> strategy entries: the seed page equals the bundled entry's facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from esmtool.catalog.models import Strategy
from esmtool.importers.strategy_page import read_page

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"
SEED_COPY = FIXTURES / "medical-home-personal-01.txt"


def _seed_text(with_address: bool) -> str:
    text = SEED_COPY.read_text(encoding="utf-8")
    return text if with_address else text.split("\n", 1)[1]  # the page exactly as the seed


@pytest.mark.parametrize("with_address", [True, False])
def test_the_seed_page_gives_the_bundled_entry(catalog: Any, with_address: bool) -> None:
    result = read_page(_seed_text(with_address), "seed", catalog)
    e = result.entry
    Strategy.model_validate(e)
    assert e["id"] == "medical-home-personal-01"
    assert e["measure"] == "medical-home-personal"
    assert e["name"] == "Care Coordination and Case Management"
    assert e["evidence"] == "moderate"
    assert e["evidence_label"] == "Moderate Evidence"
    assert e["source"] == "Peer-Reviewed Literature"
    assert e["outcomes"] == [
        "Access to/Receipt of Care",
        "Patient Experience of Care",
        "Utilization",
    ]
    assert e["intervention_type"] == "Case Management"
    assert e["intervention_level"] == "Individual/Family-Focused"
    quadrants = [m["quadrant"] for m in e["sample_measures"]]
    assert [quadrants.count(q) for q in (1, 2, 3, 4)] == [2, 2, 4, 4]
    assert [m["kind"] for m in e["sample_measures"] if m["quadrant"] == 3] == [
        "process",
        "process",
        "outcome",
        "outcome",
    ]
    assert len(e["references"]) == 4
    assert e["references"][3].startswith("Sadof, M., Carlin, S.")
    assert result.lacking == []
    if not with_address:  # the id and url of the catalog's strategy of that measure and name
        assert any("same name" in n for n in result.notes)
    # every fact equals the bundled entry's (prose aside: the bundled one is paraphrased)
    bundled = catalog.strategy("medical-home-personal-01")
    for key in (
        "evidence",
        "evidence_label",
        "source",
        "outcomes",
        "intervention_type",
        "intervention_level",
        "references",
        "url",
    ):
        assert e[key] == getattr(bundled, key), key
    assert [
        (m["quadrant"], m["kind"], m["text"], m.get("purpose")) for m in e["sample_measures"]
    ] == [(m.quadrant, m.kind, m.text, m.purpose) for m in bundled.sample_measures]


def test_the_older_npm_page_layout(catalog: Any) -> None:
    text = (FIXTURES / "npm10-older-page.txt").read_text(encoding="utf-8")
    result = read_page(text, "10-5", catalog)
    e = result.entry
    Strategy.model_validate(e)
    assert e["id"] == "10-5"  # from the address on the page
    assert e["url"] == "https://www.mchevidence.org/tools/strategies/10-5.php"
    assert e["measure"] == "adolescent-well-visit"  # "NPM 10"
    assert e["evidence"] == "emerging"  # a combined label is its weaker level
    assert e["evidence_label"] == "Emerging Evidence/Expert Opinion"
    assert e["target_audience"] == "Payer"
    assert [m["quadrant"] for m in e["sample_measures"]] == [1, 2]
    assert e["references"] == [
        "Example, A. (2019). An example reference for the test. Journal of Tests, 1(1), 1-2."
    ]
    assert result.lacking == [
        "source",
        "outcome components",
        "intervention type",
        "intervention level",
    ]
    assert "Outcome stated on the page: Percent of adolescents" in e["notes"]


def test_an_html_page(catalog: Any) -> None:
    html = (FIXTURES / "details-page.html").read_text(encoding="utf-8")
    result = read_page(html, "page.html", catalog)
    e = result.entry
    Strategy.model_validate(e)
    assert e["id"] == "adolescent-well-visit-04"  # from the canonical link
    assert e["name"] == "Support Clinic Systems in Promoting Attendance of Well-Visits"
    assert e["outcomes"] == ["Access to/Receipt of Care", "Utilization"]
    assert e["intervention_type"] == "Outreach"
    assert e["sample_measures"] == [
        {
            "quadrant": 2,
            "kind": "process",
            "text": "Percent of clinics that send well-visit reminders.",
            "purpose": "Shows reach of reminders",
        },
        {
            "quadrant": 4,
            "kind": "outcome",
            "text": "Percent of reminded adolescents who attend a well-visit.",
            "purpose": "Shows effect on attendance",
        },
    ]
    assert "not this" not in str(e)  # scripts are not text


def test_a_page_without_address_or_known_name_lists_what_it_lacks(catalog: Any) -> None:
    text = "MCHbest. Breastfeeding.\nStrategy. A strategy nobody has\nApproach. Do it\n"
    result = read_page(text, "p", catalog)
    assert result.entry["measure"] == "breastfeeding"
    assert any(x.startswith("id ") for x in result.lacking)
    assert any(x.startswith("url") for x in result.lacking)
    assert "evidence rating (read as unrated)" in result.lacking
