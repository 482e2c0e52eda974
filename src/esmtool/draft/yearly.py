"""The parts of a draft for its yearly cycle and its origin (schema esmtool.draft/2).

Under ``esm``: ``actuals`` by year (:class:`Actual`, or the value alone). At the top:
``source`` (where an imported draft came from), ``reviewers`` (the Evidence Center
reviewers' tags) and ``history`` (the drafts this one grew from).
"""

# (no `from __future__ import annotations`: see .values)
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, GetJsonSchemaHandler, PlainSerializer
from pydantic_core import core_schema as cs

from ..numtext import compact
from .values import DraftQuadrant, Number, Text, WholeNumber, Year, _Draft, _number, _text


def _short_actual(value: Any) -> Any:
    """The short form of an actual (`2026: 44`) is its value."""
    if isinstance(value, dict | BaseModel):
        return value
    return {"value": value}


class _OrNumber:
    """In the JSON Schema, an actual may also be written as its value alone."""

    def __get_pydantic_json_schema__(
        self, schema: cs.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {"anyOf": [handler(schema), {"type": "number"}]}


NonNegative = Annotated[float, Field(ge=0), BeforeValidator(_number), PlainSerializer(compact)]


class Actual(_Draft):
    """A year's actual figure (the annual indicator reported against the objective)."""

    value: Number | None = Field(
        None,
        description="the figure; for a percentage or rate it may be left for esmtool to compute "
        "from numerator and denominator",
    )
    numerator: NonNegative | None = None
    denominator: NonNegative | None = None
    status: Literal["provisional", "final"] | None = Field(
        None, description="provisional until the year's data are final"
    )
    data_year: Year | None = Field(
        None, description="the year the data describe, when it differs from the reporting year"
    )
    comment: Text = None


ActualEntry = Annotated[Actual, BeforeValidator(_short_actual), _OrNumber()]
TextItem = Annotated[str, BeforeValidator(_text), Field(min_length=1)]


class Source(_Draft):
    """Where an imported draft came from."""

    file: Text = None
    line: WholeNumber | None = None
    url: Text = None


class Reviewers(_Draft):
    """The Evidence Center reviewers' tags (Find State ESMs database)."""

    quadrant: DraftQuadrant | None = Field(None, description="the RBA quadrant they assigned")
    evidence_level: Text = None
    comment: Text = None


class HistoryEntry(_Draft):
    """One step in the draft's life (``esmtool draft --from``)."""

    year: Year | None = None
    from_: Annotated[str, BeforeValidator(_text), Field(min_length=1)] = Field(
        alias="from", description="the draft this one was started from"
    )
    note: Text = None


#: The keys under ``esm`` of the yearly cycle. The first draft's walk does not ask them (there
#: are no actuals yet, and the turn-the-curve work comes after the measures); they are written
#: in the file, or by `esmtool actuals import` and `esmtool draft --from`.
YEARLY_ESM_KEYS = ("actuals", "story", "partners", "what_works", "action_plan", "data_development")
