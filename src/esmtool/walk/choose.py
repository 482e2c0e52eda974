"""Steps 1 and 2: the measure and the strategy; and, after the walk, what to export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalog.models import MEASURE_KIND_LABELS
from ..errors import Interrupted
from .asker import Asker, Choice
from .screens import strategy_panel
from .state import Stopped, WalkState

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..catalog.models import Strategy
    from ..draft import Draft

OTHER_MEASURES = "!other-measures"
THIS_MEASURE = "!this-measure"
OWN_STRATEGY = "!own-strategy"
CHANGE_MEASURE = "!change-measure"
STOP = "!stop"


# ----- 1. the measure ----------------------------------------------------------------------------


def ensure_measure(state: WalkState, ask: Asker) -> None:
    if not state.data.get("npm"):
        choose_measure(state, ask, default=None)


def choose_measure(state: WalkState, ask: Asker, *, default: str | None) -> None:
    ask.heading("Step 1 of 5: the National Performance Measure")
    choices = _measure_choices(state.catalog)
    code = ask.select("Which measure is this ESM for?", choices, default=default, search=True)
    state.commit("npm", code)


def _measure_choices(cat: Catalog) -> list[Choice]:
    choices = []
    for m in cat.measures.values():
        n = len(_family_strategies(cat, m.code))  # what the strategy list will offer
        kind = MEASURE_KIND_LABELS.get(m.kind, m.kind)
        count = f"{n} strateg{'y' if n == 1 else 'ies'}" if n else "no strategies yet"
        choices.append(
            Choice(
                title=f"{m.name} · {m.domain} · {kind} · {count}  [{m.code}]",
                value=m.code,
                description=m.goal or m.definition,
            )
        )
    return choices


# ----- 2. the strategy ---------------------------------------------------------------------------


def ensure_strategy(state: WalkState, ask: Asker) -> None:
    if not state.data.get("strategy"):
        choose_strategy(state, ask, default=None)


def _family_strategies(cat: Catalog, npm: str) -> list[Strategy]:
    """The measure's strategies and those filed under its family (a Medical Home sub-measure's
    siblings and parent), strongest evidence first, the measure's own first among equals."""
    family = {code: i + 1 for i, code in enumerate(cat.related_measures(npm))}
    family[npm] = 0
    return sorted(
        (s for s in cat.strategies.values() if s.measure in family),
        key=lambda s: (cat.evidence_rank(s.evidence), family[s.measure]),
    )


def _strategy_choices(state: WalkState, scope: str) -> list[Choice]:
    npm = state.data["npm"]
    cat = state.catalog
    order = {code: i for i, code in enumerate(cat.measures)}
    if scope == "all":
        pool = sorted(
            cat.strategies.values(),
            key=lambda s: (order.get(s.measure, len(order)), cat.evidence_rank(s.evidence)),
        )
    else:
        pool = _family_strategies(cat, npm)
    choices = []
    for s in pool:
        shown = scope == "all" or s.measure != npm
        where = f" · for {cat.measures[s.measure].name}" if shown else ""
        choices.append(
            Choice(
                title=f"{s.name} — {cat.evidence_level(s)}{where}  [{s.id}]",
                value=s.id,
                description=s.approach,
            )
        )
    if scope == "all":
        choices.append(
            Choice(f"« Back to the strategies for {cat.measure_label(npm)}", THIS_MEASURE)
        )
    else:
        choices.append(Choice("Show strategies from other measures", OTHER_MEASURES))
    choices.append(Choice("My own strategy (not in the catalog)", OWN_STRATEGY))
    choices.append(Choice("« Choose a different measure", CHANGE_MEASURE))
    choices.append(Choice("Stop here (your answers are saved; resume later)", STOP))
    return choices


def choose_strategy(state: WalkState, ask: Asker, *, default: str | None) -> None:
    cat = state.catalog
    ask.heading("Step 2 of 5: the strategy")
    scope = str(state.pending.get("strategy_scope", "measure"))
    chosen = cat.strategies.get(default) if default else None
    if chosen is not None and chosen not in _family_strategies(cat, state.data["npm"]):
        scope = "all"
    if scope == "measure" and not _family_strategies(cat, state.data["npm"]):
        ask.say(
            f"The catalog has no strategies for {cat.measure_label(state.data['npm'])} "
            "yet. Here are the strategies for all measures.",
            style="yellow",
        )
        scope = "all"
    while True:
        if state.pending.get("own_strategy") and _own_strategy(state, ask):
            return  # a description stopped half-way: it goes on
        candidate = state.pending.get("strategy")
        if isinstance(candidate, str) and candidate in cat.strategies:
            ask.say(strategy_panel(cat, cat.strategies[candidate]))
            if ask.confirm("Use this strategy?"):
                state.commit(
                    "strategy", candidate, pending={"strategy": None, "strategy_scope": None}
                )
                return
            state.set_pending("strategy", None)
            default = candidate
        elif candidate is not None:  # an id that is no longer in the catalog
            state.set_pending("strategy", None)
        pick = ask.select(
            f"Which strategy for {cat.measure_label(state.data['npm'])}? "
            "(strongest evidence first)",
            _strategy_choices(state, scope),
            default=default,
            search=True,
        )
        if pick == OTHER_MEASURES:
            scope = "all"
            state.set_pending("strategy_scope", scope)
        elif pick == THIS_MEASURE:
            scope = "measure"
            state.set_pending("strategy_scope", None)
        elif pick == CHANGE_MEASURE:
            choose_measure(state, ask, default=state.data.get("npm"))
            scope = "measure"
            state.set_pending("strategy_scope", None)
            if not _family_strategies(cat, state.data["npm"]):
                scope = "all"
        elif pick == STOP:
            raise Stopped
        elif pick == OWN_STRATEGY:
            if _own_strategy(state, ask):
                return
        else:
            state.set_pending("strategy", pick)


def _own_strategy(state: WalkState, ask: Asker) -> bool:
    """Describe a strategy of one's own (:mod:`.own_strategy`); True when it is the draft's now."""
    from .own_strategy import PENDING, describe_strategy

    sid = describe_strategy(state, ask)
    if sid is None:
        return False
    state.commit("strategy", sid, pending={PENDING: None, "strategy": None, "strategy_scope": None})
    return True


# ----- after the walk: a document instead of YAML on the screen ----------------------------------

#: What a person may turn the finished draft into when no -o was given (format, label).
EXPORT_CHOICES = (
    ("docx", "A Word document (.docx)"),
    ("html", "A web page (.html), prints on letter paper"),
    ("md", "Markdown (.md)"),
    ("csv", "Spreadsheet rows: baseline, objectives by year, measures (.csv)"),
    ("yaml", "Nothing more: keep the draft file only"),
)


def choose_export(
    draft: Draft,
    catalog: Catalog,
    *,
    autosave: Path,
    input: Any = None,
    output: Any = None,
) -> tuple[Path, str] | None:
    """Ask what to export the finished draft as, and where; None keeps the draft file only.

    Used when `esmtool draft` runs on a terminal without -o: rather than printing YAML on
    the screen, the person picks a document and a file name (never an existing file).
    """
    from ..export import extension
    from ..fsutil import safe_filename

    ask = Asker(input=input, output=output)
    try:
        fmt = ask.select(
            "Export the finished draft as",
            [Choice(label, value) for value, label in EXPORT_CHOICES],
            default="docx",
        )
        if fmt == "yaml":
            return None
        stem = safe_filename(draft.esm.id or draft.esm.title or "", fallback="esm-draft")

        def valid(text: str) -> bool | str:
            path = Path(text.strip()).expanduser()
            if not text.strip():
                return "Give a file name, e.g. " + stem + extension(fmt)
            if path.is_dir():
                return f"{path} is a folder; give a file name"
            if path.exists():
                return f"{path} already exists; choose another name"
            if not path.parent.is_dir() and str(path.parent) not in ("", "."):
                return f"the folder {path.parent} does not exist"
            return True

        name = ask.text("Save it as", default=stem + extension(fmt), validate=valid)
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(
            saved_to=str(autosave),
            hint=f"The draft is complete. Export it any time with: esmtool export {autosave} -o FILE",
        ) from None
    return Path(name).expanduser(), fmt
