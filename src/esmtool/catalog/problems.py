"""What is wrong with a catalog file or with the merged catalog, as located problems."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..locate import LineIndex

_SECTIONS: dict[str, str] = {
    "measures": "measure",
    "strategies": "strategy",
    "practices": "practice",
    "templates": "template",
    "evidence": "evidence level",
    "quadrants": "quadrant",
    "synonyms": "synonym",
}


def suggest(key: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` ids close to ``key`` (for "did you mean")."""
    import difflib  # only when an id was not found

    pool = list(choices)
    found = difflib.get_close_matches(key, pool, n=n, cutoff=0.5)
    if not found:
        low = key.lower()
        found = [c for c in pool if low and low in c.lower()][:n]
    return found


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character_problems(data: Any, index: LineIndex) -> list[Problem]:
    """Located problems for every text (key or value) holding a control character."""
    from ..locate import dotted

    out: list[Problem] = []

    def visit(value: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and _CONTROL.search(k):
                    out.append(_control_problem(k, path, index, dotted))
                visit(v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                visit(v, (*path, i))
        elif isinstance(value, str) and _CONTROL.search(value):
            out.append(_control_problem(value, path, index, dotted))

    visit(data, ())
    return out


def _control_problem(
    text: str, path: tuple[str | int, ...], index: LineIndex, dotted: Any
) -> Problem:
    match = _CONTROL.search(text)
    assert match is not None
    ch = match.group()
    name = {"\x1b": "ESC, which starts terminal escape sequences", "\x00": "NUL"}.get(
        ch, "a control character"
    )
    return Problem(
        f"{index.where(path)}: {dotted(path)}",
        f"holds U+{ord(ch):04X} ({name}); remove it (text may hold tabs and line breaks only)",
    )


def _what(data: Any) -> str:
    if isinstance(data, list):
        return "a list"
    return "a single value"


def catalog_problems(exc: Any, index: LineIndex, data: Any) -> list[Problem]:
    """Located messages such as ``file:42: strategy 'x': evidence 'strong' is not one of ...``."""
    from ..locate import dotted, friendly_message

    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = [x for x in err["loc"] if not (isinstance(x, str) and x.startswith("function-"))]
        path = tuple(loc)
        subject = ""
        rest = path
        if len(path) >= 2 and path[0] in _SECTIONS and isinstance(path[1], int):
            item: Any = None
            try:
                item = data[path[0]][path[1]]
            except (KeyError, IndexError, TypeError):
                item = None
            ident = None
            if isinstance(item, dict):
                ident = item.get("id", item.get("code", item.get("number", item.get("term"))))
            noun = _SECTIONS[str(path[0])]
            subject = f"{noun} '{ident}'" if ident is not None else f"{noun} #{path[1] + 1}"
            rest = path[2:]
        elif (
            len(path) == 1
            and path[0] not in _SECTIONS
            and path[0] != "catalog"
            and path[0] != "tips"
        ):
            subject = ""
        field_name = dotted(rest)
        msg = friendly_message(err)
        if err.get("type") == "extra_forbidden" and len(path) == 1:
            msg = (
                "is not a known section (expected catalog, evidence, quadrants, tips, measures, "
                "strategies, practices, templates, synonyms)"
            )
        # "strategy 'x': evidence 'strong' is not one of ..." (the field reads as the sentence's subject)
        head = f"{subject}: " if subject else ""
        text = f"{head}{field_name} {msg}" if field_name else f"{head}{msg}"
        out.append(Problem(index.where(path), text))
    return out


@dataclass
class _Entry:
    value: Any
    where: str
    bundled: bool


def _cross_reference_problems(tables: dict[str, dict[Any, _Entry]]) -> list[Problem]:
    """Entries that name a measure, strategy or template the merged catalog does not have."""
    measures = tables["measures"]
    strategies = tables["strategies"]
    out: list[Problem] = []
    for code, e in measures.items():
        if e.value.parent and e.value.parent not in measures:
            out.append(
                Problem(
                    e.where, f"measure '{code}': parent '{e.value.parent}' is not a known measure"
                )
            )
    for kind in ("strategies", "practices"):
        for sid, e in tables[kind].items():
            if e.value.measure not in measures:
                sug = suggest(e.value.measure, measures)
                tail = f" (did you mean {', '.join(sug)}?)" if sug else ""
                out.append(
                    Problem(
                        e.where,
                        f"{_SECTIONS[kind]} '{sid}': measure '{e.value.measure}' is not a known "
                        f"measure code{tail}",
                    )
                )
    template_ids: dict[str, str] = {k: e.where for k, e in tables["templates"].items()}
    for sid, e in strategies.items():
        for t in e.value.templates:
            if t.id in template_ids:
                out.append(
                    Problem(
                        e.where,
                        f"strategy '{sid}': template id '{t.id}' is also used at {template_ids[t.id]}",
                    )
                )
            template_ids[t.id] = e.where
    for tid, e in tables["templates"].items():
        applies = e.value.applies_to
        for noun, wanted, known in (
            ("strategy", applies.strategies, strategies),
            ("measure", applies.measures, measures),
        ):
            out.extend(
                Problem(
                    e.where, f"template '{tid}': applies_to {noun} '{ref}' is not a known {noun}"
                )
                for ref in wanted
                if ref not in known
            )
    return out
