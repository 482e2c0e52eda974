"""`esmtool schema`: the JSON Schema of draft files or of plan files."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import choice, command_app
from .output import out

app = command_app()


@app.command()
def schema(
    what: Annotated[
        str, typer.Argument(help="draft (the default) or plan.", metavar="[draft|plan]")
    ] = "draft",
) -> None:
    """Print the JSON Schema of draft files, or of plan files (for editors that validate YAML/JSON)."""
    from ..yamlio import dump_json

    if choice(what, ["draft", "plan"], "schema") == "plan":
        from ..plan.model import json_schema as plan_schema

        out(dump_json(plan_schema()))
        return
    from ..draft import json_schema

    out(dump_json(json_schema()))
