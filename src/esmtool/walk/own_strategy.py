"""Step 2, "My own strategy": describe it; esmtool adds it to the person's own catalog folder.

The person gives the name, what it does, its evidence rating only if someone rated it (with
who rated it; unrated by default: esmtool never rates a strategy) and where it is described
(a web address, or a report or the program's records). The answers so far are kept in the
walk's progress (``own_strategy``), so a resumed walk goes on where it stopped. The entry is
written by :mod:`esmtool.own_strategy` (checked, one new file, never replacing one) to the
folder the person confirms: their own catalog folder (the user data folder) by default, which
every command reads. The strategy is then the draft's strategy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .asker import Asker, Choice
from .definition import NEEDED
from .state import WalkState

PENDING = "own_strategy"
SAVE = "!save"
AGAIN = "!again"
CANCEL = "!cancel"


def _needed(text: str) -> bool | str:
    return True if text.strip() else NEEDED


def _ask(state: WalkState, ask: Asker, so_far: dict[str, Any], key: str, question: Any) -> Any:
    """One answer of the description, kept in the walk's progress as soon as it is given."""
    if key not in so_far:
        so_far[key] = question()
        state.set_pending(PENDING, dict(so_far))
    return so_far[key]


def describe_strategy(state: WalkState, ask: Asker) -> str | None:
    """Ask for the strategy, write it, return its id; None when the person goes back."""
    from ..catalog.paths import user_catalog_dir

    cat = state.catalog
    npm = state.data["npm"]
    saved = state.pending.get(PENDING)
    so_far: dict[str, Any] = dict(saved) if isinstance(saved, dict) else {}
    default_folder = user_catalog_dir()
    ask.heading("My own strategy")
    ask.say(
        f"Describe the strategy your program uses for {cat.measure_label(npm)}. esmtool adds "
        "it to your own catalog folder, so this draft and later ones can use it. Give an "
        "evidence rating only if someone rated it: esmtool never rates a strategy.",
        style="dim",
    )
    name = _ask(
        state, ask, so_far, "name", lambda: ask.text("Name of the strategy", validate=_needed)
    )
    _ask(
        state,
        ask,
        so_far,
        "approach",
        lambda: ask.text("What it does, in a sentence or two", validate=_needed),
    )
    levels = sorted(
        (lvl for lvl in cat.evidence.values() if lvl.id != "unrated"), key=lambda lvl: lvl.rank
    )
    evidence = _ask(
        state,
        ask,
        so_far,
        "evidence",
        lambda: ask.select(
            "Its evidence rating",
            [Choice("Not rated (the default)", "unrated")]
            + [Choice(f"{lvl.label} (someone rated it; you say who)", lvl.id) for lvl in levels],
            default="unrated",
        ),
    )
    if evidence != "unrated":
        _ask(
            state,
            ask,
            so_far,
            "evidence_source",
            lambda: ask.text(
                "Who rated it, and where?",
                validate=_needed,
                placeholder="e.g. MCH Evidence Center review, 2025",
            ),
        )
    _ask(
        state,
        ask,
        so_far,
        "described_at",
        lambda: ask.text(
            "Where is it described? (a web address, a report or your records)",
            validate=_needed,
        ),
    )

    def check_folder(text: str) -> bool | str:
        path = Path(text.strip()).expanduser()
        if not text.strip():
            return NEEDED
        if path.exists() and not path.is_dir():
            return f"{path} is a file; give a folder"
        return True

    folder_text = _ask(
        state,
        ask,
        so_far,
        "folder",
        lambda: ask.text(
            "Save it in your catalog folder", default=str(default_folder), validate=check_folder
        ),
    )
    folder = Path(folder_text).expanduser()
    return _save(state, ask, so_far, folder, default_folder, str(name))


def _save(
    state: WalkState,
    ask: Asker,
    so_far: dict[str, Any],
    folder: Path,
    default_folder: Path,
    name: str,
) -> str | None:
    from ..errors import CatalogError, OutputError
    from ..own_strategy import new_id, strategy_entry, write_strategy

    cat = state.catalog
    entry = strategy_entry(
        sid=new_id(name, cat, folder),
        measure=state.data["npm"],
        name=name,
        approach=str(so_far["approach"]),
        described_at=str(so_far["described_at"]),
        evidence=str(so_far["evidence"]),
        evidence_source=so_far.get("evidence_source"),
    )
    ask.say()
    ask.say(f"{entry['name']} [{entry['id']}]", style="bold")
    ask.say(entry["approach"])
    level = cat.evidence.get(entry["evidence"])
    ask.say(f"Evidence: {level.label if level else entry['evidence']}", style="dim")
    ask.say(f"Described at: {entry['url']}", style="dim")
    ask.say(f"To be saved in: {folder}", style="dim")
    pick = ask.select(
        "Save it and use it for this ESM?",
        [
            Choice("Save it and use it", SAVE),
            Choice("Describe it again", AGAIN),
            Choice("« Back to the list of strategies (nothing is saved)", CANCEL),
        ],
    )
    if pick != SAVE:
        state.set_pending(PENDING, None)
        return describe_strategy(state, ask) if pick == AGAIN else None
    try:
        path, strategy = write_strategy(entry, cat, folder)
    except (CatalogError, OutputError) as exc:
        ask.say(f"Your strategy could not be saved: {exc.message}", style="red")
        for p in getattr(exc, "problems", []) or []:
            ask.say(f"  {p}")
        ask.say("Its description is kept: choose it again to retry.", style="dim")
        so_far.pop("folder", None)  # the folder is asked again
        state.set_pending(PENDING, dict(so_far))
        return None
    cat.strategies[strategy.id] = strategy  # this walk uses it at once; later runs read the file
    ask.say(f"Saved your strategy in\n  {path}", style="green")
    read = {p.resolve() for p in cat.folders} | {default_folder.resolve()}
    if folder.resolve() not in read:
        ask.say(
            f"esmtool reads {folder} only when told: add --catalog {folder} to later commands "
            "(check, export, draft --resume), or move the file to "
            f"{default_folder / 'strategies'}.",
            style="yellow",
        )
    return strategy.id
