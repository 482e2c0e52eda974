"""Type-to-filter for long choice lists that tolerates typos (questionary's own filter does not).

questionary's select filter keeps the choices whose title contains the typed text and, when none
does, shows the whole list again with the first highlighted, so Enter picks a wrong measure. Here
a choice matches when the text is in its title or when every typed word is close to a word of the
title (difflib's ratio, so ``care cordination`` finds Care Coordination); the closest come first.
With no match the list says so and Enter does nothing. difflib is in the standard library: no new
dependency for lists of a few dozen titles.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from questionary.prompts.common import InquirerControl, Separator

#: How close a typed word must be to a word of the title (difflib's ratio, 0 to 1).
CUTOFF = 0.8
NO_MATCHES = "  No matches: check the spelling, or press Backspace to widen the filter."

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _word_score(typed: str, words: list[str]) -> float:
    best = 0.0
    for word in words:
        if word.startswith(typed):
            return 1.0
        best = max(best, difflib.SequenceMatcher(None, typed, word).ratio())
        if len(typed) >= 4 and len(word) > len(typed):  # a word still being typed
            prefix = word[: len(typed)]
            best = max(best, difflib.SequenceMatcher(None, typed, prefix).ratio())
    return best


def score(query: str, title: str) -> float:
    """How well ``title`` matches the typed ``query``: 2 for the text itself, else 0 to 1."""
    if query.strip().lower() in title.lower():
        return 2.0
    typed, words = _words(query), _words(title)
    if not typed:
        return 0.0
    scores = [_word_score(t, words) for t in typed]
    return sum(scores) / len(scores) if min(scores) >= CUTOFF else 0.0


def matching(query: str, titles: list[str]) -> list[int]:
    """The indexes of the titles that match ``query``, the best first (ties in list order)."""
    scored = [(score(query, t), i) for i, t in enumerate(titles)]
    return [i for s, i in sorted(scored, key=lambda p: (-p[0], p[1])) if s > 0]


def _title(choice: Any) -> str:
    title = choice.title
    return title if isinstance(title, str) else "".join(part[1] for part in title)


class FuzzyControl(InquirerControl):
    """questionary's choice list with the tolerant filter (set on a built prompt's control)."""

    @property
    def filtered_choices(self) -> list[Any]:
        if not self.search_filter:
            self.found_in_search = False
            return list(self.choices)
        # the prompt redraws many times per key: score the choices once per filter text
        cached: tuple[str, list[int]] | None = getattr(self, "_fuzzy_cache", None)
        if cached is None or cached[0] != self.search_filter:
            order = matching(self.search_filter, [_title(c) for c in self.choices])
            cached = self._fuzzy_cache = (self.search_filter, order)
        order = cached[1]
        self.found_in_search = bool(order)
        return [self.choices[i] for i in order]

    def no_match(self) -> bool:
        return bool(self.search_filter) and not self.filtered_choices

    def _get_choice_tokens(self) -> Any:
        if self.no_match():
            return [("class:search_none", NO_MATCHES)]
        return super()._get_choice_tokens()

    def select_previous(self) -> None:
        if not self.no_match():
            super().select_previous()

    def select_next(self) -> None:
        if not self.no_match():
            super().select_next()

    def is_selection_valid(self) -> bool:
        if self.no_match():
            return True  # nothing to move to: the cursor keys stop at once
        choices = self.filtered_choices
        pointed = choices[self.pointed_at % len(choices)]
        return not pointed.disabled and not isinstance(pointed, Separator)


def make_fuzzy(question: Any) -> FuzzyControl | None:
    """Give a built questionary select prompt the tolerant filter; its control, or None."""
    for window in question.application.layout.find_all_windows():
        control = window.content
        if isinstance(control, InquirerControl):
            control.__class__ = FuzzyControl
            control.text = control._get_choice_tokens  # bound before the class changed
            return control  # type: ignore[return-value]
    return None
