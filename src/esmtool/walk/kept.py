"""Text typed when the walk stopped: kept in the autosave, offered again on resume.

Ctrl-C, Ctrl-D or a closed terminal while an answer is half typed ends the walk; the text
is kept in the walk's progress (``walk.pending.typing``: the question's key and the text)
and offered as the answer when that question is asked again.
"""

from __future__ import annotations

from typing import Any

from ..draft import fields as F
from .asker import Asker
from .state import WalkState

#: The walk's progress key for text being typed when the walk stopped: {key, text}.
TYPING = "typing"


def typed_before(state: WalkState, key: str) -> str | None:
    """Text typed at ``key``'s question when the walk stopped (kept in the autosave), or None."""
    typing = state.pending.get(TYPING)
    if isinstance(typing, dict) and typing.get("key") == key:
        text = typing.get("text")
        return text if isinstance(text, str) else None
    return None


def typed_within(state: WalkState, key: str) -> bool:
    """Whether the walk stopped while an answer to ``key`` or one of its parts was typed
    (the baseline's year or value, one year's target)."""
    typing = state.pending.get(TYPING)
    typed_key = typing.get("key") if isinstance(typing, dict) else None
    return isinstance(typed_key, str) and (typed_key == key or typed_key.startswith(key + "."))


def ask_keeping(
    state: WalkState, ask: Asker, key: str, message: str, *, default: Any = None, **kw: Any
) -> str:
    """``ask.text`` whose half-typed answer survives a stop (Ctrl-C, Ctrl-D, a closed
    terminal): kept in the autosave with ``key`` and offered again when the walk resumes.
    Once the question is answered the kept text is dropped: the caller stores the answer."""
    typed = typed_before(state, key)
    if typed is not None:
        ask.say("You were typing this when the walk stopped; it is offered again.", style="dim")
        default = typed
    offered = F.format_value(default).strip()

    def keep_typing(text: str) -> None:
        if text.strip() and text.strip() != offered:
            state.set_pending(TYPING, {"key": key, "text": text})

    answer = ask.text(message, default=default, on_stop=keep_typing, **kw)
    if typed is not None:
        state.set_pending(TYPING, None)
    return answer
