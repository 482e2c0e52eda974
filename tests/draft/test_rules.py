"""The draft's rules are written once: one place per rule id, and the walk, --set and
`esmtool check` report the same rule id for the same bad value."""

from __future__ import annotations

import ast
import copy
import re
from pathlib import Path
from typing import Any

import pytest

from ..conftest import EXAMPLE_DRAFT, ROOT

SRC = ROOT / "src" / "esmtool"
RULE_ID = re.compile(
    r"(?:reference|definition|targets|balance|completeness|clarity|quadrant|alignment|progress)"
    r"\.[a-z][a-z-]*[a-z]"
)


def _rule_ids_by_module() -> dict[str, set[str]]:
    """Every rule id written as a string in the package (docstrings aside) -> its modules."""
    found: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and RULE_ID.fullmatch(node.value)
            ):
                found.setdefault(node.value, set()).add(str(path.relative_to(SRC)))
    return found


def test_every_rule_id_is_defined_in_exactly_one_place() -> None:
    found = _rule_ids_by_module()
    assert len(found) > 30  # the scan sees the rules (README lists them all)
    twice = {rule: sorted(mods) for rule, mods in found.items() if len(mods) > 1}
    assert twice == {}


def test_every_rule_id_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### What it checks") : readme.index("### How the quadrant")]
    documented = set(re.findall(r"`([a-z]+\.[a-z-]+)`", section))
    assert set(_rule_ids_by_module()) == documented


def _example() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    return data


#: (key, bad value as --set types it, the value as data, the changes that make it bad, rule id)
CASES: list[tuple[str, str, Any, dict[str, Any], str]] = [
    ("esm.unit_number", "50", 50, {}, "definition.unit-number"),
    (
        "esm.unit_number",
        "500",
        500,
        {"unit_type": "rate", "unit_number": 1000},
        "definition.unit-number",
    ),
    (
        "esm.denominator",
        "All families",
        "All families",
        {"unit_type": "count", "unit_number": None, "denominator": None},
        "definition.count-has-denominator",
    ),
    ("esm.targets.2027", "120", 120, {}, "targets.out-of-range"),
    (
        "esm.baseline.value",
        "-4",
        -4,
        {"unit_type": "count", "unit_number": None, "denominator": None},
        "targets.out-of-range",
    ),
    ("skipped_quadrants", "[3, 3]", [3, 3], {}, "balance.skipped-twice"),
    ("npm", "medical-hom", "medical-hom", {}, "reference.unknown-npm"),
    (
        "strategy",
        "medical-home-personal-99",
        "medical-home-personal-99",
        {},
        "reference.unknown-strategy",
    ),
]


def _start(changes: dict[str, Any]) -> dict[str, Any]:
    data = _example()
    for k, v in changes.items():
        if v is None:
            data["esm"].pop(k, None)
        else:
            data["esm"][k] = v
    return data


def _rules_at(problems: list[Any], key: str) -> set[str]:
    return {p.rule for p in problems if p.where == key or p.where.endswith(": " + key)}


@pytest.mark.parametrize(("key", "typed", "value", "changes", "rule"), CASES)
def test_walk_set_and_check_report_the_same_rule_id(
    key: str,
    typed: str,
    value: Any,
    changes: dict[str, Any],
    rule: str,
    catalog: Any,
    tmp_path: Path,
) -> None:
    from esmtool.checks import check_draft
    from esmtool.draft import Draft, validate_draft
    from esmtool.draft.answers import gather
    from esmtool.draft.autosave import DraftFile
    from esmtool.walk.state import WalkState

    start = _start(changes)
    draft, problems = validate_draft(start, catalog)
    assert draft is not None, problems

    # the walk: the answer is refused with the rule's id
    state = WalkState(draft, catalog, DraftFile(tmp_path / "walk.yaml"))
    _, walk_problems = state.trial(key, value)
    assert _rules_at(walk_problems, key) == {rule}

    # --set on an answers file: refused with the same id
    answers = tmp_path / "answers.yaml"
    import yaml

    answers.write_text(yaml.safe_dump(start, sort_keys=False), encoding="utf-8")
    gathered = gather(answers=str(answers), sets=[f"{key}={typed}"])
    bad, set_problems = validate_draft(gathered.data, catalog, complete=True)
    assert bad is None
    assert _rules_at(set_problems, key) == {rule}

    # check: the same id, as an error
    data = copy.deepcopy(gathered.data)
    reviewed = Draft.model_validate(data)
    hits = [f for f in check_draft(reviewed, catalog) if f.path == key]
    assert {f.rule for f in hits} == {rule}
    assert {f.severity for f in hits} == {"error"}
