"""Turning browse records into text: rich tables and panels, JSON, YAML, CSV, Markdown.

Each function returns a string or a rich renderable; the CLI decides where it goes.
Machine formats (json, yaml, csv) are deterministic: same catalog, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # rich is imported only when a table or panel is drawn
    from rich.console import RenderableType
    from rich.text import Text

#: Columns shown in tables and written to CSV, per list kind.
COLUMNS: dict[str, list[str]] = {
    "npms": ["code", "name", "kind_label", "domain", "strategies"],
    "strategies": ["id", "name", "evidence_level", "npm"],
    "search": ["id", "name", "evidence_level", "npm", "type"],
    "quadrants": ["number", "name", "question", "stem"],
    "evidence": ["rank", "id", "label", "wwfh", "definition"],
    "templates": ["id", "quadrant", "text", "applies_to"],
    "drafts": ["path", "title", "npm", "progress", "last_change"],
    "practices": ["id", "measure", "name", "designation"],
}
CSV_COLUMNS: dict[str, list[str]] = {
    "npms": ["code", "name", "kind", "kind_label", "domain", "goal", "strategies", "url"],
    "strategies": ["id", "npm", "name", "evidence", "evidence_label", "source", "outcomes", "url"],
    "search": ["type", "id", "npm", "name", "evidence", "evidence_label", "score", "url"],
}
HEADERS = {
    "kind_label": "kind",
    "evidence_label": "evidence",
    "evidence_level": "evidence",
    "npm": "measure",
    "last_change": "last change",
}


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if value is None:
        return ""
    return str(value)


def records_csv(kind: str, rows: list[dict[str, Any]]) -> str:
    cols = CSV_COLUMNS.get(kind) or COLUMNS.get(kind) or (list(rows[0]) if rows else [])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in cols])
    return buf.getvalue()


def serialise(data: Any, fmt: str) -> str:
    if fmt == "json":  # json needs no YAML library: keep `--format json` start-up lean
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        from .yamlio import dump_yaml

        return dump_yaml(data)
    raise ValueError(fmt)


#: Columns that hold ids people copy into commands and files: never broken inside an id.
ID_COLUMNS = frozenset({"id", "code", "npm", "applies_to", "measure", "path"})
#: A prose word longer than this is folded rather than giving the table up for a list.
_PROSE_WORD = 20


def records_table(
    kind: str, rows: list[dict[str, Any]], title: str | None = None
) -> RenderableType:
    """The records as a table, or, when the terminal is too narrow for their ids, as a list.

    An id column is as wide as its longest id, so an id is never broken across lines (it is
    copied into commands); prose columns (names, definitions) wrap between words. When the ids
    and the narrowest readable prose do not fit the width, each record becomes a block: its id
    on a line of its own, then one labelled line per column.
    """
    from rich.markup import escape
    from rich.table import Table

    cols = COLUMNS.get(kind) or (list(rows[0]) if rows else [])
    cells = [[_cell(r.get(c)) for c in cols] for r in rows]
    longest = [max((_longest_word(row[i]) for row in cells), default=0) for i in range(len(cols))]
    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    needed = 1
    for i, c in enumerate(cols):
        header = HEADERS.get(c, c)
        if c in ID_COLUMNS:
            width = max(longest[i], len(header))
            table.add_column(header, min_width=width, overflow="fold")
        else:  # prose: wraps between words; only a word wider than the column is folded
            width = max(min(longest[i], _PROSE_WORD), len(header) if len(cols) < 5 else 4)
            table.add_column(header, overflow="fold")
        needed += width + 3  # the text, a space either side and a rule
    for row in cells:
        table.add_row(*(escape(v) for v in row))
    first = next((i for i, c in enumerate(cols) if c in ("id", "code", "path")), 0)
    headers = [HEADERS.get(c, c) for c in cols]
    return Fitted(table, as_blocks(headers, cells, first=first, title=title), needed)


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def as_blocks(
    headers: list[str],
    rows: Sequence[Sequence[str | Text]],
    *,
    first: int = 0,
    title: str | None = None,
) -> RenderableType:
    """The rows as blocks, one per row: its ``first`` cell (an id) alone on a line, never
    wrapped, then one labelled line per other cell that has a value, wrapped and indented.

    What a table becomes when the terminal is too narrow for its ids (see :class:`Fitted`).
    A cell may be styled text; an empty cell is left out.
    """
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    parts: list[Any] = [Text(title, style="bold")] if title else []
    for row in rows:
        head = row[first]
        plain = head.plain if isinstance(head, Text) else head
        parts.append(Text(plain, style="bold", overflow="ignore", no_wrap=True))
        for i, header in enumerate(headers):
            if i != first and row[i]:
                line = Text(f"{header}: ", style="dim")
                if isinstance(row[i], Text):
                    line.append(row[i])
                else:
                    line.append(row[i], style="")
                parts.append(
                    Padding(line, (0, 0, 0, 2), expand=False)
                )  # wrapped lines stay indented
        parts.append(Text(""))
    return Group(*parts[:-1] if rows else parts)


class Fitted:
    """A table where it fits, else the same rows as blocks (chosen at the width drawn).

    ``needed`` is the narrowest width at which no id or word of the table is broken; without
    it, the table's own measure is used (each column's longest word, or, for a column that
    does not wrap, its ``min_width``).
    """

    def __init__(self, table: Any, listing: Any, needed: int | None = None) -> None:
        self.table, self.listing, self.needed = table, listing, needed

    def __rich_console__(self, console: Any, options: Any) -> Any:
        needed = self.needed
        if needed is None:
            from rich.measure import Measurement

            # measured unbounded: a measure at the drawing width is clamped to that width
            unbounded = options.update_width(1 << 16)
            needed = Measurement.get(console, unbounded, self.table).minimum
        yield self.table if needed <= options.max_width else self.listing


def _field(label: str, value: Any) -> Text:
    from rich.text import Text

    t = Text()
    t.append(f"{label}: ", style="bold")
    t.append(_cell(value))
    return t


def strategy_panel(d: dict[str, Any], *, brief: bool = False) -> RenderableType:
    """A whole strategy: rating and definition, outcomes, intervention, measures by quadrant.

    ``brief``: what the walk shows before the person confirms the strategy (no overview,
    measures by quadrant, references or notes).
    """
    from rich.console import Group
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [
        _field("Measure", f"{d['measure_name']} ({d['measure']})"),
        _field("Approach", d["approach"]),
    ]
    if d.get("overview") and not brief:
        parts.append(_field("Overview", d["overview"]))
    parts.append(_field("Evidence", d["evidence_label"]))
    parts.append(Text(d.get("evidence_definition", ""), style="italic"))
    for key, label in (
        ("source", "Source"),
        ("outcomes", "Outcome components"),
        ("intervention_type", "Intervention type"),
        ("intervention_level", "Intervention level"),
        ("target_audience", "Target audience"),
    ):
        if d.get(key):
            parts.append(_field(label, d[key]))
    if d.get("unconfirmed") and not brief:
        parts.append(_field("Not confirmed from a source", d["unconfirmed"]))
    for q in [] if brief else d["quadrants"]:
        table = Table(
            title=f"Quadrant {q['quadrant']}: {q['name']} — {q['question']}",
            title_justify="left",
            show_header=True,
            header_style="bold",
            expand=True,
        )
        table.add_column("from", no_wrap=True)
        table.add_column("measure", overflow="fold")
        for sm in q["sample_measures"]:
            table.add_row(f"page ({sm.get('kind', 'process')})", escape(sm["text"]))
        for t in q["templates"][:3]:
            table.add_row(f"template {t['id']}", escape(t["text"]))
        extra = len(q["templates"]) - 3
        if extra > 0:
            table.add_row("", f"… and {extra} more: esmtool show strategy {d['id']} --format md")
        parts.append(table)
    if d.get("references") and not brief:
        parts.append(Text("References", style="bold"))
        parts.extend(Text(f"  • {r}") for r in d["references"])
    parts.append(_field("MCHbest page", d["url"]))
    for u in [] if brief else d.get("other_urls", []):
        parts.append(_field("Also", u))
    if d.get("notes") and not brief:
        parts.append(_field("Notes", d["notes"]))
    return Panel(Group(*parts), title=escape(f"{d['name']}  [{d['id']}]"), title_align="left")


def measure_panel(d: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.markup import escape
    from rich.panel import Panel
    from rich.text import Text

    parts: list[RenderableType] = [
        _field("Kind", d["kind_label"]),
        _field("Population domain", d["domain"]),
    ]
    for key, label in (
        ("goal", "Goal"),
        ("definition", "Definition"),
        ("numerator", "Numerator"),
        ("denominator", "Denominator"),
        ("unit_type", "Unit type"),
        ("direction", "Better when it goes"),
        ("data_source", "Data source"),
        ("healthy_people_2030", "Healthy People 2030"),
        ("old_definition", "2015-2025 wording"),
        ("parent", "Part of"),
    ):
        if d.get(key):
            parts.append(_field(label, d[key]))
    if d.get("unconfirmed"):
        parts.append(_field("Not confirmed from a source", d["unconfirmed"]))
    if d.get("figures"):
        parts.append(Text("Figures", style="bold"))
        for f in d["figures"]:
            unit = "%" if f.get("unit") == "percent" else ""
            year = f" ({f['year']})" if f.get("year") else ""
            parts.append(Text(f"  • {f['value']:g}{unit} — {f['description']}{year}"))
    if d.get("context"):
        parts.append(Text("Context", style="bold"))
        parts.extend(Text(f"  • {c}") for c in d["context"])
    if d.get("strategies"):
        parts.append(records_table("strategies", d["strategies"], title="Strategies"))
    parts.append(_field("Page", d["url"]))
    if d.get("notes"):
        parts.append(_field("Notes", d["notes"]))
    return Panel(Group(*parts), title=f"{escape(d['name'])}  [{d['code']}]", title_align="left")


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def strategy_markdown(d: dict[str, Any]) -> str:
    lines = [
        f"# {d['name']}",
        "",
        f"- **ID:** {d['id']}",
        f"- **Measure:** {d['measure_name']} ({d['measure']})",
    ]
    lines.append(f"- **Approach:** {d['approach']}")
    lines.append(f"- **Evidence:** {d['evidence_label']} — {d.get('evidence_definition', '')}")
    for key, label in (
        ("source", "Source"),
        ("outcomes", "Outcome components"),
        ("intervention_type", "Intervention type"),
        ("intervention_level", "Intervention level"),
    ):
        if d.get(key):
            lines.append(f"- **{label}:** {_cell(d[key])}")
    lines.append(f"- **MCHbest page:** <{d['url']}>")
    if d.get("overview"):
        lines += ["", d["overview"]]
    for q in d["quadrants"]:
        lines += ["", f"## Quadrant {q['quadrant']}: {q['name']} ({q['question']})", ""]
        lines.append("| from | measure |")
        lines.append("| --- | --- |")
        for sm in q["sample_measures"]:
            lines.append(f"| page ({sm.get('kind', 'process')}) | {_md_escape(sm['text'])} |")
        for t in q["templates"]:
            lines.append(f"| template `{t['id']}` | {_md_escape(t['text'])} |")
    if d.get("references"):
        lines += ["", "## References", ""]
        lines += [f"{i}. {r}" for i, r in enumerate(d["references"], 1)]
    return "\n".join(lines) + "\n"


def measure_markdown(d: dict[str, Any]) -> str:
    lines = [f"# {d['name']}", "", f"- **Code:** {d['code']}", f"- **Kind:** {d['kind_label']}"]
    lines.append(f"- **Population domain:** {d['domain']}")
    for key, label in (
        ("goal", "Goal"),
        ("numerator", "Numerator"),
        ("denominator", "Denominator"),
        ("data_source", "Data source"),
        ("healthy_people_2030", "Healthy People 2030"),
        ("old_definition", "2015-2025 wording"),
    ):
        if d.get(key):
            lines.append(f"- **{label}:** {_cell(d[key])}")
    lines.append(f"- **Page:** <{d['url']}>")
    if d.get("strategies"):
        lines += ["", "## Strategies", "", "| id | strategy | evidence |", "| --- | --- | --- |"]
        for s in d["strategies"]:
            lines.append(f"| {s['id']} | {_md_escape(s['name'])} | {s['evidence_label']} |")
    return "\n".join(lines) + "\n"
