"""The quadrant rule: each measure's declared quadrant against esmtool's reading.

Inferences for the ESM and its measures (with the draft's NPM, so the catalog's outcome
receipts count), the catalog's own quadrants (bundled sample measures, templates), a
measure's ``effect`` answer, and the rule ids ``quadrant.mismatch`` (warning),
``quadrant.catalog-reading``, ``quadrant.effect-declared`` and ``quadrant.effect-undecided``
(info). Registered in :mod:`.rules`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from .base import QUADRANT_MEANING, Finding, Inference, Severity, quadrant_label, quadrant_of
from .quadrant import infer_quadrant

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..catalog.models import Measure
    from ..draft import Draft, MeasureEntry

_Out = Iterator[Finding]


def _f(severity: Severity, rule: str, path: str, message: str, advice: str) -> Finding:
    return Finding(severity, rule, path, message, advice)


# ----- inferences --------------------------------------------------------------------------------


def _npm(draft: Draft, catalog: Catalog | None) -> Measure | None:
    if catalog is None or not draft.npm:
        return None
    return catalog.measures.get(draft.npm)


def esm_inference(draft: Draft, catalog: Catalog | None = None) -> Inference | None:
    """The ESM's own quadrant (from title, unit type, numerator, denominator); None without wording.

    With the catalog, the draft's NPM says which care received is the measure's own outcome.
    """
    esm = draft.esm
    if not (esm.title or esm.numerator):
        return None
    return infer_quadrant(
        esm.title or "",
        unit_type=esm.unit_type,
        numerator=esm.numerator,
        denominator=esm.denominator,
        measure=_npm(draft, catalog),
    )


def measure_inference(
    entry: MeasureEntry, catalog: Catalog | None, measure: Measure | None = None
) -> Inference:
    """A measure's quadrant. Without a unit form in its wording, the declared quantity/quality stays."""
    unit_type = None
    if entry.template and catalog is not None:
        try:
            unit_type = catalog.template(entry.template).unit_type
        except Exception:  # an unknown template is reported by the reference rules
            unit_type = None
    inf = infer_quadrant(entry.text, unit_type=unit_type, measure=measure)
    if inf.form_known:
        return inf
    quality = entry.quadrant in (2, 4)
    q = quadrant_of(quality, inf.focus == "effect")
    form_why = (
        "no unit form in the wording ('Number of …' or 'Percent of …'), so the declared "
        f"{'quality' if quality else 'quantity'} is kept"
    )
    why = inf.reason.split("; ", 1)[1].rsplit(" → Quadrant", 1)[0]
    return replace(
        inf,
        quadrant=q,
        reason=f"{form_why}; {why} → {quadrant_label(q)}",
        form="quality" if quality else "quantity",
    )


def _norm_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .").casefold()


def catalog_reading_differs(
    text: str, declared: int, catalog: Catalog, template: str | None = None
) -> bool:
    """True when ``declared`` is the catalog's own quadrant for this wording.

    The wording is a strategy page's sample measure in that quadrant, or the measure was
    made from a catalog template declared in that quadrant. Where esmtool's reading differs
    from the catalog's own, ``check`` names both readings (info) instead of warning.
    """
    if template:
        try:
            if catalog.template(template).quadrant == declared:
                return True
        except Exception:  # an unknown template is reported by the reference rules
            pass
    return (_norm_text(text), declared) in _sample_quadrants(catalog)


def _sample_quadrants(catalog: Catalog) -> set[tuple[str, int]]:
    cached = getattr(catalog, "_esmtool_sample_quadrants", None)
    if cached is None:
        cached = {
            (_norm_text(m.text), m.quadrant)
            for s in catalog.strategies.values()
            for m in s.sample_measures
        }
        with contextlib.suppress(AttributeError, TypeError):  # a frozen catalog: recompute
            object.__setattr__(catalog, "_esmtool_sample_quadrants", cached)
    return cached


# ----- 1. quadrant -------------------------------------------------------------------------------


def _mismatch_advice(declared: int, inf: Inference) -> str:
    q = inf.quadrant
    if inf.basis == "satisfaction":
        return (
            "RBA sources disagree on satisfaction: RBA usually reads it as quality of effort, "
            "while some MCHbest sample ESMs put it in Quadrants 3–4. To keep Quadrant "
            f"{declared}, ask what changed for the people served (confidence, knowledge, a "
            f"behavior) rather than satisfaction; otherwise move it to Quadrant {q}."
        )
    declared_effect, inferred_effect = declared >= 3, q >= 3
    if declared_effect and not inferred_effect:
        return (
            "Say who is better off and how (a change in skills/knowledge, attitude, behavior or "
            f"circumstance, e.g. '… who report increased …'), or move the measure to Quadrant {q}."
        )
    if inferred_effect and not declared_effect:
        return (
            f"If the measure counts people who are better off, move it to Quadrant {q}; if it "
            "counts the service itself, reword it to name the service (e.g. '… who received …')."
        )
    return (
        "Quadrants 1 and 3 are counts ('Number of …'); Quadrants 2 and 4 are percentages "
        f"('Percent of …'): reword the measure's unit form or move it to Quadrant {q}."
    )


def declared_effect(entry: MeasureEntry, inf: Inference) -> Inference:
    """The reading with the measure's own ``effect`` answer, where it has one, kept.

    Without an answer, an undecided reading of a measure declared in Quadrant 3 or 4 is
    taken as effect (the declared quadrant decides what the wording leaves open).
    """
    if entry.effect is not None:
        effect = entry.effect
    elif not inf.decided and entry.quadrant >= 3:
        effect = True
    else:
        return inf
    return replace(
        inf,
        quadrant=quadrant_of(inf.form == "quality", effect),
        focus="effect" if effect else "effort",
    )


def _rule_quadrant(draft: Draft, catalog: Catalog) -> _Out:
    npm = _npm(draft, catalog)
    for i, m in enumerate(draft.measures):
        read = measure_inference(m, catalog, npm)
        inf = declared_effect(m, read)
        path = f"measures[{i}].quadrant"
        reading = "effect" if read.focus == "effect" else "effort"
        if m.effect is not None and read.decided and (read.focus == "effect") != m.effect:
            said = "effect" if m.effect else "effort"
            yield _f(
                "info",
                "quadrant.effect-declared",
                f"measures[{i}].effect",
                f"The measure is declared to count {said} (effect: {str(m.effect).lower()}), "
                f"but its wording reads as {reading}: {read.reason}.",
                "The declared answer is kept. If the measure counts people or organizations "
                "who are better off, say how in the wording; otherwise set effect: "
                f"{str(not m.effect).lower()}.",
            )
        elif m.effect is None and not read.decided and m.quadrant >= 3:
            yield _f(
                "info",
                "quadrant.effect-undecided",
                f"measures[{i}].effect",
                "The wording does not say whether the measure counts what the program did or "
                "whom it reached (effort) or people or organizations who are better off (effect); "
                f"the declared {quadrant_label(m.quadrant)} is taken as effect.",
                "Say what changed for those counted (e.g. '… who report increased …'), or add "
                "effect: true to the measure to record the answer.",
            )
        if inf.quadrant == m.quadrant:
            continue
        if catalog_reading_differs(m.text, m.quadrant, catalog, m.template):
            yield _f(
                "info",
                "quadrant.catalog-reading",
                path,
                f"The catalog places this measure in {quadrant_label(m.quadrant)}; esmtool's "
                f"reading is {quadrant_label(inf.quadrant)} ({inf.reason}). Both readings are "
                "defensible; the catalog's is kept.",
                "Nothing to fix. If reviewers ask, say which reading you use and why.",
            )
            continue
        yield _f(
            "warning",
            "quadrant.mismatch",
            path,
            f"Declared {quadrant_label(m.quadrant)}, but the wording reads as "
            f"{quadrant_label(inf.quadrant)}. Declared: {QUADRANT_MEANING[m.quadrant]}. "
            f"Inferred: {inf.reason}.",
            _mismatch_advice(m.quadrant, inf),
        )
