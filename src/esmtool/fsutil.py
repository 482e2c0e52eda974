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
import threading
import unicodedata
from pathlib import Path

from .errors import OutputError


def atomic_write(
    path: Path,
    data: str | bytes,
    *,
    force: bool = False,
    replace_ok: bool = False,
    durable: bool = True,
) -> None:
    """Write ``data`` to ``path`` atomically.

    ``force``: the user allowed replacing an existing file.
    ``replace_ok``: the file is ours to replace (an autosave), no --force needed.
    ``durable``: flush the file and its folder to disk before returning. Atomicity against a
    crash of esmtool itself (even SIGKILL) does not need it; surviving a power cut does. Drafts
    and autosaves are always durable. A batch export passes False (its files are derived from
    drafts and can be made again) and calls :func:`sync_folder` once at the end.
    """
    path = Path(path)
    parent = _preflight(path, may_replace=force or replace_ok)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
        # mkstemp makes the file private (0600); give it the mode a plain write would:
        # the replaced file's mode, else the usual 0666 less the user's umask.
        with contextlib.suppress(OSError):
            mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if path.exists() and not (force or replace_ok):  # appeared meanwhile
            raise OutputError(
                f"{path}: already exists; esmtool does not replace files unless told to.",
                hint="Add --force to replace it, or choose another file name.",
            )
        os.replace(tmp_name, path)
        tmp_name = None
        if not durable:
            return
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


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) or say plainly why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(
            f"{folder}: is a file, not a folder, so nothing can be written inside it.",
            hint="Choose a path in a folder.",
        ) from None
    except OSError as exc:
        raise OutputError(_os_message(folder, exc), hint=_os_hint(exc)) from None


def sync_folder(folder: Path) -> None:
    """Make the names written into ``folder`` durable (one fsync of the folder)."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


_UMASK_LOCK = threading.Lock()
_UMASK: list[int] = []


def _umask() -> int:
    """The process umask (read once; os.umask can only be read by setting it)."""
    with _UMASK_LOCK:
        if not _UMASK:
            current = os.umask(0o022)
            os.umask(current)
            _UMASK.append(current)
        return _UMASK[0]


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
    parent = _preflight(path, may_replace=force)
    if not os.access(parent, os.W_OK):
        raise OutputError(
            f"{path}: cannot write here (permission denied or read-only).",
            hint="Choose a folder you can write to, e.g. your Documents folder.",
        )


def _preflight(path: Path, *, may_replace: bool) -> Path:
    """Refuse a folder, an existing file (unless it may be replaced) or a missing folder.

    Returns the folder the file goes in. A name the system refuses (too long, say) is an
    :class:`OutputError` too.
    """
    try:
        if path.is_dir():
            raise OutputError(
                f"{path}: is a folder.",
                hint="Give a file name, e.g. my-esm.docx, or use a new path.",
            )
        if path.exists() and not may_replace:
            raise OutputError(
                f"{path}: already exists; esmtool does not replace files unless told to.",
                hint="Add --force to replace it, or choose another file name.",
            )
        parent = path.parent if str(path.parent) else Path(".")
        _check_parent(parent)
    except OSError as exc:
        raise OutputError(_os_message(path, exc), hint=_os_hint(exc)) from None
    return parent


def _check_parent(parent: Path) -> None:
    if parent.is_dir():
        return
    if parent.exists():
        raise OutputError(
            f"{parent}: is a file, not a folder, so nothing can be written inside it.",
            hint="Choose a path in a folder.",
        )
    raise OutputError(
        f"{parent}: this folder does not exist.", hint="Create it first or choose another path."
    )


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(text: str, *, fallback: str = "esm", max_len: int = 80) -> str:
    """A filesystem-safe, lowercase file stem made from a title or id."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    stem = _UNSAFE.sub("-", norm).strip("-._").lower()
    stem = re.sub(r"-{2,}", "-", stem)[:max_len].rstrip("-._")
    return stem or fallback
