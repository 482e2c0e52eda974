"""Where a draft in progress is saved, and saving it so nothing is lost.

The autosave file is an ordinary draft file (the same schema as answers files
and the YAML export), rewritten atomically after every answer.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from .draft import Draft
from .errors import OutputError
from .fsutil import atomic_write, ensure_folder

HEADER = "# esmtool draft in progress (autosave). Resume with: esmtool draft --resume {path}\n"


def drafts_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("esmtool", appauthor=False)) / "drafts"


def default_path(output: Path | None, *, now: _dt.datetime | None = None) -> Path:
    """Beside ``-o`` when given (``report.docx`` -> ``report.draft.yaml``), else the data folder."""
    if output is not None and str(output) != "-":
        first = output.with_name(output.stem + ".draft.yaml")
    else:
        stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        first = drafts_dir() / f"draft-{stamp}.yaml"
    return _unused(first)


def _unused(path: Path) -> Path:
    """``path``, or ``name-2.yaml``, ``name-3.yaml`` ... so an earlier autosave is never replaced."""
    candidate = path
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def save(draft: Draft, path: Path) -> Path:
    """Write the draft atomically and return where it went.

    The autosave is ours to replace. When ``path`` cannot be written (its folder vanished,
    became a file, the disk is full), the draft goes to the user data folder instead, so an
    answer is never lost; the caller learns the new place from the return value.
    """
    try:
        _write(draft, path)
        return path
    except OutputError as first:
        fallback = _unused(drafts_dir() / path.name)
        if fallback.parent == path.parent:
            raise
        try:
            _write(draft, fallback)
        except OutputError:
            raise first from None
        return fallback


def _write(draft: Draft, path: Path) -> None:
    from .yamlio import dump_yaml  # PyYAML is loaded at the first save, not at start-up

    ensure_folder(path.parent)
    text = HEADER.format(path=path) + dump_yaml(draft.to_data())
    atomic_write(path, text, replace_ok=True)
