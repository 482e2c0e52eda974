"""The catalog: measures, strategies, evidence levels, quadrants and templates.

One room for everything about it: the typed models (:mod:`.models`), where the
files are (:mod:`.paths`), loading and merging them into a :class:`Catalog`
(:mod:`.catalog`), what is wrong with a file (:mod:`.problems`), the templates
built one by one (:mod:`.templates`), the parsed-catalog cache (:mod:`.cache`),
list/show/search as records (:mod:`.browse`) and full-text search
(:mod:`.search`, :mod:`.search_index`).
"""

from __future__ import annotations

from .catalog import Catalog, load_catalog, parse_catalog_file
from .paths import bundled_path

__all__ = ["Catalog", "bundled_path", "load_catalog", "parse_catalog_file"]
