"""Text cleaning shared by the document formats.

:func:`clean_text` removes what a document cannot hold or a reader would choke
on: control characters (except tab and newline), Unicode noncharacters and
lone surrogates. XML (and so DOCX) forbids most of them outright, python-docx
raises on them, and HTML parsers report them as errors. Line endings become
``\\n``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_BAD = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 (but tab, LF, CR), DEL, C1 controls
    "\ud800-\udfff"  # lone surrogates
    "\ufdd0-\ufdef"  # noncharacters
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
)
_BAD_RE = re.compile(f"[{_BAD}]")
_CR_RE = re.compile(r"\r\n?")


def clean_text(text: str) -> str:
    """``text`` without the characters documents cannot hold, with ``\\n`` line ends."""
    return _clean_cached(text) if len(text) <= CACHE_MAX_LEN else _clean(text)


#: Texts up to this length are cached (catalog text repeats in every document of a batch).
CACHE_MAX_LEN = 4096


@lru_cache(maxsize=16384)
def _clean_cached(text: str) -> str:
    return _clean(text)


def _clean(text: str) -> str:
    if "\r" in text:
        text = _CR_RE.sub("\n", text)
    return _BAD_RE.sub("", text)


def is_web_url(url: object) -> bool:
    """True for an http(s) address: the only kind esmtool turns into a link."""
    return isinstance(url, str) and url.lower().startswith(("https://", "http://"))
