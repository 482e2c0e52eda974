"""The interactive part of ``esmtool plan init`` (questionary; imported only on a terminal).

Asks the state (the last one used is offered), the reporting year, the NPMs and the
priority needs. The NPM list puts the Universal NPMs first, ticked, then the others by
population domain, each domain marked ✓ once covered. While the person ticks, the federal
rules on the current ticks (how many NPMs, which Universal NPM or domain is missing) are shown
live under the list and change with every tick; once the pick is confirmed they are printed
(so they stay on the screen) and, if one is unmet, the person may change the pick. Nothing is
written here: the caller validates and writes the plan.
Ctrl-C or the end of input raises :class:`~esmtool.errors.Interrupted` (nothing written).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import questionary
from questionary import Choice, Separator

from ..errors import Interrupted
from ..locate import LineIndex
from .rules import NPM_KINDS, domains_of
from .rules import run as run_rules

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from ..catalog import Catalog

FEDERAL = ("plan.too-few-npms", "plan.universal-missing", "plan.domain-missing")
TICK, CROSS = "✓", "✗"


class _Asker:
    def __init__(self, input: Input | None, output: Output | None) -> None:
        if output is None:
            from prompt_toolkit.output import create_output

            output = create_output(stdout=sys.stderr)
        self.kw: dict[str, Any] = {"input": input, "output": output}
        self.out = output

    def ask(self, question: Any) -> Any:
        try:
            answer = question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            raise Interrupted() from None
        return answer

    def say(self, text: str) -> None:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()


def npm_choices(catalog: Catalog, chosen: list[str]) -> list[Any]:
    """The NPM menu: Universal NPMs (and Medical Home's parts) first, then by domain."""
    fw = catalog.meta.framework
    measures = [m for m in catalog.measures.values() if m.kind in NPM_KINDS]
    universal = {m.code for m in measures if m.kind == "universal-npm"}
    family = universal | {m.code for m in measures if m.parent in universal}
    covered = {
        d for c in chosen if c in catalog.measures for d in domains_of(catalog.measures[c], catalog)
    }

    def choice(m: Any) -> Choice:
        note = " (status unconfirmed)" if m.kind == "unconfirmed" else ""
        return Choice(f"{m.name}{note}", m.code, checked=m.code in chosen)

    out: list[Any] = [Separator("── Universal NPMs (every state reports both)")]
    out += [choice(m) for m in measures if m.code in family]
    for d in fw.population_domains if fw else []:
        mark = f" {TICK}" if d.id in covered else ""
        group = [m for m in measures if m.code not in family and m.domain in d.measure_domains]
        if group:
            out.append(Separator(f"── {d.name}{mark}"))
            out += [choice(m) for m in group]
    placed = {c.value for c in out if not isinstance(c, Separator)}
    rest = [m for m in measures if m.code not in placed]
    if rest:
        out.append(Separator("── Cross-cutting (counts toward no domain)"))
        out += [choice(m) for m in rest]
    return out


def federal_status(catalog: Catalog, state: str, npms: list[str]) -> list[str]:
    """The federal rules on this pick, one line each (✓ when met, ✗ with what is missing)."""
    from .model import LoadedPlan, Plan

    plan = Plan.model_validate({"state": state or "-", "npms": npms})
    found = [
        x.finding
        for x in run_rules(LoadedPlan(plan, Path("plan.yaml"), LineIndex("plan.yaml")), [], catalog)
        if x.finding.rule in FEDERAL
    ]
    if not found:
        fw = catalog.meta.framework
        n = len(fw.population_domains) if fw else 0
        return [f"{TICK} {len(npms)} NPMs, both Universal NPMs, an NPM in each of the {n} domains."]
    return [f"{CROSS} {f.message}" for f in found]


def live_rules(question: Any, status: Callable[[list[str]], list[str]]) -> Any:
    """``question`` (a questionary checkbox) with ``status`` of its current ticks shown under
    the list, redrawn at every key (prompt_toolkit's layout: one more window, gone once the
    question is answered). A checkbox laid out otherwise is left as it is."""
    from prompt_toolkit.filters import IsDone
    from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Window

    from ..walk.wrap import choice_lists

    layout = question.application.layout
    lists = choice_lists(question)
    if not lists or not isinstance(layout.container, HSplit):
        return question
    ic = lists[0].content
    seen: dict[frozenset[str], str] = {}

    def text() -> str:
        key = frozenset(ic.selected_options)
        if key not in seen:
            seen[key] = "\n".join(status(list(ic.selected_options)))
        return seen[key]

    window = Window(
        FormattedTextControl(text, style="class:instruction"),
        wrap_lines=True,
        dont_extend_height=True,
    )
    layout.container.children.append(ConditionalContainer(window, filter=~IsDone()))
    return question


def run_plan_walk(
    answers: dict[str, Any],
    catalog: Catalog,
    *,
    remembered_state: str | None = None,
    input: Input | None = None,
    output: Output | None = None,
) -> dict[str, Any]:
    """Ask what the answers lack; return the completed answers (plain data)."""
    a = _Asker(input, output)
    data = dict(answers)
    if not data.get("state"):
        data["state"] = a.ask(
            questionary.text(
                "State or jurisdiction",
                default=remembered_state or "",
                validate=lambda t: bool(t.strip()) or "An answer is needed here.",
                **a.kw,
            )
        ).strip()
    if "reporting_year" not in data:
        year = a.ask(
            questionary.text(
                "Reporting year (optional, e.g. 2026)",
                validate=lambda t: (
                    not t.strip()
                    or (t.strip().isdigit() and len(t.strip()) == 4)
                    or "A year such as 2026, or nothing"
                ),
                **a.kw,
            )
        ).strip()
        if year:
            data["reporting_year"] = int(year)
    chosen: list[str] = list(data.get("npms") or [])
    if not chosen:
        chosen = [m.code for m in catalog.measures.values() if m.kind == "universal-npm"]

    def rules_now(ticks: list[str]) -> list[str]:
        return federal_status(catalog, data["state"], ticks)

    while True:
        question = questionary.checkbox(
            "The NPMs the state reports (space ticks, enter confirms)",
            choices=npm_choices(catalog, chosen),
            **a.kw,
        )
        picked = a.ask(live_rules(question, rules_now))
        chosen = list(picked)
        status = rules_now(chosen)
        for line in status:
            a.say(line)
        if status[0].startswith(TICK):
            break
        if not a.ask(questionary.confirm("Change the NPMs?", default=True, **a.kw)):
            break
    data["npms"] = chosen
    needs = list(data.get("priority_needs") or [])
    while a.ask(
        questionary.confirm(
            "Add a priority need?" if not needs else "Add another priority need?",
            default=not needs,
            **a.kw,
        )
    ):
        needs.append(_ask_need(a, catalog, chosen))
    if needs:
        data["priority_needs"] = needs
    return data


def _ask_need(a: _Asker, catalog: Catalog, chosen: list[str]) -> dict[str, Any]:
    need: dict[str, Any] = {
        "need": a.ask(
            questionary.text(
                "Priority need, in your words",
                validate=lambda t: bool(t.strip()) or "An answer is needed here.",
                **a.kw,
            )
        ).strip()
    }
    objectives = []
    while True:
        text = a.ask(questionary.text("An objective for it (empty to finish)", **a.kw)).strip()
        if not text:
            break
        objectives.append(text)
    if objectives:
        need["objectives"] = objectives
    npms = a.ask(
        questionary.checkbox(
            "The NPMs it links to",
            choices=[Choice(catalog.measure_label(c), c) for c in chosen],
            **a.kw,
        )
    )
    if npms:
        need["npms"] = list(npms)
        options = [s for c in npms for s in catalog.strategies_for(c)]
        if options:
            strategies = a.ask(
                questionary.checkbox(
                    "Its strategies (optional)",
                    choices=[
                        Choice(f"{s.name} [{catalog.evidence_level(s)}]", s.id) for s in options
                    ],
                    **a.kw,
                )
            )
            if strategies:
                need["strategies"] = list(strategies)
    return need
