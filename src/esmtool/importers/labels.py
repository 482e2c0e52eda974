"""The one table of field names esmtool reads: record labels and spreadsheet headers.

A state ESM record (as the Find State ESMs database shows it) labels each field
("Measure Status:", "Unit Type:"); a spreadsheet names them in its header row
("ESM Title", "Unit Type", "Target 2027"). Both are read through :data:`FIELDS`:
each name (compared without case, spaces or punctuation) leads to one *field*
of the importer, which :mod:`esmtool.importers.mapping` turns into draft keys.

The README ("Importing") prints this table; a column it does not know is
mapped with ``--map "Column name=esm.goal"`` or left out and listed.
"""

from __future__ import annotations

import re

#: field -> (the names it is read from, the draft key or where it goes)
FIELDS: dict[str, tuple[tuple[str, ...], str]] = {
    "number": (("ESM", "ESM Number", "ESM ID", "ESM No"), "esm.id"),
    "title": (("ESM Title", "Title", "ESM Name", "Measure"), "esm.title"),
    "state": (("State", "Jurisdiction", "State/Jurisdiction"), "state"),
    "npm": (("NPM", "NPM Number", "National Performance Measure", "Measure Code"), "npm"),
    "strategy": (("Strategy", "Strategy ID", "MCHbest Strategy"), "strategy"),
    "status": (("Measure Status", "Status"), "esm.status"),
    "evidence": (("Evidence Level", "Evidence"), "reviewers.evidence_level"),
    "quadrant": (
        ("Measurement Quadrant", "Measurement Category", "Quadrant", "RBA Quadrant"),
        "reviewers.quadrant",
    ),
    "comment": (("Reviewer Comment", "Reviewers' Comment", "Comment"), "reviewers.comment"),
    "service_type": (("Service Type", "MCH Pyramid"), "notes"),
    "essential_services": (
        (
            "Essential Public Health Services",
            "Essential Public Health Service",
            "Essential Service",
        ),
        "notes",
    ),
    "recipient": (("Service Recipient", "Recipient"), "notes"),
    "goal": (("Goal",), "esm.goal"),
    "numerator": (("Numerator",), "esm.numerator"),
    "denominator": (("Denominator",), "esm.denominator"),
    "significance": (("Significance",), "esm.significance"),
    "data": (("Data Sources and Data Issues", "Data Sources & Data Issues"), "esm.data_sources"),
    "data_sources": (("Data Sources", "Data Source"), "esm.data_sources"),
    "data_issues": (("Data Issues",), "esm.data_issues"),
    "year": (("Year", "Reporting Year"), "notes"),
    "unit_type": (("Unit Type", "Unit"), "esm.unit_type"),
    "unit_number": (("Unit Number",), "esm.unit_number"),
    "direction": (("Direction",), "esm.direction"),
    "baseline_year": (("Baseline Year",), "esm.baseline.year"),
    "baseline": (("Baseline", "Baseline Value"), "esm.baseline.value"),
    "notes": (("Notes", "Note"), "notes"),
}

#: A header "Target 2027", "Objective 2027", "2027 Target", "Annual Objective 2027".
TARGET_HEADER = re.compile(
    r"^(?:(?:annual\s+)?(?:target|objective)s?\s*(?P<a>(?:19|20|21)\d\d)"
    r"|(?P<b>(?:19|20|21)\d\d)\s*(?:annual\s+)?(?:target|objective)s?)$",
    re.IGNORECASE,
)


def norm(name: str) -> str:
    """A name as the table compares it: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", name.casefold())


#: normalised name -> field
BY_NAME: dict[str, str] = {norm(n): field for field, (names, _) in FIELDS.items() for n in names}

#: The labels of a state ESM record as the Find State ESMs database prints them (and the
#: older "Measurement Category"), longest first so "Data Sources and Data Issues" wins over
#: "Data Sources". Only these start a field in record text; any other "Word: text" line is
#: part of the value above it.
RECORD_LABELS: tuple[str, ...] = tuple(
    sorted(
        (
            "Measure Status",
            "Evidence Level",
            "Measurement Quadrant",
            "Measurement Category",
            "Service Type",
            "Essential Public Health Services",
            "Service Recipient",
            "Goal",
            "Numerator",
            "Denominator",
            "Significance",
            "Data Sources and Data Issues",
            "Data Sources",
            "Data Issues",
            "Year",
            "Unit Type",
            "Unit Number",
        ),
        key=len,
        reverse=True,
    )
)


def field_for_header(header: str) -> str | None:
    """The field a spreadsheet column is read as, or None; 'target:2027' for a target year."""
    m = TARGET_HEADER.match(header.strip())
    if m:
        return f"target:{m.group('a') or m.group('b')}"
    return BY_NAME.get(norm(header))


def header_table() -> list[tuple[str, str]]:
    """(accepted names, where the value goes), for the README and `import --help`."""
    rows = [(", ".join(names), key) for names, key in FIELDS.values()]
    rows.append(("Target YYYY, Objective YYYY, YYYY Target", "esm.targets.YYYY"))
    return rows
