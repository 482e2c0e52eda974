"""`esmtool schema` is JSON Schema an editor can use: checked with the jsonschema library."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from ..conftest import EXAMPLE_DRAFT, ROOT, run_cli


def _schema(kind: str) -> dict:
    r = run_cli("schema", kind)
    assert r.returncode == 0, r.stderr
    schema = json.loads(r.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _keywords(node: object) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in _keywords(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keywords(v)}
    return set()


@pytest.mark.parametrize("kind", ["draft", "plan"])
def test_schema_uses_json_schema_keywords(kind: str) -> None:
    words = _keywords(_schema(kind))
    assert {"minimum", "maximum"} <= words
    assert not {"ge", "le", "gt", "lt"} & words


def test_schema_validates_the_example_drafts_and_refuses_1800() -> None:
    validator = jsonschema.Draft202012Validator(_schema("draft"))
    drafts = [EXAMPLE_DRAFT, *sorted((ROOT / "examples" / "plan").rglob("esm-*.yaml"))]
    assert len(drafts) > 1
    for path in drafts:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        errors = list(validator.iter_errors(data))
        assert not errors, (path, [e.message for e in errors])
    bad = copy.deepcopy(yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8")))
    bad["esm"]["baseline"]["year"] = 1800
    errors = list(validator.iter_errors(bad))
    assert errors
    # the reason, under the anyOf (baseline or null): the year's minimum
    reasons = [c for e in errors for c in (e.context or [])]
    assert any(c.validator == "minimum" and c.instance == 1800 for c in reasons), reasons
    # esmtool itself refuses it too, with the same bound
    r = run_cli("draft", "--answers", str(EXAMPLE_DRAFT), "--no-input",
                "--set", "esm.baseline.year=1800")  # fmt: skip
    assert r.returncode == 2 and b"1990" in r.stderr
