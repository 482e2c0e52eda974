"""Deriving a pattern's needles: strings of which every match contains at least one.

Used when the table in :mod:`._needles` is written (``python -m esmtool.checks.needles``)
and by the tests that keep it fresh; never when esmtool runs (it reads Python's private
regular expression parser, ``re._parser``, so a Python that changes it can only break
this tool and its test, not a check); Python 3.10 names it ``sre_parse``.

The derivation is conservative by construction: a part of a pattern gives needles only
where every match must contain one of them as written (literal characters, small sets of
them, alternations whose every branch gives some, repeats of at least one); anything else
(``\\w``, ``.``, a case-insensitive part, a class of many characters) gives none, and a
pattern without needles is always run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

#: At most this many strings per set (a part matching more spellings gives no needles).
_LIMIT = 64

Strings = set[str]


def _c() -> Any:
    try:  # Python 3.11+
        from re import _constants  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants as _constants
    return _constants


def _parse(pattern: str, flags: int) -> Any:
    try:  # Python 3.11+
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as _parser
    return _parser.parse(pattern, flags)


def _op(name: str) -> Any:
    """An opcode, or a sentinel no parse holds (POSSESSIVE_REPEAT, ATOMIC_GROUP: 3.11+)."""
    return getattr(_c(), name, _MISSING)


_MISSING = object()


def _exact(op: Any, av: Any) -> Strings | None:
    """Every string the part matches, when they are few; None otherwise."""
    c = _c()
    if op is c.LITERAL:
        return {chr(av)}
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: consumes nothing
        return {""}
    if op is c.IN:
        out: Strings = set()
        for o, a in av:
            if o is c.LITERAL:
                out.add(chr(a))
            elif o is c.RANGE and a[1] - a[0] < 10:
                out.update(chr(x) for x in range(a[0], a[1] + 1))
            else:  # a category (\w, \s), a negation, a wide range
                return None
        return out if len(out) <= _LIMIT else None
    if op is c.SUBPATTERN:
        _group, add, _del, sub = av
        if add & c.SRE_FLAG_IGNORECASE:
            raise _CaseInsensitive
        return _exact_seq(sub.data)
    if op is c.BRANCH:
        out = set()
        for branch in av[1]:
            e = _exact_seq(branch.data)
            if e is None:
                return None
            out |= e
        return out if len(out) <= _LIMIT else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, _op("POSSESSIVE_REPEAT")):
        lo, hi, item = av
        e = _exact_seq(item.data)
        if e is None or hi == c.MAXREPEAT or hi > 3:
            return None
        res: Strings = set()
        cur = {""}
        for n in range(hi + 1):
            if n >= lo:
                res |= cur
            cur = {a + b for a in cur for b in e}
            if len(cur) > _LIMIT:
                return None
        return res if len(res) <= _LIMIT else None
    return None


def _exact_seq(data: list[Any]) -> Strings | None:
    cur = {""}
    for op, av in data:
        e = _exact(op, av)
        if e is None:
            return None
        cur = {a + b for a in cur for b in e}
        if len(cur) > _LIMIT:
            return None
    return cur


def _score(s: Strings) -> tuple[int, int]:
    """How well a set filters: its shortest string's length, then fewer strings."""
    return (min(len(x) for x in s), -len(s))


def _useful(s: Strings | None) -> bool:
    return bool(s) and "" not in s  # type: ignore[operator]


def _required(op: Any, av: Any) -> list[Strings]:
    """Sets of strings, each of which every match of the part contains one of."""
    c = _c()
    e = _exact(op, av)
    if e is not None and _useful(e):
        return [e]
    if op is c.SUBPATTERN:
        return _required_seq(av[3].data)
    if op is c.BRANCH:
        out: Strings = set()
        for branch in av[1]:
            groups = _required_seq(branch.data)
            if not groups:
                return []
            best: Strings = max(groups, key=_score)
            out |= best
        return [out]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, _op("POSSESSIVE_REPEAT")) and av[0] >= 1:
        return _required_seq(av[2].data)
    if op is _op("ATOMIC_GROUP"):
        return _required_seq(av.data)
    return []


def _required_seq(data: list[Any]) -> list[Strings]:
    """Every run of exactly known parts (spelled out), and each other part's own sets.

    A positive lookahead or lookbehind adds its own: what it sees is in the text too.
    """
    c = _c()
    groups: list[Strings] = []
    run = {""}
    for op, av in data:
        if op is c.ASSERT:
            groups.extend(_required_seq(av[1].data))
            continue  # consumes nothing: the run goes on
        e = _exact(op, av)
        if e is not None:
            joined = {a + b for a in run for b in e}
            if len(joined) <= _LIMIT:
                run = joined
                continue
            groups.append(run)
            run = e
            continue
        groups.append(run)
        run = {""}
        groups.extend(_required(op, av))
    groups.append(run)
    return [g for g in groups if _useful(g)]


class _CaseInsensitive(Exception):
    pass


def _minimal(found: Strings) -> tuple[str, ...]:
    kept: list[str] = []
    for s in sorted(found, key=lambda x: (len(x), x)):
        if not any(k in s for k in kept):  # a string holding another needle adds nothing
            kept.append(s)
    return tuple(sorted(kept))


#: At most this many sets per pattern (the best filters).
_GROUPS = 3

Needles = tuple[tuple[str, ...], ...]


def derive(pattern: str, flags: int = 0) -> Needles | None:
    """A pattern's needles: sets of strings, a match containing one of each set.

    None when there are none. For a case-insensitive pattern the strings are lowercase
    ASCII (a set with any other character is left out): they rule out an ASCII text only.
    """
    c = _c()
    parsed = _parse(pattern, flags)
    if parsed.state.flags & c.SRE_FLAG_IGNORECASE and not flags & c.SRE_FLAG_IGNORECASE:
        return None  # an inline (?i): Pattern reads case-insensitivity from its flags only
    ignorecase = bool(flags & c.SRE_FLAG_IGNORECASE)
    try:
        groups = _required_seq(parsed.data)
    except _CaseInsensitive:  # a case-insensitive part of a case-sensitive pattern
        return None
    if ignorecase:
        groups = [{x.lower() for x in g} for g in groups if all(x.isascii() for x in g)]
    unique = {_minimal(g) for g in groups}
    best = sorted(unique, key=lambda g: (-min(len(x) for x in g), len(g), g))[:_GROUPS]
    return tuple(sorted(best)) or None


def table() -> dict[int, Needles | None]:
    """Every registered pattern's key and needles (importing every checks module first)."""
    import importlib
    import pkgutil

    from . import __path__ as package_path
    from .patterns import REGISTERED, key

    for info in pkgutil.iter_modules(package_path):
        importlib.import_module(f"{__package__}.{info.name}")
    return {key(p.pattern, p.flags): derive(p.pattern, p.flags) for p in REGISTERED}


def render(entries: dict[int, Needles | None]) -> str:
    lines = [
        '"""Needles of the checks\' patterns (see :mod:`.patterns`). Written by',
        "``python -m esmtool.checks.needles``: do not edit. A pattern missing here is always",
        'run (slower, never different); tests/checks/test_patterns.py keeps this table fresh."""',
        "",
        "# fmt: off",
        "NEEDLES: dict[int, tuple[tuple[str, ...], ...] | None] = {",
    ]
    for k in sorted(entries):
        lines.append(f"    {k}: {entries[k]!r},")
    lines += ["}", "# fmt: on"]
    return "\n".join(lines) + "\n"


TABLE_PATH = Path(__file__).with_name("_needles.py")


def main() -> int:
    TABLE_PATH.write_text(render(table()), encoding="utf-8")
    print(f"wrote {TABLE_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
