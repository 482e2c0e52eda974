"""Numbers as people write them: 42 (not 42.0), 42.5, 12,000."""

from __future__ import annotations


def compact(value: float) -> float | int:
    """A whole float as an int (42.0 -> 42); anything else unchanged."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def number_text(value: float, *, grouped: bool = True) -> str:
    """42 -> '42', 42.5 -> '42.5', 12000 -> '12,000' (or '12000' with ``grouped=False``)."""
    value = compact(value)
    return f"{value:,}" if grouped else str(value)


def value_text(value: float | int, unit_type: str | None, unit_number: int | None) -> str:
    """A baseline or objective value with its unit: '42%', '1,250', '12.5 per 1,000'."""
    text = number_text(value)
    if unit_type == "percentage":
        return f"{text}%"
    if unit_type == "rate" and unit_number:
        return f"{text} per {number_text(unit_number)}"
    return text
