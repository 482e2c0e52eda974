"""Drafts with actuals for the yearly-cycle tests, made from the example draft."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from ..conftest import EXAMPLE_DRAFT


def base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    return data


def with_actuals(**actuals: Any) -> dict[str, Any]:
    """Baseline 42% in 2023, objectives 45..57 for 2024..2028, the actuals given (y2024=...)."""
    data = base()
    data["esm"]["baseline"] = {"year": 2023, "value": 42}
    data["esm"]["targets"] = {2024: 45, 2025: 48, 2026: 51, 2027: 54, 2028: 57}
    data["esm"]["actuals"] = {int(k[1:]): copy.deepcopy(v) for k, v in actuals.items()}
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
