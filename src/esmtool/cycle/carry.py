"""This year's draft started from last year's (``esmtool draft --from OLD``).

Everything is kept (the definition, baseline, objectives, actuals, measures, the
turn-the-curve fields) except the status, which the walk asks again (a script's
draft gets the default, active), and the walk's progress. A ``history`` entry
records where the new draft came from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..catalog import Catalog


def carried(
    source: str, catalog: Catalog | None = None, *, year: int | None = None
) -> dict[str, Any]:
    """Last year's draft as answers for this year's: plain data, status left to ask."""
    from . import read_draft
    from .progress import current_year

    old = read_draft(source, catalog)
    data = old.to_data()
    data.pop("walk", None)
    esm = data.get("esm", {})
    was = esm.pop("status", None)
    note = "objectives and actuals kept; status to confirm"
    if was:
        note += f" (was {was})"
    entry = {"year": current_year() if year is None else year, "from": source, "note": note}
    data["history"] = [*data.get("history", []), entry]
    return data
