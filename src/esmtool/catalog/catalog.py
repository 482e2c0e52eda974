"""Loading, validating and querying the catalog.

The bundled catalog (``data/`` in the repository, ``esmtool/data`` in a wheel)
is read first; folders given with ``--catalog`` or ``ESMTOOL_CATALOG`` are read
after it, in order, and may add entries or replace bundled ones by id (each
replacement is reported as a notice). Every problem in every file is collected
and raised together as one :class:`~esmtool.errors.CatalogError`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CatalogError, NotFoundError, Problem
from ..rba import QUADRANTS
from . import cache
from .models import (
    EVIDENCE_IDS,
    CatalogFile,
    CatalogMeta,
    EvidenceLevel,
    Measure,
    Practice,
    QuadrantInfo,
    Strategy,
    Synonym,
    Template,
    build_plain,
    plain,
)
from .paths import _label, all_files, list_folders
from .problems import (
    _SECTIONS,
    _cross_reference_problems,
    _Entry,
    _what,
    catalog_problems,
    control_character_problems,
    suggest,
)
from .templates import LazyTemplates


@dataclass
class Catalog:
    meta: CatalogMeta
    evidence: dict[str, EvidenceLevel]
    quadrants: dict[int, QuadrantInfo]
    tips: list[str]
    measures: dict[str, Measure]
    strategies: dict[str, Strategy]
    practices: dict[str, Practice]
    templates: Mapping[str, Template]  # a LazyTemplates when loaded; any mapping will do
    notices: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    #: search synonyms by their matching key (see models.Synonym)
    synonyms: dict[str, Synonym] = field(default_factory=dict)

    # ----- lookups ---------------------------------------------------------------------------
    def measure(self, code: str) -> Measure:
        try:
            return self.measures[code]
        except KeyError:
            raise NotFoundError("measure", code, self.suggest(code, self.measures)) from None

    def strategy(self, sid: str) -> Strategy:
        try:
            return self.strategies[sid]
        except KeyError:
            raise NotFoundError("strategy", sid, self.suggest(sid, self.strategies)) from None

    def template(self, tid: str) -> Template:
        if tid in self.templates:
            return self.templates[tid]
        for s in self.strategies.values():
            for t in s.templates:
                if t.id == tid:
                    return t
        for t in self.templates.values():  # a former id (rare: builds every template once)
            if tid in t.former_ids:
                return t
        raise NotFoundError("template", tid, self.suggest(tid, self._all_template_ids()))

    @staticmethod
    def suggest(key: str, choices: Iterable[str], n: int = 3) -> list[str]:
        return suggest(key, choices, n)

    # ----- queries ---------------------------------------------------------------------------
    def strategies_for(self, measure_code: str) -> list[Strategy]:
        return [s for s in self.strategies.values() if s.measure == measure_code]

    def related_measures(self, measure_code: str) -> list[str]:
        """The measures of the same family, in catalog order: a sub-measure's parent and its
        sibling sub-measures, or a parent's sub-measures (Medical Home: Care Coordination →
        Medical Home Overall, Personal Doctor or Nurse, …). Not the measure itself."""
        m = self.measures.get(measure_code)
        if m is None:
            return []
        head = m.parent or m.code
        return [
            code
            for code, other in self.measures.items()
            if code != m.code and (code == head or other.parent == head)
        ]

    def evidence_label(self, strategy: Strategy) -> str:
        """The rating as the page printed it, else the scale's name for its level."""
        if strategy.evidence_label:
            return strategy.evidence_label
        level = self.evidence.get(strategy.evidence)
        return level.label if level else strategy.evidence

    def evidence_level(self, strategy: Strategy) -> str:
        """The evidence scale's label for the strategy's rating (one of six spellings)."""
        level = self.evidence.get(strategy.evidence)
        return level.label if level else strategy.evidence

    def evidence_rank(self, eid: str) -> int:
        level = self.evidence.get(eid)
        return level.rank if level else len(EVIDENCE_IDS)

    def strategy_templates_all(self) -> list[Template]:
        out = list(self.templates.values())
        for s in self.strategies.values():
            out.extend(s.templates)
        return out

    def _all_template_ids(self) -> list[str]:
        return [t.id for t in self.strategy_templates_all()]

    def templates_for(self, strategy: Strategy, quadrant: int | None = None) -> list[Template]:
        """Templates that serve ``strategy``, most specific first and generic ones last.

        Order: the strategy's own templates (inline, then those naming only this strategy),
        templates shared with other strategies, then its measure's, its intervention type's,
        its outcomes', and last the universal ones. Within a tier, catalog order.
        """
        itype = _norm(strategy.intervention_type)
        outcomes = {_norm(o) for o in strategy.outcomes}
        own = [t for t in strategy.templates if quadrant is None or t.quadrant == quadrant]
        tiers: list[list[str]] = [[], [], [], [], [], []]
        shared = self.templates
        if not isinstance(shared, LazyTemplates):  # a catalog put together by hand
            shared = LazyTemplates(shared)
        for tid in shared:  # chosen by what each serves; only the chosen ones are built
            if quadrant is not None and shared.quadrant(tid) != quadrant:
                continue
            a = shared.applies_to(tid)
            if strategy.id in a.strategies:
                tiers[0 if len(a.strategies) == 1 else 1].append(tid)
            elif strategy.measure in a.measures:
                tiers[2].append(tid)
            elif itype and itype in {_norm(x) for x in a.intervention_types}:
                tiers[3].append(tid)
            elif outcomes & {_norm(x) for x in a.outcomes}:
                tiers[4].append(tid)
            elif a.universal:
                tiers[5].append(tid)
        return own + [shared[tid] for tier in tiers for tid in tier]

    def measure_label(self, code: str) -> str:
        m = self.measures.get(code)
        return f"{m.name} ({code})" if m else code


def _norm(text: str | None) -> str:
    if not text:
        return ""
    return text.split(" (")[0].strip().casefold()


# ----- loading -------------------------------------------------------------------------------


ItemLines = dict[tuple[str, int], int]


def parse_catalog_file(
    path: Path, label: str
) -> tuple[CatalogFile | None, list[Problem], ItemLines]:
    """Parse one file: the model (or None), its problems, and the line of each section item."""
    # imported here: a start-up served from the cache never parses YAML or validates
    from pydantic import ValidationError

    from ..errors import InputFileError
    from ..yamlio import load_file

    try:
        data, index = load_file(path, label=label)
    except InputFileError as exc:
        return None, [Problem("", exc.message)], {}
    if data is None:
        return CatalogFile(), [], {}
    if not isinstance(data, dict):
        return (
            None,
            [
                Problem(
                    label,
                    f"should hold sections such as 'strategies:' or 'measures:', not {_what(data)}",
                )
            ],
            {},
        )
    control = control_character_problems(data, index)
    if control:
        return None, control, {}
    try:
        model = CatalogFile.model_validate(data)
    except ValidationError as exc:
        return None, catalog_problems(exc, index, data), {}
    lines: ItemLines = {}
    for section in _SECTIONS:
        for i in range(len(getattr(model, section))):
            line = index.lines.get((section, i))
            if line:
                lines[(section, i)] = line
    return model, [], lines


#: Control characters a catalog's text may not hold: every C0 code but tab and line feed
#: (ESC starts the escape sequences that move a terminal's cursor, retitle its window, …),
#: DEL and the C1 codes (CSI, OSC, …).
def load_catalog(
    extra: Sequence[Path] = (), *, use_env: bool = True, use_bundled: bool = True
) -> Catalog:
    """Load the bundled catalog plus user folders; raise CatalogError listing every problem."""
    # Loading makes many objects that all live on: the collector's passes over them grow
    # with their number (50,000 strategies: 14.4 s -> 7.6 s cold without them)
    enabled = gc.isenabled()
    gc.disable()
    try:
        result = _load_catalog(extra, use_env=use_env, use_bundled=use_bundled)
    finally:
        if enabled:
            gc.enable()
    result.notices.extend(cache.notices())
    return result


def _load_catalog(
    extra: Sequence[Path] = (),
    *,
    use_env: bool = True,
    use_bundled: bool = True,
    use_whole: bool = True,
) -> Catalog:
    listed, problems = list_folders(extra, use_env=use_env, use_bundled=use_bundled)
    notices: list[str] = []
    tables: dict[str, dict[Any, _Entry]] = {k: {} for k in _SECTIONS}
    tips: list[str] = []
    meta: CatalogMeta | None = None
    key_of = {
        "measures": "code",
        "strategies": "id",
        "practices": "id",
        "templates": "id",
        "evidence": "id",
        "quadrants": "number",
        "synonyms": "key",
    }

    whole_key = None if problems else cache.whole_key(all_files(listed))
    if whole_key is not None and use_whole:
        hit = cache.get_whole(whole_key)
        if hit is not None:

            def parse_templates() -> dict[str, Template]:  # the entry is gone or damaged
                again = _load_catalog(
                    extra, use_env=use_env, use_bundled=use_bundled, use_whole=False
                )
                return dict(again.templates)

            lazy = LazyTemplates(
                rows=lambda: cache.get_whole(whole_key, "templates"), parse=parse_templates
            )
            try:
                return _catalog_from_plain(hit, lazy)
            except cache.WRONG_SHAPE:
                pass  # an entry of the wrong shape is a miss

    n_files = sum(len(files) for _, _, files in listed)
    for folder, bundled, files in listed:
        seen_here: dict[tuple[str, Any], str] = {}
        for path in files:
            label = _label(path, folder if folder.is_dir() else folder.parent, bundled)
            parsed, file_problems, index_lines = cache.parse(
                path,
                label,
                parse_catalog_file,
                dump=_plain_all,
                build=_build_file,
                keep=max(cache.KEEP_FILES, 2 * n_files),
            )
            if file_problems:
                problems.extend(file_problems)
                continue
            assert parsed is not None
            if parsed.catalog is not None and (bundled or meta is None):
                meta = parsed.catalog
            if parsed.tips:
                tips = list(parsed.tips)
            for section, keyname in key_of.items():
                for i, item in enumerate(getattr(parsed, section, ())):
                    key = getattr(item, keyname)
                    where = f"{label}:{index_lines.get((section, i), '?')}"
                    noun = _SECTIONS[section]
                    if (section, key) in seen_here:
                        problems.append(
                            Problem(
                                where,
                                f"{noun} '{key}' is defined twice (also at {seen_here[(section, key)]})",
                            )
                        )
                        continue
                    seen_here[(section, key)] = where
                    prior = tables[section].get(key)
                    if prior is not None:
                        if not bundled and prior.bundled:
                            notices.append(f"{where}: {noun} '{key}' replaces the bundled one")
                        else:
                            notices.append(
                                f"{where}: {noun} '{key}' replaces the one at {prior.where}"
                            )
                    tables[section][key] = _Entry(item, where, bundled)

    measures = {k: e.value for k, e in tables["measures"].items()}
    strategies = {k: e.value for k, e in tables["strategies"].items()}
    templates = {k: e.value for k, e in tables["templates"].items()}
    practices = {k: e.value for k, e in tables["practices"].items()}
    evidence = {k: e.value for k, e in tables["evidence"].items()}
    quadrants = {k: e.value for k, e in tables["quadrants"].items()}
    synonyms = {k: e.value for k, e in tables["synonyms"].items()}

    problems.extend(_cross_reference_problems(tables))
    if use_bundled or evidence or quadrants:
        missing_ev = [x for x in EVIDENCE_IDS if x not in evidence]
        if missing_ev:
            problems.append(
                Problem("catalog", f"the evidence scale lacks: {', '.join(missing_ev)}")
            )
        missing_q = [q for q in QUADRANTS if q not in quadrants]
        if missing_q:
            problems.append(
                Problem("catalog", f"the quadrants lack: {', '.join(map(str, missing_q))}")
            )

    if problems:
        raise CatalogError(
            f"The catalog has {len(problems)} problem{'s' if len(problems) != 1 else ''}:",
            problems,
            hint="Fix each line above (file:line: what is wrong), then run the command again.",
        )

    result = Catalog(
        meta=meta or CatalogMeta(name="catalog", version="0"),
        evidence=dict(sorted(evidence.items(), key=lambda kv: kv[1].rank)),
        quadrants=dict(sorted(quadrants.items())),
        tips=tips,
        measures=measures,
        strategies=strategies,
        practices=practices,
        templates=LazyTemplates(templates),
        notices=notices,
        folders=[f for f, _, _ in listed],
        synonyms=synonyms,
    )
    if whole_key is not None:  # the templates first: a merged entry implies its templates
        cache.put_whole(whole_key, [_plain_all(v) for v in templates.values()], "templates")
        cache.put_whole(whole_key, _catalog_to_plain(result))
    return result


# ----- the cached form: plain JSON data, built back into models without validation --------------
# Entries are written by this code only (the cache key holds a hash of these modules), so the
# data has been validated once; building skips pydantic's validators, and a wrong shape raises.


def _plain_all(obj: Any) -> Any:
    return plain(obj, exclude_none=False)


def _build_file(data: Any) -> CatalogFile:
    return build_plain(CatalogFile, data)


def _catalog_to_plain(cat: Catalog) -> dict[str, Any]:
    return {
        "meta": _plain_all(cat.meta),
        "evidence": [_plain_all(v) for v in cat.evidence.values()],
        "quadrants": [_plain_all(v) for v in cat.quadrants.values()],
        "tips": list(cat.tips),
        "measures": [_plain_all(v) for v in cat.measures.values()],
        "strategies": [_plain_all(v) for v in cat.strategies.values()],
        "practices": [_plain_all(v) for v in cat.practices.values()],
        # each synonym with its key (computing the keys again costs more than reading them)
        "synonyms": [[k, _plain_all(v)] for k, v in cat.synonyms.items()],
        "notices": list(cat.notices),
        "folders": [str(f) for f in cat.folders],
    }


def _table_of(cls: type[Any], rows: Any, key: str) -> dict[Any, Any]:
    if not isinstance(rows, list):
        raise TypeError("a cached table is not a list")
    out = {}
    for row in rows:
        obj = build_plain(cls, row)
        out[getattr(obj, key)] = obj
    return out


def _catalog_from_plain(data: dict[str, Any], templates: LazyTemplates) -> Catalog:
    if not isinstance(data["tips"], list) or not isinstance(data["synonyms"], list):
        raise TypeError("a cached table is not a list")
    return Catalog(
        meta=build_plain(CatalogMeta, data["meta"]),
        evidence=_table_of(EvidenceLevel, data["evidence"], "id"),
        quadrants=_table_of(QuadrantInfo, data["quadrants"], "number"),
        tips=[str(t) for t in data["tips"]],
        measures=_table_of(Measure, data["measures"], "code"),
        strategies=_table_of(Strategy, data["strategies"], "id"),
        practices=_table_of(Practice, data["practices"], "id"),
        templates=templates,
        notices=[str(n) for n in data["notices"]],
        folders=[Path(f) for f in data["folders"]],
        synonyms={str(k): build_plain(Synonym, row) for k, row in data["synonyms"]},
    )
