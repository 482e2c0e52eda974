"""The catalog's templates as a mapping whose entries are built one by one, when first read.

Templates make up most of the catalog's cached objects (791 of about 1,100), and most
commands read few of them: `list` and the walk's first questions none, `show strategy` and
the walk's quadrant step the dozens that serve one strategy. A catalog read from the cache
starts with the templates' rows unread; reading a key reads the rows (one cache entry),
and a template is built (without validation: the rows were validated when first parsed)
only when it is asked for. Choosing the templates for a strategy looks at each row's
``applies_to`` and ``quadrant`` only.

A cache entry of the wrong shape is never used: the catalog is parsed again from its files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .cache import WRONG_SHAPE
from .models import Applies, Template, build_plain


class LazyTemplates(Mapping[str, Template]):
    """Templates by id: given built (a parsed catalog), or from cached rows read when needed.

    ``rows`` returns the cached rows (a list of plain dicts, in catalog order); ``parse``
    returns the templates parsed from the catalog's files, for a cache entry of the wrong
    shape. Built entries are kept.
    """

    def __init__(
        self,
        built: Mapping[str, Template] | None = None,
        *,
        rows: Callable[[], Any] | None = None,
        parse: Callable[[], Mapping[str, Template]] | None = None,
    ) -> None:
        self._built: dict[str, Template] = dict(built or {})
        self._rows: dict[str, dict[str, Any]] | None = None if rows is not None else {}
        self._read_rows = rows
        self._parse = parse
        self._applies: dict[str, Applies] = {}

    @property
    def loaded(self) -> bool:
        """Whether the templates have been read (from the cache entry or the files) yet."""
        return self._rows is not None

    # ----- reading -------------------------------------------------------------------------

    def _all_rows(self) -> dict[str, dict[str, Any]]:
        if self._rows is None:
            assert self._read_rows is not None
            try:
                self._rows = _rows_by_id(self._read_rows())
            except WRONG_SHAPE:
                self._parse_again()
            self._read_rows = None
        assert self._rows is not None
        return self._rows

    def _parse_again(self) -> None:
        assert self._parse is not None
        self._built, self._rows, self._applies = dict(self._parse()), {}, {}

    def _keys(self) -> Iterator[str]:
        rows = self._all_rows()
        return iter(rows) if rows else iter(self._built)

    # ----- the mapping ---------------------------------------------------------------------

    def __getitem__(self, key: str) -> Template:
        rows = self._all_rows()
        hit = self._built.get(key)
        if hit is not None:
            return hit
        row = rows[key]  # KeyError: not a template
        try:
            template = build_plain(Template, row)
        except WRONG_SHAPE:
            self._parse_again()
            return self._built[key]
        self._built[key] = template
        return template

    def __contains__(self, key: object) -> bool:
        return key in self._all_rows() or key in self._built

    def __iter__(self) -> Iterator[str]:
        return self._keys()

    def __len__(self) -> int:
        return len(self._all_rows() or self._built)

    # ----- choosing without building -------------------------------------------------------

    def applies_to(self, key: str) -> Applies:
        """What template ``key`` serves, without building the template."""
        built = self._built.get(key)
        if built is not None:
            return built.applies_to
        hit = self._applies.get(key)
        if hit is None:
            row = self._all_rows()[key]  # KeyError: not a template
            try:
                hit = build_plain(Applies, row["applies_to"])
            except WRONG_SHAPE:
                self._parse_again()
                return self._built[key].applies_to
            self._applies[key] = hit
        return hit

    def quadrant(self, key: str) -> int:
        """Template ``key``'s quadrant, without building the template."""
        built = self._built.get(key)
        if built is not None:
            return built.quadrant
        q = self._all_rows()[key]["quadrant"]  # KeyError: not a template
        if not isinstance(q, int):
            self._parse_again()
            return self._built[key].quadrant
        return q


def _rows_by_id(rows: Any) -> dict[str, dict[str, Any]]:
    """The cached rows by id, each checked for the template's fields (not yet their values)."""
    if not isinstance(rows, list):
        raise TypeError("the cached templates are not a list")
    fields = Template.model_fields.keys()
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        if not isinstance(row, dict) or row.keys() != fields or not isinstance(row["id"], str):
            raise ValueError("a cached template has the wrong shape")
        out[row["id"]] = row
    return out
