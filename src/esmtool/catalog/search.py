"""Full-text search of the catalog: SQLite FTS5 with bm25, synonyms and typo tolerance.

How a query is answered:

1. The words are normalised (case, punctuation, accents) and the catalog's synonym table is
   applied: a known term or abbreviation ("SIDS", "c-section", "PPD") becomes one *concept*
   whose alternatives are the term and everything it means, followed transitively
   (PPD → postpartum depression → postpartum mental health). Every other word is a concept of
   its own; a few stop words are dropped.
2. A word that matches nothing in the catalog is spelled again from the index's vocabulary
   (``difflib``, stdlib), so "breastfeding" searches for "breastfeeding".
3. An entry matches when it holds every concept (FTS5, porter stemming, unicode61). If none
   holds them all, the entries holding the most concepts are shown, and the result says so.
4. Ranking: an exact or near-exact name match first; then entries whose *name* holds more of
   the concepts; then bm25 over weighted columns (name ≫ approach > measure > the rest),
   in coarse bands so that near-ties are broken by evidence strength, strongest first.

The index is built once per catalog change and kept as its own SQLite file in the cache
folder, named by a hash of everything indexed; without a cache folder it is built in memory.
Nothing here prints.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import UsageError
from .search_index import Corpus, Doc, Index, Term, light_stem, words
from .search_index import build_index as _build_index
from .search_index import light_key as _key

__all__ = [
    "Concept",
    "Hit",
    "Outcome",
    "SearchResults",
    "build_index",
    "concepts",
    "expand",
    "results",
    "run",
]

if TYPE_CHECKING:
    from .catalog import Catalog
    from .models import Synonym

STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "during",
        "for",
        "from",
        "how",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "per",
        "the",
        "to",
        "we",
        "what",
        "with",
        "within",
    ]
)
#: How many bm25 bands the best score is divided into; results in one band are ordered by
#: evidence strength (a smaller number means coarser bands, so evidence counts for more).
SCORE_BANDS = 4
#: How close a name must be to the whole query (difflib ratio) to count as a near-exact match.
NEAR_EXACT = 0.86
#: How close a vocabulary word must be to an unknown word to be searched instead.
TYPO_CUTOFF = 0.8
#: How much a synonym's (or corrected spelling's) match counts against the user's own words.
SYNONYM_WEIGHT = 0.9
#: How many steps a synonym chain is followed (PPD → postpartum depression → …).
SYNONYM_DEPTH = 3

# ----- queries ---------------------------------------------------------------------------------


@dataclass
class Concept:
    """One thing the user asked for, and every way the catalog may word it."""

    text: str  # as the user typed it
    alternatives: list[str]  # phrases, the user's wording first
    corrected: list[str] = field(default_factory=list)  # spellings tried for an unknown word

    def expr(self) -> str:
        return "(" + " OR ".join(_phrase(a) for a in self.alternatives) + ")"


def _phrase(text: str) -> str:
    return '"' + " ".join(words(text)).replace('"', '""') + '"'


def _synonym_table(synonyms: Iterable[Synonym | Term]) -> dict[tuple[str, ...], list[str]]:
    table: dict[tuple[str, ...], list[str]] = {}
    for s in synonyms:
        table.setdefault(_key(s.term), []).extend(s.means)
    return table


def expand(term: str, table: dict[tuple[str, ...], list[str]]) -> list[str]:
    """``term`` and what it means, followed through the table up to SYNONYM_DEPTH steps."""
    out = [term]
    seen = {_key(term)}
    frontier = [term]
    for _ in range(SYNONYM_DEPTH):
        nxt: list[str] = []
        for t in frontier:
            for meaning in table.get(_key(t), []):
                k = _key(meaning)
                if k and k not in seen:
                    seen.add(k)
                    out.append(meaning)
                    nxt.append(meaning)
        frontier = nxt
    return out


def concepts(text: str, synonyms: Iterable[Synonym | Term]) -> list[Concept]:
    """The query's concepts: synonym terms (longest first, left to right), then single words."""
    table = _synonym_table(synonyms)
    raw = words(text)
    stems = [light_stem(w) for w in raw]
    longest = max((len(k) for k in table), default=0)
    out: list[Concept] = []
    i = 0
    while i < len(raw):
        for n in range(min(longest, len(raw) - i), 0, -1):
            key = tuple(stems[i : i + n])
            if key in table:
                phrase = " ".join(raw[i : i + n])
                out.append(Concept(phrase, expand(phrase, table)))
                i += n
                break
        else:
            if raw[i] not in STOP_WORDS:
                out.append(Concept(raw[i], [raw[i]]))
            i += 1
    # the same concept twice ("care care") counts once
    unique: dict[str, Concept] = {}
    for c in out:
        unique.setdefault(" ".join(words(c.text)), c)
    return list(unique.values())


# Hit, Outcome and SearchResults are named tuples: made at every search's start, a
# dataclass costs several times more to define.


class Hit(NamedTuple):
    doc: Doc
    score: float  # bm25, smaller is better
    covered: int  # how many of the query's concepts the entry holds
    in_name: int  # how many of them its name holds
    exact: bool


class Outcome(NamedTuple):
    """What a search found: the ranked hits (all of them), and what to tell the user."""

    hits: list[Hit]
    concepts: list[Concept]
    partial: bool = False  # no entry held every concept; these hold the most
    suggestions: Sequence[str] = ()  # closest terms, when nothing matched
    close_measures: Sequence[str] = ()  # their codes


#: Words at the end of a name that do not make it a different name ("Home Visiting Programs").
GENERIC_TAIL = frozenset(
    [
        "program",
        "programs",
        "services",
        "service",
        "initiative",
        "initiatives",
        "model",
        "models",
        "intervention",
        "interventions",
        "approach",
        "approaches",
        "strategy",
        "strategies",
    ]
)


def _near_exact(query: str, name: str) -> bool:
    q = " ".join(words(query))
    bare = words(re.sub(r"\s*\([^)]*\)", "", name))
    while len(bare) > 1 and bare[-1] in GENERIC_TAIL:
        bare = bare[:-1]
    variants = {" ".join(words(name)), " ".join(bare)}
    variants |= {" ".join(words(x)) for x in re.findall(r"\(([^)]*)\)", name)}  # "(FQHCs)"
    for v in variants:
        if not v:
            continue
        if _key(v) == _key(q):
            return True
        # difflib's ratio is at most 2*min/(sum of lengths): skip it when that cannot reach the bar
        if 2 * min(len(q), len(v)) / (len(q) + len(v)) >= NEAR_EXACT:
            import difflib

            if difflib.SequenceMatcher(None, q, v).ratio() >= NEAR_EXACT:
                return True
    return False


def _concept_scores(index: Index, concept: Concept) -> dict[int, float]:
    """rowid → bm25 of the entries holding a concept: its best-scoring wording counts, and a
    wording that is not the user's own (a synonym, a corrected spelling) counts a little less."""
    best: dict[int, float] = {}
    for i, alt in enumerate(concept.alternatives):
        factor = 1.0 if i == 0 else SYNONYM_WEIGHT
        for r, s in index.match(_phrase(alt)).items():
            s *= factor
            if r not in best or s < best[r]:
                best[r] = s
    return best


def _correct(index: Index, concept: Concept) -> None:
    """An unknown single word: search for the closest words of the vocabulary instead."""
    import difflib

    if len(concept.alternatives) != 1 or " " in concept.text or len(concept.text) < 4:
        return
    close = difflib.get_close_matches(concept.text, index.vocabulary(), n=3, cutoff=TYPO_CUTOFF)
    if close:
        concept.corrected = close
        concept.alternatives = [concept.text, *close]


def _corpus(source: Catalog | Corpus) -> Corpus:
    if isinstance(source, Corpus):
        return source
    from .browse import corpus_of

    return corpus_of(source)


def build_index(source: Catalog | Corpus, *, use_cache: bool = True) -> Index:
    """The search index of the catalog (or of what search needs of it): stored, else built."""
    return _build_index(_corpus(source), use_cache=use_cache)


def run(
    source: Catalog | Corpus,
    text: str,
    *,
    npm: str | None = None,
    index: Index | None = None,
) -> Outcome:
    """Every catalog entry matching ``text``, best first (see the module docstring).

    ``source``: the catalog, or what search needs of it (a :class:`Corpus`, with its
    ``index``).
    """
    corpus = _corpus(source)
    found = concepts(text, corpus.synonyms)
    if not found:
        raise UsageError(
            "Give at least one word to search for.", hint='e.g. esmtool search "home visiting"'
        )
    if npm and npm not in corpus.measures:
        from ..errors import NotFoundError
        from .problems import suggest

        raise NotFoundError("measure", npm, suggest(npm, corpus.measures))
    index = index or build_index(corpus)

    def allowed(rowid: int) -> bool:
        d = index.docs[rowid]
        return not npm or (d.kind == "strategy" and d.measure == npm)

    per_concept: list[dict[int, float]] = []
    for c in found:
        hits = _concept_scores(index, c)
        if not hits:
            _correct(index, c)
            if c.corrected:
                hits = _concept_scores(index, c)
        per_concept.append({r: s for r, s in hits.items() if allowed(r)})

    coverage: dict[int, int] = {}
    for hits in per_concept:
        for r in hits:
            coverage[r] = coverage.get(r, 0) + 1
    if not coverage:
        return _nothing(corpus, index, found)
    best = max(coverage.values())
    partial = best < len(found)
    if partial and best < 2 and len(found) > 2:
        # one word of many is too little to go on: say what is close instead
        return _nothing(corpus, index, found)
    chosen = {r for r, n in coverage.items() if n == best}
    scores: dict[int, float] = {}
    for hits_of_concept in per_concept:
        for r, s in hits_of_concept.items():
            scores[r] = scores.get(r, 0.0) + s
    in_name: dict[int, int] = {}
    for c in found:
        for r in index.match(f"name : {c.expr()}"):
            if r in chosen:
                in_name[r] = in_name.get(r, 0) + 1

    ranked = [
        Hit(
            index.docs[r],
            scores.get(r, 0.0),
            best,
            in_name.get(r, 0),
            _near_exact(text, index.docs[r].name),
        )
        for r in chosen
    ]
    top = min((h.score for h in ranked), default=0.0)

    def band(h: Hit) -> int:
        if top >= 0:
            return 0
        return math.ceil(h.score / top * SCORE_BANDS) if h.score < 0 else 0

    def evidence(h: Hit) -> int:
        if h.doc.kind == "measure":
            return 0  # a measure sits above its strategies when they score alike
        return corpus.ranks.get(h.doc.key, 99)

    ranked.sort(
        key=lambda h: (
            not h.exact,
            -h.in_name,
            -band(h),
            evidence(h),
            h.score,
            h.doc.name.casefold(),
            h.doc.key,
        )
    )
    return Outcome(ranked, found, partial=partial)


def _nothing(corpus: Corpus, index: Index, found: Sequence[Concept]) -> Outcome:
    """No match: the closest words of the catalog (and its synonym terms), and measures."""
    import difflib

    pool = list(index.vocabulary())
    pool += [s.term.casefold() for s in corpus.synonyms]
    terms: list[str] = []
    for c in found:
        for t in difflib.get_close_matches(c.text, pool, n=3, cutoff=0.7):
            if t not in terms and t != c.text:
                terms.append(t)
    # measures holding any of the words or close terms, best first; then names that look alike
    scored: dict[str, float] = {}
    for word in [c.text for c in found] + terms:
        for r, s in index.match(_phrase(word)).items():
            d = index.docs[r]
            if d.kind == "measure":
                scored[d.key] = min(s, scored.get(d.key, 0.0))
    measures = sorted(scored, key=lambda k: (scored[k], k))
    names = {name.casefold(): code for code, name in corpus.measures.items()}
    query = " ".join(c.text for c in found)
    for name in difflib.get_close_matches(query, list(names), n=3, cutoff=0.5):
        if names[name] not in measures:
            measures.append(names[name])
    return Outcome([], list(found), suggestions=terms[:5], close_measures=measures[:3])


# ----- search -----------------------------------------------------------------------------------


class SearchResults(NamedTuple):
    """Ranked records (at most the limit), how many entries matched, and notes for the user."""

    rows: list[dict[str, Any]]
    total: int
    notes: list[str]


def results(
    source: Catalog | Corpus,
    text: str,
    *,
    npm: str | None = None,
    limit: int = 20,
    index: Index | None = None,
) -> SearchResults:
    """Strategies (and measures) ranked by how well they match ``text`` (see esmtool.catalog.search).

    ``source``: the catalog, or what search needs of it (a ready-made Corpus with its index).
    """
    corpus = _corpus(source)
    outcome = run(corpus, text, npm=npm, index=index)
    notes: list[str] = []
    for c in outcome.concepts:
        if c.corrected:
            tried = ", ".join(f"'{w}'" for w in c.corrected)
            notes.append(f"Nothing in the catalog has '{c.text}'; searched for {tried} instead.")
    if outcome.partial and outcome.hits:
        held = outcome.hits[0].covered
        notes.append(
            f"No entry matches every word; showing those that match {held} of "
            f"{len(outcome.concepts)}."
        )
    if not outcome.hits:
        where = f"No strategy of {npm}" if npm else "Nothing in the catalog"
        notes.append(f"{where} matches '{text.strip()}'.")
        if outcome.suggestions:
            notes.append("Closest terms: " + ", ".join(outcome.suggestions) + ".")
        if outcome.close_measures:
            notes.append(
                "Closest measures: "
                + "; ".join(corpus.measure_label(c) for c in outcome.close_measures)
                + ". See: esmtool show npm CODE"
            )
        if not (outcome.suggestions or outcome.close_measures):
            notes.append("Nothing comes close either: try other words, or see: esmtool list npms")
    rows = [_search_row(corpus, h) for h in outcome.hits[:limit]]
    return SearchResults(rows, len(outcome.hits), notes)


def _search_row(corpus: Corpus, hit: Hit) -> dict[str, Any]:
    """A search hit as a result record (the shape of `esmtool search --format json`)."""
    score = round(-hit.score, 2) if hit.score < 0 else 0.0
    row = corpus.rows[f"{hit.doc.kind}:{hit.doc.key}"]
    return {"type": hit.doc.kind, "score": score, **row}
