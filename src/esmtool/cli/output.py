"""The one printer: results on stdout, lines for people on stderr, errors with their hints.

Built on :mod:`esmtool.stdio` (streams that fail with a message and never pass escape
sequences to a terminal).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer

from .. import stdio
from ..errors import EsmtoolError, Interrupted

if TYPE_CHECKING:
    from ..fsutil import FileId

T = TypeVar("T")

# err: a line for people on stderr; out: results on stdout (exactly the text, UTF-8).
# Both show control characters instead of sending them to a terminal (see stdio).
err = stdio.err
out = stdio.out
write_bytes = stdio.write_bytes


def stdout_console() -> Any:
    return stdio.console()


def stderr_console() -> Any:
    return stdio.console(stderr=True)


def default_format() -> str:
    """Tables for a person at a terminal, JSON for a pipe or a file."""
    return "table" if sys.stdout.isatty() else "json"


#: Formats that are files, never text for a terminal.
BINARY_FORMATS = ("docx", "xlsx")


def binary_to_stdout(fmt: str) -> None:
    """A Word document or workbook may go to a pipe or a redirected file, never to a terminal.

    ``esmtool export x.yaml --format docx > x.docx`` and ``… | upload`` get the document's
    bytes; a person at a terminal would get a screen of binary, so they are asked for -o.
    """
    if fmt not in BINARY_FORMATS or not sys.stdout.isatty():
        return
    from ..errors import UsageError

    what = "A Word document" if fmt == "docx" else "An Excel workbook"
    raise UsageError(
        f"{what} cannot be shown in the terminal.",
        hint=f"Add -o FILE.{fmt} (or send the output to a file: > FILE.{fmt}).",
    )


def report_lines(lines: list[str], hint: str | None = None, *, console: Any = None) -> None:
    """An error's lines on stderr: 'Error: first line', the rest as they are, then the hint."""
    shown = [f"Error: {lines[0]}", *lines[1:], *([hint] if hint else [])]
    if console is None:
        for line in shown:
            err(line)
        return
    from rich.text import Text

    for line in shown:
        console.print(Text(line), soft_wrap=True)


def report_error(exc: EsmtoolError) -> None:
    lines = exc.lines()
    if isinstance(exc, Interrupted):  # the person's choice, not an error: say what was kept
        err(lines[0])
        for line in [*lines[1:], *([exc.hint] if exc.hint else [])]:
            err(line)
        return
    report_lines(lines, exc.hint)


def quiet_broken_pipe() -> NoReturn:
    # `esmtool list strategies | head` closes the pipe early: that is not an error.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(0)


def print_each(items: Iterable[T], render: Callable[[T, Any], None]) -> Any:
    """Render each item on stdout as it comes (results stream: memory stays flat), a blank
    line between two; the console is made at the first item. Returns it (None: no item)."""
    console = None
    for item in items:
        if console is None:
            console = stdout_console()
        else:
            console.print()
        render(item, console)
    return console


class Destination:
    """Where a command's result goes: stdout (``None`` or ``-``), or a file.

    A file is checked when the destination is made, before any work (never replaced
    without ``--force``, never a symlink, a device or an input of the same run: ``protect``),
    and written atomically; ``checked``: the command checked it already.
    """

    def __init__(
        self,
        target: Path | None,
        *,
        force: bool = False,
        protect: Collection[FileId] = (),
        checked: bool = False,
    ) -> None:
        self.target = None if target is None or str(target) == "-" else Path(target)
        self.force = force
        self.protect = protect
        if self.target is not None and not checked:
            from ..fsutil import check_writable

            check_writable(self.target, force=force, protect=protect)

    @property
    def to_stdout(self) -> bool:
        return self.target is None

    def refuse_binary(self, fmt: str) -> None:
        """A Word document or workbook goes to stdout only when it is a pipe or a file."""
        if self.target is None:
            binary_to_stdout(fmt)

    def write(self, payload: bytes | str, *, fmt: str | None = None, note: str = "") -> None:
        """The result on stdout (text as text), or into the file with 'Wrote PATH' on stderr."""
        if self.target is None:
            if fmt is not None:
                self.refuse_binary(fmt)
            if isinstance(payload, str):
                out(payload)
            else:
                write_bytes(payload)
            return
        from ..fsutil import atomic_write

        atomic_write(self.target, payload, force=self.force, protect=self.protect)
        err(f"Wrote {self.target}{note}")
