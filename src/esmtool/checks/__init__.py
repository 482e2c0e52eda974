"""Reviewing a draft the way the MCH Evidence Center's reviewers do.

:func:`check_draft` returns findings as data; the CLI (``esmtool check``), the
walk's review step and the exporters show them. :func:`infer_quadrant` reads a
measure's RBA quadrant from its wording and says why; :func:`effort_effect_undecided`
says when the wording leaves effort or effect open (the walk then asks, and keeps the
answer in the measure's ``effect`` field).

- :mod:`.base`: the finding and inference types, quadrant names.
- :mod:`.text`: small text helpers (normalising wording, content words).
- :mod:`.quadrant`: RBA quadrant inference from a measure's wording, read as parts by
  :mod:`.reading` with the vocabularies of :mod:`.cues` and :mod:`.population`.
- :mod:`.quadrant_rule`: the quadrant rule (declared against read, the catalog's own quadrants,
  a measure's ``effect`` answer).
- :mod:`.wording`: wording rules (title direction, stale significance, leftover text,
  the numerator's population).
- :mod:`.rules`: the review rules (balance, definition, alignment, targets, completeness
  and clarity), and the one list that runs them all.
- :mod:`.report`: reading draft files, the JSON shape and the tables.

``esmtool check --format json`` prints one JSON list, one object per draft file
in the order given, with keys always present and in this order::

    [
      {
        "file": "drafts/esm-11-1.yaml",          # the path as given ('-' for stdin)
        "esm": {
          "quadrant": 2,                          # 1-4; null when the ESM has no title/numerator
          "quadrant_name": "Quality of Effort",   # null with quadrant
          "reason": "a percentage … → Quadrant 2 (Quality of Effort)"
        },
        "measures": [                             # the draft's RBA measure set, in order
          {
            "index": 0,                           # as in the key path measures[0]
            "text": "Number of care coordinators …",
            "quadrant_declared": 1,
            "quadrant_inferred": 1,
            "reason": "'Number of …' → quantity; … → Quadrant 1 (Quantity of Effort)"
          }
        ],
        "findings": [                             # errors, then warnings, then info
          {
            "severity": "warning",                # error | warning | info
            "rule": "quadrant.mismatch",          # stable id (see esmtool.checks.rules)
            "path": "measures[2].quadrant",       # key path in the draft; "" for the whole file
            "line": 31,                           # line in the file, or null
            "message": "…",
            "advice": "…"
          }
        ],
        "counts": {"error": 0, "warning": 1, "info": 0},
        "reviewers": {                            # null unless the draft keeps reviewers' tags
          "quadrant": 1,                          # their quadrant (an imported record's), or null
          "evidence_level": "Moderate",           # as they printed it, or null
          "comment": "Aligns with MCHbest …",     # or null
          "quadrant_agrees": false                # theirs == esmtool's; null if either is missing
        }
      }
    ]

The output is deterministic: the same files give byte-identical output. A file
that cannot be read or is not a valid draft is left out of the list and reported
on stderr (``Error: FILE: …`` with one indented line per problem); the exit code
is then 2, and the other files are still reviewed. Reasons and messages are written for people and may be reworded between
versions; the keys, rule ids, paths, severities and quadrants are the contract.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import SEVERITIES, Finding, Inference, Severity
from .quadrant import effort_effect_undecided, infer_quadrant

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..draft import Draft

__all__ = [
    "SEVERITIES",
    "Finding",
    "Inference",
    "Severity",
    "check_draft",
    "effort_effect_undecided",
    "infer_quadrant",
]


def check_draft(draft: Draft, catalog: Catalog) -> list[Finding]:
    """Every finding for one draft, errors first, in a stable order."""
    from .rules import run

    return run(draft, catalog)
