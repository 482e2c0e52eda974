"""Where catalog files are: the bundled folder, ``ESMTOOL_CATALOG``, and the files of a folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
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

    # plain strings until the end: this runs at every start, and Path objects cost more
    found = [
        os.path.join(root, name)
        for root, _dirs, names in os.walk(folder, onerror=refuse)
        for name in names
        if not name.startswith(".") and os.path.splitext(name)[1].lower() in CATALOG_SUFFIXES
    ]
    if unreadable:
        raise CatalogError(
            f"The catalog folder {folder} cannot be read completely.",
            sorted(unreadable, key=str),
            hint="Give yourself permission to read it (chmod u+rx), or move it out of the folder.",
        )
    found.sort(key=lambda p: p.split(os.sep))  # the order of Path objects: part by part
    return [Path(p) for p in found if os.path.isfile(p)]


#: a catalog folder, whether it is the bundled one, and its files
Listed = tuple[Path, bool, list[Path]]


def list_folders(
    extra: Sequence[Path] = (), *, use_env: bool = True, use_bundled: bool = True
) -> tuple[list[Listed], list[Problem]]:
    """The catalog folders in reading order with their files, and the folders that cannot be read.

    The bundled catalog first, then the user's own folder and ``ESMTOOL_CATALOG`` (``use_env``),
    then ``extra`` (``--catalog``).
    """
    folders: list[tuple[Path, bool]] = []
    if use_bundled:
        folders.append((bundled_path(), True))
    folders.extend((Path(p), False) for p in [*(user_paths() if use_env else []), *extra])
    listed: list[Listed] = []
    problems: list[Problem] = []
    for folder, bundled in folders:
        try:
            listed.append((folder, bundled, catalog_files(folder)))
        except CatalogError as exc:
            problems.extend(
                exc.problems or [Problem(str(folder), "this catalog folder does not exist")]
            )
    return listed, problems


def all_files(listed: list[Listed]) -> list[Path]:
    return [p for _, _, files in listed for p in files]


def _label(path: Path, root: Path, bundled: bool) -> str:
    if bundled:
        return "data/" + path.relative_to(root).as_posix()
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
