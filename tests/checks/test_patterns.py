"""The checks' patterns: compiled on first use, skipped only where they cannot match."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esmtool.checks import needles, patterns
from esmtool.checks._needles import NEEDLES

ROOT = Path(__file__).resolve().parents[2]
TABLE = needles.table()  # imports every checks module, so every pattern is registered


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _corpus(longest: int | None = None) -> list[str]:
    """Real wording: every text of the bundled catalog, the examples and the benchmark sets
    (of at most ``longest`` characters)."""
    texts: set[str] = set()
    for folder in (ROOT / "data", ROOT / "examples"):
        for path in sorted(folder.rglob("*.yaml")):
            texts.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for path in sorted((ROOT / "benchmarks" / "data").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f, delimiter="\t"):
                texts.update(row)
    texts |= {t.lower() for t in texts}
    return sorted(t for t in texts if longest is None or len(t) <= longest)


def test_the_table_is_fresh() -> None:
    """Every pattern's needles are in the table as the derivation gives them today
    (after editing a pattern: python -m esmtool.checks.needles)."""
    stale = {k: v for k, v in TABLE.items() if NEEDLES.get(k, "missing") != v}
    assert not stale, "run: python -m esmtool.checks.needles"
    assert set(NEEDLES) == set(TABLE), "the table holds patterns no module has"


def test_most_patterns_have_needles() -> None:
    with_needles = [p for p in patterns.REGISTERED if p.needles]
    assert len(patterns.REGISTERED) >= 100
    assert len(with_needles) >= 0.9 * len(patterns.REGISTERED)


def test_a_pattern_the_table_does_not_know_is_always_run() -> None:
    p = patterns.Pattern(r"\bnot in the table\b")
    try:
        assert p.needles is None
        assert p.may_match("anything at all")
        assert p.search("this is not in the table today") is not None
    finally:
        patterns.REGISTERED.remove(p)


def _same_answers(corpus: list[str], *, every_method: bool = True) -> int:
    """Each pattern on each text: a text it matches always passes its needles, and every
    method answers as the compiled pattern does. How many matches there were."""
    matched = 0
    for p in patterns.REGISTERED:
        rx = re.compile(p.pattern, p.flags)
        for text in corpus:
            m = rx.search(text)
            if m is not None:
                matched += 1
                assert p.may_match(text), (p.pattern, text)
            if not every_method:
                continue
            got = p.search(text)
            assert (got and got.span()) == (m and m.span())
            assert p.sub(" ", text) == rx.sub(" ", text)
            assert p.split(text) == rx.split(text)
            assert [x.span() for x in p.finditer(text)] == [x.span() for x in rx.finditer(text)]
    return matched


def test_no_match_is_ruled_out_on_real_wording() -> None:
    """Measure-length texts (titles, measures, numerators): every third, to stay fast."""
    corpus = _corpus(longest=90)[::3]
    assert len(corpus) > 1000
    assert _same_answers(corpus, every_method=False) > 1000  # the corpus exercises them
    assert _same_answers(corpus[::10]) > 50


@pytest.mark.slow
def test_no_match_is_ruled_out_on_all_real_wording() -> None:
    """Every text, however long, every method (about half a minute)."""
    assert _same_answers(_corpus()) > 30000


def test_needles_rule_out_only_texts_without_them() -> None:
    p = patterns.Pattern(r"\b(?:received|got)\s+(?:a\s+)?(?:visit|exam)\b")
    try:
        p.needles = needles.derive(p.pattern)
        assert p.needles == (("exam", "visit"), ("got", "received"))
        assert not p.may_match("received a referral")  # no 'visit' or 'exam': cannot match
        assert p.search("received a referral") is None
        assert p.may_match("got a visit")
        assert p.search("they got a visit") is not None
    finally:
        patterns.REGISTERED.remove(p)


def test_case_insensitive_needles_apply_to_ascii_text_only() -> None:
    p = patterns.Pattern(r"\bfor\s+example\b", re.IGNORECASE)
    try:
        p.needles = needles.derive(p.pattern, p.flags)
        assert p.needles == (("example",), ("for",))
        assert p.search("FOR EXAMPLE, this") is not None
        assert not p.may_match("nothing here")
        assert p.may_match("nothing here \u2013 but a dash")  # not ASCII: always run
    finally:
        patterns.REGISTERED.remove(p)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\w+\s\d", 0),  # no literal a match must hold
        (r"(?:ab|\w)\d", 0),  # one branch has none
        (r"(?i:case)", 0),  # a case-insensitive part of a case-sensitive pattern
        (r"(?i)case", 0),  # case-insensitive by an inline flag, not by the flags given
        (r"\bk\u212a\b", re.IGNORECASE),  # the Kelvin sign matches 'k' when case is ignored
    ],
)
def test_no_needles_where_a_match_need_not_hold_one(pattern: str, flags: int) -> None:
    assert needles.derive(pattern, flags) is None


def _always_passes(p: patterns.Pattern) -> None:
    @settings(
        max_examples=150, suppress_health_check=list(HealthCheck), deadline=None, database=None
    )
    @given(st.from_regex(re.compile(p.pattern, p.flags)))
    def check(text: str) -> None:
        assert p.may_match(text), (p.pattern, text)

    check()


@pytest.mark.slow
def test_generated_matches_always_pass_their_needles() -> None:
    """Hypothesis writes texts each pattern matches; none may be ruled out (about a minute)."""
    for p in [p for p in patterns.REGISTERED if p.needles]:
        _always_passes(p)
