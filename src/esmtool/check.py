"""Reviewing a draft the way the MCH Evidence Center's reviewers do.

(Interface fixed; the rules are being written.) :func:`check_draft` returns
findings as data; the CLI, the walk's review step and the exporters show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .catalog import Catalog
    from .draft import Draft

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    severity: Severity
    rule: str  # a stable id, e.g. "definition.count-has-denominator"
    path: str  # the key path it concerns, e.g. "esm.denominator" or "measures[2]"
    message: str
    advice: str


@dataclass(frozen=True)
class Inference:
    quadrant: int
    reason: str


def infer_quadrant(
    text: str,
    *,
    unit_type: str | None = None,
    numerator: str | None = None,
    denominator: str | None = None,
) -> Inference:
    """The RBA quadrant a measure's wording points to, and why."""
    raise NotImplementedError


def check_draft(draft: Draft, catalog: Catalog) -> list[Finding]:
    """Every finding for one draft, errors first, in a stable order."""
    return []
