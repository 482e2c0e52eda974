"""Review findings written for people: field labels instead of key paths, no commands.

``esmtool check`` speaks to the person at the keyboard: it names key paths
(``esm.targets.2026``) and suggests commands (`` `esmtool list strategies` ``).
A document goes to partners, so :func:`field_label` names the field as the
document does ("Target for 2026", "Measure 3: quadrant") and :func:`prose`
drops the commands (a parenthesis or a ": `command`" tail that holds one, else
the sentence) and writes key names as words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..draft.fields import FIELDS

_TOP = {
    "npm": "National Performance Measure",
    "strategy": "Strategy",
    "state": "State",
    "notes": "Notes",
    "measures": "Measure set",
    "skipped_quadrants": "Measure set",
    "esm": "ESM definition",
    "esm.targets": "Annual objectives",
    "esm.baseline": "Baseline",
}
_MEASURE_PARTS = {
    "text": "wording",
    "quadrant": "quadrant",
    "headline": "headline",
    "effect": "effort or effect",
    "template": "template",
}
_MEASURE = re.compile(r"^measures\[(\d+)\](?:\.(\w+))?(?:\.(.+))?$")


def _esm_label(name: str) -> str:
    spec = FIELDS.get(f"esm.{name}")
    text = spec.label if spec else name.replace("_", " ").capitalize()
    return text.removesuffix(" (optional)")


def field_label(path: str, quadrants: Sequence[int] = ()) -> str:
    """The field a key path names, as a document calls it ('' for none).

    ``quadrants``: each measure's quadrant, in the draft's order; a measure is then named
    with its quadrant too ("Measure 3 in Quadrant 4"): the walk and the documents show the
    measure set by quadrant, where a bare number is hard to find.
    """
    if not path:
        return ""
    if path in _TOP:
        return _TOP[path]
    m = _MEASURE.match(path)
    if m:
        i = int(m.group(1))
        part, rest = m.group(2), m.group(3)
        name = f"Measure {i + 1}"
        if i < len(quadrants):
            name += f" in Quadrant {quadrants[i]}"
        if part is None:
            return name
        if part == "slots" and rest:
            return f"{name}: {rest.replace('_', ' ')}"
        return f"{name}: {_MEASURE_PARTS.get(part, part.replace('_', ' '))}"
    parts = path.split(".")
    if parts[0] == "esm" and len(parts) >= 2:
        name = parts[1]
        if name == "targets" and len(parts) == 3:
            return f"Target for {parts[2]}"
        if name == "baseline" and len(parts) == 3:
            return f"Baseline {parts[2].replace('_', ' ')}"
        return _esm_label(name)
    return path.replace("_", " ").capitalize()


# a parenthesis holding a command: "(`esmtool draft` offers templates)", "(see: esmtool list)"
_PAREN_COMMAND = re.compile(r"\s*\([^()]*\besmtool\b[^()]*\)")
# a colon then a command: "… stronger strategies: `esmtool list strategies …`"
_COLON_COMMAND = re.compile(r":\s*`esmtool[^`]*`")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_QUOTED_KEY = re.compile(r"'((?:esm\.|measures\[)[^']*|npm|strategy)'")
_ESM_KEYS = sorted(
    (spec.name for spec in FIELDS.values() if "_" in spec.name), key=len, reverse=True
)
_BARE_KEY = re.compile(r"\b(" + "|".join(map(re.escape, _ESM_KEYS)) + r")\b")


def prose(text: str | None) -> str:
    """A finding's message or advice fit for a document: no commands, no key names."""
    if not text:
        return ""
    out = _PAREN_COMMAND.sub("", text)
    out = _COLON_COMMAND.sub("", out)
    if "esmtool " in out:  # a command still inside a sentence: leave the sentence out
        out = " ".join(s for s in _SENTENCE.split(out) if "esmtool " not in s)
    out = _QUOTED_KEY.sub(lambda m: field_label(m.group(1)), out)
    out = _BARE_KEY.sub(lambda m: _esm_label(m.group(1)).lower(), out)
    out = out.replace("`", "")
    return re.sub(r"\s+([,;.])", r"\1", out).strip()
