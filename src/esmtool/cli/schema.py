"""`esmtool schema`: the draft's JSON Schema."""

from __future__ import annotations

from .options import command_app
from .output import out

app = command_app()


@app.command()
def schema() -> None:
    """Print the JSON Schema of draft files (for editors that validate YAML/JSON)."""
    from ..draft import json_schema
    from ..yamlio import dump_json

    out(dump_json(json_schema()))
