"""Shell completion of values: measure codes, strategy ids and draft files.

Typer's completion (``--install-completion``, ``--show-completion``,
``_ESMTOOL_COMPLETE=bash_source esmtool``) completes commands and options by itself;
:func:`attach` gives the options and arguments that name a measure, a strategy or a
draft their values, by parameter name, for every command the group loads. A callback
imports only what it needs (the catalog for codes and ids, nothing for files) and never
fails: a completion that cannot be computed offers nothing.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

#: Parameter names whose values are draft files (or plan files: YAML too).
_DRAFT_PARAMS = {"resume", "answers", "from_", "drafts", "draft", "old", "new", "into", "plan"}
_SUFFIXES = (".yaml", ".yml", ".json")


def _catalog(ctx: Any) -> Any:
    from ..catalog import load_catalog

    extra = [Path(p) for p in (ctx.params.get("catalog") or [])] if ctx is not None else []
    return load_catalog(extra)


def measure_codes(ctx: Any, param: Any, incomplete: str) -> list[str]:
    with contextlib.suppress(Exception):
        return sorted(c for c in _catalog(ctx).measures if c.startswith(incomplete))
    return []


def strategy_ids(ctx: Any, param: Any, incomplete: str) -> list[str]:
    with contextlib.suppress(Exception):
        cat = _catalog(ctx)
        npm = ctx.params.get("npm") if ctx is not None else None
        ids = [
            sid
            for sid, s in cat.strategies.items()
            if sid.startswith(incomplete) and (not npm or s.measure == npm)
        ]
        return sorted(ids)
    return []


def show_keys(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """``esmtool show npm CODE`` / ``show strategy ID``."""
    kind = str((ctx.params.get("kind") if ctx is not None else "") or "").lower()
    if kind == "strategy":
        return strategy_ids(ctx, param, incomplete)
    return measure_codes(ctx, param, incomplete)


def draft_files(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """Folders and YAML/JSON files that start with ``incomplete``; for --resume also the drafts
    ``esmtool drafts`` lists."""
    folder, sep, prefix = incomplete.rpartition(os.sep)
    base = Path(os.path.expanduser(folder + sep)) if sep else Path(".")
    found: list[str] = []
    with contextlib.suppress(OSError):
        for child in sorted(base.iterdir(), key=lambda p: p.name):
            name = child.name
            if not name.startswith(prefix) or (name.startswith(".") and not prefix.startswith(".")):
                continue
            shown = f"{folder}{sep}{name}"
            if child.is_dir():
                found.append(shown + os.sep)
            elif child.suffix.lower() in _SUFFIXES:
                found.append(shown)
    if getattr(param, "name", "") == "resume":
        with contextlib.suppress(Exception):
            from ..draft.recent import recent_drafts

            found += [str(i.path) for i in recent_drafts() if str(i.path).startswith(incomplete)]
    return list(dict.fromkeys(found))


def attach(command_path: str, param: Any) -> None:
    """Give ``param`` its value completion, when it names a measure, strategy or draft."""
    name = getattr(param, "name", "")
    if command_path == "show" and name == "key":
        fn = show_keys
    elif name == "npm":
        fn = measure_codes
    elif name == "strategy":
        fn = strategy_ids
    elif name in _DRAFT_PARAMS:
        fn = draft_files
    else:
        return
    param._custom_shell_complete = fn
