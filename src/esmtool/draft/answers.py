"""Gathering answers for a draft: a resumed autosave, an answers file, --set values, options.

Later sources win: resume file < answers file < --set < --npm/--strategy.
The result is plain data that :func:`esmtool.draft.validate_draft` checks.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DraftError, InputFileError, Problem
from ..locate import LineIndex
from .model import merge, parse_set_value, set_path


@dataclass
class Answers:
    """Answers gathered from files, stdin and ``--set``."""

    data: dict[str, Any] = field(default_factory=dict)
    #: line index of the single file the answers came from, when there is exactly one
    index: LineIndex | None = None


def read_answers_file(path: str) -> tuple[dict[str, Any], LineIndex]:
    """Read a draft/answers file ('-' = stdin) as a mapping."""
    from ..yamlio import MAX_INPUT_BYTES, decode, load_file, load_text

    if path == "-":
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        data, index = load_text(decode(raw, "<stdin>"), "<stdin>")
    else:
        data, index = load_file(Path(path))
    if data is None:
        return {}, index
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise InputFileError(
            f"{index.source}: a draft is a set of 'key: value' entries, not {kind}.",
            hint="Start from `esmtool draft --no-input` output or the example in the README.",
        )
    return data, index


def parse_sets(values: Sequence[str]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    problems: list[Problem] = []
    for raw in values:
        key, sep, value = raw.partition("=")
        key = key.strip()
        if not sep or not key:
            problems.append(
                Problem(f"--set {raw}", "should look like KEY=VALUE, e.g. esm.unit_type=count")
            )
            continue
        try:
            out.append((key, parse_set_value(value)))
        except InputFileError as exc:  # valid YAML that esmtool refuses, e.g. an alias
            reason = exc.message.split(": ", 1)[-1]
            problems.append(Problem(f"--set {_clip(raw)}", reason))
    if problems:
        raise DraftError("Some --set values could not be read:", problems)
    return out


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def gather(
    *,
    resume: str | None = None,
    answers: str | None = None,
    sets: Sequence[str] = (),
    npm: str | None = None,
    strategy: str | None = None,
) -> Answers:
    result = Answers()
    files = [p for p in (resume, answers) if p]
    for p in files:
        data, index = read_answers_file(p)
        result.data = merge(result.data, data)
        result.index = index if len(files) == 1 else None
    pairs = parse_sets(sets)
    for key, value in pairs:
        try:
            set_path(result.data, key, value)
        except DraftError as exc:
            raise DraftError(
                "A --set value could not be applied:", [Problem("", exc.message)]
            ) from None
    if pairs:  # a --set key has no line in the file; report key paths only
        result.index = None
    if npm:
        result.data["npm"] = npm
    if strategy:
        result.data["strategy"] = strategy
    return result
