"""The plan as Markdown or one HTML page: cover, action plan, ESM summary, then each ESM
rendered by the blocks of the built-in single-draft templates (``esm.md.j2``, ``esm.html.j2``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from ..export.textutil import clean_text

if TYPE_CHECKING:
    import jinja2

    from .export import PlanEsm

#: the single-draft template's blocks that make an ESM's section (not its footer)
ESM_BLOCKS = ("header", "detail_sheet", "strategy", "measure_set", "findings", "notes")
DASH = "—"


def _blocks(
    env: jinja2.Environment, name: str, ctx: dict[str, Any], blocks: tuple[str, ...]
) -> str:
    template = env.get_template(name)
    context = template.new_context(ctx)
    return "\n".join("".join(template.blocks[b](context)) for b in blocks)


# ----- Markdown ------------------------------------------------------------------------------------


def render_plan_markdown(parts: dict[str, Any], esms: list[PlanEsm]) -> str:
    from ..export.markdown import _tidy, environment, md_cell, md_line

    def cell(value: Any) -> str:
        return md_cell(value) or DASH

    def cells(items: list[str]) -> str:
        return "<br>".join(md_cell(x) for x in items) or DASH

    c = parts["cover"]
    out = [f"# {md_line(c['title'])}", "", f"**{c['status']}**", ""]
    out += [f"{md_line(x)}  " for x in [*c["lines"], c["date"]]]
    out += [md_line(c["versions"]), ""]
    if c["notes"]:
        out += [md_line(c["notes"]), ""]
    out += ["## Action plan", ""]
    for group in parts["action_plan"]:
        out += [f"### {md_line(group['domain'])}", ""]
        out += ["| Priority need | Objectives | Strategies | NPM / SPM | ESMs |"]
        out += ["| --- | --- | --- | --- | --- |"]
        for r in group["rows"]:
            out.append(
                f"| {cell(r['need'])} | {cells(r['objectives'])} | {cells(r['strategies'])} "
                f"| {cell(r['measure'])} | {cells(r['esms'])} |"
            )
        out.append("")
    out += ["## ESM summary", ""]
    out += ["| ESM | Title | NPM | Strategy | Evidence | Quadrant | Baseline | Objectives |"]
    out += ["| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in parts["summary"]:
        out.append(
            f"| {cell(r['id'])} | {cell(r['title'])} | {cell(r['npm'])} | {cell(r['strategy'])} "
            f"| {cell(r['evidence'])} | {cell(r['quadrant'])} | {cell(r['baseline'])} "
            f"| {cells(r['objectives'])} |"
        )
    out.append("")
    env = environment()
    for e in esms:
        body = _tidy(_blocks(env, "esm.md.j2", e.context, ESM_BLOCKS))
        # one heading level down: the ESM is a section of the plan. Text a user typed never
        # starts a line with '#' (it is escaped), so only the template's headings move.
        out += [re.sub(r"(?m)^#", "##", body), ""]
    out += ["---", "", f"*{md_line(c['generated_by'])}*"]
    return _tidy("\n".join(out))


# ----- HTML ----------------------------------------------------------------------------------------

PLAN_CSS = """
  .cover { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: 1rem; }
  .status { display: inline-block; border: 2px solid var(--mark); color: var(--mark);
    font-weight: 700; letter-spacing: .1em; padding: .1rem .6rem; margin: .3rem 0; }
  section.esm { margin-top: 3rem; border-top: 3px double var(--rule); padding-top: 1rem; }
  section.esm h1 { font-size: 1.45rem; }
  table.plan td ul { margin: 0; padding-left: 1.1rem; }
  @media print {
    .cover { break-after: page; page-break-after: always; border: none; }
    section.esm { break-before: page; page-break-before: always; border: none; }
  }
"""


def _h(value: Any) -> str:
    return str(escape(clean_text(str(value)))) if value not in (None, "") else DASH


def _list(items: list[str]) -> str:
    if not items:
        return DASH
    return "<ul>" + "".join(f"<li>{_h(x)}</li>" for x in items) + "</ul>"


def render_plan_html(parts: dict[str, Any], esms: list[PlanEsm]) -> str:
    from .. import __version__
    from ..export.html import environment

    env = environment()
    c = parts["cover"]
    style = _blocks(env, "esm.html.j2", esms[0].context, ("style",)) if esms else ""
    style = (
        style.replace("</style>", PLAN_CSS + "</style>") if style else f"<style>{PLAN_CSS}</style>"
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f'<meta name="generator" content="esmtool {__version__}">',
        f"<title>{_h(c['title'])}</title>",
        style.strip(),
        "</head>",
        "<body>",
        '<header class="cover">',
        f"<h1>{_h(c['title'])}</h1>",
        f'<p class="status">{_h(c["status"])}</p>',
        *(f'<p class="subtitle">{_h(x)}</p>' for x in [*c["lines"], c["date"], c["versions"]]),
        *([f'<p class="text">{_h(c["notes"])}</p>'] if c["notes"] else []),
        "</header>",
        "<main>",
        '<section id="action-plan">',
        "<h2>Action plan</h2>",
    ]
    for group in parts["action_plan"]:
        out.append(f"<h3>{_h(group['domain'])}</h3>")
        out.append(
            '<table class="plan"><thead><tr><th scope="col">Priority need</th>'
            '<th scope="col">Objectives</th><th scope="col">Strategies</th>'
            '<th scope="col">NPM / SPM</th><th scope="col">ESMs</th></tr></thead><tbody>'
        )
        for r in group["rows"]:
            out.append(
                f"<tr><td>{_h(r['need'])}</td><td>{_list(r['objectives'])}</td>"
                f"<td>{_list(r['strategies'])}</td><td>{_h(r['measure'])}</td>"
                f"<td>{_list(r['esms'])}</td></tr>"
            )
        out.append("</tbody></table>")
    out += [
        "</section>",
        '<section id="esm-summary">',
        "<h2>ESM summary</h2>",
        '<table class="plan"><thead><tr>'
        + "".join(
            f'<th scope="col">{h}</th>'
            for h in (
                "ESM",
                "Title",
                "NPM",
                "Strategy",
                "Evidence",
                "Quadrant",
                "Baseline",
                "Objectives",
            )
        )
        + "</tr></thead><tbody>",
    ]
    for r in parts["summary"]:
        out.append(
            "<tr>"
            + "".join(
                f"<td>{_h(r[k])}</td>"
                for k in ("id", "title", "npm", "strategy", "evidence", "quadrant", "baseline")
            )
            + f"<td>{_list(r['objectives'])}</td></tr>"
        )
    out += ["</tbody></table>", "</section>"]
    for n, e in enumerate(esms, 1):
        body = _blocks(env, "esm.html.j2", e.context, ESM_BLOCKS)
        # ids must stay unique on the page: each ESM's sections get its own prefix
        body = body.replace(' id="', f' id="esm-{n}-')
        out.append(f'<section class="esm" id="esm-{n}">{body}</section>')
    out += ["</main>", f"<footer><p>{_h(c['generated_by'])}</p></footer>", "</body>", "</html>", ""]
    return "\n".join(out)
