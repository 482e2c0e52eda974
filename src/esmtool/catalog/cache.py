"""A cache of the parsed catalog, so `list` and `show` start fast.

The cache holds plain JSON data only: reading it can never run code (it used to be pickle,
which runs whatever a planted file asks). It lives in the user cache folder (platformdirs,
or ``ESMTOOL_CACHE_DIR``), created private (0700); a folder that is not a real folder owned
by the current user, or that group or others may write to, is not used at all, with a notice
saying why. Entries are keyed on

- the bytes of every catalog file (a BLAKE2 hash: ~0.7 ms for the bundled 300 KB), so an
  edit that keeps size and modification time (``cp -p``, ``rsync -t``, ``tar x``) is seen;
  a small stat entry remembers that key for files whose change times have not moved, so a
  start that finds nothing changed reads no catalog file (:func:`whole_key`);
- esmtool's own code: its version plus a hash of the modules that define the cached shape
  (models, catalog, templates, cache, search_index for the synonyms' keys, and browse
  and records for the ready-made records), so an editable install whose models changed never reads entries
  of the old shape.

An entry is read without following symlinks and without blocking (a FIFO or device at its
name is ignored), only if it is a regular file of ours, and only if it has exactly the shape
written; anything else is a miss. Old entries are pruned on each write (the newest few
merged catalogs and a bounded number of per-file entries are kept). The cache is an
optimisation only: ``ESMTOOL_NO_CACHE=1`` turns it off, and any failure means "parse again".
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__

#: What building from a cached entry of the wrong shape raises (models.build_plain and the
#: readers here): such an entry is a miss, never an error.
WRONG_SHAPE = (KeyError, TypeError, ValueError, AttributeError)

_FORMAT = 2
#: merged-catalog entries kept (one per combination of catalog folders in use)
KEEP_WHOLE = 4
#: per-file entries kept at least (more when one catalog has more files)
KEEP_FILES = 256
#: the largest entry read (the bundled catalog is about 0.4 MB as JSON)
MAX_ENTRY_BYTES = 64 * 1024 * 1024

_notices: list[str] = []


def notices() -> list[str]:
    """Why the cache folder was not used, once per process (shown as a catalog notice)."""
    return list(_notices)


def _notice(text: str) -> None:
    if text not in _notices:
        _notices.append(text)


def _folder() -> Path | None:
    if os.environ.get("ESMTOOL_NO_CACHE"):
        return None
    override = os.environ.get("ESMTOOL_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("esmtool", appauthor=False)) / "catalog"


def cache_dir(create: bool = True) -> Path | None:
    """The cache folder if it is safe to use (ours, private enough), else None.

    ``create``: make it (mode 0700) when it does not exist yet; without it, a folder that
    does not exist yet is returned as it will be made.
    """
    base = _folder()
    if base is None:
        return None
    try:
        st = os.lstat(base)
    except FileNotFoundError:
        if not create:
            return base  # nothing to read yet; a write creates it
        try:
            base.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(base, 0o700)
            st = os.lstat(base)
        except OSError:
            return None  # unwritable: carry on without caching
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        _notice(f"the catalog cache {base} is not a folder; it is not used.")
        return None
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        _notice(
            f"the catalog cache {base} belongs to another user; it is not used "
            "(remove it, or set ESMTOOL_CACHE_DIR to a folder of your own)."
        )
        return None
    if st.st_mode & 0o022:
        _notice(
            f"the catalog cache {base} can be written by other users; it is not used "
            f"(make it private: chmod 700 {base})."
        )
        return None
    return base


#: the modules whose code decides what an entry holds
_SHAPING_MODULES = (
    "models.py",
    "catalog.py",
    "templates.py",
    "cache.py",
    "search_index.py",
    "browse.py",
    "records.py",
)


@functools.cache
def code_version() -> str:
    """esmtool's version plus a hash of the modules that shape the cached data."""
    import hashlib

    here = Path(__file__).resolve().parent
    h = hashlib.blake2b(f"{_FORMAT}|{__version__}".encode(), digest_size=16)
    for name in _SHAPING_MODULES:
        try:
            h.update((here / name).read_bytes())
        except OSError:  # a zipped or frozen install: the version alone
            h.update(name.encode())
    return h.hexdigest()


def content_key(files: list[Path]) -> str | None:
    """The identity of a set of catalog files: their paths and the hash of their bytes."""
    import hashlib

    h = hashlib.blake2b(code_version().encode(), digest_size=20)
    try:
        for f in files:
            data = f.read_bytes()
            h.update(f"\0{os.path.abspath(f)}\0{len(data)}\0".encode())
            h.update(data)
    except OSError:
        return None
    return h.hexdigest()


def _read(path: Path) -> Any:
    """The JSON data of one entry, or None: never follows a symlink, never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES:
            return None
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            return None
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return json.loads(b"".join(chunks))
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)


def _write(base: Path, name: str, value: Any) -> None:
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=base, prefix=".tmp-", suffix=".json")  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(value, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, base / name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, TypeError, ValueError):
        pass  # unwritable cache folder, or a value JSON cannot hold: carry on without caching


def prune(base: Path, prefix: str, keep: int) -> None:
    """Keep the ``keep`` newest entries named ``prefix*``; drop old-format and stale temp files."""
    import time

    entries: list[tuple[float, Path]] = []
    try:
        with os.scandir(base) as it:
            for e in it:
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode):
                    continue
                if e.name.endswith(".pickle") or (
                    e.name.startswith(".tmp-") and st.st_mtime < time.time() - 3600
                ):
                    with contextlib.suppress(OSError):
                        os.unlink(e.path)  # the pickle cache of esmtool < 0.2; dead temp files
                elif e.name.startswith(prefix) and e.name.endswith(".json"):
                    entries.append((st.st_mtime, Path(e.path)))
    except OSError:
        return
    entries.sort(reverse=True)
    for _, path in entries[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()


# ----- one parsed file ---------------------------------------------------------------------------


def parse(
    path: Path,
    label: str,
    parser: Callable[[Path, str], tuple[Any, list[Any], Any]],
    *,
    dump: Callable[[Any], Any],
    build: Callable[[Any], Any],
    keep: int = KEEP_FILES,
) -> tuple[Any, list[Any], Any]:
    """``parser(path, label)`` through the cache. Results with problems are never cached.

    ``dump`` turns a parsed model into plain data, ``build`` turns that data back (raising
    on a wrong shape, which is a miss).
    """
    base = cache_dir(create=False)
    key = content_key([path]) if base is not None else None
    if base is not None and key is not None:
        hit = _read(base / f"file-{key}.json")
        if isinstance(hit, dict) and hit.get("key") == key:
            try:
                model = build(hit["model"])
                lines = {(str(s), int(i)): int(n) for s, i, n in hit["lines"]}
            except WRONG_SHAPE:
                pass
            else:
                return model, [], lines
    model, problems, lines = parser(path, label)
    if base is not None and key is not None and not problems and model is not None:
        base = cache_dir(create=True)
        if base is not None:
            entry = {
                "key": key,
                "model": dump(model),
                "lines": [[s, i, n] for (s, i), n in lines.items()],
            }
            _write(base, f"file-{key}.json", entry)
            prune(base, "file-", keep)
    return model, problems, lines


# ----- the whole merged catalog ------------------------------------------------------------------
# `list` and `show` usually read the same files as last time: one entry holds the merged
# catalog, keyed by the content of every file, and saves parsing and merging entirely.


def whole_key(files: list[Path]) -> str | None:
    """The content key of a set of files, found from their ``stat`` when nothing changed.

    Hashing every file's bytes costs a few milliseconds at each start. A small entry maps the
    files' identities (device, inode, size, modification and change times, in nanoseconds) to
    their content key, so a start whose files were not touched reads no file. Any write to a
    file, and any ``cp -p``, ``rsync -t`` or ``tar x`` onto it, sets its change time (ctime)
    to now, which no tool can set back, so such an edit is always hashed again. Files changed
    within the last ``RACY_SECONDS`` are never recorded (a file changed twice within the
    clock's granularity could keep its stat: git's "racily clean" rule).
    """
    base = cache_dir(create=False)
    if base is None:
        return None
    sig = _stat_signature(files)
    if sig is not None:
        hit = _read(base / f"stat-{sig[0]}.json")
        if isinstance(hit, dict) and hit.get("sig") == sig[0] and isinstance(hit.get("key"), str):
            return str(hit["key"])
    key = content_key(files)
    if key is not None and sig is not None and sig[1] < _now() - RACY_SECONDS:
        base = cache_dir(create=True)
        if base is not None:
            _write(base, f"stat-{sig[0]}.json", {"sig": sig[0], "key": key})
            prune(base, "stat-", KEEP_STATS)
    return key


#: seconds within which a file changed is always read (see :func:`whole_key`)
RACY_SECONDS = 2.0
#: stat entries kept (one per set of files in use)
KEEP_STATS = 16


def _now() -> float:
    import time

    return time.time()


def _stat_signature(files: list[Path]) -> tuple[str, float] | None:
    """A hash of the files' stat identities, and the newest of their times; None if one fails."""
    import hashlib

    h = hashlib.blake2b(code_version().encode(), digest_size=20)
    newest = 0.0
    try:
        for f in files:
            st = os.stat(f)
            h.update(
                f"\0{os.path.abspath(f)}\0{st.st_dev}\0{st.st_ino}\0{st.st_size}"
                f"\0{st.st_mtime_ns}\0{st.st_ctime_ns}".encode()
            )
            newest = max(newest, st.st_mtime, st.st_ctime)
    except OSError:
        return None
    return h.hexdigest(), newest


def get_whole(key: str, part: str = "whole") -> Any:
    """The plain data stored under ``key`` (``part``: "whole", or "templates"), or None."""
    base = cache_dir(create=False)
    if base is None:
        return None
    hit = _read(base / f"{_PARTS[part]}-{key}.json")
    if isinstance(hit, dict) and hit.get("key") == key:
        return hit.get("value")
    return None


def put_whole(key: str, value: Any, part: str = "whole") -> None:
    base = cache_dir(create=True)
    if base is not None:
        prefix = _PARTS[part]
        _write(base, f"{prefix}-{key}.json", {"key": key, "value": value})
        prune(base, f"{prefix}-", KEEP_WHOLE)


# ----- ready-made records (see esmtool.catalog.records) ------------------------------------------

#: record entries kept (one per list kind and per entry shown, for the catalogs in use)
KEEP_RECORDS = 512


def get_record(key: str, name: str) -> tuple[Any, list[str]] | None:
    """The record ``name`` built from the catalog whose content key is ``key``, and its notices."""
    base = cache_dir(create=False)
    if base is None:
        return None
    hit = _read(base / f"rec-{key}-{name}.json")
    if not (isinstance(hit, dict) and hit.get("key") == key and hit.get("name") == name):
        return None
    notices = hit.get("notices")
    if "value" not in hit or not (
        isinstance(notices, list) and all(isinstance(n, str) for n in notices)
    ):
        return None
    return hit["value"], notices


def put_record(key: str, name: str, value: Any, notices: list[str]) -> None:
    base = cache_dir(create=True)
    if base is not None:
        entry = {"key": key, "name": name, "value": value, "notices": list(notices)}
        _write(base, f"rec-{key}-{name}.json", entry)
        prune(base, "rec-", KEEP_RECORDS)


#: The merged catalog's entries: most of it by size is templates, which `list`, `search` and
#: the walk's first questions never read: they are a second entry, read when first needed.
_PARTS = {"whole": "whole", "templates": "tmpl"}
