"""Standard streams that fail with a message, never a traceback, and never talk to a terminal
in escape sequences.

:func:`guard` (called once by the entry point, ``cli.main``) puts a thin layer under
``sys.stdout``: a write that fails (``> /dev/full``, an I/O error) raises
:class:`esmtool.errors.StreamError` ("could not write to standard output: no space left on
device"), exit 2, and the stream is pointed at the null device so nothing fails twice. A
standard stream that was closed before esmtool started (``>&-``, ``<&-``) becomes one that
raises the same error when it is used (and the file descriptor is kept busy with the null
device, so no file esmtool opens takes its number). A broken pipe (``| head``) stays a
:class:`BrokenPipeError`, which the CLI turns into a quiet exit 0.

Text for people (tables, panels, messages) is written in the terminal's encoding with
characters it cannot show replaced; machine formats (``out``, ``write_bytes``) are always
UTF-8, whatever the locale, so the same command gives the same bytes everywhere.

Anything printed to a terminal goes through :func:`esmtool.errors.terminal_text`: a catalog
or draft cannot send escape sequences (ESC, OSC, CSI) to the person's terminal.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import Any

from .errors import StreamError, terminal_text

#: The widest table or panel drawn, whatever COLUMNS says (COLUMNS=99999999 would take minutes).
MAX_WIDTH = 1000


class _Guarded(io.BufferedIOBase):
    """A binary stream that turns an OSError (not a broken pipe) into a StreamError."""

    def __init__(self, raw: Any, fd: int, name: str) -> None:
        super().__init__()
        self._raw = raw  # None: closed before esmtool started (the first write says so)
        self._fd = fd
        self._name = name
        self._failed = False

    def _fail(self, exc: OSError | None) -> StreamError:
        _to_devnull(self._fd)  # what is still buffered now goes nowhere, without a second error
        self._raw = None
        self._failed = True
        return StreamError(self._name, exc)

    def write(self, data: Any) -> int:
        if self._raw is None:
            if not self._failed:
                raise self._fail(None)
            return len(data)
        try:
            return int(self._raw.write(data))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._fail(exc) from None

    def flush(self) -> None:
        if self._raw is None:
            return
        try:
            self._raw.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._fail(exc) from None

    def readable(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return bool(self._raw is not None and self._raw.isatty())

    def close(self) -> None:  # sys.stdout is never closed by us
        with contextlib.suppress(Exception):
            self.flush()


class _ClosedInput(io.RawIOBase):
    """Standard input that was closed when esmtool started: reading it is a StreamError."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        raise StreamError("standard input", None)

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return False


def _to_devnull(fd: int) -> None:
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)


def guard() -> None:
    """Install the guarded standard streams (the entry point calls this once)."""
    if sys.stdin is None:
        _to_devnull(0)
        sys.stdin = io.TextIOWrapper(io.BufferedReader(_ClosedInput(0)))
    if sys.stderr is None:  # nobody to tell: messages go nowhere rather than fail
        _to_devnull(2)
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    old = sys.stdout
    encoding: str = "utf-8"
    line_buffering: bool = False
    if old is None:
        _to_devnull(1)
        buffer: Any = _Guarded(None, 1, "standard output")
    else:
        try:
            fd = old.fileno()
            raw = old.buffer
        except (AttributeError, OSError, ValueError):  # not a real stream (a test harness)
            return
        buffer = _Guarded(raw, fd, "standard output")
        encoding, line_buffering = old.encoding, bool(getattr(old, "line_buffering", False))
    # text for people: characters the terminal's encoding lacks become '?', never a crash
    sys.stdout = io.TextIOWrapper(
        buffer, encoding=encoding, errors="replace", line_buffering=line_buffering
    )


def finish() -> None:
    """Flush standard output at the end (a full disk often shows only here)."""
    if sys.stdout is not None:
        sys.stdout.flush()


def out(text: str) -> None:
    """Machine output (JSON, YAML, CSV, Markdown, a path) on stdout: exactly ``text``, UTF-8."""
    write_bytes(text.encode("utf-8", "surrogateescape"))


def write_bytes(data: bytes) -> None:
    """Bytes on stdout; on a terminal, control characters are shown, not obeyed."""
    stream = sys.stdout
    stream.flush()
    if _isatty(stream):
        data = terminal_text(data.decode("utf-8", "replace")).encode("utf-8")
    stream.buffer.write(data)
    stream.flush()


def err(message: str) -> None:
    """A line for people, on stderr (control characters shown, not obeyed)."""
    sys.stderr.write(terminal_text(message.rstrip("\n")) + "\n")
    sys.stderr.flush()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def console(*, stderr: bool = False) -> Any:
    """A rich Console that never prints a control character from the data it draws and is
    never wider than :data:`MAX_WIDTH`."""
    from rich.console import Console
    from rich.segment import Segment

    class _SafeConsole(Console):
        def render(self, renderable: Any, options: Any = None) -> Any:
            for seg in super().render(renderable, options):
                if seg.control is None and seg.text and not seg.text.isprintable():
                    yield Segment(terminal_text(seg.text), seg.style)
                else:
                    yield seg

    c = _SafeConsole(stderr=stderr, highlight=False, soft_wrap=False)
    if c.width > MAX_WIDTH:
        c.width = MAX_WIDTH
    return c


def install_signal_cleanup() -> None:
    """SIGTERM, SIGHUP: remove the temporary files being written, then exit 128 + signal.

    Only where the signal is not ignored (``nohup`` keeps SIGHUP ignored, as it should).
    """
    import signal as signals  # already loaded at start-up (subprocess imports it)

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signals, name, None)
        if sig is None:
            continue
        with contextlib.suppress(OSError, ValueError):
            if signals.getsignal(sig) != signals.SIG_IGN:
                signals.signal(sig, _on_signal)


def _on_signal(signum: int, _frame: Any) -> None:
    fsutil = sys.modules.get("esmtool.fsutil")
    if fsutil is not None:
        fsutil.remove_live_temp_files()
    import signal

    name = signal.Signals(signum).name
    with contextlib.suppress(OSError):
        os.write(2, f"Stopped by {name}; no temporary file was left behind.\n".encode())
    os._exit(128 + signum)
