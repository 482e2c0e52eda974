"""The plan file: schema ``esmtool.plan/1``.

A plan names the state, the cycle, the NPMs the state chose (and optionally its
SPMs and its priority needs with their objectives and links), and where its ESM
drafts are (files or folders, relative to the plan file). Unknown keys are
errors; every problem is reported at once with ``file:line: key``, as for drafts.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from ..draft.model import Text, Year
from ..errors import DraftError, InputFileError, Problem
from ..locate import LineIndex, pydantic_problems

SCHEMA_ID = "esmtool.plan/1"
DEFAULT_CYCLE = "2026-2030"
#: Draft files a folder entry picks up; autosaves (``*.draft.yaml``) and hidden files are skipped.
DRAFT_SUFFIXES = (".yaml", ".yml", ".json")


class PlanError(DraftError):
    """A plan file is not valid (every problem listed)."""


def _code(value: Any) -> Any:
    """Text (numbers typed as text become text); blank becomes missing ('must not be empty')."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _cycle(value: Any) -> Any:
    value = _code(value)
    if isinstance(value, str):
        first, sep, last = value.partition("-")
        if not (sep and first.isdigit() and last.isdigit() and len(first) == len(last) == 4):
            raise ValueError(f"'{value[:40]}' is not a cycle such as 2026-2030")
        if int(last) <= int(first):
            raise ValueError(f"'{value}': the cycle must end after it starts")
    return value


Code = Annotated[str, BeforeValidator(_code), Field(max_length=200)]
Line = Annotated[str, BeforeValidator(_code)]


class _Plan(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class Spm(_Plan):
    """A State Performance Measure written out in the plan (when it is not in a catalog)."""

    code: Code = Field(description="the SPM's code or number, e.g. 'SPM 1' or 'spm-housing'")
    name: Line
    domain: Text = Field(None, description="population domain, when the SPM has one")


class PriorityNeed(_Plan):
    need: Line = Field(description="the priority need, in the state's words")
    objectives: list[Line] = Field([], description="the objectives set for this need")
    npms: list[Code] = Field([], description="NPM codes this need links to")
    spms: list[Code] = Field([], description="SPM codes this need links to")
    strategies: list[Line] = Field(
        [], description="strategies: catalog strategy ids or the state's own words"
    )


class Plan(_Plan):
    schema_: Literal["esmtool.plan/1"] = Field("esmtool.plan/1", alias="schema")
    state: Line = Field(description="state or jurisdiction")
    cycle: Annotated[str, BeforeValidator(_cycle)] = Field(
        DEFAULT_CYCLE, description="the needs-assessment cycle, e.g. 2026-2030"
    )
    reporting_year: Year | None = Field(None, description="the application/report year")
    npms: list[Code] = Field(description="the NPMs the state chose (measure codes)")
    spms: list[Code | Spm] = Field(
        [], description="State Performance Measures: codes from your catalog, or code and name"
    )
    priority_needs: list[PriorityNeed] = []
    drafts: list[Line] = Field(
        ["drafts/"], description="draft files or folders, relative to the plan file"
    )
    notes: Text = None

    def spm_codes(self) -> list[str]:
        return [s if isinstance(s, str) else s.code for s in self.spms]


class LoadedPlan:
    """A valid plan with where it came from (for locating findings and finding drafts)."""

    def __init__(self, plan: Plan, path: Path, index: LineIndex) -> None:
        self.plan = plan
        self.path = path
        self.index = index

    @property
    def folder(self) -> Path:
        return self.path.parent

    def line(self, *key: str | int) -> int | None:
        return self.index.lines.get(tuple(key)) if key else None

    def draft_files(self) -> Iterator[tuple[str, int, str | None]]:
        """(entry, index, file or None when the entry names nothing) for each draft, in order.

        Folders are read in name order (not recursively); a missing entry yields None once,
        so the caller can report it with the entry's line.
        """
        for i, entry in enumerate(self.plan.drafts):
            target = self.folder / entry
            if target.is_dir():
                for child in sorted(target.iterdir(), key=lambda p: p.name):
                    if _is_draft_file(child):
                        yield entry, i, os.path.normpath(child)
            elif target.is_file():
                yield entry, i, os.path.normpath(target)
            else:
                yield entry, i, None


def _is_draft_file(path: Path) -> bool:
    name = path.name
    return (
        not name.startswith(".")
        and name.lower().endswith(DRAFT_SUFFIXES)
        and not name.lower().endswith(".draft.yaml")
        and path.is_file()
    )


def validate_plan(data: Any, index: LineIndex | None = None) -> tuple[Plan | None, list[Problem]]:
    """Validate plain data as a plan: (plan or None, every problem, located)."""
    if not isinstance(data, dict):
        where = index.source if index else ""
        kind = "a list" if isinstance(data, list) else "a single value"
        return None, [Problem(where, f"a plan is a set of 'key: value' entries, not {kind}")]
    data = dict(data)
    data.setdefault("schema", SCHEMA_ID)
    try:
        return Plan.model_validate(data), []
    except ValidationError as exc:
        return None, pydantic_problems(exc, index)


def read_plan(path: str | Path) -> LoadedPlan:
    """Read and validate a plan file; raise :class:`PlanError` listing every problem."""
    from ..yamlio import load_file

    p = Path(path)
    if p.is_dir():
        p = p / "plan.yaml"
    if not p.exists():
        raise InputFileError(
            f"{p}: no such plan file.",
            hint="Check the path, or start a plan with: esmtool plan init DIR",
        )
    data, index = load_file(p)
    if data is None:
        raise InputFileError(
            f"{index.source}: the plan file is empty.",
            hint="Start one with: esmtool plan init",
        )
    plan, problems = validate_plan(data, index)
    if plan is None:
        n = len(problems)
        raise PlanError(
            f"{index.source}: is not a valid plan; it has {n} problem{'s' if n != 1 else ''}:",
            problems,
            hint="Fix each key listed above (`esmtool schema plan` prints the plan's JSON Schema).",
        )
    return LoadedPlan(plan, p, index)


def json_schema() -> dict[str, Any]:
    """The plan's JSON Schema (``esmtool schema plan``), published as esmtool/plan.schema.json."""
    schema = Plan.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://esmtool.invalid/schema/esmtool.plan-1.json"
    schema["title"] = "esmtool state plan (esmtool.plan/1)"
    schema["description"] = (
        "A Title V state plan: the NPMs and SPMs a state chose, its priority needs with their "
        "objectives and strategies, and where its ESM drafts are."
    )
    return schema
