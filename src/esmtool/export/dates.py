"""The date a document carries: today, or the moment SOURCE_DATE_EPOCH names.

Documents say "Draft" and their date in their header or footer. For reproducible output (a
data team's scripted exports, golden files in tests) the date is taken from the
``SOURCE_DATE_EPOCH`` environment variable when it is set: seconds since 1970-01-01 UTC, as
reproducible builds define it (``SOURCE_DATE_EPOCH=$(date -d 2026-12-01 +%s)``). Otherwise it
is today's date on this computer.
"""

from __future__ import annotations

import datetime as dt
import os


def document_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            pass  # out of range: today, as without it
    return dt.date.today()


def date_text(day: dt.date) -> str:
    """'December 1, 2026': the US form Title V documents use."""
    return f"{day:%B} {day.day}, {day.year}"
