"""Choice lists that wrap at the terminal's width, between words, instead of being cut.

questionary draws a list of choices (and the pointed-at choice's description) in one
prompt_toolkit window that clips every line at the right edge: at 80 columns "… whose
families wer" was all a person could read of a template. :func:`wrap_choices` makes that
window break long lines between words, each wrapped line indented under the choice's text; a
word longer than the line (a long id) is never split by us, and only the window's own
character wrapping (the last resort) would break it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Wrapped lines of a choice start under its text, past the pointer and the tick box.
INDENT = " " * 6
Fragments = list[tuple[str, str]]


def choice_lists(question: Any) -> list[Any]:
    """The windows of a built questionary select or checkbox prompt that draw its choices."""
    from questionary.prompts.common import InquirerControl

    windows = question.application.layout.find_all_windows()
    return [w for w in windows if isinstance(w.content, InquirerControl)]


def wrap_choices(question: Any) -> None:
    """Make a built questionary select or checkbox prompt wrap its choices between words.

    Call it after anything else that replaces the list's ``text`` (the fuzzy filter does).
    """
    from prompt_toolkit.application import get_app
    from prompt_toolkit.filters import to_filter

    def prefix(line: int, wrap_count: int) -> Fragments:
        return [("", INDENT)] if wrap_count else []

    for window in choice_lists(question):
        control = window.content
        tokens: Callable[[], Fragments] = control.text

        def wrapped(tokens: Callable[[], Fragments] = tokens) -> Fragments:
            # one column spare: a line that fills the last column makes some terminals wrap
            return word_wrap(tokens(), get_app().output.get_size().columns - 1)

        control.text = wrapped
        window.wrap_lines = to_filter(True)  # the last resort, for a word wider than a line
        window.get_line_prefix = prefix


def word_wrap(fragments: Fragments, width: int, indent: str = INDENT) -> Fragments:
    """``fragments`` (style, text) with each line longer than ``width`` broken at spaces.

    A break replaces one space by a line break and ``indent``; zero-width fragments (such as
    ``[SetCursorPosition]``) stay where they were. Line breaks already in the text are kept.
    """
    if width < len(indent) + 10:
        return fragments
    # one (style, character) per character; a special fragment as (style, "") in its place
    chars: list[tuple[str, str]] = []
    for style, text in fragments:
        if not text:
            chars.append((style, ""))
        chars.extend((style, ch) for ch in text)
    out: list[tuple[str, str]] = []
    line: list[tuple[str, str]] = []
    for item in [*chars, ("", "\n")]:
        if item[1] == "\n":
            out.extend(_break_line(line, width, indent))
            line = []
            out.append(item)
        else:
            line.append(item)
    out.pop()  # the line break added after the last line
    return _merge(out)


def _break_line(line: list[tuple[str, str]], width: int, indent: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    room, start, column, last_space = width, 0, 0, -1
    for i, (_style, ch) in enumerate(line):
        if not ch:
            continue
        if ch == " ":
            last_space = i
        column += 1
        if column > room and last_space > start:
            out.extend(line[start:last_space])
            out.append(("", "\n" + indent))
            start = last_space + 1
            room = width - len(indent)
            column = sum(1 for _s, c in line[start : i + 1] if c)
            last_space = -1
    out.extend(line[start:])
    return out


def _merge(chars: list[tuple[str, str]]) -> Fragments:
    """Characters back into fragments: neighbours of one style joined."""
    out: Fragments = []
    for style, text in chars:
        if out and out[-1][0] == style and text and out[-1][1] and not style.startswith("["):
            out[-1] = (style, out[-1][1] + text)
        else:
            out.append((style, text))
    return out


def fit_message(message: str, after: int, width: int) -> str:
    """A question's text broken between words to fit ``width`` columns.

    questionary draws ``? {message} `` and then what follows it on the same line (the
    instruction, ``after`` columns); prompt_toolkit would cut that line anywhere ("(stronge" /
    "st evidence first)" at 80 columns). Further lines are indented under the text, and what
    follows goes on a line of its own when it does not fit after the last one. A message
    that fits, or one already broken by its author, is returned as it is.
    """
    import textwrap

    if width < 30 or "\n" in message or 2 + len(message) + 1 + after <= width:
        return message
    lines = textwrap.wrap(message, width - 3, break_long_words=False, break_on_hyphens=False)
    text = "\n  ".join(lines)
    if after and 2 + len(lines[-1]) + 1 + after > width:
        text += "\n "
    return text
