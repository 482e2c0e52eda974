"""Ready-made records (esmtool.catalog.records): `list` and `show` read back what they built
before while the catalog's files are unchanged, and print exactly what a full load prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esmtool.catalog import load_catalog
from esmtool.catalog.browse import LIST_KINDS, StrategyFilter, list_records, strategy_detail
from esmtool.catalog.records import detail, listing
from esmtool.errors import NotFoundError

from .conftest import esmtool_modules_after, run_cli

REPLACING = """strategies:
  - id: medical-home-personal-01
    measure: medical-home-personal
    name: Our Own Doctor Finder
    approach: A state line that helps families find a usual doctor.
    evidence: emerging
    url: https://example.org/ours
    origin: state
"""


@pytest.mark.parametrize("kind", LIST_KINDS)
def test_a_ready_made_list_is_the_list_a_full_load_builds(kind: str) -> None:
    expected = list_records(load_catalog(), kind, StrategyFilter())
    built, _ = listing(kind)  # the first time: built and kept
    again, _ = listing(kind)  # then read back
    assert built == expected
    assert again == expected


def test_a_ready_made_entry_is_the_entry_a_full_load_builds() -> None:
    cat = load_catalog()
    expected = strategy_detail(cat, cat.strategy("medical-home-personal-01"))
    assert detail("strategy", "medical-home-personal-01")[0] == expected
    assert detail("strategy", "medical-home-personal-01")[0] == expected


def test_an_unknown_id_is_not_found_each_time_with_suggestions() -> None:
    for _ in range(2):
        with pytest.raises(NotFoundError) as exc:
            detail("strategy", "medical-home-personal-1")
        assert "medical-home-personal-01" in exc.value.suggestions


@pytest.mark.parametrize(
    "args",
    [
        ("list", "strategies", "--format", "json"),
        ("show", "strategy", "medical-home-personal-01", "--format", "json"),
        ("show", "npm", "breastfeeding", "--format", "json"),
        ("search", "home", "visiting", "--format", "json"),
    ],
)
def test_a_second_run_reads_the_record_without_loading_the_catalog(args: tuple[str, ...]) -> None:
    first, loaded = esmtool_modules_after(*args)
    assert "esmtool.catalog.models" in loaded  # the first run builds the record
    second, loaded = esmtool_modules_after(*args)
    assert second == first and json.loads(second)
    assert not {"esmtool.catalog.models", "esmtool.catalog.catalog"} & loaded


def test_a_filtered_list_loads_the_catalog_and_is_right() -> None:
    esmtool_modules_after("list", "strategies", "--format", "json")
    out, loaded = esmtool_modules_after(
        "list", "strategies", "--npm", "breastfeeding", "--format", "json"
    )
    assert "esmtool.catalog.models" in loaded
    rows = json.loads(out)
    assert rows and {r["npm"] for r in rows} == {"breastfeeding"}


def test_the_catalogs_notices_are_printed_from_a_record_too(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "mine.yaml").write_text(REPLACING, encoding="utf-8")
    args = ("show", "strategy", "medical-home-personal-01", "--format", "json")
    runs = [run_cli(*args, "--catalog", str(folder)) for _ in range(2)]
    for proc in runs:
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["name"] == "Our Own Doctor Finder"
        assert "replaces the bundled one" in proc.stderr.decode()
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr
    bundled = run_cli(*args)  # without the folder: the bundled entry, not the kept one
    assert json.loads(bundled.stdout)["name"] != "Our Own Doctor Finder"
    assert b"replaces" not in bundled.stderr


def test_a_record_of_the_wrong_shape_is_built_again(tmp_path: Path) -> None:
    import os

    cache = Path(os.environ["ESMTOOL_CACHE_DIR"])
    expected = listing("strategies")[0]
    (entry,) = cache.glob("rec-*-list-strategies.json")
    doc = json.loads(entry.read_text(encoding="utf-8"))
    for value in (5, [1, 2], {"a": 1}, None):
        doc["value"] = value
        entry.write_text(json.dumps(doc), encoding="utf-8")
        assert listing("strategies")[0] == expected
        doc = json.loads(entry.read_text(encoding="utf-8"))  # written again, whole
        assert doc["value"] == expected


@pytest.mark.parametrize(
    "query", [("home", "visiting"), ("breastfeding",), ("zzzqqq", "xxyy"), ("sids", "--limit", "3")]
)
def test_a_ready_made_search_prints_what_a_search_of_the_loaded_catalog_prints(
    query: tuple[str, ...],
) -> None:
    args = ("search", *query, "--format", "json")
    without = run_cli(*args, env={"ESMTOOL_NO_CACHE": "1"})
    runs = [run_cli(*args) for _ in range(2)]
    for proc in runs:
        assert proc.returncode == without.returncode == 0, proc.stderr
        assert (proc.stdout, proc.stderr) == (without.stdout, without.stderr)


def test_a_search_whose_index_file_is_gone_loads_the_catalog_again() -> None:
    import os

    from esmtool.catalog.records import search_corpus
    from esmtool.catalog.search import results

    cache = Path(os.environ["ESMTOOL_CACHE_DIR"])
    corpus, index, _ = search_corpus()
    expected = results(corpus, "doula", index=index).rows
    for f in cache.glob("search-*.sqlite3"):
        f.unlink()
    corpus, index, _ = search_corpus()
    assert corpus.docs[0].texts, "built from the catalog, with the documents' texts"
    assert results(corpus, "doula", index=index).rows == expected
    assert list(cache.glob("search-*.sqlite3")), "the index is stored again"
    corpus, index, _ = search_corpus()
    assert not corpus.docs[0].texts, "then read back ready-made"
    assert results(corpus, "doula", index=index).rows == expected


def test_a_ready_made_search_record_of_the_wrong_shape_is_built_again() -> None:
    import os

    from esmtool.catalog.records import search_corpus

    cache = Path(os.environ["ESMTOOL_CACHE_DIR"])
    search_corpus()
    (entry,) = cache.glob("rec-*-search.json")
    doc = json.loads(entry.read_text(encoding="utf-8"))
    for damage in ("docs", "rows", "measures"):
        broken = {**doc, "value": {**doc["value"], damage: 7}}
        entry.write_text(json.dumps(broken), encoding="utf-8")
        corpus, _, _ = search_corpus()
        assert corpus.docs[0].texts  # built from the catalog
        assert json.loads(entry.read_text(encoding="utf-8")) == doc  # and kept again, whole
