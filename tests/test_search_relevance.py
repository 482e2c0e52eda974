"""The relevance set: realistic queries rank the entries they should (see tests/search_cases.py)."""

from __future__ import annotations

from typing import Any

import pytest

from esmtool.catalog.search import build_index, run

from .search_cases import CASES, Case


@pytest.fixture(scope="module")
def index(catalog: Any) -> Any:
    return build_index(catalog, use_cache=False)


def test_the_set_is_large_enough_and_names_real_entries(catalog: Any) -> None:
    assert len(CASES) >= 30
    known = set(catalog.strategies) | set(catalog.measures)
    for case in CASES:
        named = set(case.first) | set(case.top3) | set(case.only_top3) | set(case.not_top8)
        assert named, case.query
        assert named <= known, (case.query, sorted(named - known))


@pytest.mark.parametrize("case", CASES, ids=[c.query for c in CASES])
def test_query_ranks_what_it_should(case: Case, catalog: Any, index: Any) -> None:
    ids = [h.doc.key for h in run(catalog, case.query, index=index).hits]
    assert not case.failures(ids), (case.query, ids[:8])
