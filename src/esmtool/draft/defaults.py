"""A finished draft's defaults: what has one sensible value, and what does not belong.

(The walk's suggestions drawn from the strategy, and how they follow a change of strategy,
are in :mod:`.fields`: :func:`~.fields.default_for`, :func:`~.fields.refreshed`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Draft


def dropped(draft: Draft) -> list[tuple[str, str]]:
    """Values the draft does not keep, with the reason: (key path, why)."""
    esm = draft.esm
    if esm.unit_type == "count" and esm.unit_number is not None:
        return [("esm.unit_number", "a count has no unit number")]
    return []


def apply_defaults(draft: Draft) -> Draft:
    """Fill what has one sensible value (status 'active', unit number 100 for a percentage)
    and drop what does not belong (a count's unit number)."""
    esm = draft.esm
    updates: dict[str, Any] = {key[4:]: None for key, _ in dropped(draft)}
    if esm.status is None:
        updates["status"] = "active"
    if esm.unit_type == "percentage" and esm.unit_number is None:
        updates["unit_number"] = 100
    if not updates:
        return draft
    return draft.model_copy(update={"esm": esm.model_copy(update=updates)})


def dropped_from(data: Any, draft: Draft) -> list[tuple[str, str]]:
    """What a finished ``draft`` left out of the answers ``data``: (key path, why)."""
    esm = data.get("esm") if isinstance(data, dict) else None
    if not isinstance(esm, dict):
        return []
    given = draft.model_copy(
        update={"esm": draft.esm.model_copy(update={"unit_number": esm.get("unit_number")})}
    )
    return [(k, why) for k, why in dropped(given) if esm.get(k[4:]) is not None]
