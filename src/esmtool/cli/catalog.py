"""`esmtool catalog path|validate`: where the catalog lives; checking your own catalog folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import command_app
from .output import err, out

app = command_app(
    help="Where the catalog lives, and checking your own catalog folder.", no_args_is_help=True
)


@app.command("path")
def catalog_path() -> None:
    """Print the folder of the bundled catalog."""
    from ..catalog import bundled_path

    out(f"{bundled_path()}\n")


@app.command("validate")
def catalog_validate(
    folders: Annotated[
        list[Path], typer.Argument(help="Your catalog folder(s) or file(s).", metavar="DIR...")
    ],
) -> None:
    """Check your own catalog folder on top of the bundled one; report every problem at once."""
    from ..catalog import load_catalog

    cat = load_catalog(folders, use_env=False)
    for note in cat.notices:
        err(f"Note: {note}")
    user_files = sum(1 for _ in folders)
    err(
        f"OK: {', '.join(map(str, folders))} ({user_files} folder{'s' if user_files != 1 else ''}) "
        f"is valid. The combined catalog has {len(cat.measures)} measures, "
        f"{len(cat.strategies)} strategies and {len(cat.templates)} templates."
    )


from .importing import catalog_import_command  # noqa: E402 - `esmtool catalog import`

app.command("import")(catalog_import_command)
