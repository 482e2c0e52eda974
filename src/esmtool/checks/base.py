"""Types shared by the checks: findings, quadrant inferences, quadrant names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# the quadrants' one table is esmtool.rba; the checks' modules import these names from here
from ..rba import QUADRANT_NAMES as QUADRANT_NAMES
from ..rba import quadrant_label as quadrant_label
from ..rba import quadrant_of as quadrant_of

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

#: What each quadrant measures, in one line (used when a declared quadrant disagrees).
QUADRANT_MEANING: dict[int, str] = {
    1: "Quadrant 1 counts what the program did (how much did we do?)",
    2: "Quadrant 2 is a percentage showing how well the work was done (how well did we do it?)",
    3: (
        "Quadrant 3 counts people or organizations who are better off: a change in "
        "skills/knowledge, attitude, behavior or circumstance (is anyone better off?)"
    ),
    4: (
        "Quadrant 4 is the percentage of those served who are better off: a change in "
        "skills/knowledge, attitude, behavior or circumstance (how are they better off?)"
    ),
}


@dataclass(frozen=True)
class Finding:
    """One finding of the review: its severity, rule id, key path, message and advice."""

    severity: Severity
    rule: str  # a stable id, e.g. "definition.count-has-denominator"
    path: str  # the key path it concerns, e.g. "esm.denominator" or "measures[2]"
    message: str
    advice: str


@dataclass(frozen=True)
class Inference:
    """A measure's RBA quadrant as read from its wording, and why.

    (The dataclasses of the checks carry docstrings: without one, ``dataclass`` builds one
    from the signature at import, a cost every ``esmtool check`` paid.)
    """

    quadrant: int
    reason: str
    #: "quantity" (a count) or "quality" (a percentage or rate)
    form: Literal["quantity", "quality"] = "quantity"
    #: False when the wording gave no unit form (no "Number of"/"Percent of", no unit type,
    #: no denominator): the quantity/quality half of the quadrant is then a guess.
    form_known: bool = True
    #: "effort" (what the program did, how well) or "effect" (anyone better off)
    focus: Literal["effort", "effect"] = "effort"
    #: the words that decided effort or effect ("" when nothing did and effort is the default)
    cue: str = ""
    #: what decided it: "workforce", "product", "satisfaction", "service" or "default" (effort);
    #: "knowledge", "attitude", "behavior", "practice", "circumstance", "care" or "outcome" (effect)
    basis: str = ""
    #: False when no verb class was found: effort-or-effect is then undecided (read as effort)
    decided: bool = True
    #: the parts of the reading: the population counted, the verb's and the object's class
    population: str = ""
    verb_class: str = ""
    object_class: str = ""
