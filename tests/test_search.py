"""`esmtool search`: counts, hints, synonyms from a user's catalog, and the cached index."""

from __future__ import annotations

import json
import os
import sqlite3
import textwrap
from pathlib import Path
from typing import Any

from esmtool.catalog.search import build_index, concepts, expand, run

from .conftest import run_cli


def _search(*args: str, env: dict[str, str] | None = None) -> Any:
    proc = run_cli("search", *args, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_the_count_is_the_number_of_matches_not_the_limit() -> None:
    every = json.loads(_search("education", "--format", "json", "--limit", "500").stdout)
    assert len(every) > 3
    proc = _search("education", "--format", "table", "--limit", "3")
    stderr = proc.stderr.decode()
    assert f"{len(every)} matches, showing the first 3" in stderr, stderr
    assert json.loads(_search("education", "-f", "json", "-n", "3").stdout) == every[:3]


def test_no_results_name_the_closest_terms_and_measures() -> None:
    # one misspelt word of three is too little to go on
    proc = _search("postpartm", "zebra", "giraffe", "-f", "json")
    assert json.loads(proc.stdout) == []
    stderr = proc.stderr.decode()
    assert "Nothing in the catalog matches 'postpartm zebra giraffe'" in stderr
    assert "Closest terms: postpartum" in stderr, stderr
    assert "Closest measures:" in stderr and "(postpartum-visit)" in stderr, stderr
    # two misspelt words of three are corrected and found
    rows = json.loads(_search("sleeep", "positoin", "xqzv", "-f", "json").stdout)
    assert rows[0]["id"] == "safe-sleep"


def test_a_typo_is_searched_as_the_word_it_is_close_to() -> None:
    proc = _search("breastfeding", "-f", "json")
    rows = json.loads(proc.stdout)
    assert rows and rows[0]["id"] == "breastfeeding"
    assert "searched for 'breastfeeding'" in proc.stderr.decode()


def test_ties_are_broken_by_evidence_strength(catalog: Any) -> None:
    # the two strategies named exactly "Home Visiting": Moderate before Emerging
    ids = [h.doc.key for h in run(catalog, "home visiting").hits]
    assert ids.index("postpartum-visit-04") < ids.index("1-4")
    assert catalog.strategy("postpartum-visit-04").evidence == "moderate"
    assert catalog.strategy("1-4").evidence == "emerging"


def test_an_exact_name_ranks_first(catalog: Any) -> None:
    for s in catalog.strategies.values():
        if sum(x.name == s.name for x in catalog.strategies.values()) > 1:
            continue  # shared names are ordered by evidence (test above)
        first = run(catalog, s.name, npm=s.measure).hits[0]
        assert first.doc.key == s.id, (s.name, first.doc.key)


def test_synonyms_chain_and_match_any_spelling(catalog: Any) -> None:
    syn = catalog.synonyms.values()
    assert expand("PPD", {("ppd",): ["postpartum depression"]}) == ["PPD", "postpartum depression"]
    (c,) = concepts("PPD", syn)
    assert "postpartum mental health" in c.alternatives  # PPD -> postpartum depression -> ...
    (c,) = concepts("C-Sections", syn)
    assert "cesarean" in c.alternatives
    assert [x.text for x in concepts("the SIDS of it", syn)] == ["sids"]


def test_a_users_catalog_adds_synonyms(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "words.yaml").write_text(
        textwrap.dedent(
            """\
            synonyms:
            - term: nap time
              means: [safe sleep]
            """
        ),
        encoding="utf-8",
    )
    before = json.loads(_search("nap", "time", "-f", "json").stdout)
    assert not any(r["npm"] == "safe-sleep" for r in before)
    rows = json.loads(_search("nap", "time", "-f", "json", "--catalog", str(folder)).stdout)
    assert rows and rows[0]["npm"] == "safe-sleep"


def test_a_bad_synonym_entry_gets_a_located_message(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "words.yaml").write_text("synonyms:\n- term: nap\n  means: []\n", encoding="utf-8")
    proc = run_cli("catalog", "validate", str(folder))
    assert proc.returncode == 2
    stderr = proc.stderr.decode()
    assert "words.yaml:3" in stderr and "synonym 'nap'" in stderr, stderr
    assert "Traceback" not in stderr


def _index_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("search-*.sqlite3"))


def test_the_index_is_built_once_and_kept_in_the_cache_folder(tmp_path: Path, catalog: Any) -> None:
    cache = tmp_path / "cache"
    env = {"ESMTOOL_CACHE_DIR": str(cache)}
    _search("doula", env=env)
    (first,) = _index_files(cache)
    stamp = first.stat().st_mtime_ns
    _search("safe", "sleep", env=env)
    assert _index_files(cache) == [first] and first.stat().st_mtime_ns == stamp
    with sqlite3.connect(first) as conn:
        (n,) = conn.execute("SELECT count(*) FROM docs").fetchone()
    assert n == len(catalog.strategies) + len(catalog.measures)


def test_a_changed_catalog_gets_its_own_index(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "s.yaml").write_text(
        "strategies:\n  - id: st-1\n    measure: safe-sleep\n    name: Crib Clinic Zeppelin\n"
        "    approach: Give cribs.\n    evidence: unrated\n    url: https://example.org\n"
        "    origin: state\n    unconfirmed: [evidence]\n",
        encoding="utf-8",
    )
    env = {"ESMTOOL_CACHE_DIR": str(cache)}
    assert json.loads(_search("zeppelin", "-f", "json", env=env).stdout) == []
    rows = json.loads(_search("zeppelin", "-f", "json", "--catalog", str(folder), env=env).stdout)
    assert [r["id"] for r in rows] == ["st-1"]
    assert len(_index_files(cache)) == 2


def test_a_corrupt_index_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"ESMTOOL_CACHE_DIR": str(cache)}
    _search("doula", env=env)
    (path,) = _index_files(cache)
    path.write_bytes(b"not a database" * 100)
    rows = json.loads(_search("doula", "-f", "json", env=env).stdout)
    assert rows and rows[0]["id"] == "breastfeeding-01"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM docs").fetchone()[0] > 100


def test_without_a_cache_folder_the_index_is_built_in_memory(tmp_path: Path) -> None:
    env = {"ESMTOOL_NO_CACHE": "1", "ESMTOOL_CACHE_DIR": str(tmp_path / "cache")}
    rows = json.loads(_search("doula", "-f", "json", env=env).stdout)
    assert rows and rows[0]["id"] == "breastfeeding-01"
    assert not (tmp_path / "cache").exists()


def test_an_unusable_cache_folder_still_searches(tmp_path: Path) -> None:
    # a cache folder that cannot be created (its parent is a file), even by root
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    env = {"ESMTOOL_CACHE_DIR": str(blocker / "cache")}
    proc = _search("doula", "-f", "json", env=env)
    rows = json.loads(proc.stdout)
    assert rows and rows[0]["id"] == "breastfeeding-01"
    assert blocker.read_text(encoding="utf-8") == "x"


def test_a_symlinked_index_is_neither_read_nor_written_through(
    tmp_path: Path, catalog: Any, monkeypatch: Any
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(cache))
    build_index(catalog)
    (path,) = _index_files(cache)
    elsewhere = tmp_path / "elsewhere.sqlite3"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    index = build_index(catalog)
    assert run(catalog, "doula", index=index).hits
    assert not path.is_symlink() and path.is_file()  # replaced by a file of its own
    assert elsewhere.read_bytes() == before


def test_synonyms_survive_a_warm_start(tmp_path: Path) -> None:
    # the second run reads the catalog from the cache: its synonyms must come with it
    env = {"ESMTOOL_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):
        rows = json.loads(_search("SIDS", "-f", "json", env=env).stdout)
        assert rows and all(r["npm"] == "safe-sleep" for r in rows[:3]), rows[:3]


def test_old_indexes_are_pruned(tmp_path: Path, catalog: Any, monkeypatch: Any) -> None:
    from esmtool.catalog import search_index

    cache = tmp_path / "cache"
    cache.mkdir()
    for i in range(6):  # indexes of six older catalogs, oldest first
        stale = cache / f"search-{i:032x}.sqlite3"
        stale.write_bytes(b"")
        os.utime(stale, ns=(i * 10**9, i * 10**9))
    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(cache))
    build_index(catalog)
    left = {p.name for p in _index_files(cache)}
    assert len(left) == search_index.KEEP_INDEXES
    assert {f"search-{i:032x}.sqlite3" for i in (3, 4, 5)} < left  # the newest stay
