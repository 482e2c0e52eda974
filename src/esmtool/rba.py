"""Results-Based Accountability's four quadrants: their numbers and the Evidence Center's names.

The one table of them: the catalog's ``quadrants.yaml`` must use these names (its loader
checks), the checks, the walk and every document take them from here. Importing this module
costs nothing (no other esmtool module is imported).
"""

from __future__ import annotations

#: The RBA quadrants, in order (1 quantity of effort … 4 quality of effect).
QUADRANTS: tuple[int, ...] = (1, 2, 3, 4)

#: The MCH Evidence Center's names of the RBA quadrants.
QUADRANT_NAMES: dict[int, str] = {
    1: "Quantity of Effort",
    2: "Quality of Effort",
    3: "Quantity of Effect",
    4: "Quality of Effect",
}


def quadrant_of(quality: bool, effect: bool) -> int:
    """1 quantity of effort, 2 quality of effort, 3 quantity of effect, 4 quality of effect."""
    return (3 if effect else 1) + (1 if quality else 0)


def quadrant_label(q: int) -> str:
    return f"Quadrant {q} ({QUADRANT_NAMES[q]})"
