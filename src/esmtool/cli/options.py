"""What several commands share: their Typer app, the --catalog and --format options, the catalog."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ..errors import UsageError
from .output import err

if TYPE_CHECKING:
    from ..catalog import Catalog

T = TypeVar("T")


def command_app(help: str | None = None, *, no_args_is_help: bool = False) -> typer.Typer:
    """The Typer app one command module registers its command on (as the root app is set up)."""
    return typer.Typer(
        help=help,
        no_args_is_help=no_args_is_help,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )


CatalogOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--catalog",
        help="A folder of your own catalog files (measures, strategies, templates) read after the "
        "bundled catalog; may replace bundled entries by id. Repeatable. Also: ESMTOOL_CATALOG.",
        metavar="DIR",
    ),
]

IncludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--include",
        help="Add to a document what partners do not need: review (the check findings, in "
        "plain words), notes (your own notes), or review,notes. Default: neither.",
        metavar="WHAT",
    ),
]


SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        "-s",
        help="An answer as KEY=VALUE, the value read as YAML (see the examples). Repeatable; "
        "wins over an answers file.",
        metavar="KEY=VALUE",
    ),
]

NoInputOpt = Annotated[
    bool, typer.Option("--no-input", help="Never prompt; fail listing what is missing.")
]


def load(catalog_dirs: list[Path] | None) -> Catalog:
    from ..catalog import load_catalog

    cat = load_catalog(catalog_dirs or [])
    show_notices(cat.notices)
    return cat


def show_notices(notices: list[str]) -> None:
    """The catalog's notices (entries a user folder replaces, a cache not used), on stderr."""
    for note in notices:
        err(f"Note: {note}")


def ready(made: tuple[T, list[str]]) -> T:
    """A ready-made record (esmtool.catalog.records), with the catalog's notices shown as `load` does."""
    value, notices = made
    show_notices(notices)
    return value


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"


FormatOpt = Annotated[
    TableFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table (default on a terminal), json (default when piped), yaml, csv.",
    ),
]


class ReportFormat(str, Enum):
    """A report's two forms: check, plan check, progress and drafts."""

    table = "table"
    json = "json"


ReportFormatOpt = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format", "-f", help="table (default on a terminal) or json (default when piped)."
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")
]
DraftsArg = Annotated[
    list[str],
    typer.Argument(help="Draft files (YAML or JSON); '-' reads stdin.", metavar="DRAFT"),
]


def choice(value: str, choices: list[str], command: str) -> str:
    """``value`` if it is one of ``choices`` (any case); else a usage error that suggests one."""
    low = value.strip().lower()
    if low in choices:
        return low
    import difflib

    close = difflib.get_close_matches(low, choices, n=1, cutoff=0.6)
    hint = f"Did you mean: esmtool {command} {close[0]}?" if close else None
    raise UsageError(
        f"esmtool {command} does not know '{value}'; use one of: {', '.join(choices)}.",
        hint=hint,
    )
