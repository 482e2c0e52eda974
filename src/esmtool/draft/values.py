"""The values a draft holds: numbers as people write them, years, free text, quadrants.

Shared by the draft's models (:mod:`.model`, :mod:`.yearly`).
"""

# No `from __future__ import annotations` in the modules that define the draft's models:
# pydantic then reads real types instead of evaluating each annotation's text (about 1 ms,
# of the 8 ms `import esmtool.draft` costs every command that reads a draft).

import math
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from ..catalog.models import Quadrant
from ..numtext import compact

MIN_YEAR, MAX_YEAR = 1990, 2100


#: The number forms a draft accepts (README "Limits"): plain decimal, an optional sign,
#: thousands commas in groups of three, an optional decimal part and exponent, an optional
#: trailing '%'. `045` is 45 (decimal, never octal); `0x1F`, `1:30`, `2_026`, `1,00`, `inf`
#: are refused rather than read some other way.
_DECIMAL = re.compile(
    r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?"
)


def _number(value: Any) -> Any:
    """Accept 42, 42.5, '42', '1,000', '45%'; refuse true/false and non-finite values."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if len(text) > 400 or not _DECIMAL.fullmatch(text):
            raise ValueError(f"'{value}' is not a number")
        text = text.replace(",", "")
        value = float(text) if "." in text or "e" in text.lower() else int(text)
    if isinstance(value, int) and value.bit_length() > 1000:  # beyond what a float can hold
        digits = int(value.bit_length() * 0.30103)
        raise ValueError(f"a number of about {digits} digits is too large")
    if isinstance(value, int | float) and not math.isfinite(float(value)):
        raise ValueError(f"{value!r} is not a finite number")
    return value


def _whole(value: Any) -> Any:
    value = _number(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"{value!r} is not a whole number")
        value = int(value)
    return value


Number = Annotated[float, BeforeValidator(_number), PlainSerializer(compact)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR), BeforeValidator(_whole)]
WholeNumber = Annotated[int, Field(ge=1), BeforeValidator(_whole)]


def _text(value: Any) -> Any:
    """Free text: numbers typed into a text field become text; blank becomes missing."""
    if isinstance(value, bool):
        raise ValueError("should be text, not true/false")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        cleaned = value.strip()
        return cleaned or None
    return value


Text = Annotated[str | None, BeforeValidator(_text)]


def _not_bool(value: Any) -> Any:
    """YAML reads `yes`/`true` as true/false, which pydantic would take as 1/0."""
    if isinstance(value, bool):
        raise ValueError("true/false is not a quadrant number (1 to 4)")
    return value


DraftQuadrant = Annotated[Quadrant, BeforeValidator(_not_bool)]


class _Draft(BaseModel):
    # defer_build: the validators are built on the first validation, not at import, so the
    # walk can show its first question before paying for them
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)
