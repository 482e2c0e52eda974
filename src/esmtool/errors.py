"""esmtool's own error types.

The core never prints: it raises one of these, and ``cli.py`` turns it into a
message on stderr and an exit code. Every error carries text written for
program staff: what went wrong and what to do next.

Exit codes (documented in the README):
    0   success
    1   ``esmtool check`` found problems at the requested level
    2   usage or input error (bad file, unknown id, invalid answers, refused write,
        a standard stream that cannot be written or read: full, closed)
    130 interrupted (Ctrl-C); an interactive draft is saved first
        (choosing "Stop here" in the walk is not an interruption: 0, with the resume hint)
    129, 143 stopped by SIGHUP, SIGTERM (temporary files removed first)
"""

from __future__ import annotations

import errno
import unicodedata
from typing import NamedTuple

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130


def one_line(text: str) -> str:
    """``text`` fit for one line of a message on a terminal.

    User input quoted in a message (an id, a key, a value) may hold line breaks or control
    characters; they become spaces or visible escapes, so one problem stays one line and a
    file cannot send escape sequences to the terminal.
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in "\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029":
            out.append(" ")
        elif unicodedata.category(ch)[0] == "C":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def terminal_text(text: str) -> str:
    """``text`` safe to send to a terminal: line breaks and tabs kept, other control characters
    (ESC and with it every escape sequence, C1 codes such as CSI and OSC, DEL, NUL) shown as
    visible escapes such as ``\\x1b``. The one function every output for people goes through.
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in "\t\n" or unicodedata.category(ch) != "Cc":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


class Problem(NamedTuple):
    """One thing wrong with an input, located as precisely as we can.

    (A named tuple: immutable, compared and hashed by its fields; made at every start, it
    costs a tenth of a frozen dataclass.)

    ``where`` is a file location (``data/x.yaml:42``), a key path
    (``esm.unit_number``) or both joined with ``: ``.
    """

    where: str
    message: str
    #: a stable id for problems other layers build on (``esmtool check`` reports these
    #: as findings), e.g. ``reference.unknown-template``; empty for the rest
    rule: str = ""

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return one_line(text)


class EsmtoolError(Exception):
    """Base class: a message for the user and the exit code that goes with it."""

    exit_code: int = EXIT_INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def lines(self) -> list[str]:
        """The message as the lines the CLI prints (without the hint)."""
        return [one_line(self.message)]


class ProblemsError(EsmtoolError):
    """Several located problems reported at once (one line each)."""

    def __init__(self, message: str, problems: list[Problem], *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.problems = list(problems)

    def lines(self) -> list[str]:
        return [one_line(self.message), *(f"  {p}" for p in self.problems)]


class CatalogError(ProblemsError):
    """The catalog (bundled or a user folder) has problems."""


class DraftError(ProblemsError):
    """A draft / answers file is invalid or incomplete."""


class InputFileError(EsmtoolError):
    """A file could not be read: missing, a directory, too large, not text, not YAML."""


class NotFoundError(EsmtoolError):
    """An unknown measure code, strategy id, template id, ..."""

    def __init__(self, kind: str, key: str, suggestions: list[str] | None = None) -> None:
        self.kind = kind
        self.key = key
        self.suggestions = suggestions or []
        hint = None
        if self.suggestions:
            hint = "Did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(f"There is no {kind} '{key}' in the catalog.", hint=hint)


class OutputError(EsmtoolError):
    """A result could not be written (exists without --force, unwritable, disk full)."""


class StreamError(OutputError):
    """Standard output (or input) cannot be written (or read): a full disk, a closed stream."""

    def __init__(self, stream: str, exc: OSError | None) -> None:
        reasons = {
            errno.ENOSPC: "no space left on device",
            errno.EBADF: "it is closed",
            errno.EIO: "an input/output error",
            errno.EFBIG: "the file is too large",
        }
        if exc is None:  # the stream was closed before esmtool started
            reason = reasons[errno.EBADF]
        else:
            reason = reasons.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
        verb = "read" if stream == "standard input" else "write to"
        super().__init__(f"could not {verb} {stream}: {reason}")


class UsageError(EsmtoolError):
    """Options that do not fit together or a value the command cannot use."""


class Interrupted(EsmtoolError):
    """The person pressed Ctrl-C / Ctrl-D or the terminal went away."""

    def __init__(self, saved_to: str | None = None, hint: str | None = None) -> None:
        self.saved_to = saved_to
        if saved_to:
            msg = f"Draft saved to {saved_to}. Resume with: esmtool draft --resume {saved_to}"
        else:
            msg = "Interrupted; nothing was written."
        super().__init__(msg, hint=hint)
        self.exit_code = EXIT_INTERRUPTED


class Paused(Interrupted):
    """The person chose to stop the walk ("Stop here"): the draft is saved; exit 0."""

    def __init__(self, saved_to: str | None = None, hint: str | None = None) -> None:
        super().__init__(saved_to, hint)
        self.exit_code = EXIT_OK
