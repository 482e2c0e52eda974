"""A cache of parsed catalog files, so `list` and `show` start fast.

Each successfully parsed file is pickled in the user cache folder
(platformdirs), keyed by its absolute path, size, modification time and the
esmtool version. A changed file therefore misses the cache. The cache is an
optimisation only: when the folder is unwritable, a cache file is corrupt or
``ESMTOOL_NO_CACHE`` is set, files are simply parsed again.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from . import __version__

T = TypeVar("T")
_FORMAT = 2  # 2: templates pickled one by one (catalog.LazyMap)


def cache_dir() -> Path | None:
    if os.environ.get("ESMTOOL_NO_CACHE"):
        return None
    override = os.environ.get("ESMTOOL_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("esmtool", appauthor=False)) / "catalog"


def _key(path: Path) -> tuple[Path, str] | None:
    base = cache_dir()
    if base is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    ident = f"{_FORMAT}|{__version__}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    import hashlib  # only on a cold start, when files are parsed

    digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32]
    return base, digest


def parse(
    path: Path, label: str, parser: Callable[[Path, str], tuple[Any, list[Any], Any]]
) -> tuple[Any, list[Any], Any]:
    """``parser(path, label)`` through the cache. Results with problems are never cached."""
    key = _key(path)
    if key is not None:
        base, digest = key
        hit = base / f"{digest}.pickle"
        try:
            with hit.open("rb") as fh:
                model, lines = pickle.load(fh)
            return model, [], lines
        except FileNotFoundError:
            pass
        except Exception:  # a corrupt or stale cache file is ignored and replaced
            with contextlib.suppress(OSError):
                hit.unlink()
    model, problems, lines = parser(path, label)
    if key is not None and not problems and model is not None:
        _store(key[0], key[1], (model, lines))
    return model, problems, lines


def _store(base: Path, digest: str, value: Any) -> None:
    try:
        base.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=base, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, base / f"{digest}.pickle")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass  # unwritable cache folder: carry on without caching


# ----- the whole merged catalog ----------------------------------------------------------------
# `list` and `show` usually read the same files as last time: one pickle of the merged catalog,
# keyed by every file's path, size and modification time, saves parsing and merging entirely.


def whole_key(files: list[Path]) -> str | None:
    """Every catalog file's path, size and mtime: the identity of one merged catalog."""
    if cache_dir() is None:
        return None
    parts = [f"{_FORMAT}|{__version__}"]
    try:
        for f in files:
            st = f.stat()
            parts.append(f"{os.path.abspath(f)}|{st.st_size}|{st.st_mtime_ns}")
    except OSError:
        return None
    return "\n".join(parts)


def _whole_file(base: Path, key: str) -> Path:
    # a cheap checksum names the file (this runs on every start); the full key is stored
    # inside and compared on reading, so two keys sharing a checksum can never be confused
    data = key.encode("utf-8")
    return base / f"whole-{zlib.crc32(data):08x}-{len(data):x}.pickle"


def get_whole(key: str) -> Any:
    base = cache_dir()
    if base is None:
        return None
    path = _whole_file(base, key)
    try:
        with path.open("rb") as fh:
            stored_key, value = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    return value if stored_key == key else None


def put_whole(key: str, value: Any) -> None:
    base = cache_dir()
    if base is not None:
        _store(base, _whole_file(base, key).stem, (key, value))
