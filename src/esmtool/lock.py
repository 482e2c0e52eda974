"""One walk per draft: an OS lock on a small file beside the draft.

``esmtool draft --resume FILE`` in two terminals would otherwise both say
"Draft saved" and the last writer would win. The lock is ``fcntl.flock`` on
``.FILE.lock`` (holding the process id, to name it): the kernel releases it when
the process ends in any way, so a crashed walk never leaves the draft locked.
Where ``fcntl`` does not exist (Windows) or the lock file cannot be created, the
walk goes on unlocked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import UsageError


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


class DraftLock:
    """The lock held on one draft file; :meth:`release` (or process exit) frees it."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(lock_path(self.path))  # while still holding it: see acquire()
        os.close(self._fd)
        self._fd = None


def acquire(path: Path) -> DraftLock:
    """Lock ``path`` for this process, or raise UsageError naming the process that holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        return DraftLock(path, None)
    target = lock_path(path)
    for _ in range(10):
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        except OSError:
            return DraftLock(path, None)  # cannot lock here; saving will say what is wrong
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _holder(fd)
            os.close(fd)
            who = f"process {holder}" if holder else "another process"
            raise UsageError(
                f"{path} is already open in another esmtool draft walk ({who}).",
                hint="Finish or stop that walk first (Ctrl-C there saves it), then resume.",
            ) from None
        # the holder may have removed the file just before we locked it: lock the current one
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(target))
        except OSError:
            same = False
        if not same:
            os.close(fd)
            continue
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        return DraftLock(path, fd)
    return DraftLock(path, None)  # pragma: no cover - the file kept changing under us


def _holder(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return text
    return ""


@contextlib.contextmanager
def locked(path: Path) -> Iterator[DraftLock]:
    lock = acquire(path)
    try:
        yield lock
    finally:
        lock.release()
