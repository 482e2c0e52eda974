"""Exporters: a draft (plus the catalog) rendered as a document.

:func:`render` returns the bytes of one format; writing them (atomically, with
``--force`` rules) is the caller's job via :mod:`esmtool.fsutil`. Each format's
heavy library (python-docx, Jinja2) is imported only inside its own module, when
that format is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError, UsageError

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
    "xlsx": (".xlsx",),
    # Clear Impact Scorecard's import shape (targets and actuals); chosen by --format only
    "clearimpact": (".csv",),
}


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
            hint="End the name with .docx, .html, .md, .csv, .xlsx, .json or .yaml, or add --format.",
        )
    return "yaml"


def parse_include(values: Sequence[str] | None) -> frozenset[str]:
    """``--include review,notes`` (repeatable, comma-separated) as a set; unknown names refused."""
    from .context import INCLUDES

    names = {v.strip().lower() for value in values or () for v in value.split(",") if v.strip()}
    unknown = sorted(names - set(INCLUDES))
    if unknown:
        raise UsageError(
            f"--include does not know {', '.join(repr(u) for u in unknown)}.",
            hint="Use review (the check findings), notes (your own notes) or review,notes.",
        )
    return frozenset(names)


def render(
    draft: Draft,
    catalog: Catalog,
    fmt: str,
    *,
    template: Path | None = None,
    include: Collection[str] = (),
) -> bytes:
    """The draft as ``fmt``: bytes ready to write.

    ``template``: a user's Jinja2 template (Markdown or HTML, by ``fmt``) used
    instead of the built-in one; see :mod:`esmtool.export.templating`.
    ``include``: what a document carries besides the partner-ready content
    ("review": the check findings, "notes": the draft's notes); JSON and YAML
    are the draft itself and always hold the notes.
    """
    if template is not None and fmt not in ("md", "html"):
        raise UsageError(
            f"--template renders Markdown or HTML, not {fmt}.",
            hint="Use --format md or --format html with --template.",
        )
    if fmt in ("json", "yaml"):
        from ..yamlio import dump_json, dump_yaml

        data = draft.to_data()
        text = _yaml_safe_json(dump_json(data)) if fmt == "json" else dump_yaml(data)
        return _readable_back(text.encode("utf-8"), fmt)
    if fmt not in FORMATS:
        raise UsageError(
            f"'{fmt}' is not an export format.", hint="Use one of: " + ", ".join(FORMATS) + "."
        )
    if fmt == "clearimpact":
        from ..cycle.clearimpact import render_clearimpact

        return render_clearimpact([draft]).encode("utf-8")
    from .context import build_context

    # CSV has no place for the review findings; the built-in documents show them only with
    # the review, and never their counts (workbooks and user templates may): skip the checks
    context = build_context(
        draft,
        catalog,
        include=set(include) - {"review"} if fmt == "csv" else include,
        count_findings=fmt == "xlsx" or template is not None,
    )
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(context, template).encode("utf-8")
    if fmt == "html":
        from .html import render_html

        if context["progress"] is not None:  # the chart, only for drafts with actuals
            from ..cycle.chart import svg_element

            context["progress"]["chart_svg"] = svg_element(draft)
        return render_html(context, template).encode("utf-8")
    if fmt == "csv":
        from .csv import render_csv

        return render_csv([context]).encode("utf-8")
    if fmt == "xlsx":
        from .xlsx import draft_workbook, render_xlsx

        return render_xlsx(draft_workbook(draft, context))
    from .docx import render_docx

    chart = None
    if context["progress"] is not None:
        from ..cycle.chart import render_chart

        chart = render_chart(draft, "png")
    return render_docx(context, chart_png=chart)


def _readable_back(payload: bytes, fmt: str) -> bytes:
    """A JSON/YAML draft esmtool could read again, else refused before anything is written.

    Escaping can make the export of a draft larger than the draft (a quote or backslash
    takes two characters in JSON), so a draft just under the input limit could be written
    as a file that esmtool itself refuses to read. Whatever esmtool writes, it reads back.
    """
    from ..yamlio import MAX_INPUT_BYTES

    if len(payload) > MAX_INPUT_BYTES:
        raise OutputError(
            f"The draft as {fmt.upper()} would be {len(payload):,} bytes, more than the "
            f"{MAX_INPUT_BYTES:,} bytes esmtool reads, so it could not be read back; "
            "nothing was written.",
            hint="Shorten the longest text fields of the draft (drafts are usually a few KB), "
            "or export it as md, docx or html.",
        )
    return payload


#: Characters JSON may hold raw but YAML cannot read raw (esmtool reads JSON drafts with its
#: YAML reader) or reads as line breaks: DEL, C1 controls, U+2028/9, noncharacters.
_JSON_UNSAFE = "[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]"


def _yaml_safe_json(text: str) -> str:
    """JSON text with those characters written as \\uXXXX escapes: the same data."""
    # (compiled here, by re's own cache: only a JSON export needs it)
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)


def extension(fmt: str) -> str:
    """The file extension esmtool gives a file of ``fmt`` ('.md', '.docx', ...)."""
    return FORMATS[fmt][0]
