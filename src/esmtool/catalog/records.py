"""Ready-made records: what `list`, `show` and `search` read, kept in the cache per catalog content.

``esmtool list KIND`` and ``esmtool show KIND ID`` print plain records that :mod:`.browse`
builds from the loaded catalog. Scripts run them again and again on files that have not
changed, so each record is kept in the catalog cache under the catalog's content key (see
:func:`.cache.whole_key`) and read back as it was built: no catalog file is parsed, no model
class is made, and nothing of the catalog's own modules is imported. A record is JSON data
like every cache entry, so reading one can never run code.

What is kept: a whole list without filters (``list strategies``), one entry shown by its
exact id (``show strategy medical-home-personal-01``), and what search needs of the catalog
(the documents' names and keys, the synonyms, the result rows: :class:`.search_index.Corpus`,
beside the stored index). A filtered list and an id that is not found (whose message suggests
near ones) load the catalog as always. When the cache is off or unsafe, everything is built
from the catalog; the output is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .paths import all_files, list_folders

if TYPE_CHECKING:
    from .catalog import Catalog
    from .search_index import Corpus, Index

#: the characters a record's name may use (ids and measure codes are slugs of these)
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")


def listing(kind: str, extra: Sequence[Path] = ()) -> tuple[list[dict[str, Any]], list[str]]:
    """The records of ``esmtool list KIND`` without filters, and the catalog's notices."""

    def build(cat: Catalog) -> Any:
        from .browse import StrategyFilter, list_records

        return list_records(cat, kind, StrategyFilter())

    return _ready_made(f"list-{kind}", build, extra, _is_rows)


def detail(kind: str, key: str, extra: Sequence[Path] = ()) -> tuple[dict[str, Any], list[str]]:
    """The record of ``esmtool show KIND KEY`` ("strategy" or "npm"), and the catalog's notices.

    Raises NotFoundError (with the nearest ids) when there is no such entry.
    """

    def build(cat: Catalog) -> Any:
        from .browse import measure_detail, strategy_detail

        if kind == "strategy":
            return strategy_detail(cat, cat.strategy(key))
        return measure_detail(cat, cat.measure(key))

    return _ready_made(f"show-{kind}-{key}", build, extra, _is_record)


def search_corpus(extra: Sequence[Path] = ()) -> tuple[Corpus, Index, list[str]]:
    """What search needs of the catalog, its index, and the catalog's notices.

    Ready-made while the catalog's files are unchanged and the stored index of the same
    documents is there; otherwise built from the loaded catalog (and the index with it).
    """
    from .search_index import Corpus, build_index, open_index

    key = _content_key(extra)
    hit = cache.get_record(key, "search") if key is not None else None
    if hit is not None:
        try:
            corpus = Corpus.from_plain(hit[0])
        except cache.WRONG_SHAPE:
            pass  # a miss
        else:
            index = open_index(corpus)
            if index is not None:
                return corpus, index, hit[1]
    from .browse import corpus_of
    from .catalog import load_catalog

    cat = load_catalog(extra)
    corpus = corpus_of(cat)
    index = build_index(corpus)
    if key is not None:
        cache.put_record(key, "search", corpus.to_plain(), cat.notices)
    return corpus, index, list(cat.notices)


def _content_key(extra: Sequence[Path]) -> str | None:
    """The content key of the catalog files in use, or None (no cache, a folder unreadable)."""
    listed, problems = list_folders(extra)
    if problems:  # a folder that cannot be read: the full load says what is wrong
        return None
    return cache.whole_key(all_files(listed))


def _is_rows(value: object) -> bool:
    return isinstance(value, list) and all(_is_record(row) for row in value)


def _is_record(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) for k in value)


def _ready_made(
    name: str,
    build: Callable[[Catalog], Any],
    extra: Sequence[Path],
    shaped: Callable[[object], bool],
) -> tuple[Any, list[str]]:
    """``build(catalog)`` and the catalog's notices: from the cache when the files are unchanged.

    An entry whose value is not of the shape ``shaped`` accepts is a miss.
    """
    key = _content_key(extra) if 0 < len(name) <= 160 and set(name) <= _NAME_CHARS else None
    if key is not None:
        hit = cache.get_record(key, name)
        if hit is not None and shaped(hit[0]):
            return hit
    from .catalog import load_catalog

    cat = load_catalog(extra)
    value = build(cat)
    if key is not None:
        cache.put_record(key, name, value, cat.notices)
    return value, list(cat.notices)
