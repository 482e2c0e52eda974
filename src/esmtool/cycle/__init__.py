"""The yearly cycle of an ESM after its first draft.

- :mod:`.progress`: each year's actual against its objective, the trend and its forecast,
  and the ``progress.*`` findings (which ``check`` shows through :mod:`esmtool.draft.rules`);
- :mod:`.chart`: the turn-the-curve chart (matplotlib, imported only when a chart is drawn);
- :mod:`.diff`: what changed between last year's draft and this year's;
- :mod:`.carry`: this year's draft started from last year's (``esmtool draft --from``);
- :mod:`.clearimpact`: actuals read from a CSV/Excel file, and the Clear Impact Scorecard shape.

Everything here returns data or raises :mod:`esmtool.errors` types; nothing prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..draft import Draft


def read_draft(source: str, catalog: Catalog | None = None) -> Draft:
    """One draft file ('-' = stdin), complete or not; raise its problems (DraftError)."""
    from ..draft import draft_error, validate_draft
    from ..draft.answers import read_answers_file

    data, index = read_answers_file(source)
    draft, problems = validate_draft(data, catalog, index=index, complete=False)
    if problems or draft is None:
        raise draft_error(problems, source=index.source)
    return draft
