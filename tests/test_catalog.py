"""The bundled catalog: complete, traceable, valid; broken user catalogs get located messages."""

from __future__ import annotations

import csv
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from esmtool.catalog import load_catalog
from esmtool.catalog.models import EVIDENCE_IDS
from esmtool.errors import CatalogError, NotFoundError

from .conftest import ROOT, run_cli

SHARED = ROOT.parent / "shared" / "reference"


def _tsv(name: str) -> list[dict[str, str]]:
    with (SHARED / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


needs_shared = pytest.mark.skipif(
    not SHARED.exists(), reason="../shared/reference is not beside the repo"
)


def test_bundled_catalog_has_every_measure(catalog: Any) -> None:
    assert len(catalog.measures) >= 29
    for code, m in catalog.measures.items():
        assert m.url.startswith("https://"), code


@needs_shared
def test_every_reference_measure_is_in_the_catalog(catalog: Any) -> None:
    codes = {row["measure_code"] for row in _tsv("measures.tsv")}
    assert codes <= set(catalog.measures)


@needs_shared
def test_every_reference_strategy_url_is_traceable(catalog: Any) -> None:
    urls: set[str] = set()
    for s in catalog.strategies.values():
        urls.add(s.url)
        urls.update(s.other_urls)
    missing = [row["source_url"] for row in _tsv("strategies.tsv") if row["source_url"] not in urls]
    assert not missing, missing


def test_catalog_has_at_least_115_strategies_with_normalised_evidence(catalog: Any) -> None:
    assert len(catalog.strategies) >= 115
    for s in catalog.strategies.values():
        assert s.evidence in EVIDENCE_IDS
        assert s.url.startswith("https://"), s.id
        assert s.measure in catalog.measures


@needs_shared
def test_every_later_found_strategy_is_traceable_with_its_rating(catalog: Any) -> None:
    by_url: dict[str, list[Any]] = {}
    for s in catalog.strategies.values():
        for url in (s.url, *s.other_urls):
            by_url.setdefault(url, []).append(s)
    for row in _tsv("strategies-more.tsv"):
        if "Do not add" in row["notes"]:
            assert row["source_url"] not in by_url, row["source_url"]
            continue
        named = [s for s in by_url.get(row["source_url"], []) if s.name == row["strategy_name"]]
        assert named, row["strategy_name"]
        assert named[0].evidence_label == row["evidence_rating"], row["strategy_name"]


def test_the_later_found_strategies_are_in_the_catalog(catalog: Any) -> None:
    assert len(catalog.strategies) >= 133
    expected = {
        "breastfeeding-01": ("Lactation Consultants", "moderate"),
        "postpartum-visit-12": ("Telehealth and Remote Monitoring", "moderate"),
        "10-5": ("Improve State/Systems-Level Policies and Practices", "emerging"),
        "15-1-cc": ("Behavior Health Programs", "expert-opinion"),
        "15-6-cc": ("Family Supports", "expert-opinion"),
        "15-7-cc": ("Foster Care", "expert-opinion"),
        "12-3": ("Training/Educating Youth", "emerging"),
        "12-1": ("Provider Training/Workforce Development", "emerging"),
    }
    for sid, (name, evidence) in expected.items():
        s = catalog.strategy(sid)
        assert (s.name, s.evidence) == (name, evidence), sid
    # a rating read second-hand (a state ESM's note) or from a list heading stays unconfirmed
    for sid in ("12-3", "12-1"):
        assert "evidence" in catalog.strategy(sid).unconfirmed
    heading_only = [
        s
        for s in catalog.strategies.values()
        if s.url.endswith("/evidence-level.php")
        or "https://www.mchevidence.org/tools/strategies/evidence-level.php" in s.other_urls
    ]
    assert len(heading_only) == 8
    for s in heading_only:
        assert s.evidence != "unrated" and "evidence" in s.unconfirmed, s.id


def test_field_generated_is_read_as_expert_opinion(catalog: Any) -> None:
    from esmtool.catalog.browse import normalise_evidence

    assert normalise_evidence(catalog, "Expert Opinion/Field Generated") == "expert-opinion"
    assert "does not define" not in catalog.evidence["mixed"].definition
    assert "little effect" in catalog.evidence["mixed"].definition


def test_unrated_strategies_say_the_rating_is_unconfirmed(catalog: Any) -> None:
    for s in catalog.strategies.values():
        if s.evidence == "unrated":
            assert "evidence" in s.unconfirmed, s.id


def test_seed_strategy_is_complete(catalog: Any) -> None:
    s = catalog.strategy("medical-home-personal-01")
    assert s.name == "Care Coordination and Case Management"
    assert s.evidence == "moderate"
    assert s.evidence_label == "Moderate Evidence"
    assert s.intervention_type == "Case Management"
    assert s.intervention_level == "Individual/Family-Focused"
    assert set(s.outcomes) == {
        "Access to/Receipt of Care",
        "Patient Experience of Care",
        "Utilization",
    }
    assert len(s.references) == 4
    by_q = {q: [m for m in s.sample_measures if m.quadrant == q] for q in (1, 2, 3, 4)}
    assert [len(by_q[q]) for q in (1, 2, 3, 4)] == [2, 2, 4, 4]
    assert all(m.text.startswith("Number of") for q in (1, 3) for m in by_q[q])
    assert all(m.text.startswith("Percent of") for q in (2, 4) for m in by_q[q])


def test_seed_measure_has_national_figures(catalog: Any) -> None:
    m = catalog.measure("medical-home-cc")
    values = {f.value for f in m.figures}
    assert {66.7, 54.8, 71.7} <= values


def test_every_strategy_has_a_template_in_every_quadrant(catalog: Any) -> None:
    for s in catalog.strategies.values():
        for q in (1, 2, 3, 4):
            assert catalog.templates_for(s, q), f"{s.id} has no template in quadrant {q}"


def test_strategy_specific_templates_come_first(catalog: Any) -> None:
    specific = [t for t in catalog.templates.values() if t.applies_to.strategies]
    assert specific, "the bundled catalog has strategy-specific templates"
    t = specific[0]
    s = catalog.strategy(t.applies_to.strategies[0])
    assert catalog.templates_for(s, t.quadrant)[0].applies_to.strategies


def test_quadrants_and_evidence_scale(catalog: Any) -> None:
    assert [q.number for q in catalog.quadrants.values()] == [1, 2, 3, 4]
    assert catalog.quadrants[1].question.startswith("How much")
    assert len(catalog.tips) >= 4
    assert list(catalog.evidence) == list(EVIDENCE_IDS)
    assert catalog.evidence["moderate"].wwfh


# ----- broken user catalogs ------------------------------------------------------------------

GOOD_STRATEGY = """\
strategies:
  - id: ks-01
    measure: breastfeeding
    name: Lactation Support Line
    approach: Staff a statewide lactation support line.
    evidence: moderate
    url: https://example.org/ks-01
"""

BROKEN: dict[str, tuple[str, str]] = {
    # name: (file content, regex the message must match, located at file:line)
    "bad-yaml": ("strategies:\n  - id: x\n   name: [unclosed\n", r"bad\.yaml:\d+: not valid YAML"),
    "wrong-type": (
        GOOD_STRATEGY.replace("evidence: moderate", "evidence: strong"),
        r"bad\.yaml:6: strategy 'ks-01': evidence 'strong' is not one of",
    ),
    "unknown-key": (
        GOOD_STRATEGY + "    colour: blue\n",
        r"bad\.yaml:8: strategy 'ks-01': colour is not a known key",
    ),
    "missing-field": (
        GOOD_STRATEGY.replace("    approach: Staff a statewide lactation support line.\n", ""),
        r"bad\.yaml:2: strategy 'ks-01': approach is required but missing",
    ),
    "unknown-measure": (
        GOOD_STRATEGY.replace("measure: breastfeeding", "measure: breastfeedin"),
        r"bad\.yaml:2: strategy 'ks-01': measure 'breastfeedin' is not a known measure code "
        r"\(did you mean breastfeeding",
    ),
    "list-not-mapping": ("- just\n- a list\n", r"bad\.yaml: should hold sections"),
    "unknown-section": ("strategys: []\n", r"bad\.yaml:1: strategys is not a known section"),
    "not-utf8": ("\udcff", r"bad\.yaml: is not UTF-8 text"),
    "alias": (
        "strategies:\n  - &a\n    id: a\n  - *a\n",
        r"bad\.yaml:\d+: .*uses a YAML alias",
    ),
    "duplicate-key": (
        GOOD_STRATEGY + "    name: Again\n",
        r"bad\.yaml:8: the key 'name' appears twice",
    ),
    "template-slot-mismatch": (
        "templates:\n  - id: t1\n    quadrant: 1\n    text: Number of {people} served\n",
        r"bad\.yaml:2: template 't1': the text uses \{people\} but no slot",
    ),
}


def _write(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if "\udcff" in content:
        path.write_bytes(b"strategies:\n  - id: caf\xe9\n")
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_catalog_gets_a_located_message(case: str, tmp_path: Path) -> None:
    content, pattern = BROKEN[case]
    folder = tmp_path / "mycat"
    _write(folder, "bad.yaml", content)
    with pytest.raises(CatalogError) as info:
        load_catalog([folder], use_env=False)
    text = "\n".join(str(p) for p in info.value.problems)
    assert re.search(pattern, text), text


@pytest.mark.parametrize("case", ["wrong-type", "bad-yaml", "unknown-measure"])
def test_broken_catalog_cli_exit_2_without_traceback(case: str, tmp_path: Path) -> None:
    content, pattern = BROKEN[case]
    folder = tmp_path / "mycat"
    _write(folder, "bad.yaml", content)
    proc = run_cli("catalog", "validate", str(folder))
    assert proc.returncode == 2
    stderr = proc.stderr.decode()
    assert re.search(pattern, stderr), stderr
    assert "Traceback" not in stderr + proc.stdout.decode()
    proc = run_cli("list", "strategies", "--catalog", str(folder), "--format", "json")
    assert proc.returncode == 2 and proc.stdout == b""


def test_duplicate_ids_across_files_are_errors(tmp_path: Path) -> None:
    folder = tmp_path / "mycat"
    _write(folder, "a.yaml", GOOD_STRATEGY)
    _write(folder, "b.yaml", GOOD_STRATEGY)
    with pytest.raises(CatalogError) as info:
        load_catalog([folder], use_env=False)
    text = "\n".join(map(str, info.value.problems))
    assert re.search(
        r"b\.yaml:2: strategy 'ks-01' is defined twice \(also at .*a\.yaml:2\)", text
    ), text


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "mycat"
    _write(folder, "a.yaml", BROKEN["wrong-type"][0])
    _write(folder, "b.yaml", BROKEN["unknown-key"][0].replace("ks-01", "ks-02"))
    with pytest.raises(CatalogError) as info:
        load_catalog([folder], use_env=False)
    assert len(info.value.problems) == 2


def test_user_catalog_adds_and_overrides_with_notice(tmp_path: Path, catalog: Any) -> None:
    folder = tmp_path / "state"
    seed = catalog.strategy("medical-home-personal-01")
    _write(folder, "mine.yaml", GOOD_STRATEGY)
    _write(
        folder,
        "override.yaml",
        textwrap.dedent(
            f"""\
            strategies:
              - id: medical-home-personal-01
                measure: medical-home-personal
                name: Our Care Coordination
                approach: {seed.approach}
                evidence: moderate
                url: {seed.url}
            """
        ),
    )
    cat = load_catalog([folder], use_env=False)
    assert cat.strategy("ks-01").name == "Lactation Support Line"
    assert cat.strategy("medical-home-personal-01").name == "Our Care Coordination"
    assert any("replaces the bundled one" in n for n in cat.notices)


def test_env_var_adds_catalog_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "state"
    _write(folder, "mine.yaml", GOOD_STRATEGY)
    monkeypatch.setenv("ESMTOOL_CATALOG", str(folder))
    cat = load_catalog()
    assert "ks-01" in cat.strategies


def test_missing_catalog_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as info:
        load_catalog([tmp_path / "nope"], use_env=False)
    assert "does not exist" in str(info.value.problems[0])


def test_practices_can_be_added_by_users(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    _write(
        folder,
        "practices.yaml",
        "practices:\n  - id: hub-1\n    measure: breastfeeding\n    name: Peer Lactation Circles\n"
        "    designation: promising\n    url: https://example.org/hub-1\n",
    )
    cat = load_catalog([folder], use_env=False)
    assert cat.practices["hub-1"].designation == "promising"


def test_cache_is_used_and_invalidated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(cache))
    folder = tmp_path / "state"
    path = _write(folder, "mine.yaml", GOOD_STRATEGY)
    load_catalog([folder], use_env=False)
    assert list(cache.glob("*.json")), "parsed files are cached"
    path.write_text(
        GOOD_STRATEGY.replace("Lactation Support Line", "Changed Name"), encoding="utf-8"
    )
    import os

    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert load_catalog([folder], use_env=False).strategy("ks-01").name == "Changed Name"


def test_corrupt_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(cache))
    first = load_catalog(use_env=False)
    for p in cache.glob("*.json"):
        p.write_bytes(b"not json {")
    again = load_catalog(use_env=False)
    assert set(again.strategies) == set(first.strategies)


def test_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(blocker / "sub"))
    assert load_catalog(use_env=False).strategies


def test_plain_matches_pydantic_dump_for_every_entry(catalog: Any) -> None:
    from esmtool.catalog.models import plain

    for table in (catalog.measures, catalog.strategies, catalog.templates, catalog.evidence):
        for entry in table.values():
            for exclude_none in (True, False):
                assert plain(entry, exclude_none=exclude_none) == entry.model_dump(
                    mode="json", exclude_none=exclude_none
                )


def test_cached_catalog_reads_templates_lazily(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import esmtool.catalog.templates as lazy
    from esmtool.catalog.templates import LazyTemplates

    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(tmp_path / "cache"))
    first = load_catalog(use_env=False)
    again = load_catalog(use_env=False)  # from the cache
    assert again is not first
    assert isinstance(again.templates, LazyTemplates)
    assert not again.templates.loaded  # nothing read yet
    built: list[str] = []
    real = lazy.build_plain

    def counting(cls: Any, data: Any) -> Any:
        if cls is lazy.Template:
            built.append(data["id"])
        return real(cls, data)

    monkeypatch.setattr(lazy, "build_plain", counting)
    assert set(again.templates) == set(first.templates)
    assert again.templates.loaded and built == []  # the ids are read, no template built
    seed = again.strategy("medical-home-personal-01")
    chosen = [t.id for t in again.templates_for(seed, 2)]
    assert chosen == [t.id for t in first.templates_for(seed, 2)]
    assert sorted(built) == sorted(t for t in chosen if t in first.templates)  # only those
    assert [t.id for t in again.templates_for(seed)] == [t.id for t in first.templates_for(seed)]
    assert dict(again.templates) == dict(first.templates)  # built on reading, equal to parsed


OLD_NUMBERED_NPMS = {
    "well-woman-visit": "1",
    "cesarean-delivery": "2",
    "perinatal-care-risk-appropriate": "3",
    "breastfeeding": "4",
    "safe-sleep": "5",
    "developmental-screening": "6",
    "physical-activity": "8",
    "bullying": "9",
    "adolescent-well-visit": "10",
    "transition": "12",
    "dental-visit": "13",
    "smoking": "14",
    "adequate-insurance": "15",
}


def test_measures_known_by_their_2015_number_have_an_unconfirmed_kind(catalog: Any) -> None:
    # no stored page lists the 2026-2030 NPM set, so none of these is confirmed as current
    for code, number in OLD_NUMBERED_NPMS.items():
        m = catalog.measure(code)
        assert m.old_number == number, code
        assert "kind" in m.unconfirmed, code
    for m in catalog.measures.values():
        if m.kind == "npm" and m.old_number:
            assert m.code in OLD_NUMBERED_NPMS, m.code
        for text in (m.kind_label or "", m.notes or ""):
            assert "2015-2020" not in text, m.code


def test_kind_not_confirmed_is_shown_in_the_list(runner: Any) -> None:
    import json

    from esmtool.cli import app

    result = runner.invoke(app, ["list", "npms", "--format", "json"])
    rows = {r["code"]: r for r in json.loads(result.stdout)}
    assert rows["safe-sleep"]["kind_label"] == "NPM (old NPM 5; status unconfirmed)"
    assert rows["postpartum-visit"]["kind_label"] == "Universal NPM"


def test_care_coordination_has_its_own_focus(catalog: Any) -> None:
    cc = catalog.measure("medical-home-cc")
    assert cc.goal and "receive needed care coordination" in cc.goal
    assert cc.goal != catalog.measure("medical-home-overall").goal


def test_detail_sheet_fields_where_the_pages_give_them(catalog: Any) -> None:
    ds = catalog.measure("developmental-screening")
    assert ds.healthy_people_2030 == ["MICH-17"]
    assert ds.population_domain == "Child Health"
    assert {f.value for f in ds.figures} == {31.1, 35.8}
    assert ds.old_definition and "71 months" in ds.old_definition
    ins = catalog.measure("adequate-insurance")
    assert ins.measure_domain == "Clinical Health Systems"
    assert ins.healthy_people_2030 == ["AHS-01 (related)"]
    assert catalog.measure("safe-sleep").old_definition == (
        "Percent of infants placed to sleep on their backs"
    )
    assert len(catalog.measure("smoking").healthy_people_2030) == 3


@pytest.mark.parametrize(
    ("change", "pattern"),
    [
        (("name: Quantity of Effort", "name: Amount of Work"), r"named 'Quantity of Effort'"),
        (("effort_effect: effort", "effort_effect: effect"), r"say quadrant 3"),
    ],
)
def test_a_catalog_may_not_rename_an_rba_quadrant(
    change: tuple[str, str], pattern: str, tmp_path: Path
) -> None:
    text = (ROOT / "data" / "quadrants.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    folder = tmp_path / "mycat"
    _write(folder, "quadrants.yaml", text.replace(change[0], change[1], 1))
    with pytest.raises(CatalogError) as info:
        load_catalog([folder], use_env=False)
    problems = "\n".join(str(p) for p in info.value.problems)
    assert re.search(pattern, problems), problems
    assert re.search(r"quadrants\.yaml:\d+", problems), problems


def test_a_template_moved_to_another_quadrant_has_an_id_of_that_quadrant(catalog: Any) -> None:
    # a new user saw [q3-timeliness-care-on-time] among Quadrant 1's templates
    wrong = [
        t.id
        for t in catalog.templates.values()
        if re.match(r"q[1-4]-", t.id) and t.id[1] != str(t.quadrant)
    ]
    assert wrong == []
    current = set(catalog.templates)
    former = [f for t in catalog.templates.values() for f in t.former_ids]
    assert former and len(former) == len(set(former)) and not current & set(former)


def test_a_draft_naming_a_former_template_id_still_finds_it(catalog: Any) -> None:
    moved = catalog.template("q1-timeliness-care-on-time")
    assert "q3-timeliness-care-on-time" in moved.former_ids
    assert catalog.template("q3-timeliness-care-on-time") is moved
    with pytest.raises(NotFoundError):
        catalog.template("q9-no-such-template")
