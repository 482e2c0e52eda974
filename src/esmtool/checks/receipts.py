"""Which of a measure's own outcome receipts a phrase names, and what was received.

The catalog's ``outcome_receipts`` for an NPM list what it counts as its outcome when people
receive it (a developmental screen, a postpartum visit); :func:`_matches_receipt` finds one in
a verb phrase (see :mod:`.quadrant`, principle 5).
"""

from __future__ import annotations

import re

from ..measure_text import content_words
from .objects import COMPOUND_HEADS

#: Nouns that make a receipt's words a modifier ("postpartum visit note template"). "Services"
#: is not one: transition planning services received are transition planning received.
_MODIFIED_HEADS = COMPOUND_HEADS - {"service", "services"}


def _matches_receipt(region: str, receipts: tuple[str, ...]) -> str:
    """The first outcome receipt of the measure named in ``region``.

    A receipt's words must appear in order, close together ("screened for depression and
    anxiety" names "screened for anxiety"), and not as a modifier of a following noun
    ("postpartum visit note template" names no postpartum visit). Nothing after "no",
    "not" or "without" counts.
    """
    region = re.split(r"\b(?:no|without|not|never)\b", region, maxsplit=1)[0]
    found = content_words(region)
    for term in receipts:
        need = content_words(term)
        if need and _in_order(found, need):
            return term
    return ""


def _in_order(found: list[str], need: list[str]) -> bool:
    for i, w in enumerate(found):
        if w != need[0]:
            continue
        j, k = i, 1
        while k < len(need):
            nxt = [x for x in range(j + 1, min(len(found), j + 4)) if found[x] == need[k]]
            if not nxt:
                break
            j, k = nxt[0], k + 1
        if k == len(need) and (j + 1 >= len(found) or found[j + 1] not in _MODIFIED_HEADS):
            return True
    return False


def _head_region(text: str) -> str:
    """What was received, up to where its source, place or time begins."""
    padded = " " + text + " "
    m = re.search(
        r"\s(?:from|through|by|via|at|within|after|before|during|since|when|so)\s", padded
    )
    return padded[: m.start()].strip() if m else text
