"""Locating problems: key paths, file lines, and pydantic's messages in plain words.

Free of YAML so that the draft model (and the walk's first question) can use it without
loading a YAML parser; :mod:`esmtool.yamlio` fills a :class:`LineIndex` when it reads a file.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem
from .keypath import dotted as dotted  # re-exported: the one definition is in keypath

Path_ = tuple[str | int, ...]


@dataclass
class LineIndex:
    """Key path -> 1-based line number, for one loaded document."""

    source: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Iterable[str | int]) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p[:-1]

    def where(self, path: Iterable[str | int]) -> str:
        line = self.line_of(path)
        return f"{self.source}:{line}" if line else self.source


def pydantic_problems(exc: Any, index: LineIndex | None, prefix: Path_ = ()) -> list[Problem]:
    """Turn a pydantic ValidationError into located, plain-language problems."""
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and x.startswith("function-")))
        loc = _clean_loc(loc)
        path = (*prefix, *loc)
        key = dotted(path)
        msg = friendly_message(err)
        where = key
        if index is not None:
            where = f"{index.where(path)}: {key}" if key else index.where(path)
        out.append(Problem(where, msg))
    return out


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    cleaned: list[str | int] = []
    for part in loc:
        # pydantic adds the union member / tagged type name to the location
        if isinstance(part, str) and (
            part in {"int", "float", "str", "bool", "list", "dict", "none"}
            or part.startswith(("list[", "dict[", "literal["))
        ):
            continue
        if isinstance(part, str) and part.endswith("[key]"):
            continue
        cleaned.append(part)
    return tuple(cleaned)


def friendly_message(err: Any) -> str:
    """pydantic's error messages, reworded for people who are not programmers."""
    etype = err.get("type", "")
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if etype == "extra_forbidden":
        return "is not a known key (check the spelling; unknown keys are not allowed)"
    if etype == "missing":
        return "is required but missing"
    if etype == "literal_error":
        expected = ctx.get("expected", "")
        return f"{_show(given)} is not one of {expected}"
    if etype in {"int_parsing", "int_type", "int_from_float"}:
        return f"{_show(given)} is not a whole number"
    if etype in {"float_parsing", "float_type", "finite_number"}:
        return f"{_show(given)} is not a number"
    if etype == "string_type" and given is None:
        return "must not be empty"
    if etype in {"string_type"}:
        return f"{_show(given)} should be text"
    if etype in {"dict_type", "model_type", "model_attributes_type"}:
        return f"should be a set of 'key: value' entries, not {_kind(given)}"
    if etype == "list_type":
        return f"should be a list, not {_kind(given)}"
    if etype == "bool_parsing" or etype == "bool_type":
        return f"{_show(given)} should be true or false"
    if etype == "string_too_short":
        return "must not be empty"
    if etype == "string_pattern_mismatch":
        form = _PATTERNS.get(str(ctx.get("pattern", "")))
        tail = f" ({form})" if form else ""
        return f"{_show(given)} is not in the expected form{tail}"
    if etype in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return err.get("msg", "is out of range").replace("Input should be", "must be")
    if etype == "value_error":
        msg = str(err.get("msg", ""))
        return msg.removeprefix("Value error, ")
    msg = str(err.get("msg", "is not valid"))
    return msg.replace("Input should be", "should be")


_short = reprlib.Repr()  # never builds the whole text of a huge value just to cut it
_short.maxstring = _short.maxother = 60
_short.maxlist = _short.maxdict = 4

#: Patterns of the models, in words.
_PATTERNS = {
    r"^[a-z0-9][a-z0-9.-]*$": "use lowercase letters, digits, '-' and '.', e.g. my-strategy-01",
    r"^[a-z][a-z0-9_]*$": "use lowercase letters, digits and '_', starting with a letter",
}


def _show(value: Any) -> str:
    if isinstance(value, bytes):
        return "binary data"
    text = _short.repr(value) if not isinstance(value, str) else f"'{value[:60]}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a set of 'key: value' entries"
    return type(value).__name__
