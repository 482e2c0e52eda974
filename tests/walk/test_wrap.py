"""A question's text broken between words to fit the terminal (walk/wrap.fit_message)."""

from __future__ import annotations

from esmtool.walk.wrap import fit_message

QUESTION = "Which strategy for Medical Home: Care Coordination? (strongest evidence first)"
INSTRUCTION = "(↑/↓ to move, type to filter, Enter to choose)"


def drawn(message: str, after: str) -> list[str]:
    """The lines questionary draws: '? {message} {after}'."""
    return f"? {message} {after}".split("\n")


def test_a_question_that_fits_is_left_alone() -> None:
    assert fit_message("Use this strategy?", 5, 79) == "Use this strategy?"
    assert fit_message(QUESTION, len(INSTRUCTION), 200) == QUESTION


def test_a_long_question_breaks_between_words_and_fits() -> None:
    fitted = fit_message(QUESTION, len(INSTRUCTION), 79)
    lines = drawn(fitted, INSTRUCTION)
    assert len(lines) > 1
    assert all(len(line) <= 79 for line in lines), lines
    assert " ".join(fitted.split()) == QUESTION  # every word whole, none lost
    assert all(line.startswith("  ") for line in lines[1:])  # under the text, after "? "


def test_the_instruction_gets_a_line_of_its_own_when_it_does_not_fit() -> None:
    # after the last line when there is room ("first) (↑/↓ …"), on a line of its own if not
    assert drawn(fit_message(QUESTION, len(INSTRUCTION), 79), INSTRUCTION)[-1] == (
        f"  first) {INSTRUCTION}"
    )
    long = "Which of these " + "very " * 20 + "long choices?"
    lines = drawn(fit_message(long, len(INSTRUCTION), 79), INSTRUCTION)
    assert lines[-1].strip() == INSTRUCTION
    assert all(len(line) <= 79 for line in lines), lines


def test_a_message_broken_by_its_author_or_a_tiny_terminal_is_left_alone() -> None:
    assert fit_message("First line\nsecond line " * 5, 10, 40) == "First line\nsecond line " * 5
    assert fit_message(QUESTION, 10, 20) == QUESTION
