"""``x.name`` in esmtool's sandbox finds what Jinja2's own sandbox finds (dicts take a short cut)."""

from __future__ import annotations

import jinja2
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from esmtool.export import markdown

EXPRESSIONS = [
    "{{ d.title }}",
    "{{ d.items is callable }}",  # a dict's own attribute wins over its item
    "{{ d.keys is callable }}",
    "{{ d.missing is defined }}",
    "{{ d.missing | default('none') }}",
    "{{ d.nested.title }}",
    "{{ d['items'] }}",
    "{{ d.get('title') }}",
    "{{ d | length }}",
    "{{ s.upper is callable }}",
]


def _data() -> dict[str, object]:
    return {
        "d": {"title": "T", "items": "an item", "keys": 1, "nested": {"title": "N"}},
        "s": "text",
    }


@pytest.mark.parametrize("source", EXPRESSIONS)
def test_lookups_find_what_jinja2s_sandbox_finds(source: str) -> None:
    stock = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined)
    ours = markdown.environment.__wrapped__()
    expected = stock.from_string(source).render(_data())
    assert ours.from_string(source).render(_data()) == expected


@pytest.mark.parametrize("name", ["__class__", "__init__", "update", "pop", "clear"])
def test_a_dicts_unsafe_attributes_stay_refused(name: str) -> None:
    ours = markdown.environment.__wrapped__()
    template = ours.from_string(f"{{{{ d.{name}() }}}}")
    with pytest.raises((SecurityError, jinja2.UndefinedError)):
        template.render(_data())
