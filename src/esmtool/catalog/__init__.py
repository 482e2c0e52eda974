"""The catalog: measures, strategies, evidence levels, quadrants and templates.

One room for everything about it: the typed models (:mod:`.models`), where the
files are (:mod:`.paths`), loading and merging them into a :class:`Catalog`
(:mod:`.catalog`), what is wrong with a file (:mod:`.problems`), the templates
built one by one (:mod:`.templates`), the parsed-catalog cache (:mod:`.cache`),
list/show/search as records (:mod:`.browse`), those records kept ready-made
(:mod:`.records`) and full-text search
(:mod:`.search`, :mod:`.search_index`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .paths import bundled_path

if TYPE_CHECKING:
    from .catalog import Catalog, load_catalog, parse_catalog_file

__all__ = ["Catalog", "bundled_path", "load_catalog", "parse_catalog_file"]


def __getattr__(name: str) -> Any:
    # Loaded when first asked for: `list` and `show` read ready-made records (.records) and
    # never import the models or the loader.
    if name in ("Catalog", "load_catalog", "parse_catalog_file"):
        from . import catalog

        return getattr(catalog, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
