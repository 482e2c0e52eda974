"""Where catalog files are: the bundled folder, ``ESMTOOL_CATALOG``, and the files of a folder."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import CatalogError, Problem

ENV_VAR = "ESMTOOL_CATALOG"
CATALOG_SUFFIXES = (".yaml", ".yml", ".json")


def bundled_path() -> Path:
    """Where the bundled catalog lives: inside the installed package, or data/ of a checkout."""
    package = Path(__file__).resolve().parent.parent  # esmtool/
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.parent.parent / "data"


def env_paths() -> list[Path]:
    raw = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def user_catalog_dir() -> Path:
    """The person's own catalog folder (strategies described in the walk go here by default).

    ``catalog/`` in the user data folder (platformdirs): read after the bundled catalog and
    before ``ESMTOOL_CATALOG`` and ``--catalog``, whenever it exists.
    """
    from platformdirs import user_data_dir

    return Path(user_data_dir("esmtool", appauthor=False)) / "catalog"


def user_paths() -> list[Path]:
    """The user catalog folders read by default: the own folder (if it exists), ESMTOOL_CATALOG."""
    own = user_catalog_dir()
    try:
        present = own.is_dir()
    except OSError:
        present = False
    return [own, *env_paths()] if present else env_paths()


def catalog_files(folder: Path) -> list[Path]:
    try:
        exists = folder.exists()
    except OSError:  # e.g. a name too long for the system: there is no such folder
        exists = False
    if not exists:
        raise CatalogError(
            f"The catalog folder {folder} does not exist.",
            [],
            hint="Check the path given with --catalog or in ESMTOOL_CATALOG.",
        )
    if folder.is_file():
        return [folder]
    unreadable: list[Problem] = []

    def refuse(exc: OSError) -> None:  # a subfolder skipped in silence would hide its entries
        where = exc.filename or str(folder)
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        unreadable.append(Problem(str(where), f"this catalog folder cannot be read ({reason})"))

    found = [
        Path(root, name)
        for root, _dirs, names in os.walk(folder, onerror=refuse)
        for name in names
        if not name.startswith(".") and Path(name).suffix.lower() in CATALOG_SUFFIXES
    ]
    if unreadable:
        raise CatalogError(
            f"The catalog folder {folder} cannot be read completely.",
            sorted(unreadable, key=str),
            hint="Give yourself permission to read it (chmod u+rx), or move it out of the folder.",
        )
    return sorted(p for p in found if p.is_file())


def _label(path: Path, root: Path, bundled: bool) -> str:
    if bundled:
        return "data/" + path.relative_to(root).as_posix()
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
