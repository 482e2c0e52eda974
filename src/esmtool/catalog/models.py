"""Typed models of the catalog: measures, strategies, practices, evidence, quadrants, templates.

These are the shapes of the YAML files under ``data/`` (and of users' own
catalog folders). Unknown keys are errors everywhere (``extra='forbid'``), so a
typo in a catalog file is reported instead of silently ignored.
"""

from __future__ import annotations

import re
import string
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: The normalised evidence scale, strongest first (mchevidence.org evidence-level page).
EVIDENCE_IDS: tuple[str, ...] = (
    "scientifically-rigorous",
    "moderate",
    "expert-opinion",
    "emerging",
    "mixed",
    "unrated",
)
EvidenceId = Literal[
    "scientifically-rigorous", "moderate", "expert-opinion", "emerging", "mixed", "unrated"
]

MeasureKind = Literal[
    "universal-npm",  # Universal National Performance Measure (2026-2030)
    "npm",  # National Performance Measure
    "sub-measure",  # a component of an NPM (e.g. the five Medical Home components)
    "standardized-measure",  # a Standardized Measure (SM)
    "legacy-npm",  # a 2015-2025 NPM, with its old number
    "spm",  # a State Performance Measure (users' own catalogs)
    "unconfirmed",  # a measure page exists but its status was not confirmed from a source
]
MEASURE_KIND_LABELS: dict[str, str] = {
    "universal-npm": "Universal NPM",
    "npm": "NPM",
    "sub-measure": "NPM sub-measure",
    "standardized-measure": "Standardized Measure",
    "legacy-npm": "2015-2025 NPM",
    "spm": "State Performance Measure",
    "unconfirmed": "Measure (status unconfirmed)",
}

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.-]*$", min_length=1, max_length=80)]
Text = Annotated[str, Field(min_length=1)]
Quadrant = Annotated[int, Field(ge=1, le=4)]
Direction = Literal["increase", "decrease"]
UnitType = Literal["percentage", "count", "rate"]

_SLOT_RE = re.compile(r"\{([a-z][a-z0-9_]*)\}")


class _Model(BaseModel):
    # defer_build: validators are built on first use, so a start-up that reads the
    # parsed catalog from the cache (and never validates) does not pay for them.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


class Figure(_Model):
    """A national (or state) figure a drafter can use as context for a baseline."""

    value: float
    unit: Literal["percent", "count", "rate"] = "percent"
    year: int | None = None
    description: Text
    source: str | None = None
    url: str | None = None


class Measure(_Model):
    """A National Performance Measure, sub-measure, Standardized or State measure."""

    code: Slug
    name: Text
    kind: MeasureKind
    kind_label: str | None = Field(None, description="the kind as the source page words it")
    old_number: str | None = Field(None, description="number in the 2015-2025 framework")
    parent: Slug | None = Field(None, description="code of the measure this is a part of")
    domain: Text = Field(description="population health domain")
    goal: str | None = None
    definition: str | None = Field(None, description="NPM wording of the measure")
    old_definition: str | None = Field(
        None, description="the measure's wording in the 2015-2025 framework, where it differed"
    )
    numerator: str | None = None
    denominator: str | None = None
    unit_type: UnitType | None = None
    direction: Direction | None = None
    data_source: str | None = None
    healthy_people_2030: list[str] = Field(
        [], description="Healthy People 2030 objectives the detail sheet names (e.g. MICH-17)"
    )
    population_domain: str | None = Field(
        None, description="the MCH population domain as the detail sheet prints it"
    )
    measure_domain: str | None = Field(None, description="the detail sheet's measure domain")
    url: Text
    other_urls: list[str] = []
    figures: list[Figure] = []
    context: list[str] = Field([], description="key findings and notes for drafters")
    unconfirmed: list[str] = Field([], description="names of fields not confirmed from a source")
    notes: str | None = None
    outcome_receipts: list[str] = Field(
        [],
        description="care or services received that this measure counts as its own outcome "
        "(a receipt of one of these is an effect, not effort)",
    )


class SampleMeasure(_Model):
    """A sample ESM from a strategy page, placed in its RBA quadrant."""

    quadrant: Quadrant
    kind: Literal["process", "outcome"] = "process"
    text: Text
    purpose: str | None = Field(None, description="what the measure shows, as the page notes")


class Slot(_Model):
    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    prompt: Text
    example: Text


class Applies(_Model):
    """Which strategies a template serves. Empty everywhere = every strategy."""

    strategies: list[str] = []
    measures: list[str] = []
    intervention_types: list[str] = []
    outcomes: list[str] = []

    @property
    def universal(self) -> bool:
        return not (self.strategies or self.measures or self.intervention_types or self.outcomes)


class Template(_Model):
    """A measure wording with named ``{slots}`` for one RBA quadrant."""

    id: Slug
    quadrant: Quadrant
    kind: Literal["process", "outcome"] = "process"
    text: Text
    slots: list[Slot] = []
    applies_to: Applies = Field(default_factory=Applies)
    unit_type: UnitType | None = None
    note: str | None = None
    #: ids the template had before (a draft that names one still finds it): an id keeps
    #: its quadrant's prefix, so a template moved to another quadrant gets a new id
    former_ids: list[Slug] = []

    @model_validator(mode="after")
    def _slots_match_text(self) -> Template:
        used = set(_SLOT_RE.findall(self.text))
        declared = [s.name for s in self.slots]
        missing = sorted(used - set(declared))
        unused = sorted(set(declared) - used)
        if missing:
            raise ValueError(f"the text uses {{{missing[0]}}} but no slot of that name is declared")
        if unused:
            raise ValueError(
                f"slot '{unused[0]}' is declared but the text never uses {{{unused[0]}}}"
            )
        try:
            list(string.Formatter().parse(self.text))
        except ValueError as exc:
            raise ValueError(f"the text has unbalanced braces ({exc})") from None
        return self

    def fill(self, values: dict[str, str]) -> str:
        """The template's text with each ``{slot}`` replaced by its value."""
        return _SLOT_RE.sub(lambda m: values.get(m.group(1), m.group(0)), self.text)

    @property
    def slot_names(self) -> list[str]:
        return [s.name for s in self.slots]


class Strategy(_Model):
    """An MCHbest strategy (or a state's own strategy, from a user catalog)."""

    id: Slug
    measure: Slug
    name: Text
    approach: Text
    overview: str | None = None
    evidence: EvidenceId
    evidence_label: str | None = Field(None, description="the rating exactly as printed")
    source: str | None = None
    outcomes: list[str] = []
    intervention_type: str | None = None
    intervention_level: str | None = None
    target_audience: str | None = None
    sample_measures: list[SampleMeasure] = []
    templates: list[Template] = Field([], description="strategy-specific measure templates")
    references: list[str] = []
    url: Text
    other_urls: list[str] = []
    origin: Literal["mchbest", "state", "other"] = "mchbest"
    unconfirmed: list[str] = []
    notes: str | None = None

    @field_validator("templates")
    @classmethod
    def _template_ids_unique(cls, v: list[Template]) -> list[Template]:
        seen: set[str] = set()
        for t in v:
            if t.id in seen:
                raise ValueError(f"template id '{t.id}' is used twice")
            seen.add(t.id)
        return v


Designation = Literal["cutting-edge", "emerging", "promising", "best-practice"]


class Practice(_Model):
    """An AMCHP Innovation Hub field-based practice (users add these; none are bundled)."""

    id: Slug
    measure: Slug
    name: Text
    designation: Designation
    designation_label: str | None = None
    description: str | None = None
    outcomes: list[str] = []
    url: Text
    notes: str | None = None


class EvidenceLevel(_Model):
    id: EvidenceId
    label: Text
    rank: int = Field(ge=1, le=9, description="1 = strongest")
    definition: Text
    wwfh: str | None = Field(None, description="What Works for Health's name for this level")
    aliases: list[str] = Field([], description="printed labels that normalise to this level")


class QuadrantInfo(_Model):
    number: Quadrant
    name: Text
    question: Text
    effort_effect: Literal["effort", "effect"]
    quantity_quality: Literal["quantity", "quality"]
    stem: Text = Field(description="the usual opening of a measure in this quadrant")
    guidance: Text

    @model_validator(mode="after")
    def _is_the_rba_quadrant(self) -> QuadrantInfo:
        """The names and halves are RBA's, kept once in esmtool.rba: a catalog may not rename them."""
        from ..rba import QUADRANT_NAMES, quadrant_of

        name = QUADRANT_NAMES[self.number]
        if self.name != name:
            raise ValueError(
                f"quadrant {self.number} is named '{name}' (RBA's name), not '{self.name}'"
            )
        halves = quadrant_of(self.quantity_quality == "quality", self.effort_effect == "effect")
        if halves != self.number:
            raise ValueError(
                f"quadrant {self.number} is {name}: effort_effect and quantity_quality say "
                f"quadrant {halves}"
            )
        return self


class Synonym(_Model):
    """A word, phrase or abbreviation people search for, and what it means in the catalog.

    ``esmtool search`` also looks for everything in ``means`` (and what those mean in turn);
    matching ignores case, punctuation and plural -s ("C-sections" is "c section").
    """

    term: Text = Field(description="what people type, e.g. SIDS or c-section")
    means: Annotated[list[Text], Field(min_length=1)] = Field(
        description="words or phrases to search for as well, e.g. safe sleep"
    )
    note: str | None = None

    @property
    def key(self) -> str:
        """The term as search matches it; a user's entry with the same key replaces ours."""
        from .search_index import synonym_key

        return synonym_key(self.term)


class PopulationDomain(_Model):
    """One population health domain of the NPM framework (a state plan needs an NPM in each)."""

    id: Slug
    name: Text
    measure_domains: list[Text] = Field(
        description="the measures' `domain` values that count toward this domain"
    )
    unconfirmed: list[str] = []
    notes: str | None = None


class Framework(_Model):
    """The federal NPM framework of one needs-assessment cycle, as far as sources confirm it."""

    cycle: Text
    min_npms: int = Field(ge=1, description="the fewest NPMs a state reports")
    population_domains: list[PopulationDomain] = []
    url: str | None = None
    unconfirmed: list[str] = []
    notes: str | None = None


class CatalogMeta(_Model):
    name: Text
    version: Text
    description: str | None = None
    url: str | None = None
    framework: Framework | None = Field(None, description="the cycle's NPM framework (plans)")


class CatalogFile(_Model):
    """One YAML file of a catalog: any of these sections, each optional."""

    catalog: CatalogMeta | None = None
    evidence: list[EvidenceLevel] = []
    quadrants: list[QuadrantInfo] = []
    tips: list[str] = []
    measures: list[Measure] = []
    strategies: list[Strategy] = []
    practices: list[Practice] = []
    templates: list[Template] = []
    synonyms: list[Synonym] = []


def plain(obj: object, *, exclude_none: bool = True) -> object:
    """A catalog model as plain data, like ``model_dump(mode="json", exclude_none=True)``.

    The catalog's models have no aliases or custom serializers, so their fields are the data;
    walking them directly spares ``show`` and ``list`` building pydantic serializers at start-up.
    """
    if isinstance(obj, BaseModel):
        out = {}
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if value is None and exclude_none:
                continue
            out[name] = plain(value, exclude_none=exclude_none)
        return out
    if isinstance(obj, list | tuple):
        return [plain(v, exclude_none=exclude_none) for v in obj]
    if isinstance(obj, dict):
        return {k: plain(v, exclude_none=exclude_none) for k, v in obj.items()}
    return obj


_PLANS: dict[type, list[tuple[str, int, type | None]]] = {}
#: the field names of the models whose fields are all plain values (no nested models)
_FLAT: dict[type, frozenset[str] | None] = {}


def _plan(cls: type[BaseModel]) -> list[tuple[str, int, type | None]]:
    """Per field: 0 plain value, 1 a model, 2 a model or None, 3 a list of models."""
    import types
    import typing

    plan = _PLANS.get(cls)
    if plan is not None:
        return plan
    plan = []
    for name, info in cls.model_fields.items():
        ann = info.annotation
        origin, args = typing.get_origin(ann), typing.get_args(ann)
        kind, sub = 0, None
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            kind, sub = 1, ann
        elif (
            origin is list and args and isinstance(args[0], type) and issubclass(args[0], BaseModel)
        ):
            kind, sub = 3, args[0]
        elif origin in (typing.Union, types.UnionType):
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            if models:
                kind, sub = 2, models[0]
        plan.append((name, kind, sub))
    _PLANS[cls] = plan
    _FLAT[cls] = frozenset(n for n, _, _ in plan) if all(k == 0 for _, k, _ in plan) else None
    return plan


M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__


def build_plain(cls: type[M], data: object) -> M:
    """A model from the plain data :func:`plain` made of it (``exclude_none=False``), unvalidated.

    For esmtool's own cache only: the data was validated when it was first read, and a
    shape that does not match (a missing or extra key, a list that is not one) raises
    ``ValueError``/``TypeError``. Much faster than ``model_construct`` or validation.
    """
    plan = _PLANS.get(cls) or _plan(cls)
    if not isinstance(data, dict) or len(data) != len(plan):
        raise ValueError(f"a cached {cls.__name__} has the wrong shape")
    flat = _FLAT[cls]
    if flat is not None:  # only plain values: the data is the fields (a copy of it)
        if data.keys() != flat:
            raise ValueError(f"a cached {cls.__name__} has the wrong shape")
        values = dict(data)
    else:
        values = {}
        for name, kind, sub in plan:
            v = data[name]
            if kind == 1 or (kind == 2 and v is not None):
                v = build_plain(sub, v)  # type: ignore[arg-type]
            elif kind == 3:
                if not isinstance(v, list):
                    raise TypeError(f"a cached {cls.__name__}.{name} is not a list")
                v = [build_plain(sub, x) for x in v]  # type: ignore[arg-type]
            values[name] = v
    obj = cls.__new__(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj
