"""Strategy templates of their own for the second half of the measure files.

Physical Activity, Postpartum Mental Health Screening, Postpartum Visit, Safe Sleep, Smoking,
Transition and Well-Woman Visit: every strategy in those files has a template of its own
(``applies_to.strategies`` naming it alone) in each of the four RBA quadrants, kept in
data/templates/by-strategy/<measure file>.yaml. Expectations are read from the YAML files
themselves, never from the loader under test; the loader is then checked to offer them.
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

#: The measure files this set covers (data/strategies/<name>.yaml).
FILES = (
    "physical-activity",
    "postpartum-mental-screening",
    "postpartum-visit",
    "safe-sleep",
    "smoking",
    "transition",
    "well-woman-visit",
)

#: The longest id the catalog accepts (models.Slug).
MAX_ID = 80

_SLOT = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_FORBIDDEN = ("for example", "e.g.", "tbd", "etc.", "{slot}")
_DIRECTIONS = ("increase ", "reduce ", "decrease ", "improve ", "promote ")


def _yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    assert isinstance(data, dict), path
    return data


def _strategies(name: str) -> list[dict[str, Any]]:
    return list(_yaml(DATA / "strategies" / f"{name}.yaml").get("strategies") or [])


def _own(name: str) -> list[dict[str, Any]]:
    path = BY_STRATEGY / f"{name}.yaml"
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    return list(_yaml(path).get("templates") or [])


def _all_templates() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted((DATA / "templates").glob("**/*.yaml")):
        out.extend(_yaml(path).get("templates") or [])
    for path in sorted((DATA / "strategies").glob("*.yaml")):
        for s in _yaml(path).get("strategies") or []:
            out.extend(s.get("templates") or [])
    return out


def _filled(t: dict[str, Any]) -> str:
    examples = {s["name"]: s["example"] for s in t.get("slots") or []}
    return _SLOT.sub(lambda m: examples[m.group(1)], t["text"])


def _cases() -> list[tuple[str, dict[str, Any]]]:
    return [(name, t) for name in FILES for t in _own(name)]


@pytest.mark.parametrize("name", FILES)
def test_every_strategy_has_its_own_template_in_each_quadrant(name: str) -> None:
    quadrants: dict[str, set[int]] = {}
    for t in _own(name):
        for sid in t["applies_to"]["strategies"]:
            quadrants.setdefault(str(sid), set()).add(int(t["quadrant"]))
    strategies = _strategies(name)
    assert strategies
    missing = {
        str(s["id"]): [q for q in (1, 2, 3, 4) if q not in quadrants.get(str(s["id"]), set())]
        for s in strategies
    }
    assert not {k: v for k, v in missing.items() if v}, f"{name}: quadrants with no template"


@pytest.mark.parametrize(
    ("name", "t"), _cases(), ids=lambda v: v if isinstance(v, str) else v["id"]
)
def test_own_template_follows_the_rules(name: str, t: dict[str, Any]) -> None:
    q = int(t["quadrant"])
    names = [str(x) for x in t["applies_to"]["strategies"]]
    assert len(names) == 1, "a template of its own names exactly one strategy"
    sid = names[0]
    assert sid in {str(s["id"]) for s in _strategies(name)}, f"{sid} is not in {name}.yaml"
    assert set(t["applies_to"]) == {"strategies"}
    # q<n>-own-<strategy id>-<slug>; when that cannot fit the id limit, the strategy id loses its
    # measure prefix and then words from its end (the id still names the strategy's first words).
    tid = str(t["id"])
    assert len(tid) <= MAX_ID
    head = f"q{q}-own-"
    assert tid.startswith(head), tid
    if not tid.startswith(f"{head}{sid}-"):
        words = sid.removeprefix(f"{name}-").split("-")
        rest = tid[len(head) :]
        parts = ["-".join(words[:n]) + "-" for n in range(len(words), 0, -1)]
        part = next((p for p in parts if rest.startswith(p)), None)
        assert part, f"{tid} does not name {sid}"
        slug = rest[len(part) :]
        assert slug and len(f"{head}{sid}-{slug}") > MAX_ID, f"{tid}: the full id would fit"
    text = str(t["text"])
    if q in (1, 3):
        assert t["unit_type"] == "count" and text.startswith("Number of "), tid
    else:
        assert t["unit_type"] == "percentage" and text.startswith("Percent of "), tid
    assert t["kind"] == ("process" if q in (1, 2) else "outcome"), tid
    low = text.casefold()
    assert not any(w in low for w in _FORBIDDEN), tid
    assert not low.startswith(_DIRECTIONS), tid
    slots = t.get("slots") or []
    assert [s["name"] for s in slots] == list(dict.fromkeys(_SLOT.findall(text))), tid
    for s in slots:
        assert s["prompt"].strip() and s["example"].strip(), (tid, s["name"])
        assert not any(w in s["example"].casefold() for w in _FORBIDDEN), (tid, s["name"])
    filled = _filled(t)
    assert "{" not in filled and "}" not in filled
    assert filled.rstrip()[-1] not in ".;:,", tid
    note = str(t.get("note") or "").casefold()
    assert "ours" in note and "rba" in note, tid


def test_own_template_ids_are_unique_in_the_catalog() -> None:
    ids = [str(t["id"]) for t in _all_templates()]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes


def test_the_same_wording_is_not_repeated_for_one_strategy() -> None:
    for name in FILES:
        seen: dict[tuple[str, str], str] = {}
        for t in _own(name):
            key = (str(t["applies_to"]["strategies"][0]), _filled(t).casefold())
            assert key not in seen, f"{t['id']} repeats {seen[key]}"
            seen[key] = str(t["id"])


def test_the_catalog_offers_each_strategy_its_own_templates(catalog: Any) -> None:
    for name in FILES:
        for t in _own(name):
            sid = str(t["applies_to"]["strategies"][0])
            offered = [x.id for x in catalog.templates_for(catalog.strategy(sid), t["quadrant"])]
            assert t["id"] in offered, (sid, t["id"])
            loaded = catalog.templates[t["id"]]
            assert loaded.fill({s["name"]: s["example"] for s in t["slots"]}) == _filled(t)


def test_bundled_catalog_validates_with_these_templates() -> None:
    r = run_cli("catalog", "validate", str(DATA))
    assert r.returncode == 0, r.stderr.decode()
    assert b"is valid" in r.stdout + r.stderr
