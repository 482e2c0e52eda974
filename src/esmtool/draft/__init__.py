"""The draft: one schema for answers files, autosaves and the YAML/JSON export.

- :mod:`.model`: the schema (pydantic models, the JSON Schema) and
  :func:`validate_draft`, the one validation path;
- :mod:`.rules`: every draft rule once with its rule id, the required keys and the defaults;
- :mod:`.fields`: the ESM definition's questions as data, with their choices and labels;
- :mod:`.answers`: answers from files, stdin and ``--set``;
- :mod:`.autosave`: where a draft in progress is saved, and saving it as the person wrote it.

The model's names are importable from here (``from esmtool.draft import validate_draft``).
"""

from .model import (
    ESM,
    MAX_MEASURES,
    SCHEMA_ID,
    Baseline,
    Draft,
    MeasureEntry,
    WalkProgress,
    draft_error,
    json_schema,
    merge,
    parse_set_value,
    rule_problems,
    set_path,
    validate_draft,
)
from .rules import apply_defaults, missing_keys

__all__ = [
    "ESM",
    "MAX_MEASURES",
    "SCHEMA_ID",
    "Baseline",
    "Draft",
    "MeasureEntry",
    "WalkProgress",
    "apply_defaults",
    "draft_error",
    "json_schema",
    "merge",
    "missing_keys",
    "parse_set_value",
    "rule_problems",
    "set_path",
    "validate_draft",
]
