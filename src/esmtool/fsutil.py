"""Writing files so that nothing is ever lost or half-written.

:func:`atomic_write` writes to a temporary file in the same folder (a short name,
``.esm-XXXXXXXX.tmp``, so a target name of up to 255 bytes still fits), flushes it to disk
and then puts it in place:

- a new file is *linked* to the target name (``os.link``), so the kernel itself refuses when
  something appeared at that name meanwhile: of two writers racing to one new path exactly one
  wins, the other gets the usual "already exists" message;
- an existing file is *replaced* (``os.replace``) only when the caller may replace it
  (``--force``, or a file that is ours, such as an autosave).

A crash (even SIGKILL) leaves either the previous file or the complete new one. The target must
be a regular file or absent: a folder, a device (``/dev/full``), a FIFO, a socket or a symbolic
link (dangling or not) is refused, with or without ``--force``; so is any file the caller lists
in ``protect`` (the inputs of the same run, compared by device and inode, not by name).

Temporary files in flight are listed in a registry (each is listed before it is created);
:func:`remove_live_temp_files` deletes them, which the SIGTERM/SIGHUP handler of
:mod:`esmtool.stdio` does before the process exits.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import threading
import unicodedata
from collections.abc import Collection, Iterable
from pathlib import Path

from .errors import OutputError

#: (st_dev, st_ino) of a file: the identity of an input that must never be written over.
FileId = tuple[int, int]

TEMP_PREFIX = ".esm-"
TEMP_SUFFIX = ".tmp"


def file_ids(paths: Iterable[str | Path]) -> frozenset[FileId]:
    """The identities of the existing files among ``paths`` (following symbolic links)."""
    ids = set()
    for p in paths:
        with contextlib.suppress(OSError, ValueError):
            st = os.stat(p)
            if stat.S_ISREG(st.st_mode):
                ids.add((st.st_dev, st.st_ino))
    return frozenset(ids)


def atomic_write(
    path: Path,
    data: str | bytes,
    *,
    force: bool = False,
    replace_ok: bool = False,
    durable: bool = True,
    protect: Collection[FileId] = (),
) -> None:
    """Write ``data`` to ``path`` atomically.

    ``force``: the user allowed replacing an existing file.
    ``replace_ok``: the file is ours to replace (an autosave), no --force needed.
    ``durable``: flush the file and its folder to disk before returning. Atomicity against a
    crash of esmtool itself (even SIGKILL) does not need it; surviving a power cut does. Drafts
    and autosaves are always durable. A batch export passes False (its files are derived from
    drafts and can be made again) and calls :func:`sync_folder` once at the end.
    ``protect``: identities (:func:`file_ids`) of files that must not be replaced even with
    ``force``: the inputs of the same run.
    """
    path = Path(path)
    may_replace = force or replace_ok
    parent = _preflight(path, may_replace=may_replace, protect=protect)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        fd, tmp = _create_temp(parent)
        # the temporary file is private (0600); give it the mode a plain write would:
        # the replaced file's mode, else the usual 0666 less the user's umask.
        with contextlib.suppress(OSError):
            existing = _lstat(path)
            mode = existing.st_mode & 0o7777 if existing is not None else 0o666 & ~_umask()
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        existing = _lstat(path)
        if existing is None or not may_replace:
            _link_new(tmp, path)
        else:
            _refuse_odd_target(path, existing, protect)  # it may have changed meanwhile
            os.replace(tmp, path)
            _forget_temp(tmp)
            tmp = None
        if durable:
            sync_folder(parent)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(_os_message(path, exc), hint=_os_hint(exc)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            _forget_temp(tmp)


def _link_new(tmp: str, path: Path) -> None:
    """Give the finished temporary file the name ``path``; the kernel refuses an existing one."""
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # a file system without hard links (FAT, some network shares): claim the name with
        # O_EXCL (the kernel still refuses an existing name), then rename over our own claim
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
        except FileExistsError:
            raise _exists(path) from None
        os.replace(tmp, path)


def _exists(path: Path) -> OutputError:
    return OutputError(
        f"{path}: already exists; esmtool does not replace files unless told to.",
        hint="Add --force to replace it, or choose another file name.",
    )


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


# ----- temporary files in flight, removed on SIGTERM / SIGHUP --------------------------------------

_LIVE: set[str] = set()
_LIVE_LOCK = threading.RLock()
_STOPPING = threading.Event()


def _create_temp(parent: Path) -> tuple[int, str]:
    """Create a new private temporary file in ``parent``; it is registered before it exists."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = os.path.join(parent, f"{TEMP_PREFIX}{os.urandom(4).hex()}{TEMP_SUFFIX}")
        with _LIVE_LOCK:
            if _STOPPING.is_set():  # a signal is ending the process: start nothing new
                raise OutputError(f"{parent}: stopped before writing.")
            _LIVE.add(name)
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            _forget_temp(name)
        except BaseException:
            _forget_temp(name)
            raise
    raise OSError(errno.EEXIST, "no free temporary file name")


def _forget_temp(name: str) -> None:
    with _LIVE_LOCK:
        _LIVE.discard(name)


def live_temp_files() -> list[str]:
    """The temporary files being written right now (for tests and the signal handler)."""
    with _LIVE_LOCK:
        return sorted(_LIVE)


def remove_live_temp_files() -> None:
    """Delete every temporary file in flight; no new one is started afterwards."""
    with _LIVE_LOCK:
        _STOPPING.set()
        names = list(_LIVE)
        _LIVE.clear()
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(name)


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
    if exc.errno == errno.ENAMETOOLONG:
        return f"{path}: cannot be written: the name is too long for this system."
    return f"{path}: cannot be written ({exc.strerror or exc})."


def _os_hint(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "Free some space or write to another disk."
    if exc.errno == errno.ENAMETOOLONG:
        return "Choose a shorter file name."
    return "Choose a folder you can write to, e.g. your Documents folder."


def check_writable(path: Path, *, force: bool, protect: Collection[FileId] = ()) -> None:
    """Fail early (before any work) when ``path`` cannot be written."""
    path = Path(path)
    parent = _preflight(path, may_replace=force, protect=protect)
    if not os.access(parent, os.W_OK):
        raise OutputError(
            f"{path}: cannot write here (permission denied or read-only).",
            hint="Choose a folder you can write to, e.g. your Documents folder.",
        )


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # a missing folder is named by the caller
        return None


def _preflight(path: Path, *, may_replace: bool, protect: Collection[FileId] = ()) -> Path:
    """Refuse an odd target, an existing file (unless it may be replaced) or a missing folder.

    Returns the folder the file goes in. A name the system refuses (too long, say) is an
    :class:`OutputError` too.
    """
    try:
        existing = _lstat(path)
        if existing is not None:
            _refuse_odd_target(path, existing, protect)
            if not may_replace:
                raise _exists(path)
        parent = path.parent if str(path.parent) else Path(".")
        _check_parent(parent)
    except OSError as exc:
        raise OutputError(_os_message(path, exc), hint=_os_hint(exc)) from None
    return parent


def _refuse_odd_target(path: Path, st: os.stat_result, protect: Collection[FileId]) -> None:
    """Refuse anything at ``path`` that is not a plain file esmtool may write over."""
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        try:
            points_to = os.readlink(path)
        except OSError:
            points_to = "?"
        dangling = not os.path.exists(path)
        raise OutputError(
            f"{path}: is a symbolic link (to {points_to}{', which does not exist' if dangling else ''}); "
            "esmtool never replaces a link, with or without --force.",
            hint="Write to the file itself, or choose another name.",
        )
    if stat.S_ISDIR(mode):
        raise OutputError(
            f"{path}: is a folder.",
            hint="Give a file name, e.g. my-esm.docx, or use a new path.",
        )
    if not stat.S_ISREG(mode):
        kind = (
            "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a named pipe (FIFO)"
            if stat.S_ISFIFO(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        raise OutputError(
            f"{path}: is {kind}, not a regular file; esmtool writes only regular files, "
            "with or without --force.",
            hint="Use -o - for standard output, or give a file name.",
        )
    if (st.st_dev, st.st_ino) in protect:
        raise OutputError(
            f"{path}: is one of the files this command reads; esmtool never writes over its "
            "own input, with or without --force.",
            hint="Choose another output file or folder.",
        )


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
