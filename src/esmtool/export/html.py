"""HTML export: one self-contained page from a sandboxed, autoescaped Jinja2 template.

Everything printed with ``{{ ... }}`` is HTML-escaped, after removing the
characters HTML cannot carry (see :func:`~esmtool.export.textutil.clean_text`).
Filters and tests for templates:

``web_url``  (filter) an http(s) address, or ``None`` for anything else: use it in ``href``;
``web_url``  (test) ``{% if strategy.url is web_url %}``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .textutil import clean_text, is_web_url

if TYPE_CHECKING:
    import jinja2


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return clean_text(value)
    return value


def web_url(value: Any) -> str | None:
    """The address when it is an http(s) one (safe in ``href``), else None."""
    return clean_text(str(value)).strip() if is_web_url(value) else None


@cache
def environment() -> jinja2.Environment:
    """The HTML environment (built once per process)."""
    from .templating import make_environment

    return make_environment(
        "html",
        autoescape=True,
        finalize=_finalize,
        filters={"web_url": web_url},
        tests={"web_url": is_web_url},
    )


def render_html(context: dict[str, Any], template: Path | None = None) -> str:
    from .templating import render_template

    return render_template(environment(), "html", context, template)
