"""At 80 columns nothing is cut off and no id is broken (issue 12.8).

The walk runs on a real pseudo-terminal of 80×24 (pexpect) and its screen is read with a
terminal emulator (pyte), as a person would see it: long choices (measures, templates) wrap
between words, indented under their text, and every id in brackets stays on one line.
``esmtool list`` runs in a real subprocess with COLUMNS=80: every id is whole on one line, so
it can be copied into a command.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import EXAMPLE_DRAFT, run_cli

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

COLUMNS, LINES = 80, 24
BRACKETED = re.compile(r"\[([^\]\s]*)")


class Terminal:
    """`esmtool ARGS` on an 80×24 pseudo-terminal, its screen kept by a terminal emulator."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        env = {
            **os.environ,
            "TERM": "xterm",
            "NO_COLOR": "1",
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
            "XDG_DATA_HOME": str(tmp_path / "userdata"),
            "ESMTOOL_CACHE_DIR": str(tmp_path / "cache"),
        }
        env.pop("ESMTOOL_CATALOG", None)
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "esmtool", *args],
            cwd=str(tmp_path),
            env=env,
            encoding="utf-8",
            timeout=20,
            dimensions=(LINES, COLUMNS),
        )
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.Stream(self.screen)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, wanted: str, timeout: float = 20) -> list[str]:
        """The screen's lines once ``wanted`` is on it and the output has settled."""
        end, seen = time.monotonic() + timeout, False
        while time.monotonic() < end:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.4))
                continue  # more is coming
            except pexpect.TIMEOUT:
                if seen:
                    return list(self.screen.display)
            except pexpect.EOF:
                break
            seen = wanted in self.text()
        raise AssertionError(f"{wanted!r} not on the screen:\n{self.text()}")

    def close(self) -> None:
        self.child.sendcontrol("c")
        self.child.expect(pexpect.EOF)
        self.child.close()


def _choice_lines(lines: list[str]) -> list[str]:
    """The choices as a person reads them: wrapped lines joined back to their choice."""
    out: list[str] = []
    for line in lines:
        if line.startswith(("   ", " » ")) and line[3:4] != " " and line.strip():
            out.append(line[3:].rstrip())
        elif line.startswith("      ") and out:  # a wrapped line, indented under the text
            out[-1] += " " + line.strip()
    return out


def _ids_whole(lines: list[str], known: set[str]) -> list[str]:
    """The bracketed ids on the screen, each checked to be whole on its line."""
    ids = []
    for line in lines:
        for m in BRACKETED.finditer(line):
            assert line[m.end() : m.end() + 1] == "]", f"an id broken at the edge: {line!r}"
            assert m.group(1) in known, f"not a whole id: {m.group(1)!r} in {line!r}"
            ids.append(m.group(1))
    return ids


@pytest.mark.slow
def test_measure_choices_wrap_at_80_columns(tmp_path: Path, catalog: Any) -> None:
    term = Terminal(tmp_path, "draft")
    try:
        lines = term.wait_for("Which measure")
    finally:
        term.close()
    assert all(len(line.rstrip()) <= COLUMNS for line in lines)
    ids = _ids_whole(lines, set(catalog.measures))
    assert len(ids) >= 8  # the screen is full of choices, none cut off
    wrapped = [line for line in lines if line.startswith("      ") and line.strip()]
    assert wrapped, "at 80 columns some measure choices take two lines"
    for choice in _choice_lines(lines):
        code = BRACKETED.search(choice)
        if code is not None:  # the whole choice: name, domain, kind, strategies, [code]
            name = catalog.measures[code.group(1)].name
            assert choice.lstrip("» ").startswith(name), choice


@pytest.mark.slow
def test_template_choices_wrap_at_80_columns(tmp_path: Path, catalog: Any) -> None:
    data = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    del data["measures"]  # the walk starts at the measure set
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    term = Terminal(tmp_path, "draft", "--answers", str(answers))
    try:
        lines = term.wait_for("Template:")
    finally:
        term.close()
    assert all(len(line.rstrip()) <= COLUMNS for line in lines)
    _ids_whole(lines, set(catalog.templates))
    choices = _choice_lines(lines)
    long_one = catalog.templates["q1-medical-home-personal-helped-choose"].text
    assert len(long_one) > COLUMNS - 14  # too long for one line with "Template: "
    # the words that were cut off ("… whose families wer") are all there, in order
    assert f"Template: {long_one} [q1-medical-home-personal-helped-choose]" in [
        " ".join(c.split()) for c in choices
    ]


@pytest.mark.parametrize("kind", ["strategies", "templates", "npms", "evidence"])
def test_list_never_breaks_an_id_at_80_columns(kind: str, catalog: Any) -> None:
    result = run_cli("list", kind, "--format", "table", env={"COLUMNS": str(COLUMNS)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert all(len(line) <= COLUMNS for line in lines)
    known = {
        "strategies": catalog.strategies,
        "templates": catalog.templates,
        "npms": catalog.measures,
        "evidence": catalog.evidence,
    }[kind]
    words = {w.strip("│┃ ") for line in lines for w in re.split(r"[\s│┃]+", line)}
    missing = [i for i in known if i not in words]
    assert not missing, f"ids broken or cut: {missing[:5]}"


def test_list_is_a_table_when_the_ids_fit(catalog: Any) -> None:
    result = run_cli("list", "strategies", "--format", "table", env={"COLUMNS": "200"})
    text = result.stdout.decode("utf-8")
    assert text.startswith("┏") and "┃ id " in text
    cells = {c.strip() for line in text.splitlines() for c in line.split("│")}
    assert set(catalog.strategies) <= cells


def test_word_wrap_breaks_between_words() -> None:
    from esmtool.walk.wrap import word_wrap

    text = "Template: Number of {children} whose families were helped to choose  [an-id-here]"
    fragments = [("class:pointer", " » "), ("[SetCursorPosition]", ""), ("class:x", text)]
    out = word_wrap([*fragments, ("", "\n"), ("class:text", "   short")], 40)
    assert ("[SetCursorPosition]", "") in out
    shown = "".join(t for _s, t in out)
    lines = shown.split("\n")
    assert all(len(line) <= 40 for line in lines)
    assert lines[-1] == "   short"
    assert [line.strip() for line in lines[:-1]] == [
        "» Template: Number of {children} whose",
        "families were helped to choose",
        "[an-id-here]",
    ]
    assert all(line.startswith("      ") for line in lines[1:-1])


def _description(lines: list[str]) -> str:
    """The pointed-at choice's description, its wrapped lines joined back."""
    start = next(i for i, line in enumerate(lines) if line.startswith("  Description: "))
    parts = [lines[start].strip()]
    for line in lines[start + 1 :]:
        if not line.startswith("      ") or not line.strip():
            break
        parts.append(line.strip())
    return " ".join(parts)


@pytest.mark.slow
def test_strategy_descriptions_wrap_whole_at_80_columns(tmp_path: Path, catalog: Any) -> None:
    term = Terminal(tmp_path, "draft", "--npm", "medical-home-cc")
    try:
        first = term.wait_for("Which strategy")
        term.child.send("\x1b[B")  # down to the next strategy, whose description is longer
        second = term.wait_for("comprehensive")
    finally:
        term.close()
    for lines, pointed in [
        (first, "medical-home-personal-wwfh-02"),
        (second, "medical-home-personal-01"),
    ]:
        assert all(len(line.rstrip()) <= COLUMNS for line in lines)
        at = [line for line in lines if line.startswith(" » ")]
        assert len(at) == 1, lines
        pointer = lines.index(at[0])
        choice = at[0] + "".join(
            line for line in lines[pointer + 1 : pointer + 3] if line.startswith("      ")
        )
        assert choice.rstrip().endswith(f"[{pointed}]"), choice
        approach = catalog.strategies[pointed].approach
        assert len("  Description: " + approach) > COLUMNS  # too long for one line
        shown = _description(lines)
        assert "…" not in shown
        assert shown == f"Description: {approach}"
        # from the choices down, nothing reaches the edge: wrapped between words, not clipped
        assert all(len(line.rstrip()) < COLUMNS for line in lines[pointer:]), lines
        _ids_whole(lines, set(catalog.strategies))
        # the question itself is broken between words too, not at the edge ("(stronge" / "st")
        asked = " ".join(lines[: lines.index(at[0])]).split()
        assert {"(strongest", "evidence", "first)", "(↑/↓"} <= set(asked), lines[:pointer]
