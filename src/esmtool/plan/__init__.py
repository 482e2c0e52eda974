"""The state plan: every ESM of a state, checked together and exported as one document.

- :mod:`.model`: the ``esmtool.plan/1`` schema (pydantic), reading plan files, finding drafts.
- :mod:`.rules`: the plan rules (federal requirements and the Evidence Center's advice).
- :mod:`.check`: ``esmtool plan check``: the drafts streamed one by one, then the plan's findings.
- :mod:`.export`: the plan as Word, HTML, Markdown and Excel.
- :mod:`.init`, :mod:`.walk`: writing a new plan file (``esmtool plan init``), its questions.
- :mod:`.drafting`: the next NPM to draft for a plan (the core of ``draft --plan``).
"""
