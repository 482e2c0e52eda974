"""``esmtool draft --resume`` without a path: choose one of the recent drafts (the latest first)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Interrupted
from .asker import Asker, Choice

if TYPE_CHECKING:
    from ..draft.recent import DraftInfo

#: How many recent drafts are offered (``esmtool drafts`` lists them all).
OFFERED = 10


def label(info: DraftInfo) -> str:
    when = info.modified.astimezone().strftime("%Y-%m-%d %H:%M")
    title = info.title or "(no title yet)"
    measure = f" ({info.npm})" if info.npm else ""
    return f"{title}{measure}, {info.progress}, {when}: {info.path}"


def choose_recent(infos: list[DraftInfo], *, input: Any = None, output: Any = None) -> Path:
    """Ask which draft to continue; the latest is the default. Ctrl-C: nothing is changed."""
    shown = infos[:OFFERED]
    ask = Asker(input=input, output=output)
    if len(infos) > OFFERED:
        ask.say(
            f"The {OFFERED} last changed of {len(infos)} drafts; all: esmtool drafts", style="dim"
        )
    try:
        pick = ask.select(
            "Which draft do you want to continue?",
            [Choice(label(i), str(i.path)) for i in shown],
            default=str(shown[0].path),
        )
    except (KeyboardInterrupt, EOFError):
        raise Interrupted() from None
    return Path(pick)
