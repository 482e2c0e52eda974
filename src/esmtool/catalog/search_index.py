"""The search index of the catalog: its documents, SQLite FTS5 table and vocabulary.

One document per strategy and per measure, column by column (see ``COLUMNS``). The index is
built once per catalog change and kept as its own SQLite file in the cache folder
(``cache.cache_dir()``), named by a hash of everything indexed, opened read-only and rebuilt
when it is missing, corrupt, someone else's or a symlink; without a usable cache folder it is
built in memory. ``sqlite3`` is imported only when an index is opened or built.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import sqlite3

    from .catalog import Catalog

#: Bump when the index's layout or the text put into it changes.
INDEX_FORMAT = 1

#: Indexed columns and their bm25 weights (name ≫ approach > measure > the rest).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("name", 10.0),
    ("approach", 4.0),
    ("measure", 2.0),
    ("facets", 1.5),
    ("body", 1.0),
)
TOKENIZER = "porter unicode61 remove_diacritics 2"

_WORD = re.compile(r"[^\W_]+")


# ----- text normalisation ------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-cased words of ``text``, accents and punctuation dropped ('C-Sections' → c, sections)."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(folded)


def light_stem(word: str) -> str:
    """A plural-insensitive form used to compare query words with synonym terms."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def light_key(text: str) -> tuple[str, ...]:
    return tuple(light_stem(w) for w in words(text))


def synonym_key(term: str) -> str:
    """How a synonym's term is matched: 'C-Sections' and 'c section' are one term."""
    return " ".join(light_key(term))


# ----- the documents ---------------------------------------------------------------------------


class Doc(NamedTuple):
    kind: str  # "strategy" or "measure"
    key: str  # strategy id or measure code
    measure: str  # the measure code (a measure's own code)
    name: str
    texts: tuple[str, ...]  # one text per indexed column, in COLUMNS order


def _join(parts: Iterable[str | None]) -> str:
    return " \n".join(p for p in parts if p)


def documents(catalog: Catalog) -> list[Doc]:
    """What is indexed: each strategy and each measure, column by column."""
    out: list[Doc] = []
    for s in catalog.strategies.values():
        m = catalog.measures.get(s.measure)
        out.append(
            Doc(
                "strategy",
                s.id,
                s.measure,
                s.name,
                (
                    s.name,
                    s.approach,
                    _join([m.name, m.old_definition] if m else [s.measure]),
                    _join(
                        [
                            *s.outcomes,
                            s.intervention_type,
                            s.intervention_level,
                            s.target_audience,
                            s.source,
                        ]
                    ),
                    _join([s.overview, *(sm.text for sm in s.sample_measures)]),
                ),
            )
        )
    for m in catalog.measures.values():
        parent = catalog.measures.get(m.parent) if m.parent else None
        out.append(
            Doc(
                "measure",
                m.code,
                m.code,
                m.name,
                (
                    m.name,
                    _join([m.goal, m.definition]),
                    _join([parent.name if parent else None, m.old_definition]),
                    _join([m.domain, m.population_domain, m.data_source, *m.healthy_people_2030]),
                    _join([m.numerator, m.denominator, *m.context, m.notes]),
                ),
            )
        )
    return out


class Term(NamedTuple):
    """A synonym as search reads it (the shape of models.Synonym's two fields it uses)."""

    term: str
    means: tuple[str, ...]


class Corpus(NamedTuple):
    """What search needs of the catalog, as plain data.

    Built from a loaded catalog (``browse.corpus_of``), or read back from a ready-made record
    (:meth:`from_plain`, see :mod:`.records`) without loading the catalog: then its documents
    carry no texts, and the index must be the stored one of the same ``fingerprint``.
    """

    docs: list[Doc]
    synonyms: list[Term]
    #: measure code → name, in catalog order
    measures: dict[str, str]
    #: strategy id → the rank of its evidence level (1 = strongest)
    ranks: dict[str, int]
    #: "kind:key" → the document's result row (the shape of `esmtool search --format json`,
    #: without its type and score)
    rows: dict[str, dict[str, Any]]
    fingerprint: str

    def to_plain(self) -> dict[str, Any]:
        return {
            "docs": [[d.kind, d.key, d.measure, d.name] for d in self.docs],
            "synonyms": [[t.term, list(t.means)] for t in self.synonyms],
            "measures": self.measures,
            "ranks": self.ranks,
            "rows": self.rows,
            "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_plain(cls, data: Any) -> Corpus:
        """Raises KeyError, TypeError or ValueError on data of another shape."""
        docs = [Doc(str(k), str(key), str(m), str(n), ()) for k, key, m, n in data["docs"]]
        synonyms = [Term(str(t), tuple(str(x) for x in means)) for t, means in data["synonyms"]]
        measures, ranks, rows = data["measures"], data["ranks"], data["rows"]
        if not all(isinstance(x, dict) for x in (measures, ranks, rows)):
            raise TypeError("a ready-made search record has the wrong shape")
        if not all(isinstance(r, dict) for r in rows.values()):
            raise TypeError("a ready-made search record has the wrong shape")
        if {f"{d.kind}:{d.key}" for d in docs} != set(rows):
            raise ValueError("a ready-made search record has the wrong shape")
        return cls(docs, synonyms, measures, ranks, rows, str(data["fingerprint"]))

    def measure_label(self, code: str) -> str:
        name = self.measures.get(code)
        return f"{name} ({code})" if name else code


def docs_fingerprint(docs: Sequence[Doc]) -> str:
    import hashlib

    h = hashlib.sha256(f"esmtool-search|{INDEX_FORMAT}|{TOKENIZER}|{COLUMNS}".encode())
    for d in docs:
        for part in (d.kind, d.key, d.measure, d.name, *d.texts):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
    return h.hexdigest()


# ----- the index -------------------------------------------------------------------------------


class Index:
    """An FTS5 index of the catalog's documents, with the words it contains."""

    def __init__(self, conn: sqlite3.Connection, docs: Sequence[Doc]) -> None:
        self.conn = conn
        self.docs = list(docs)
        self._vocab: list[str] | None = None

    def vocabulary(self) -> list[str]:
        if self._vocab is None:
            self._vocab = [row[0] for row in self.conn.execute("SELECT word FROM vocab")]
        return self._vocab

    def match(self, expr: str) -> dict[int, float]:
        """rowid → bm25 (smaller is better) of the documents matching an FTS5 expression."""
        import sqlite3

        weights = ", ".join(str(w) for _, w in COLUMNS)
        sql = f"SELECT rowid, bm25(docs, {weights}) FROM docs WHERE docs MATCH ?"
        try:
            return {int(r): float(s) for r, s in self.conn.execute(sql, (expr,))}
        except sqlite3.OperationalError:  # an expression FTS5 cannot read matches nothing
            return {}


def _fill(conn: sqlite3.Connection, docs: Sequence[Doc], fingerprint: str) -> None:
    cols = ", ".join(name for name, _ in COLUMNS)
    conn.execute(f"CREATE VIRTUAL TABLE docs USING fts5({cols}, tokenize='{TOKENIZER}')")
    conn.execute("CREATE TABLE vocab (word TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
    marks = ", ".join("?" for _ in COLUMNS)
    conn.executemany(
        f"INSERT INTO docs (rowid, {cols}) VALUES (?, {marks})",
        [(i, *d.texts) for i, d in enumerate(docs)],
    )
    vocab = sorted({w for d in docs for t in d.texts for w in words(t) if len(w) >= 3})
    conn.executemany("INSERT INTO vocab VALUES (?)", [(w,) for w in vocab])
    conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
    conn.commit()


def _index_path(base: Path, fingerprint: str) -> Path:
    return base / f"search-{fingerprint[:32]}.sqlite3"


def _open_cached(path: Path, fingerprint: str) -> sqlite3.Connection | None:
    """The stored index if it is ours and intact, else None (it is then rebuilt)."""
    import sqlite3

    try:
        if path.is_symlink() or not path.is_file():
            return None
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if row is None or row[0] != fingerprint:
            raise sqlite3.DatabaseError("another index")
        conn.execute("SELECT rowid FROM docs WHERE docs MATCH 'esmtool' LIMIT 1").fetchall()
        return conn
    except sqlite3.Error:
        conn.close()
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def _store(base: Path, path: Path, docs: Sequence[Doc], fingerprint: str) -> bool:
    """Write the index atomically into the cache folder; False if the folder is unusable."""
    import sqlite3
    import tempfile

    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=base, prefix=".tmp-search-", suffix=".sqlite3")
    except OSError:
        return False
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            _fill(conn, docs, fingerprint)
        finally:
            conn.close()
        os.replace(tmp, path)
        _prune(base, keep=path)
        return True
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False


#: How many search indexes (of different catalogs, e.g. with and without --catalog) to keep.
KEEP_INDEXES = 4


def _prune(base: Path, keep: Path) -> None:
    """Remove all but the KEEP_INDEXES most recently written indexes (old catalogs')."""

    def written(p: Path) -> int:
        try:
            return p.lstat().st_mtime_ns
        except OSError:
            return 0

    others = sorted((p for p in base.glob("search-*.sqlite3") if p != keep), key=written)
    for old in others[: max(0, len(others) - (KEEP_INDEXES - 1))]:
        with contextlib.suppress(OSError):
            old.unlink()


def open_index(corpus: Corpus) -> Index | None:
    """The stored index of ``corpus`` (whose documents may carry no texts), or None."""
    from . import cache

    base = cache.cache_dir(create=False)
    if base is None:
        return None
    conn = _open_cached(_index_path(base, corpus.fingerprint), corpus.fingerprint)
    return Index(conn, corpus.docs) if conn is not None else None


def build_index(corpus: Corpus, *, use_cache: bool = True) -> Index:
    """The search index of ``corpus``: from the cache folder when it is there, else built."""
    import sqlite3

    docs, fingerprint = corpus.docs, corpus.fingerprint
    if any(not d.texts for d in docs):
        raise ValueError("a search index is built from the catalog's texts (browse.corpus_of)")
    base = None
    if use_cache:
        from . import cache

        base = cache.cache_dir()
    if base is not None:
        path = _index_path(base, fingerprint)
        conn = _open_cached(path, fingerprint)
        if conn is None and _store(base, path, docs, fingerprint):
            conn = _open_cached(path, fingerprint)
        if conn is not None:
            return Index(conn, docs)
    conn = sqlite3.connect(":memory:")
    _fill(conn, docs, fingerprint)
    return Index(conn, docs)
