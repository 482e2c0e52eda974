"""Every strategy has measure templates of its own, in every RBA quadrant, listed first.

The expectations are read from the catalog's YAML files directly (not from the loader under
test): which strategies a measure file holds, and which templates name which strategies.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT, run_cli

DATA = ROOT / "data"
BY_STRATEGY = DATA / "templates" / "by-strategy"

#: Measure files whose strategies have their own templates in data/templates/by-strategy/.
#: A measure file with a file of the same name there is checked too.
OWN_TEMPLATE_FILES = (
    "adequate-insurance",
    "adolescent-well-visit",
    "breastfeeding",
    "bullying",
    "cesarean-delivery",
    "dental-visit-child",
    "dental-visit-pregnancy",
    "developmental-screening",
    "forgone-health-care",
    "housing",
    "injury-hospitalization",
    "medical-home-cc",
    "medical-home-fcc",
    "medical-home-personal",
    "perinatal-care-risk-appropriate",
)
CHECKED = sorted(set(OWN_TEMPLATE_FILES) | {p.stem for p in BY_STRATEGY.glob("*.yaml")})

_SLOT = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def _yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    assert isinstance(data, dict), path
    return data


def _raw_strategies(name: str) -> list[dict[str, Any]]:
    return list(_yaml(DATA / "strategies" / f"{name}.yaml").get("strategies") or [])


def _raw_templates() -> list[dict[str, Any]]:
    """Every template in the bundled catalog's template files, subfolders included."""
    out: list[dict[str, Any]] = []
    for path in sorted((DATA / "templates").glob("**/*.yaml")):
        out.extend(_yaml(path).get("templates") or [])
    return out


def _own_templates() -> list[tuple[str, dict[str, Any]]]:
    return [
        (path.stem, t)
        for path in sorted(BY_STRATEGY.glob("*.yaml"))
        for t in _yaml(path).get("templates") or []
    ]


@pytest.mark.parametrize("name", CHECKED)
def test_every_strategy_has_its_own_template_in_every_quadrant(name: str) -> None:
    own: dict[str, set[int]] = {}
    for t in _raw_templates():
        names = (t.get("applies_to") or {}).get("strategies") or []
        if len(names) == 1:
            own.setdefault(str(names[0]), set()).add(int(t["quadrant"]))
    strategies = _raw_strategies(name)
    assert strategies, f"data/strategies/{name}.yaml has no strategies"
    for s in strategies:
        inline = {int(t["quadrant"]) for t in s.get("templates") or []}
        have = own.get(str(s["id"]), set()) | inline
        missing = [q for q in (1, 2, 3, 4) if q not in have]
        assert not missing, f"strategy {s['id']} ({name}) has no template of its own in {missing}"


def test_own_template_files_are_loaded_from_the_subfolder(catalog: Any) -> None:
    ids = [str(t["id"]) for _, t in _own_templates()]
    assert len(ids) >= 4 * sum(len(_raw_strategies(name)) for name in OWN_TEMPLATE_FILES)
    assert set(ids) <= set(catalog.templates)


def test_catalog_files_in_a_subfolder_are_read(tmp_path: Path) -> None:
    from esmtool.catalog import load_catalog

    sub = tmp_path / "cat" / "templates" / "by-strategy"
    sub.mkdir(parents=True)
    (sub / "x.yaml").write_text(
        "templates:\n"
        "  - id: q1-own-9-6-test\n"
        "    quadrant: 1\n"
        "    unit_type: count\n"
        '    text: "Number of {youth} matched with a mentor"\n'
        "    slots:\n"
        "      - {name: youth, prompt: Which youth?, example: middle school students}\n"
        "    applies_to: {strategies: ['9-6']}\n",
        encoding="utf-8",
    )
    cat = load_catalog([tmp_path / "cat"], use_env=False)
    offered = cat.templates_for(cat.strategy("9-6"), 1)
    at = [t.id for t in offered].index("q1-own-9-6-test")
    assert all(t.applies_to.strategies == ["9-6"] for t in offered[: at + 1])


@pytest.mark.parametrize(
    ("name", "t"), _own_templates(), ids=lambda v: str(v) if isinstance(v, str) else v["id"]
)
def test_own_template_follows_the_rules(name: str, t: dict[str, Any]) -> None:
    q = int(t["quadrant"])
    names = t["applies_to"]["strategies"]
    assert len(names) == 1
    sid = str(names[0])
    assert sid in {str(s["id"]) for s in _raw_strategies(name)}, f"{sid} is not in {name}.yaml"
    # ids are at most 80 characters (models.Template): a long strategy id made by esmtool
    # (`<measure>-<name>`) may be named without its measure part
    short = sid.removeprefix(f"{name}-")
    rest = t["id"].removeprefix(f"q{q}-own-")
    assert t["id"] != rest and (rest.startswith(f"{sid}-") or rest.startswith(short[:20])), t["id"]
    text = t["text"]
    if q in (1, 3):
        assert t["unit_type"] == "count" and text.startswith("Number of "), t["id"]
    else:
        assert t["unit_type"] == "percentage" and text.startswith("Percent of "), t["id"]
    assert t["kind"] == ("process" if q in (1, 2) else "outcome")
    low = text.casefold()
    assert not any(w in low for w in ("for example", "e.g.", "tbd", "etc.")), t["id"]
    slots = t.get("slots") or []
    assert set(_SLOT.findall(text)) == {s["name"] for s in slots}
    assert len(slots) == len({s["name"] for s in slots})
    assert all(s["prompt"].strip() and s["example"].strip() for s in slots)
    filled = _SLOT.sub(lambda m: next(s["example"] for s in slots if s["name"] == m.group(1)), text)
    assert "{" not in filled and "}" not in filled
    assert "ours" in (t.get("note") or "").casefold() and "rba" in t["note"].casefold()


def test_own_template_ids_are_unique() -> None:
    ids = [str(t["id"]) for t in _raw_templates()]
    assert len(ids) == len(set(ids))


def _tier(t: dict[str, Any], s: dict[str, Any]) -> int | None:
    """How specific a template (raw YAML) is to a strategy (raw YAML): 0 = its own."""
    a = t.get("applies_to") or {}
    names = [str(x) for x in a.get("strategies") or []]
    norm = lambda x: str(x).split(" (")[0].strip().casefold()  # noqa: E731
    if str(s["id"]) in names:
        return 0 if len(names) == 1 else 1
    if s["measure"] in (a.get("measures") or []):
        return 2
    itype = norm(s.get("intervention_type") or "")
    if itype and itype in {norm(x) for x in a.get("intervention_types") or []}:
        return 3
    if {norm(o) for o in s.get("outcomes") or []} & {norm(x) for x in a.get("outcomes") or []}:
        return 4
    if not any(a.get(k) for k in ("strategies", "measures", "intervention_types", "outcomes")):
        return 5
    return None


@pytest.mark.parametrize("name", CHECKED)
def test_own_templates_are_offered_first_and_generic_last(name: str, catalog: Any) -> None:
    shared = {str(t["id"]): t for t in _raw_templates()}
    for s in _raw_strategies(name):
        inline = {
            str(t["id"]): {**t, "applies_to": {"strategies": [s["id"]]}}
            for t in s.get("templates") or []
        }
        raw = {**shared, **inline}
        for q in (1, 2, 3, 4):
            offered = [t.id for t in catalog.templates_for(catalog.strategy(s["id"]), q)]
            expected = {
                tid for tid, t in raw.items() if int(t["quadrant"]) == q and _tier(t, s) is not None
            }
            assert set(offered) == expected, (s["id"], q)
            tiers = [_tier(raw[tid], s) for tid in offered]
            assert tiers == sorted(tiers), (s["id"], q, offered)
            assert tiers[0] == 0, f"{s['id']} Q{q}: first offered is not its own"
            assert 5 in tiers and tiers[-1] == 5, f"{s['id']} Q{q}: generic ones come last"


def test_bundled_catalog_validates() -> None:
    r = run_cli("catalog", "validate", str(DATA))
    assert r.returncode == 0, r.stderr.decode()


def test_templates_for_a_catalog_built_by_hand(catalog: Any) -> None:
    from dataclasses import replace

    plain = replace(catalog, templates=dict(catalog.templates))
    s = plain.strategy("medical-home-personal-01")
    for q in (None, 1, 2, 3, 4):
        assert [t.id for t in plain.templates_for(s, q)] == [
            t.id for t in catalog.templates_for(s, q)
        ]
