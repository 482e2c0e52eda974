"""The rules behind ``esmtool check``, split by concern.

- :mod:`.base`: the finding and inference types, quadrant names.
- :mod:`.text`: small text helpers (normalising wording, content words).
- :mod:`.quadrant`: RBA quadrant inference from a measure's wording, read as parts by
  :mod:`.reading` with the vocabularies of :mod:`.cues` and :mod:`.population`.
- :mod:`.quadrant_rule`: the quadrant rule (declared against read, the catalog's own quadrants,
  a measure's ``effect`` answer).
- :mod:`.wording`: wording rules (title direction, stale significance, leftover text,
  the numerator's population).
- :mod:`.rules`: the review rules (quadrant, balance, definition, alignment,
  targets, completeness and clarity).
- :mod:`.report`: reading draft files, the JSON shape and the tables.

The public interface is :mod:`esmtool.check`.
"""
