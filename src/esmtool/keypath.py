"""Key paths in a draft — ``esm.targets.2026``, ``measures[2].text`` — in one place.

A key path names a value the way messages show it: mapping keys joined by dots,
list indexes in brackets, and years (the keys of ``targets``) as plain parts.
:func:`parse` reads one into its parts, :func:`dotted` writes parts back, and
:func:`get` / :func:`replaced` read and change plain data along a dotted path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Parts = tuple[str | int, ...]

#: Mappings whose keys are numbers (years), shown as ``esm.targets.2026`` not ``[2026]``.
INT_KEYED = {"targets", "actuals"}


def parse(path: str) -> Parts:
    """``measures[2].text`` -> ('measures', 2, 'text'); ``esm.targets.2026`` -> (..., 2026)."""
    out: list[str | int] = []
    for part in path.replace("[", ".").replace("]", "").split("."):
        if part:
            out.append(int(part) if part.isdigit() else part)
    return tuple(out)


def dotted(path: Iterable[str | int]) -> str:
    """Parts as people read them: ('measures', 2, 'text') -> ``measures[2].text``."""
    parts: list[str] = []
    prev: str | int | None = None
    for p in path:
        if isinstance(p, int) and prev in INT_KEYED:  # a mapping keyed by year
            parts.append(_clip_key(str(p)))
        elif isinstance(p, int):
            if parts:
                parts[-1] += f"[{p}]"
            else:
                parts.append(f"[{p}]")
        else:
            parts.append(_clip_key(str(p)))
        prev = p
    return ".".join(parts)


def _clip_key(key: str, limit: int = 40) -> str:
    """A key as shown in a message: a pasted paragraph used as a key stays one short line."""
    key = " ".join(key.split())
    return key if len(key) <= limit else key[: limit - 3] + "..."


def get(data: Any, key: str) -> Any:
    """The value at a dotted key path of nested mappings (``esm.baseline``), or None."""
    cur: Any = data
    for part in key.split("."):
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(part)
    return cur


def replaced(value: Any, rest: list[str], new: Any) -> Any:
    """A copy of the mapping ``value`` with ``new`` at the sub-path ``rest`` (None removes it)."""
    if not rest:
        return new
    out = dict(value) if isinstance(value, Mapping) else {}
    head = rest[0]
    inner = replaced(out.get(head), rest[1:], new)
    if inner is None:
        out.pop(head, None)
    else:
        out[head] = inner
    return out


def delete(data: Any, parts: Iterable[Any]) -> None:
    """Remove the value at ``parts`` from nested mappings, when it is there."""
    path = list(parts)
    cur = data
    for part in path[:-1]:
        if not isinstance(cur, dict) or part not in cur:
            return
        cur = cur[part]
    if isinstance(cur, dict) and path:
        cur.pop(path[-1], None)
