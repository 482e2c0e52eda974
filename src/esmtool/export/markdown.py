"""Markdown export: CommonMark with pipe tables, from a sandboxed Jinja2 template.

Everything a template prints with ``{{ ... }}`` is escaped automatically (the
environment's ``finalize``), so text typed by a user stays text: Markdown's
inline specials get a backslash, and so does whatever would start a heading,
list, quote, table or code block at the start of a line. Filters for other
places:

``md_cell``  text for a pipe-table cell: lines joined with ``<br>``, ``|`` escaped;
``md_line``  one line (a heading): line breaks become spaces;
``md_url``   an http(s) address as an autolink ``<https://...>``, other text escaped;
``md``       the default escaping, marked safe (e.g. before ``join``).

Values already marked safe (``|safe`` or one of these filters) are printed as they are.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .textutil import CACHE_MAX_LEN, clean_text, is_web_url

if TYPE_CHECKING:
    import jinja2


class MdText(str):
    """Markdown that is already escaped: printed as it is."""

    __slots__ = ()


# Inline specials, escaped anywhere in a line ('#' too: a heading's closing '#'s vanish;
# '$', '^', '~' are pandoc's math, superscript and subscript). '&' only where it starts an entity.
_INLINE_RE = re.compile(r"[\\`*_\[\]<>|~^#$]|&(?=#?[A-Za-z0-9]+;)")
# At the start of a line: headings, quotes, lists, thematic breaks, setext underlines,
# fences, tables, pandoc's definition lists and divs.
_START_CHARS = frozenset("#>-+*=~`|:")
# List markers at the start of a line: '1.', '1)' (CommonMark), 'a.', 'iv)' (pandoc).
_ORDERED_RE = re.compile(r"^(\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")
# '(1)', '(a)', '(@)' list markers (pandoc).
_PAREN_RE = re.compile(r"^\((?=(?:\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+|@\w*)\)(?:\s|$))")


def _escape_line(line: str) -> str:
    line = line.strip()
    if not line:
        return ""
    line = _INLINE_RE.sub(lambda m: "\\" + m.group(0), line)
    if line[0] in _START_CHARS:
        return "\\" + line
    if line[0] == "(":
        return _PAREN_RE.sub(r"\\(", line)
    return _ORDERED_RE.sub(r"\1\\\2", line)


def _escaped_lines(text: str) -> tuple[str, ...]:
    """Each line of ``text``, escaped (cached: catalog text repeats in every document)."""
    if len(text) > CACHE_MAX_LEN:
        return _escape_lines(text)
    return _escape_lines_cached(text)


def _escape_lines(text: str) -> tuple[str, ...]:
    return tuple(_escape_line(line) for line in clean_text(text).split("\n"))


_escape_lines_cached = lru_cache(maxsize=16384)(_escape_lines)


def escape_md(value: Any) -> str:
    """Text as Markdown that shows exactly that text; line breaks are kept."""
    if value is None:
        return ""
    return "\n".join(_escaped_lines(str(value)))


def md_block(value: Any) -> MdText:
    """Escaped text, marked safe (what printing does anyway; useful before joining)."""
    return MdText(escape_md(value))


def md_line(value: Any) -> MdText:
    """Text on one line (for headings and list items)."""
    if value is None:
        return MdText("")
    return MdText(" ".join(e for e in _escaped_lines(str(value)) if e))


def md_cell(value: Any) -> MdText:
    """Text for a pipe-table cell: one line, line breaks as ``<br>``."""
    if value is None:
        return MdText("")
    return MdText("<br>".join(e for e in _escaped_lines(str(value)) if e))


def md_url(value: Any) -> MdText:
    """An http(s) address as a CommonMark autolink; anything else as escaped text."""
    if not is_web_url(value):
        return md_line(value)
    url = clean_text(str(value)).strip()
    url = "".join(f"%{ord(c):02X}" if c in " <>\t\n\"'`" else c for c in url)
    return MdText(f"<{url}>")


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, MdText | Markup):
        return value
    return escape_md(value)


@cache
def environment() -> jinja2.Environment:
    """The Markdown environment (built once per process)."""
    from .templating import make_environment

    return make_environment(
        "md",
        autoescape=False,
        finalize=_finalize,
        filters={"md": md_block, "md_cell": md_cell, "md_line": md_line, "md_url": md_url},
        tests={"web_url": is_web_url},
    )


def render_markdown(context: dict[str, Any], template: Path | None = None) -> str:
    from .templating import render_template

    text = render_template(environment(), "md", context, template)
    return _tidy(text) if template is None else text


_BLANKS_RE = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """At most one blank line in a row, one newline at the end."""
    return _BLANKS_RE.sub("\n\n", text).strip("\n") + "\n"
