"""Writing files so that nothing is ever lost or half-written.

:func:`atomic_write` writes to a temporary file in the same folder, flushes it
to disk and renames it over the target, so a crash (or SIGKILL) leaves either
the previous file or the complete new one. Unless ``force`` is given it
refuses to replace an existing file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from .errors import OutputError


def atomic_write(
    path: Path, data: str | bytes, *, force: bool = False, replace_ok: bool = False
) -> None:
    """Write ``data`` to ``path`` atomically.

    ``force``: the user allowed replacing an existing file.
    ``replace_ok``: the file is ours to replace (an autosave), no --force needed.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(
            f"{path}: is a folder.", hint="Give a file name, e.g. my-esm.docx, or use a new path."
        )
    if path.exists() and not (force or replace_ok):
        raise OutputError(
            f"{path}: already exists; esmtool does not replace files unless told to.",
            hint="Add --force to replace it, or choose another file name.",
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise OutputError(
            f"{parent}: this folder does not exist.", hint="Create it first or choose another path."
        )
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists() and not (force or replace_ok):  # appeared meanwhile
            raise OutputError(
                f"{path}: already exists; esmtool does not replace files unless told to.",
                hint="Add --force to replace it, or choose another file name.",
            )
        os.replace(tmp_name, path)
        tmp_name = None
        with contextlib.suppress(OSError):  # make the rename itself durable where we can
            dir_fd = os.open(parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(_os_message(path, exc), hint=_os_hint(exc)) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _os_message(path: Path, exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path}: cannot write here (permission denied or read-only)."
    if exc.errno == errno.ENOSPC:
        return f"{path}: the disk is full."
    return f"{path}: cannot be written ({exc.strerror or exc})."


def _os_hint(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "Free some space or write to another disk."
    return "Choose a folder you can write to, e.g. your Documents folder."


def check_writable(path: Path, *, force: bool) -> None:
    """Fail early (before any work) when ``path`` cannot be written."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(
            f"{path}: is a folder.", hint="Give a file name, e.g. my-esm.docx, or use a new path."
        )
    if path.exists() and not force:
        raise OutputError(
            f"{path}: already exists; esmtool does not replace files unless told to.",
            hint="Add --force to replace it, or choose another file name.",
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(
            f"{parent}: this folder does not exist.", hint="Create it first or choose another path."
        )
    if not os.access(parent, os.W_OK):
        raise OutputError(
            f"{path}: cannot write here (permission denied or read-only).",
            hint="Choose a folder you can write to, e.g. your Documents folder.",
        )


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(text: str, *, fallback: str = "esm", max_len: int = 80) -> str:
    """A filesystem-safe, lowercase file stem made from a title or id."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    stem = _UNSAFE.sub("-", norm).strip("-._").lower()
    stem = re.sub(r"-{2,}", "-", stem)[:max_len].rstrip("-._")
    return stem or fallback
