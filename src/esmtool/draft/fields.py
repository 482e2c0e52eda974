"""The questions of an ESM definition, as data.

One :class:`FieldSpec` per field of ``esm:`` in a draft: its key path, the label
and help text people see, the kind of answer it takes and, for a choice, the
choices. :func:`default_for` suggests an answer from the chosen strategy and
measure. The interactive walk (:mod:`esmtool.walk`) asks these questions;
scripts and documentation can read them too, so nothing here imports a
prompting library.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .. import keypath
from ..numtext import compact, number_text
from .rules import QUALITY_UNITS, RATE_UNITS, REQUIRED_KEYS
from .rules import TARGET_YEARS as TARGET_YEARS  # defined with the rules; read here by the walk

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..catalog.models import Measure, Strategy

Kind = Literal["text", "longtext", "choice", "number", "year", "targets", "baseline"]


@dataclass(frozen=True)
class FieldSpec:
    """One question of the ESM definition."""

    key: str  # the key path in a draft, e.g. "esm.unit_type"
    label: str  # the question, in a few words
    help: str  # shown before the question: what to write, with an example
    kind: Kind
    choices: tuple[tuple[str, str], ...] = ()  # (value, what the person sees)
    #: an example shown beside the question as a hint: never part of the answer
    hint: str | None = None

    @property
    def required(self) -> bool:
        """Whether the walk insists on an answer: a complete draft needs it, or it is a choice."""
        return self.key in REQUIRED_KEYS or self.kind == "choice"

    @property
    def name(self) -> str:
        """The key inside ``esm:`` (``unit_type``)."""
        return self.key.rsplit(".", 1)[-1]


#: The draft's choices, once: field -> value -> (label in documents, what it means).
#: The walk offers "percentage: a share of a group …"; documents print "Percentage".
CHOICES: dict[str, dict[str, tuple[str, str]]] = {
    "unit_type": {
        "percentage": ("Percentage", "a share of a group, e.g. 42% of families served"),
        "count": ("Count", "a number of people, events or organizations, e.g. 120 trainings"),
        "rate": ("Rate", "events per 1,000 (or 10,000 or 100,000) people"),
    },
    "direction": {
        "increase": ("Increase", "a higher value is better"),
        "decrease": ("Decrease", "a lower value is better"),
    },
    "status": {
        "active": ("Active", "the state is working on it now"),
        "completed": ("Completed", "the work is finished"),
        "inactive": ("Inactive", "paused or stopped"),
    },
}


def label(field: str, value: str | None) -> str | None:
    """The label documents print for a choice ('Percentage'), or None."""
    entry = CHOICES[field].get(value or "")
    return entry[0] if entry else None


def explained(field: str, value: str | None) -> str | None:
    """A choice with what it means: 'Increase (a higher value is better)'."""
    entry = CHOICES[field].get(value or "")
    return f"{entry[0]} ({entry[1]})" if entry else None


def _offered(field: str) -> tuple[tuple[str, str], ...]:
    return tuple((v, f"{v}: {meaning}") for v, (_, meaning) in CHOICES[field].items())


#: The ESM definition in the order the walk asks it.
ESM_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "esm.title",
        "ESM title",
        "One line that names what is measured, starting with 'Percent of', 'Number of' or "
        "'Rate of'. Example: Percent of families of CYSHCN enrolled in care coordination with "
        "a shared plan of care.",
        "text",
    ),
    FieldSpec(
        "esm.goal",
        "Goal",
        "What the strategy is meant to achieve, in a sentence. The suggestion joins the "
        "strategy's approach to the measure's own goal; edit it to fit your program.",
        "longtext",
    ),
    FieldSpec(
        "esm.unit_type",
        "Unit type",
        "How the ESM is counted.",
        "choice",
        _offered("unit_type"),
    ),
    FieldSpec(
        "esm.unit_number",
        "Unit number",
        "100 for a percentage. For a rate, the number of people the rate is given per: "
        "1000, 10000 or 100000.",
        "number",
    ),
    FieldSpec(
        "esm.numerator",
        "Numerator",
        "Who or what is counted. For a percentage or rate, the part of the denominator that "
        "meets the measure. Example: Children enrolled in care coordination who have a shared "
        "plan of care reviewed with the family in the past 12 months.",
        "longtext",
    ),
    FieldSpec(
        "esm.denominator",
        "Denominator",
        "The whole group the numerator is a part of. Example: Children enrolled in care "
        "coordination during the reporting year.",
        "longtext",
    ),
    FieldSpec(
        "esm.data_sources",
        "Data sources",
        "Where the numbers will come from: program records, a survey, a database. Name the "
        "system if you can.",
        "longtext",
        hint="e.g. the program's tracking spreadsheet or database",
    ),
    FieldSpec(
        "esm.data_issues",
        "Data issues (optional)",
        "Anything that limits the data: gaps, changes in how data are collected, small numbers. "
        "Leave it empty if there are none.",
        "longtext",
    ),
    FieldSpec(
        "esm.significance",
        "Significance",
        "Why this ESM matters: the evidence behind the strategy and how the ESM connects to the "
        "National Performance Measure.",
        "longtext",
    ),
    FieldSpec(
        "esm.direction",
        "Direction",
        "Which way is better for this ESM.",
        "choice",
        _offered("direction"),
    ),
    FieldSpec(
        "esm.baseline",
        "Baseline",
        "The starting point: the most recent year with data and the ESM's value in that year.",
        "baseline",
    ),
    FieldSpec(
        "esm.targets",
        "Targets",
        "The annual objectives: the value you aim for in each of the next years.",
        "targets",
    ),
    FieldSpec(
        "esm.status",
        "Status",
        "Where the ESM stands.",
        "choice",
        _offered("status"),
    ),
    FieldSpec(
        "esm.id",
        "ESM number (optional)",
        "Your state's number for this ESM, e.g. ESM 11.1. Leave it empty if it has none yet.",
        "text",
    ),
)

#: The draft's own question besides the ESM definition: asked last in step 3, after the ESM
#: number, with the state remembered in the user's settings (:mod:`esmtool.config`) offered.
STATE = FieldSpec(
    "state",
    "State or jurisdiction",
    "The state or jurisdiction this ESM is for, as documents name it, e.g. Ohio or Guam. "
    "Leave it empty to fill it in later.",
    "text",
)

#: Every question the walk's step 3 asks, in order.
QUESTIONS: tuple[FieldSpec, ...] = (*ESM_FIELDS, STATE)
FIELDS: dict[str, FieldSpec] = {f.key: f for f in QUESTIONS}


def _esm(data: Mapping[str, Any]) -> Mapping[str, Any]:
    esm = data.get("esm")
    return esm if isinstance(esm, Mapping) else {}


def applies(spec: FieldSpec, data: Mapping[str, Any]) -> bool:
    """Whether the walk asks this field, given the answers so far."""
    unit_type = _esm(data).get("unit_type")
    if spec.name == "unit_number":  # a percentage's is always 100, a count has none (draft.rules)
        return unit_type == "rate"
    if spec.name == "denominator":  # a count has none
        return unit_type in QUALITY_UNITS
    return True


def is_missing(value: Any) -> bool:
    return value is None or value == {} or (isinstance(value, str) and not value.strip())


# ----- defaults --------------------------------------------------------------------------------


def _strategy(data: Mapping[str, Any], catalog: Catalog) -> Strategy | None:
    sid = data.get("strategy")
    return catalog.strategies.get(sid) if isinstance(sid, str) else None


def _measure(data: Mapping[str, Any], catalog: Catalog) -> Measure | None:
    code = data.get("npm")
    return catalog.measures.get(code) if isinstance(code, str) else None


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def default_for(key: str, data: Mapping[str, Any], catalog: Catalog) -> Any:
    """A suggested answer for ``key`` drawn from the chosen strategy and measure, or None."""
    strategy = _strategy(data, catalog)
    measure = _measure(data, catalog)
    esm = _esm(data)
    if key == "esm.goal":
        return goal(strategy, measure) if strategy else None
    if key == "esm.unit_type":  # as the title reads: 'Number of …' is a count
        from ..measure_text import title_stem

        form = title_stem(esm.get("title") if isinstance(esm.get("title"), str) else None)
        return {"quantity": "count", "rate": "rate"}.get(form or "", "percentage")
    if key == "esm.unit_number":
        unit_type = esm.get("unit_type")
        if unit_type == "percentage":
            return 100
        if unit_type == "rate":
            return RATE_UNITS[0]
        return None
    if key == "esm.status":
        return "active"
    if key == "esm.direction":
        return (measure.direction if measure and measure.direction else None) or "increase"
    if key == "esm.data_sources":
        if strategy is None:
            return None
        return f"Title V program records for {strategy.name}."
    if key == "esm.significance":
        return significance(strategy, measure, catalog) if strategy else None
    return None


def goal(strategy: Strategy, measure: Measure | None) -> str:
    """The strategy's approach and what it is for: the measure's own goal ("…, to increase the
    percent of …"), so the suggestion says what it is meant to achieve, not only what is done."""
    approach = strategy.approach.strip().rstrip(".")
    aim = (measure.goal or "").strip() if measure else ""
    if aim[:3].lower() == "to " and approach:
        return _sentence(f"{approach}, to {aim[3:].rstrip('.')}")
    return _sentence(strategy.approach)


def significance(strategy: Strategy, measure: Measure | None, catalog: Catalog) -> str:
    """A plain-words significance statement from the strategy's evidence and the measure."""
    if strategy.evidence == "unrated" and strategy.origin != "mchbest":
        first = f"{strategy.name} is the state's own strategy; its evidence has not been rated."
    elif strategy.evidence == "unrated":
        first = (
            f"{strategy.name} is a strategy in the MCH Evidence Center's MCHbest catalog; "
            "its evidence rating is not confirmed, so check its MCHbest page before citing it."
        )
    else:
        where = "by the MCH Evidence Center (MCHbest)" if strategy.origin == "mchbest" else ""
        rated = f"{strategy.name} is rated {catalog.evidence_label(strategy)} {where}".rstrip()
        source = f", based on {strategy.source.strip()}" if strategy.source else ""
        first = f"{rated}{source}."
    if measure is None:
        return first
    return (
        f"{first} This ESM tracks how well the strategy is carried out, which supports "
        f"the National Performance Measure “{measure.name}”."
    )


# ----- suggestions drawn from the strategy --------------------------------------------------------

#: The ESM fields whose suggestion (:func:`default_for`) is written from the
#: strategy and measure: the goal (the strategy's approach), the data sources (its name) and
#: the significance (its evidence rating, its source, the measure's name).
FROM_STRATEGY = ("esm.goal", "esm.data_sources", "esm.significance")


def _suggestions(key: str, data: Mapping[str, Any], catalog: Catalog) -> set[str]:
    """What the walk suggests (or once suggested) for ``key`` given ``data``'s choices."""
    out = set()
    now = default_for(key, data, catalog)
    if isinstance(now, str):
        out.add(" ".join(now.split()))
        if key == "esm.data_sources":  # older esmtool put an example into it
            out.add(
                now.removesuffix(".")
                + " (for example the program's tracking spreadsheet or database)."
            )
    return out


def refreshed(
    before: Mapping[str, Any], after: Mapping[str, Any], catalog: Catalog
) -> tuple[dict[str, str | None], list[str]]:
    """The measure or strategy changed from ``before``'s to ``after``'s: what becomes of the
    suggestions written from them.

    Returns ``(updates, kept)``: ``updates`` maps each field still holding the old suggestion,
    as accepted, to the new one (None when the new choice suggests nothing); ``kept`` lists
    the fields the person wrote or edited themselves, which stay as they are.
    """
    same = before.get("npm") == after.get("npm") and before.get("strategy") == after.get("strategy")
    esm = after.get("esm")
    if same or not isinstance(esm, Mapping):
        return {}, []
    updates: dict[str, str | None] = {}
    kept: list[str] = []
    for key in FROM_STRATEGY:
        value = esm.get(key[4:])
        if not isinstance(value, str) or not value.strip():
            continue
        if " ".join(value.split()) in _suggestions(key, before, catalog):
            new = default_for(key, after, catalog)
            if new != value:
                updates[key] = new
        else:
            kept.append(key)
    return updates, kept


# ----- baseline and targets ---------------------------------------------------------------------


def target_years(baseline_year: int, n: int = TARGET_YEARS) -> list[int]:
    """The years the walk offers targets for: the ``n`` years after the baseline year."""
    return [baseline_year + i for i in range(1, n + 1)]


def _round(value: float) -> float | int:
    return compact(round(value, 2))


def first_step(baseline: float, direction: str, unit_type: str | None) -> float:
    """A modest first step from the baseline toward the better direction.

    One point for a percentage; 5% of the baseline for a count (at least 1) or a rate.
    """
    sign = -1.0 if direction == "decrease" else 1.0
    if unit_type == "count":
        return sign * max(1.0, abs(baseline) * 0.05)
    if unit_type == "rate":
        return sign * abs(baseline) * 0.05
    return sign


def straight_line(
    baseline: float,
    previous: list[float],
    direction: str,
    unit_type: str | None,
) -> float | int:
    """The next target on a straight line from the baseline through the targets so far.

    With no target yet it takes a modest step toward ``direction`` (one point for
    a percentage, 5% of the baseline for a count or rate). The suggestions always follow
    ``direction``: after a first target on the wrong side of the baseline (40 under 42 for
    'increase') the line starts from that target, and a line that would hold or go the
    wrong way takes the first step instead.
    A percentage stays between 0 and 100 and nothing goes below 0.
    """
    sign = -1 if direction == "decrease" else 1
    if previous:
        if (previous[0] - baseline) * sign > 0:  # the line from the baseline through the targets
            step = (previous[-1] - baseline) / len(previous)
        elif len(previous) > 1:  # the first target is not past the baseline: the line from it
            step = (previous[-1] - previous[0]) / (len(previous) - 1)
        else:
            step = 0.0
        if step * sign <= 0:  # the line would hold or go the wrong way: a first step instead
            step = first_step(baseline, direction, unit_type)
        nxt = previous[-1] + step
    else:
        nxt = baseline + first_step(baseline, direction, unit_type)
    if unit_type == "percentage" or unit_type is None:
        nxt = min(100.0, nxt)
    if unit_type == "count":
        nxt = round(nxt)
    return _round(max(0.0, nxt))


_PAIR = re.compile(r"^\s*(\d{4})\s*[:=]\s*(.+?)\s*$")


def parse_targets(text: str) -> dict[int, str]:
    """'2026: 45, 2027: 48' as {2026: '45', 2027: '48'} (values checked by validation).

    Raises ValueError with a message for people when the text is not in that form.
    """
    out: dict[int, str] = {}
    parts = [p for p in re.split(r"[,;\n]", text) if p.strip()]
    if not parts:
        raise ValueError("type the targets like 2026: 45, 2027: 48")
    for part in parts:
        m = _PAIR.match(part)
        if not m:
            raise ValueError(f"'{part.strip()}' is not 'YEAR: VALUE' (e.g. 2026: 45)")
        year = int(m.group(1))
        if year in out:
            raise ValueError(f"{year} is given twice")
        out[year] = m.group(2)
    return out


def looks_like_target_list(text: str) -> bool:
    """Whether an answer to a yearly target question is the one-line form '2026: 45, ...'."""
    return ":" in text or "=" in text


def format_value(value: Any) -> str:
    """A number as people write it (42, 42.5), anything else as text."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return number_text(value, grouped=False)
    return "" if value is None else str(value)


def with_unit(value: Any, esm: Mapping[str, Any] | None = None) -> str:
    """A value of the ESM as people read it: '42%' for a percentage, '12.5 per 1,000' for a rate."""
    text = format_value(value)
    esm = esm or {}
    unit_type, unit_number = esm.get("unit_type"), esm.get("unit_number")
    if not text or isinstance(value, bool):
        return text
    if unit_type == "percentage":
        return f"{text}%"
    if unit_type == "rate" and isinstance(unit_number, int) and not isinstance(unit_number, bool):
        return f"{text} per {unit_number:,}"
    return text


def answer_text(key: str, data: Mapping[str, Any], value: Any = None) -> str:
    """The answer at ``key`` of ``data`` (or ``value``) in full, as people read it:
    a baseline as '42% in 2025', targets as '2026: 45%, 2027: 48%'."""
    if value is None:
        value = keypath.get(data, key)
    esm = _esm(data)
    if key == "esm.baseline" and isinstance(value, Mapping) and set(value) >= {"year", "value"}:
        return f"{with_unit(value['value'], esm)} in {value['year']}"
    if key == "esm.targets" and isinstance(value, Mapping):
        return ", ".join(f"{y}: {with_unit(v, esm)}" for y, v in value.items())
    if isinstance(value, str):
        return value  # in full, its line breaks kept
    return summary(value, width=10**6)


def summary(value: Any, width: int = 70, *, key: str | None = None, data: Any = None) -> str:
    """A one-line, shortened view of an answer, for menus (unit-aware with ``key`` and ``data``)."""
    if key is not None and isinstance(data, Mapping):
        text = answer_text(key, data, value)
    elif isinstance(value, Mapping):
        if set(value) >= {"year", "value"}:
            text = f"{format_value(value['value'])} in {value['year']}"
        else:
            text = ", ".join(f"{k}: {format_value(v)}" for k, v in value.items())
    else:
        text = format_value(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
