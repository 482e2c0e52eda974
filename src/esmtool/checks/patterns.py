"""The checks' regular expressions: compiled when first needed, skipped where they cannot match.

The vocabularies the checks read wording with are about 130 patterns, and compiling them
all took about 25 ms of every ``esmtool check`` (more than the check itself). A
:class:`Pattern` is compiled on its first use, and only run on a text that holds at least
one of its *needles*: strings of which every match contains one ("received", "got", …
for the receipt cue). A text holding none of them cannot match, so the answer (no match)
is known without compiling or running the pattern; a short draft reaches a fraction of
the table.

The needles are derived from each pattern by :mod:`.needles` (from Python's own parse of
it, conservatively) and kept in :mod:`._needles`, keyed by the pattern's CRC-32. A pattern
the table does not know (edited since it was written) is simply always run: slower, never
different. ``tests/checks/test_patterns.py`` keeps the table fresh and checks that no
pattern ever matches a text its needles rule out.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from ._needles import NEEDLES

#: Every pattern made at import (read by :mod:`.needles` to write the table).
REGISTERED: list[Pattern] = []


def key(pattern: str, flags: int) -> int:
    """The table's key for a pattern: CRC-32 of its text and flags."""
    return zlib.crc32(
        f"{int(flags)}:{pattern}".encode()
    )  # int: a flag prints differently by version


class Pattern:
    """A compiled-on-first-use :class:`re.Pattern` with a needle prefilter (same results)."""

    __slots__ = ("_rx", "flags", "ignorecase", "needles", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self.needles: tuple[tuple[str, ...], ...] | None = NEEDLES.get(key(pattern, flags))
        # the table's needles of a case-insensitive pattern are lowercase ASCII (see .needles;
        # a pattern made case-insensitive by an inline (?i) has none)
        self.ignorecase = bool(flags & re.IGNORECASE)
        self._rx: re.Pattern[str] | None = None
        REGISTERED.append(self)

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r})"

    @property
    def compiled(self) -> re.Pattern[str]:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(self.pattern, self.flags)
        return rx

    def may_match(self, text: str) -> bool:
        """False only when no match is possible: the text lacks every needle of a set."""
        needles = self.needles
        if needles is None:
            return True
        if self.ignorecase:
            if not text.isascii():  # other characters have other case rules: always run
                return True
            text = text.lower()
        return all(any(n in text for n in group) for group in needles)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos) if self.may_match(text) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos) if self.may_match(text) else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text) if self.may_match(text) else iter(())

    def findall(self, text: str) -> list[Any]:
        return self.compiled.findall(text) if self.may_match(text) else []

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.compiled.sub(repl, text, count) if self.may_match(text) else text

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(text, maxsplit) if self.may_match(text) else [text]


def compile(pattern: str, flags: int = 0) -> Pattern:
    """A :class:`Pattern` for ``pattern`` (used as :func:`re.compile` is)."""
    return Pattern(pattern, flags)
