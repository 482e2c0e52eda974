"""The drafts a person has on the go: the autosaves in the data folder and the drafts the walk
saved elsewhere (beside ``-o``, in a plan's drafts folder), for ``esmtool drafts`` and
``esmtool draft --resume`` without a path.

Decision: walks remember their file in ``recent-drafts.json`` in the user data folder (a
plain JSON list of paths, at most :data:`MAX_REMEMBERED`, newest first, nothing that runs
code when read), because an autosave beside ``-o`` is not in the data folder. Files that are
gone are left out. Listing reads each file (bounded like every input) but never needs the
catalog: the progress is the walk's step, from the draft's own keys.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: How many drafts outside the data folder are remembered.
MAX_REMEMBERED = 50
#: The file suffixes a draft may have.
SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class DraftInfo:
    path: Path
    title: str | None
    npm: str | None
    #: the walk's step ("step 3 of 5: ESM definition, 4 to answer"), "finished", or why unreadable
    progress: str
    finished: bool
    modified: _dt.datetime  # UTC

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "npm": self.npm,
            "progress": self.progress,
            "finished": self.finished,
            "modified": self.modified.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "path": str(self.path),
        }


def _data_folder() -> Path:
    from .autosave import drafts_dir

    return drafts_dir()


def _remembered_file() -> Path:
    return _data_folder().parent / "recent-drafts.json"


def _remembered() -> list[str]:
    try:
        raw = _remembered_file().read_bytes()[:1_000_000]
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in data if isinstance(p, str)] if isinstance(data, list) else []


def remember(path: Path) -> None:
    """Note ``path`` as a draft being walked (best effort: listing is a convenience)."""
    from ..fsutil import atomic_write, ensure_folder

    here = str(Path(path).absolute())
    folder = _data_folder()
    if Path(here).parent == folder.absolute():
        return  # listed anyway
    paths = [here, *(p for p in _remembered() if p != here)][:MAX_REMEMBERED]
    with contextlib.suppress(Exception):
        target = _remembered_file()
        ensure_folder(target.parent)
        atomic_write(target, json.dumps(paths, indent=1) + "\n", replace_ok=True, durable=False)


def _candidates() -> list[Path]:
    found: dict[str, Path] = {}
    folder = _data_folder()
    with contextlib.suppress(OSError):
        for child in folder.iterdir():
            if child.name.startswith(".") or child.suffix.lower() not in SUFFIXES:
                continue
            if child.is_file():
                found[os.path.realpath(child)] = child.absolute()
    for p in _remembered():
        path = Path(p)
        if path.is_file():
            found.setdefault(os.path.realpath(path), path)
    return list(found.values())


def describe(path: Path) -> DraftInfo:
    """What ``esmtool drafts`` shows for one file."""
    from ..errors import EsmtoolError
    from ..yamlio import load_file

    try:
        modified = _dt.datetime.fromtimestamp(path.stat().st_mtime, tz=_dt.timezone.utc)
    except OSError:
        modified = _dt.datetime.fromtimestamp(0, tz=_dt.timezone.utc)
    try:
        data, _ = load_file(path)
    except EsmtoolError as exc:
        why = exc.message.split(": ", 1)[-1].rstrip(".")
        return DraftInfo(path, None, None, f"cannot be read: {why}", False, modified)
    if not isinstance(data, dict):
        return DraftInfo(path, None, None, "not an esmtool draft", False, modified)
    raw_esm = data.get("esm")
    esm: dict[str, Any] = raw_esm if isinstance(raw_esm, dict) else {}
    title = esm.get("title") if isinstance(esm.get("title"), str) else None
    npm = data.get("npm") if isinstance(data.get("npm"), str) else None
    progress, finished = _progress(data)
    return DraftInfo(path, title, npm, progress, finished, modified)


def _progress(data: dict[str, Any]) -> tuple[str, bool]:
    """The walk's step for ``data``, and whether the draft is finished."""
    from pydantic import ValidationError

    from .defaults import apply_defaults
    from .model import Draft
    from .rules import missing_keys

    try:
        draft = Draft.model_validate(data)
    except ValidationError:
        return "has problems (esmtool check FILE says which)", False
    if not draft.npm:
        return "step 1 of 5: measure", False
    if not draft.strategy:
        return "step 2 of 5: strategy", False
    left = [k for k in missing_keys(apply_defaults(draft)) if k.startswith("esm.")]
    if left:
        n = len(left)
        return f"step 3 of 5: ESM definition, {n} to answer", False
    if not draft.measures and not draft.skipped_quadrants:
        return "step 4 of 5: measure set", False
    if draft.walk is not None:
        return "step 5 of 5: review", False
    return "finished", True


def recent_drafts() -> list[DraftInfo]:
    """Every known draft, the last changed first (then by path: the order is deterministic)."""
    infos = [describe(p) for p in _candidates()]
    infos.sort(key=lambda i: (-i.modified.timestamp(), str(i.path)))
    return infos


def unfinished(infos: list[DraftInfo]) -> list[DraftInfo]:
    """The drafts a walk can continue (finished ones can still be resumed by path)."""
    return [i for i in infos if not i.finished and not i.progress.startswith(("cannot", "not "))]
