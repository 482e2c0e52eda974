"""What the walk draws besides its questions: the strategy panel, the draft, the findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import keypath
from ..draft import fields as F
from ..draft.rules import QUADRANTS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import RenderableType
    from rich.table import Table

    from ..catalog import Catalog
    from ..catalog.models import Strategy
    from ..checks import Finding
    from ..draft import Draft


def strategy_panel(catalog: Catalog, s: Strategy) -> RenderableType:
    """A strategy before the person confirms it: the panel `esmtool show strategy` draws, brief."""
    from ..catalog.browse import strategy_detail
    from ..render import strategy_panel as panel

    return panel(strategy_detail(catalog, s), brief=True)


def render_draft(draft: Draft, catalog: Catalog) -> RenderableType:
    """The whole draft as a rich panel: measure, strategy, ESM definition, measure set."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    data = draft.to_data()
    table = Table(show_header=False, box=None, pad_edge=False, expand=True)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    if draft.npm:
        table.add_row("Measure", Text(catalog.measure_label(draft.npm)))
    if draft.strategy:
        s = catalog.strategies.get(draft.strategy)
        label = f"{s.name} [{s.id}] — {catalog.evidence_level(s)}" if s else draft.strategy
        table.add_row("Strategy", Text(label))
    for spec in F.QUESTIONS:
        value = keypath.get(data, spec.key)
        if F.is_missing(value):
            continue
        shown = str(value) if spec.kind == "choice" else F.answer_text(spec.key, data)
        table.add_row(spec.label.removesuffix(" (optional)"), Text(shown))
    parts: list[RenderableType] = [table, Text("")]
    parts.append(Text("Measure set (RBA quadrants)", style="bold"))
    for q in QUADRANTS:
        info = catalog.quadrants.get(q)
        name = f"{info.name} — {info.question}" if info else ""
        parts.append(Text(f"Quadrant {q}: {name}", style="underline"))
        mine = [m for m in draft.measures if m.quadrant == q]
        if q in draft.skipped_quadrants:
            parts.append(Text("  (skipped)", style="dim"))
        elif not mine:
            parts.append(Text("  (none yet)", style="dim"))
        if mine:
            bullets = _bullets()
            for m in mine:
                t = Text(m.text)
                if m.headline:
                    t.append("  [headline]", style="bold")
                bullets.add_row("•", t)
            parts.append(bullets)
    title = draft.esm.title or "ESM draft"
    return Panel(Group(*parts), title=Text(title), title_align="left")


def render_findings(findings: list[Finding], quadrants: Sequence[int] = ()) -> RenderableType:
    """The reviewer's findings under one line saying how many: the table `esmtool check` prints
    (``quadrants``: each measure's, so a finding names "Measure 3 in Quadrant 4")."""
    from rich.console import Group
    from rich.text import Text

    from ..checks.report import findings_view

    if not findings:
        return Text("The checks found nothing to point out.", style="green")
    n = len(findings)
    heading = Text(f"The checks found {n} thing{'s' if n != 1 else ''} to look at:", style="bold")
    return Group(heading, findings_view(findings, labels=True, quadrants=quadrants))


def _bullets() -> Table:
    """Two columns: a marker and text that wraps under itself (a hanging indent)."""
    from rich.table import Table

    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, justify="right")
    table.add_column(overflow="fold")
    table.pad_edge = True
    return table
