"""The user's settings: a small YAML file in the user config folder, which people may edit.

``config.yaml`` in platformdirs' user config folder (``~/.config/esmtool/`` on Linux)
holds the defaults the interactive walk offers; today one key::

    state: Ohio        # offered as the state of every new draft the walk asks about

It is read as plain data through esmtool's safe YAML reader (no tags, no aliases,
bounded in size): reading it never runs anything. A file that cannot be read or
holds something else is a :class:`ConfigError` with a message naming the file and
what to fix; the walk says so and goes on without it. Scripted runs
(``--no-input``, answers files, ``--set``) never read it, so their result depends
only on what the script gives (README "The interactive walk").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import EsmtoolError, InputFileError

#: The settings file's name in the user config folder.
FILE_NAME = "config.yaml"
#: The longest state name kept (the longest US jurisdiction name is far shorter).
MAX_STATE = 100
#: The largest settings file read: a few lines are expected.
MAX_BYTES = 64 * 1024

_HEADER = (
    "# esmtool settings: defaults the interactive walk offers (edit freely; see the README).\n"
)


class ConfigError(EsmtoolError):
    """The settings file cannot be used (it is left as it is)."""


@dataclass(frozen=True)
class Settings:
    state: str | None = None
    #: keys the file holds that esmtool does not know (named in a note, otherwise ignored)
    unknown: tuple[str, ...] = ()


def config_path() -> Path:
    """Where the settings file lives (it may not exist)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("esmtool", appauthor=False)) / FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    """The settings in ``path`` (default: :func:`config_path`); empty when there is no file.

    Raises :class:`ConfigError` when the file exists but is not a settings file.
    """
    from .yamlio import load_text, read_text

    path = path or config_path()
    try:
        if not path.exists() and not path.is_symlink():
            return Settings()
        data, _ = load_text(read_text(path, max_bytes=MAX_BYTES), str(path))
    except InputFileError as exc:
        raise ConfigError(
            f"Your settings file cannot be used: {exc.message}",
            hint="Fix it or delete it (esmtool only offers defaults from it).",
        ) from None
    except OSError as exc:
        raise ConfigError(
            f"Your settings file {path} cannot be read ({exc.strerror or exc}).",
            hint="Check its permissions, or delete it.",
        ) from None
    return _settings(data, path)


def _settings(data: Any, path: Path) -> Settings:
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise ConfigError(
            f"Your settings file {path} should hold lines like 'state: Ohio', not a list or a "
            "single value.",
            hint="Fix it or delete it.",
        )
    state = data.get("state")
    if state is not None and not isinstance(state, str):
        raise ConfigError(
            f"Your settings file {path}: 'state' should be the name of a state, e.g. "
            f"'state: Ohio', not {state!r}.",
            hint="Fix it or delete it.",
        )
    state = " ".join(state.split()) if state else None
    if state is not None and len(state) > MAX_STATE:
        raise ConfigError(
            f"Your settings file {path}: 'state' is {len(state)} characters long; a state's "
            f"name has at most {MAX_STATE}.",
            hint="Fix it or delete it.",
        )
    unknown = tuple(sorted(str(k) for k in data if k != "state"))
    return Settings(state=state or None, unknown=unknown)


def remember_state(state: str, path: Path | None = None) -> Path | None:
    """Keep ``state`` as the default for new drafts, if the settings have no state yet.

    A new file is created; an existing one gets a ``state:`` line added at its end (its
    comments and other lines stay as they were), and only when the result reads back as
    exactly the old settings plus the state. Returns the file written, or None when
    nothing was written (a state was there already, or the file is not ours to extend).
    Raises :class:`ConfigError` when the file cannot be read, or written.
    """
    from .errors import OutputError
    from .fsutil import atomic_write, ensure_folder
    from .yamlio import dump_yaml, load_text, read_text

    path = path or config_path()
    settings = load_settings(path)
    if settings.state is not None:
        return None
    line = dump_yaml({"state": state})
    if path.exists():
        old = read_text(path, max_bytes=MAX_BYTES)
        text = old + ("" if not old or old.endswith("\n") else "\n") + line
        try:
            before, _ = load_text(old, str(path))
            after, _ = load_text(text, str(path))
        except InputFileError:
            return None  # e.g. a file written as {…}: a line added would break it
        if after != {**(before or {}), "state": state}:
            return None
    else:
        text = _HEADER + line
    try:
        ensure_folder(path.parent)
        atomic_write(path, text, replace_ok=True)
    except (OutputError, OSError) as exc:
        message = exc.message if isinstance(exc, OutputError) else str(exc)
        raise ConfigError(f"Your state could not be remembered in {path}: {message}") from None
    return path
