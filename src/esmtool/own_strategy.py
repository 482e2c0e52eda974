"""A strategy of the person's own, described in the walk and written to their own catalog folder.

:func:`strategy_entry` turns the answers into a catalog entry (``origin: state``; ``unrated``
unless the person gives a rating and where it comes from: esmtool never rates a strategy);
:func:`write_strategy` checks it exactly as the catalog reads it and writes it as one new file
(``strategies/<id>.yaml`` in the folder), atomically and never over an existing file. The
folder is :func:`esmtool.catalog.paths.user_catalog_dir` by default, which every command reads.

Plain Python: it returns data or raises :class:`~esmtool.errors.OutputError` /
:class:`~esmtool.errors.CatalogError`; it never prints.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CatalogError, Problem

if TYPE_CHECKING:
    from .catalog import Catalog
    from .catalog.models import Strategy

#: The header of every file written here.
HEADER = (
    "# A strategy of your own, described in `esmtool draft` ({when}).\n"
    "# Edit it freely; `esmtool catalog validate {folder}` checks it.\n"
)


def is_web_address(text: str) -> bool:
    return re.match(r"^https?://\S+$", text.strip(), re.IGNORECASE) is not None


def new_id(name: str, catalog: Catalog, folder: Path) -> str:
    """An id made from the name (``own-family-navigators``), used by no strategy or file yet."""
    words = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].rstrip("-") or "strategy"
    base = f"own-{words}"
    sid, n = base, 2
    while sid in catalog.strategies or (folder / "strategies" / f"{sid}.yaml").exists():
        sid, n = f"{base}-{n}", n + 1
    return sid


def strategy_entry(
    *,
    sid: str,
    measure: str,
    name: str,
    approach: str,
    described_at: str,
    evidence: str = "unrated",
    evidence_source: str | None = None,
) -> dict[str, Any]:
    """The catalog entry for the answers, in the catalog's key order.

    ``described_at``: a web address, or the report or records that describe the strategy
    (the catalog's ``url`` is where a strategy is described; documents link a web address and
    print anything else as text). ``evidence_source``: who rated it (the catalog's ``source``).
    """
    entry: dict[str, Any] = {
        "id": sid,
        "measure": measure,
        "name": " ".join(name.split()),
        "approach": approach.strip(),
        "evidence": evidence,
    }
    if evidence != "unrated" and evidence_source:
        entry["source"] = evidence_source.strip()
    entry["url"] = described_at.strip()
    entry["origin"] = "state"
    if evidence == "unrated":
        entry["unconfirmed"] = ["evidence"]
    return entry


def check_entry(entry: dict[str, Any], catalog: Catalog) -> list[Problem]:
    """What is wrong with ``entry`` as the catalog would read it (its own rules, its measure)."""
    from pydantic import ValidationError

    from .catalog.models import Strategy
    from .locate import pydantic_problems

    problems: list[Problem] = []
    try:
        Strategy.model_validate(entry)
    except ValidationError as exc:
        problems.extend(pydantic_problems(exc, None, ()))
    if entry.get("evidence") != "unrated" and not entry.get("source"):
        problems.append(Problem("source", "a rating needs its source (who rated it, and where)"))
    if entry.get("measure") not in catalog.measures:
        problems.append(Problem("measure", f"'{entry.get('measure')}' is not a known measure code"))
    if entry.get("id") in catalog.strategies:
        problems.append(Problem("id", f"'{entry.get('id')}' is already a strategy id"))
    return problems


def write_strategy(entry: dict[str, Any], catalog: Catalog, folder: Path) -> tuple[Path, Strategy]:
    """Check ``entry``, write it to ``folder/strategies/<id>.yaml``; return the file and strategy.

    The file is read back through the catalog's own parser, so what was written is what every
    later command reads. Raises CatalogError (the entry is not valid) or OutputError (the file
    cannot be written, or exists already: it is never replaced).
    """
    import datetime as _dt

    from .catalog import parse_catalog_file
    from .fsutil import atomic_write, ensure_folder
    from .yamlio import dump_yaml

    problems = check_entry(entry, catalog)
    if problems:
        raise CatalogError("Your strategy cannot be saved as it is.", problems)
    target = folder / "strategies" / f"{entry['id']}.yaml"
    ensure_folder(target.parent)
    when = _dt.date.today().isoformat()
    text = HEADER.format(when=when, folder=folder) + dump_yaml({"strategies": [entry]})
    atomic_write(target, text)
    parsed, read_problems, _ = parse_catalog_file(target, str(target))
    if read_problems or parsed is None or len(parsed.strategies) != 1:  # pragma: no cover
        raise CatalogError(f"{target} was written but cannot be read back.", read_problems)
    return target, parsed.strategies[0]
