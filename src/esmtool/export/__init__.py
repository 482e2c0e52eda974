"""Exporters: a draft (plus the catalog) rendered as a document.

:func:`render` returns the bytes of one format; writing them (atomically, with
``--force`` rules) is the caller's job via :mod:`esmtool.fsutil`. Each format's
heavy library (python-docx, Jinja2) is imported only inside its own module, when
that format is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..draft import Draft

#: Formats and the file extensions that select them.
FORMATS: dict[str, tuple[str, ...]] = {
    "md": (".md", ".markdown"),
    "docx": (".docx",),
    "html": (".html", ".htm"),
    "csv": (".csv",),
    "json": (".json",),
    "yaml": (".yaml", ".yml"),
}
BINARY_FORMATS = {"docx"}


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format named by --format, else inferred from the file's extension."""
    if fmt:
        fmt = fmt.lower().lstrip(".")
        if fmt == "yml":
            fmt = "yaml"
        if fmt not in FORMATS:
            raise UsageError(
                f"'{fmt}' is not an export format.", hint="Use one of: " + ", ".join(FORMATS) + "."
            )
        return fmt
    if path is not None and str(path) != "-":
        suffix = path.suffix.lower()
        for name, suffixes in FORMATS.items():
            if suffix in suffixes:
                return name
        raise UsageError(
            f"Cannot tell the format from the file name '{path.name}'.",
            hint="End the name with .docx, .html, .md, .csv, .json or .yaml, or add --format.",
        )
    return "yaml"


def render(draft: Draft, catalog: Catalog, fmt: str, *, template: Path | None = None) -> bytes:
    """The draft as ``fmt``: bytes ready to write."""
    if fmt in ("json", "yaml"):
        from ..yamlio import dump_json, dump_yaml

        data = draft.to_data()
        text = dump_json(data) if fmt == "json" else dump_yaml(data)
        return text.encode("utf-8")
    raise UsageError(f"The {fmt} export is not available yet.", hint="Use --format yaml or json.")
