"""The draft: one schema for answers files, autosaves and the YAML/JSON export.

A draft may be partial (an autosave, or an answers file that leaves some keys
to the interactive walk). :func:`validate_draft` is the one validation path
for every source of answers — prompts, answers files and ``--set`` values —
and reports every problem at once, each with its key path. With
``complete=True`` it also lists what is still missing.
"""

# (no `from __future__ import annotations`: see .values)
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, field_validator

from .. import keypath
from ..catalog.models import Direction, UnitType
from ..errors import DraftError, Problem
from ..keypath import dotted
from ..locate import LineIndex, pydantic_problems
from .rules import apply_defaults, missing_keys
from .values import MAX_YEAR as MAX_YEAR  # re-exported: where they always were
from .values import MIN_YEAR as MIN_YEAR
from .values import (
    DraftQuadrant,
    Number,
    Text,
    WholeNumber,
    Year,
    _Draft,
    _text,
    _whole,
)
from .yearly import ActualEntry, HistoryEntry, Reviewers, Source, TextItem

if TYPE_CHECKING:
    from ..catalog import Catalog

#: The schema esmtool writes. Files of every schema in SCHEMAS are read (as this one).
SCHEMA_ID: Literal["esmtool.draft/2"] = "esmtool.draft/2"
#: /3 is /2 plus ``walk.output`` (the -o a walk was started with). Decision: a file is written
#: with the lowest version that holds it, so only an autosave that remembers -o says /3 (an
#: older esmtool then names the version instead of an unknown key); finished drafts and
#: exports stay /2, readable by every esmtool that reads /2.
SCHEMA_WALK_OUTPUT: Literal["esmtool.draft/3"] = "esmtool.draft/3"
SCHEMAS = ("esmtool.draft/1", "esmtool.draft/2", "esmtool.draft/3")
#: The most measures one draft may hold. A real ESM has 4 to 30 (one or more per RBA quadrant);
#: a draft with thousands is a mistake (a generated file, a merge gone wrong), and every
#: exporter and check is linear in it anyway. README "Limits".
MAX_MEASURES = 500


class Baseline(_Draft):
    year: Year
    value: Number
    note: Text = Field(None, description="where the baseline figure comes from")


class ESM(_Draft):
    id: Text = Field(None, description="the state's ESM number, e.g. 'ESM 11.1'")
    title: Text = None
    goal: Text = None
    status: Literal["active", "completed", "inactive"] | None = None
    unit_type: UnitType | None = None
    unit_number: WholeNumber | None = None
    numerator: Text = None
    denominator: Text = None
    data_sources: Text = None
    data_issues: Text = None
    significance: Text = None
    direction: Direction | None = None
    baseline: Baseline | None = None
    targets: dict[Year, Number] | None = Field(None, description="annual objectives by year")
    actuals: dict[Year, ActualEntry] | None = Field(
        None,
        description="annual actuals by year: {value, numerator, denominator, status, ...} "
        "or the value alone",
    )
    story: Text = Field(None, description="the story behind the curve (RBA turn the curve)")
    partners: list[TextItem] | None = Field(None, description="partners with a role to play")
    what_works: Text = Field(None, description="what works to turn the curve")
    action_plan: Text = None
    data_development: list[TextItem] | None = Field(
        None,
        description="measures wanted but without data yet, in priority order "
        "(RBA's data development agenda)",
    )


class MeasureEntry(_Draft):
    quadrant: DraftQuadrant
    text: Annotated[str, BeforeValidator(_text), Field(min_length=1)]
    template: Text = None
    slots: dict[str, Annotated[str, BeforeValidator(_text)]] = {}  # noqa: RUF012 (pydantic copies it)
    headline: bool = False
    effect: bool | None = Field(
        None,
        description="true if the measure counts people or organizations who are better off, "
        "false if it counts what the program did or whom it reached (set when the wording "
        "leaves it open; check respects it)",
    )


class WalkProgress(_Draft):
    """How far an interactive walk got. Only autosaves carry it; a finished draft drops it.

    It holds the answers that leave no value in the draft (an optional field
    left empty, no headline measure chosen) and answers to a question still in
    progress (the baseline year before its value, a template's slots filled so
    far), so that ``--resume`` asks exactly what is still unanswered.
    """

    answered: list[str] = Field(
        [],
        description="questions answered without leaving a value, e.g. esm.data_issues left empty",
    )
    pending: dict[str, Any] = Field(
        {}, description="parts of an answer in progress, e.g. the baseline year before its value"
    )
    output: Text = Field(
        None,
        description="where the finished draft goes: the -o the walk was started with, used "
        "again by --resume (esmtool.draft/3)",
    )


class Draft(_Draft):
    schema_: Literal["esmtool.draft/1", "esmtool.draft/2", "esmtool.draft/3"] = Field(
        SCHEMA_ID,
        alias="schema",
        description="esmtool.draft/1 files are read as esmtool.draft/2; esmtool writes /2, and "
        "/3 (/2 with walk.output) for an autosave that remembers where the draft goes",
    )
    state: Text = Field(None, description="state or jurisdiction")
    npm: Text = None
    strategy: Text = None
    esm: ESM = ESM.model_construct()  # ESM() would build ESM's validators at import
    measures: list[MeasureEntry] = Field([], max_length=MAX_MEASURES)
    skipped_quadrants: list[DraftQuadrant] = Field(
        [], description="quadrants the author chose to leave without a measure"
    )
    notes: Text = None
    source: Source | None = Field(None, description="where an imported draft came from")
    reviewers: Reviewers | None = None
    history: list[HistoryEntry] = Field([], description="earlier drafts this one grew from")
    walk: WalkProgress | None = Field(
        None,
        description="interactive walk progress (autosaves only; removed when the draft is finished)",
    )

    @field_validator("schema_")
    @classmethod
    def _read_as_current(cls, value: str) -> str:
        return SCHEMA_ID  # /1 is /2 without the new keys; /3 is /2 with walk.output

    def to_data(self) -> dict[str, Any]:
        """Plain data in the documented key order, without empty values."""
        data = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        esm = data.get("esm", {})
        for key in ("targets", "actuals"):
            if key in esm:
                esm[key] = {
                    int(k): v for k, v in sorted(esm[key].items(), key=lambda kv: int(kv[0]))
                }
        if not data.get("history"):
            data.pop("history", None)
        for m in data.get("measures", []):
            if not m.get("slots"):
                m.pop("slots", None)
            if not m.get("headline"):
                m.pop("headline", None)
        if not data.get("skipped_quadrants"):
            data.pop("skipped_quadrants", None)
        if not data.get("measures"):
            data.pop("measures", None)
        if not esm:
            data.pop("esm", None)
        walk = data.get("walk")
        if walk is not None:
            for key in ("answered", "pending", "output"):
                if not walk.get(key):
                    walk.pop(key, None)
            if not walk:
                data.pop("walk")
            elif "output" in walk:
                data["schema"] = SCHEMA_WALK_OUTPUT
        return data


# ----- validation ---------------------------------------------------------------------------------


def validate_draft(
    data: Any,
    catalog: "Catalog | None" = None,
    *,
    index: LineIndex | None = None,
    complete: bool = False,
) -> tuple[Draft | None, list[Problem]]:
    """Validate plain data as a draft: (draft or None, every problem found).

    Problems are located by key path (``esm.unit_number``) and, when ``index``
    is given, by file and line too.
    """
    if data is None:
        data = {}
    if not isinstance(data, dict):
        where = index.source if index else ""
        kind = "a list" if isinstance(data, list) else "a single value"
        return None, [Problem(where, f"a draft is a set of 'key: value' entries, not {kind}")]
    data = dict(data)
    data.setdefault("schema", SCHEMA_ID)
    measures = data.get("measures")
    if isinstance(measures, list) and len(measures) > MAX_MEASURES:
        where = index.where(("measures",)) if index is not None else ""
        where = f"{where}: measures" if where else "measures"
        return None, [
            Problem(
                where,
                f"holds {len(measures):,} measures; a draft holds at most {MAX_MEASURES:,} "
                "(an ESM usually has 4 to 30): split it into several drafts",
            )
        ]
    twice = _duplicate_years(data, index)
    try:
        draft = Draft.model_validate(data)
    except ValidationError as exc:
        problems = twice + pydantic_problems(exc, index)
        if complete:  # also list what is missing, so one run shows everything to fix
            problems.extend(_missing_despite_errors(data, exc, index, catalog))
        return None, problems
    if complete:  # a finished draft: fill the obvious defaults, drop the walk's progress
        draft = apply_defaults(draft).model_copy(update={"walk": None})
    problems = twice + [_locate(p, index) for p in rule_problems(draft, catalog)]
    if complete:
        problems.extend(_missing(key, index) for key in missing_keys(draft))
    return (draft if not problems else None), problems


def _year_of(key: Any) -> int | None:
    try:
        year = _whole(key)
    except (ValueError, TypeError):
        return None
    return year if isinstance(year, int) else None


def _duplicate_years(data: dict[str, Any], index: LineIndex | None) -> list[Problem]:
    """Target years written two ways (`2026` and `2026.0`, `+2026`, `"2026 "`): both named.

    Each spelling is a different key to YAML, and the schema would keep the last in silence.
    """
    esm = data.get("esm")
    out: list[Problem] = []
    for name in ("targets", "actuals"):
        by_year = esm.get(name) if isinstance(esm, dict) else None
        if isinstance(by_year, dict):
            out.extend(_twice(name, by_year, index))
    return out


def _twice(name: str, by_year: dict[Any, Any], index: LineIndex | None) -> list[Problem]:
    first: dict[int, Any] = {}
    out: list[Problem] = []
    for key in by_year:
        year = _year_of(key)
        if year is None:
            continue
        if year not in first:
            first[year] = key
            continue
        path: list[str | int] = ["esm", name, str(key)]
        earlier: list[str | int] = ["esm", name, str(first[year])]
        if index is not None:
            where = f"{index.where(path)}: esm.{name}.{key}"
            also = index.where(earlier)
        else:
            where, also = f"esm.{name}.{key}", f"esm.{name}.{first[year]}"
        out.append(
            Problem(
                where,
                f"the year {year} is given twice (also as '{first[year]}' at {also}); "
                "keep one of them",
            )
        )
    return out


def _missing_despite_errors(
    data: dict[str, Any], exc: ValidationError, index: LineIndex | None, catalog: "Catalog | None"
) -> list[Problem]:
    """Required keys that are missing, judged on the data with its invalid parts removed."""
    import copy

    pruned = copy.deepcopy(data)
    bad: set[str] = set()
    for err in exc.errors(include_url=False):
        loc = [x for x in err["loc"] if not (isinstance(x, str) and "[" in x)]
        bad.add(dotted(loc[:2]) if loc and loc[0] == "esm" else dotted(loc[:1]))
        keypath.delete(pruned, loc[:2] if loc and loc[0] == "esm" else loc[:1])
    try:
        draft = Draft.model_validate(pruned)
    except ValidationError:
        return []
    rules = [_locate(p, index) for p in rule_problems(draft, catalog) if p.where not in bad]
    return rules + [
        _missing(key, index) for key in missing_keys(apply_defaults(draft)) if key not in bad
    ]


def _missing(key: str, index: LineIndex | None) -> Problem:
    """A missing key has no line of its own: name the file only."""
    where = f"{index.source}: {key}" if index is not None else key
    return Problem(where, "is required but missing")


def _locate(p: Problem, index: LineIndex | None) -> Problem:
    if index is None:
        return p
    return Problem(f"{index.where(keypath.parse(p.where))}: {p.where}", p.message, p.rule)


def rule_problems(draft: "Draft", catalog: "Catalog | None") -> list[Problem]:
    """The rules that make a draft invalid (:mod:`esmtool.draft.rules`), each with its rule id."""
    from .rules import problems

    return problems(draft, catalog)


# ----- building drafts from answers -------------------------------------------------------------


def set_path(data: dict[str, Any], key: str, value: Any) -> None:
    """Set ``value`` at a dotted key path (``esm.targets.2026``), creating parents."""
    parts = [p for p in key.split(".")]
    if not all(parts):
        raise DraftError(f"--set {key}: is not a key path such as esm.title", [])
    cur: Any = data
    for depth, part in enumerate(parts[:-1]):
        nxt = cur.get(part) if isinstance(cur, dict) else None
        if not isinstance(nxt, dict):
            if nxt is not None:
                where = ".".join(parts[: depth + 1])
                raise DraftError(f"--set {key}: '{where}' holds a value, not a set of keys", [])
            nxt = {}
            cur[part] = nxt
        cur = nxt
    last = parts[-1]
    if last.isdigit():  # a year: replace the file's value however the file spelled that year
        for existing in [k for k in cur if k != last and _year_of(k) == int(last)]:
            del cur[existing]
    cur[last] = value


def parse_set_value(raw: str) -> Any:
    """A --set value as YAML would read it: numbers stay numbers, [a, b] is a list.

    Read as safely as a file (no aliases, bounded nesting); text that is not YAML stays text.
    Raises :class:`~esmtool.errors.InputFileError` for YAML that esmtool refuses.
    """
    from ..yamlio import YAMLSyntaxError, load_text

    text = raw.strip()
    if text == "":
        return None
    try:
        return load_text(text, "--set")[0]
    except YAMLSyntaxError:
        return raw


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge two answer sets; ``over`` wins."""
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = v
    return out


def draft_error(problems: list[Problem], *, source: str | None = None) -> DraftError:
    n = len(problems)
    what = f"{source}: " if source else ""
    return DraftError(
        f"{what}the draft has {n} problem{'s' if n != 1 else ''}:",
        problems,
        hint="Fix each key listed above (in the file or with --set KEY=VALUE) and run again.",
    )


def json_schema() -> dict[str, Any]:
    """The draft's JSON Schema, published as esmtool/draft.schema.json."""
    # the default ESM is built without validation (see Draft.esm); pydantic before 2.12 writes
    # such a default into the schema only once ESM's own serializer is built
    ESM.model_rebuild(force=True)
    schema = Draft.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://esmtool.invalid/schema/esmtool.draft-2.json"
    schema["title"] = "esmtool draft (esmtool.draft/2 and /3; reads esmtool.draft/1)"
    schema["description"] = (
        "An ESM draft: the answers file for scripted runs, the autosave of the interactive walk, "
        "and the YAML/JSON export of esmtool."
    )
    return schema
