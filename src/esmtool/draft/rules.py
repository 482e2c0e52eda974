"""Every rule of a draft, written once with its stable rule id.

The walk, answers files, ``--set`` and ``esmtool check`` all read this table:

- :data:`REQUIRED`: what a complete draft must have, in the order the walk asks
  it, each with the rule id, message and advice ``check`` gives when it is missing;
- :data:`RULES`: rules that span fields or need the catalog (a percentage's unit
  number, a count's denominator, values in range, catalog references). Rules
  with ``refused=True`` make the draft invalid: the walk asks again, answers
  files and ``--set`` are refused with the key path; every rule is a finding of
  ``check`` with the same id;
  Rules with ``refused_when_drafting=True`` (a title that contradicts its unit type)
  refuse answers files, ``--set`` and the walk's save, while an existing file with
  them is still read, checked and exported;
- :func:`apply_defaults` and :func:`dropped`: what a finished draft fills in
  (status, a percentage's unit number) and what it does not keep (a count's unit number).

Messages are written after the key path (``esm.unit_number: must be 100 for a
percentage``); ``check`` shows them as sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ..errors import NotFoundError, Problem
from ..rba import QUADRANTS as QUADRANTS  # the walk and the checks import it from here
from .defaults import apply_defaults, dropped, dropped_from

if TYPE_CHECKING:
    from ..catalog import Catalog
    from .model import ESM, Draft

Severity = Literal["error", "warning", "info"]
#: Unit numbers people use for rates ("per 1,000", "per 100,000").

RATE_UNITS = (1_000, 10_000, 100_000, 1_000_000)
QUALITY_UNITS = ("percentage", "rate")
#: How many yearly targets the walk offers after the baseline year (and ``check`` expects at
#: least: the years after the baseline up to this many are named when they have no objective).
TARGET_YEARS = 5


def is_na(text: str | None) -> bool:
    """Blank, 'NA', 'N/A', 'none', 'not applicable' (how records write 'no denominator')."""
    if text is None:
        return True
    t = text.strip().strip(".").lower()
    return t in {"", "na", "n/a", "n.a", "none", "not applicable", "-", "blank"}


def sentence(message: str) -> str:
    """A key-path message as a sentence: 'must be 100' -> 'Must be 100.'."""
    text = message[:1].upper() + message[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


# ----- required fields --------------------------------------------------------------------------


def _always(esm: ESM) -> bool:
    return True


class Required(NamedTuple):
    """A field a complete draft needs, and what ``check`` says when it is missing.

    (The rule tables' entries are named tuples: immutable like a frozen dataclass, and a
    fifth of its cost to define, which every command that reads a draft paid at import.)
    """

    key: str  # the key path, e.g. "esm.numerator"
    rule: str
    message: str  # what `check` says when it is missing
    advice: str
    when: Callable[[ESM], bool] = _always

    def missing(self, draft: Draft) -> bool:
        if not self.when(draft.esm):
            return False
        if self.key.startswith("esm."):
            value = getattr(draft.esm, self.key[4:])
        else:
            value = getattr(draft, self.key)
        return value is None or value == {} or value == ""


def _fallback(key: str) -> Required:
    return Required(
        key,
        "completeness.missing",
        f"'{key}' is required but missing.",
        "Fill it in (in the file, or with `esmtool draft --resume FILE`).",
    )


#: What a complete draft needs, in the order the walk asks it.
REQUIRED: tuple[Required, ...] = (
    _fallback("npm"),
    _fallback("strategy"),
    _fallback("esm.title"),
    Required(
        "esm.goal",
        "completeness.goal-missing",
        "The goal is missing.",
        "State in one sentence what the strategy aims to achieve for the NPM's population.",
    ),
    _fallback("esm.unit_type"),
    Required(
        "esm.unit_number",
        "definition.unit-number",
        "A rate needs a unit number (per 1,000, 10,000 or 100,000), and it is missing.",
        "Set unit_number to 1000, 10000 or 100000.",
        when=lambda esm: esm.unit_type == "rate",
    ),
    Required(
        "esm.numerator",
        "definition.numerator-missing",
        "The numerator is missing.",
        "Say exactly who or what is counted, e.g. 'Families enrolled in care coordination who …'.",
    ),
    Required(
        "esm.denominator",
        "definition.denominator-missing",
        "A percentage or rate needs a denominator, and it is missing.",
        "Name everyone who could be counted in the numerator, e.g. 'Families enrolled in care "
        "coordination'.",
        when=lambda esm: esm.unit_type in QUALITY_UNITS,
    ),
    Required(
        "esm.data_sources",
        "completeness.data-sources-missing",
        "The data sources are missing.",
        "Name where the numerator and denominator come from (e.g. program records, a database).",
    ),
    Required(
        "esm.significance",
        "completeness.significance-missing",
        "The significance is missing.",
        "Explain why the strategy should move the NPM, citing its evidence (the MCHbest rating).",
    ),
    Required(
        "esm.direction",
        "targets.direction-missing",
        "The direction (increase or decrease) is missing.",
        "Say whether a higher value is better (increase) or a lower one (decrease).",
    ),
    Required(
        "esm.baseline",
        "targets.baseline-missing",
        "The baseline (the latest figure before the objectives) is missing.",
        "Add baseline: {year: YYYY, value: N}; if there are no data yet, say so in data issues.",
    ),
    Required(
        "esm.targets",
        "targets.missing",
        "Annual objectives (targets) are missing.",
        "Add one numeric objective per year, e.g. targets: {2026: 45, 2027: 48}.",
    ),
)

#: Keys that a complete draft needs under some condition (the walk insists on an answer).
REQUIRED_KEYS = frozenset(r.key for r in REQUIRED)


def missing(draft: Draft) -> list[Required]:
    """What a complete draft still needs, in the order the walk asks it."""
    return [r for r in REQUIRED if r.missing(draft)]


def missing_keys(draft: Draft) -> list[str]:
    return [r.key for r in missing(draft)]


# ----- rules across fields ----------------------------------------------------------------------

Found = Iterator[tuple[str, str]]  # (key path, message)


class Rule(NamedTuple):
    """A rule that spans fields or needs the catalog, with its stable id."""

    id: str
    advice: str  # what `check` suggests
    find: Callable[[Draft, Catalog | None], Found]
    severity: Severity = "error"
    #: whether the draft is invalid with it (the walk asks again; answers and --set are refused)
    refused: bool = True
    #: refused when a draft is made (answers files, --set, the walk's save), while an existing
    #: file with it is still read, checked (a finding of this severity) and exported
    refused_when_drafting: bool = False


def _unknown(kind: str, key: str, pool: dict[str, Any]) -> str:
    from ..catalog import Catalog

    sug = Catalog.suggest(key, pool)
    tail = f" (did you mean {', '.join(sug)}?)" if sug else " (see: esmtool list)"
    return f"'{key}' is not a known {kind}{tail}"


def _unknown_npm(draft: Draft, catalog: Catalog | None) -> Found:
    if catalog is not None and draft.npm is not None and draft.npm not in catalog.measures:
        yield "npm", _unknown("measure code", draft.npm, catalog.measures)


def _unknown_strategy(draft: Draft, catalog: Catalog | None) -> Found:
    if catalog is None or draft.strategy is None or draft.strategy in catalog.strategies:
        return
    yield "strategy", _unknown("strategy id", draft.strategy, catalog.strategies)


def _templated(draft: Draft, catalog: Catalog | None) -> Iterator[tuple[int, Any, Any]]:
    """Each measure that names a template: its index, the measure, the template (None if unknown)."""
    if catalog is None:
        return
    for i, m in enumerate(draft.measures):
        if m.template is None:
            continue
        try:
            t = catalog.template(m.template)
        except NotFoundError:
            t = None
        yield i, m, t


def _unknown_template(draft: Draft, catalog: Catalog | None) -> Found:
    for i, m, t in _templated(draft, catalog):
        if t is None:
            yield f"measures[{i}].template", f"'{m.template}' is not a known template id"


def _unknown_slot(draft: Draft, catalog: Catalog | None) -> Found:
    for i, m, t in _templated(draft, catalog):
        unknown = sorted(set(m.slots) - set(t.slot_names)) if t is not None else []
        if unknown:
            yield (
                f"measures[{i}].slots",
                f"'{unknown[0]}' is not a slot of template '{t.id}' "
                f"(its slots: {', '.join(t.slot_names) or 'none'})",
            )


def _percentage_unit(draft: Draft, catalog: Catalog | None) -> Found:
    esm = draft.esm
    if esm.unit_type == "percentage" and esm.unit_number is not None and esm.unit_number != 100:
        yield "esm.unit_number", "must be 100 for a percentage"


def _small_rate_unit(draft: Draft, catalog: Catalog | None) -> Found:
    esm = draft.esm
    if esm.unit_type == "rate" and esm.unit_number is not None and esm.unit_number < 1000:
        yield "esm.unit_number", "a rate is given per 1,000, 10,000 or 100,000: use one of those"


def _unusual_rate_unit(draft: Draft, catalog: Catalog | None) -> Found:
    n = draft.esm.unit_number
    if draft.esm.unit_type == "rate" and n is not None and n >= 1000 and n not in RATE_UNITS:
        yield "esm.unit_number", f"a rate per {n:,} is unusual"


def _na_denominator(draft: Draft, catalog: Catalog | None) -> Found:
    esm = draft.esm
    if esm.unit_type in QUALITY_UNITS and esm.denominator is not None and is_na(esm.denominator):
        yield (
            "esm.denominator",
            f"a {esm.unit_type} needs a denominator, but it is '{esm.denominator}'",
        )


def _count_denominator(draft: Draft, catalog: Catalog | None) -> Found:
    esm = draft.esm
    if esm.unit_type == "count" and not is_na(esm.denominator):
        yield "esm.denominator", "a count has no denominator: leave it empty, or choose percentage"


def _values(esm: ESM) -> Iterator[tuple[str, float]]:
    if esm.baseline is not None:
        yield "esm.baseline.value", esm.baseline.value
    for year, value in sorted((esm.targets or {}).items()):
        yield f"esm.targets.{year}", value
    for year, actual in sorted((esm.actuals or {}).items()):
        if actual.value is not None:
            yield f"esm.actuals.{year}.value", actual.value


def _percentage_range(draft: Draft, catalog: Catalog | None) -> Found:
    if draft.esm.unit_type == "percentage":
        for path, value in _values(draft.esm):
            if not 0 <= value <= 100:
                yield path, "a percentage must be between 0 and 100"


def _negative(draft: Draft, catalog: Catalog | None) -> Found:
    if draft.esm.unit_type in ("count", "rate"):
        for path, value in _values(draft.esm):
            if value < 0:
                yield path, "must not be negative"


def _title_unit(draft: Draft, catalog: Catalog | None, *, contradiction: bool) -> Found:
    """A title whose unit form ('Number of', 'Percent of', 'Rate of') the unit type contradicts."""
    from ..measure_text import title_stem

    esm = draft.esm
    ts, ut = title_stem(esm.title), esm.unit_type
    if ts is None or ut is None:
        return
    said = {"quantity": "'Number of …'", "quality": "'Percent of …'", "rate": "'Rate of …'"}[ts]
    clash = (ts == "quantity" and ut in QUALITY_UNITS) or (
        ts in ("quality", "rate") and ut == "count"
    )
    if clash if contradiction else (ts == "quality" and ut == "rate"):
        yield "esm.title", f"the title reads {said} but the unit type is {ut}"


def _title_contradicts_unit(draft: Draft, catalog: Catalog | None) -> Found:
    return _title_unit(draft, catalog, contradiction=True)


def _title_percent_of_rate(draft: Draft, catalog: Catalog | None) -> Found:
    return _title_unit(draft, catalog, contradiction=False)


_TITLE_UNIT_ADVICE = (
    "Make the title and unit type agree: 'Number of …' is a count, 'Percent of …' a "
    "percentage (unit number 100), 'Rate of … per 1,000' a rate."
)


def _skipped_twice(draft: Draft, catalog: Catalog | None) -> Found:
    if len(set(draft.skipped_quadrants)) != len(draft.skipped_quadrants):
        yield "skipped_quadrants", "lists a quadrant twice"


#: Every rule across fields, in the order of the draft's keys.
RULES: tuple[Rule, ...] = (
    Rule("reference.unknown-npm", "See `esmtool list npms` for the codes.", _unknown_npm),
    Rule(
        "reference.unknown-strategy",
        "See `esmtool list strategies --npm CODE`.",
        _unknown_strategy,
    ),
    Rule(
        "reference.unknown-template",
        "See `esmtool list templates`, or remove the template key and keep the text.",
        _unknown_template,
    ),
    Rule(
        "reference.unknown-slot",
        "Rename the slot to one of the template's slots, or remove it.",
        _unknown_slot,
    ),
    Rule(
        "definition.unit-number",
        "Set unit_number to 100, or choose unit type rate for 'per 1,000'-style measures.",
        _percentage_unit,
    ),
    Rule(
        "definition.unit-number",
        "Use 1,000, 10,000 or 100,000; for 'per 100' choose unit type percentage.",
        _small_rate_unit,
    ),
    Rule(
        "definition.count-has-denominator",
        "Leave the denominator empty (or 'NA'), or choose unit type percentage if the measure "
        "is a share of a group.",
        _count_denominator,
    ),
    Rule(
        "targets.out-of-range",
        "Write the percentage itself (45 for 45%), between 0 and 100.",
        _percentage_range,
    ),
    Rule("targets.out-of-range", "Use zero or a positive number.", _negative),
    Rule(
        "balance.skipped-twice",
        "List each skipped quadrant once.",
        _skipped_twice,
    ),
    Rule(
        "definition.unit-number",
        "Rates are usually given per 1,000, 10,000 or 100,000, which makes them comparable "
        "with other states and years.",
        _unusual_rate_unit,
        severity="warning",
        refused=False,
    ),
    Rule(
        "definition.denominator-missing",
        "Name everyone who could be counted in the numerator (e.g. all families enrolled), "
        "or choose unit type count.",
        _na_denominator,
        refused=False,
    ),
    Rule(
        "definition.title-unit-mismatch",
        _TITLE_UNIT_ADVICE,
        _title_contradicts_unit,
        refused=False,
        refused_when_drafting=True,
    ),
    Rule(
        "definition.title-unit-mismatch",
        _TITLE_UNIT_ADVICE,
        _title_percent_of_rate,
        severity="warning",
        refused=False,
    ),
)


def _progress(rule: str) -> Callable[[Draft, Catalog | None], Found]:
    """The findings of one ``progress.*`` rule (:mod:`esmtool.cycle.progress`); only with actuals."""

    def find(draft: Draft, catalog: Catalog | None) -> Found:
        if not draft.esm.actuals:
            return
        from ..cycle.progress import findings

        for kind, path, message in findings(draft):
            if f"progress.{kind}" == rule:
                yield path, message

    return find


#: Progress against the objectives (drafts with actuals): findings of `check`, never refused.
#: (rule id, severity, advice)
_PROGRESS: tuple[tuple[str, Severity, str], ...] = (
    (
        "progress.actual-mismatch",
        "warning",
        "Correct the value, the numerator or the denominator "
        "(or leave the value out and esmtool computes it).",
    ),
    (
        "progress.objective-missed",
        "warning",
        "Explain in the annual report what got in the way, "
        "and review the strategy and the remaining objectives.",
    ),
    (
        "progress.actual-missing",
        "warning",
        "Add the year's figure under esm.actuals (`esmtool "
        "actuals import`, or edit the file); if the data are late, add it as provisional.",
    ),
    (
        "progress.off-track",
        "warning",
        "Turn the curve: revisit the story behind the curve, "
        "partners and action plan, or revise the objectives with a reason.",
    ),
    (
        "progress.provisional",
        "info",
        "Replace it with the final figure when the data are final (status: final).",
    ),
)
PROGRESS_RULES: tuple[Rule, ...] = tuple(
    Rule(rid, advice, _progress(rid), severity=sev, refused=False) for rid, sev, advice in _PROGRESS
)
RULES = RULES + PROGRESS_RULES


def problems(
    draft: Draft, catalog: Catalog | None, *, refused_only: bool = True, drafting: bool = False
) -> list[Problem]:
    """What the rules find in ``draft``: the refused ones (the draft's own validity) by default.

    ``drafting``: the draft is being made (answers files, ``--set``, the walk's save), so the
    rules refused when drafting count as refused too.
    """
    out: list[Problem] = []
    for rule in RULES:
        if refused_only and not (rule.refused or (drafting and rule.refused_when_drafting)):
            continue
        out.extend(Problem(path, message, rule.id) for path, message in rule.find(draft, catalog))
    return out


def drafting_problems(draft: Draft, catalog: Catalog | None) -> list[Problem]:
    """The problems only refused while a draft is made (see ``Rule.refused_when_drafting``).

    :func:`esmtool.draft.validate_draft` has checked the others; the ``draft`` command runs
    this on the result of answers files and ``--set``, and the walk before it saves.
    """
    return [
        Problem(path, message, rule.id)
        for rule in RULES
        if rule.refused_when_drafting and not rule.refused
        for path, message in rule.find(draft, catalog)
    ]


#: re-exported: their home is :mod:`.defaults`
__all__ = ["apply_defaults", "dropped", "dropped_from"]
