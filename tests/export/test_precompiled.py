"""The built-in templates ship compiled (esmtool.export.compiled), and the compiled code is theirs.

After changing a built-in template (or the Markdown/HTML environments, or upgrading Jinja2):

    .venv/bin/python -m esmtool.export.precompile
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
import pytest

from esmtool.export import html, markdown, render, templating
from esmtool.export.precompile import FOLDER, generated

from ..conftest import SHIPPED_JINJA2

GOLDEN = Path(__file__).resolve().parent / "golden"


def test_the_shipped_code_was_built_from_the_current_templates() -> None:
    # whatever Jinja2 runs: a template edited without regenerating its code is caught
    from esmtool.export import compiled

    sources = templating._builtin_sources()
    assert sorted(compiled.BUILT_FROM) == sorted(sources)
    for name, (_, digest) in compiled.BUILT_FROM.items():
        assert digest == templating.source_digest(sources[name]), (
            f"{name} changed since its code was built: run python -m esmtool.export.precompile"
        )


@SHIPPED_JINJA2
def test_the_shipped_compiled_templates_are_up_to_date() -> None:
    # byte for byte what Jinja2 generates now from the templates in their environments
    expected = generated()
    shipped = {p.name: p.read_bytes() for p in FOLDER.glob("*.py")}
    assert sorted(shipped) == sorted(expected), "run: python -m esmtool.export.precompile"
    for name, text in expected.items():
        assert shipped[name] == text.encode("utf-8"), (
            f"esmtool/export/compiled/{name} is stale: run python -m esmtool.export.precompile"
        )


def test_the_built_in_templates_fold_no_constants() -> None:
    # A user's template that extends a built-in one is compiled without constant folding (see
    # templating._unoptimized), and its parent now comes from the shipped code, compiled with
    # it: the same code as long as there is nothing to fold in the built-in templates.
    for kind, env in (("md", markdown.environment()), ("html", html.environment())):
        name = templating.BUILTIN[kind]
        source = templating._builtin_sources()[name]
        folded = env.compile(source, name, None, raw=True)
        unfolded = templating._unoptimized(env).compile(source, name, None, raw=True)
        assert folded == unfolded, name


def _fresh_environments(monkeypatch: pytest.MonkeyPatch) -> None:
    """New Markdown and HTML environments (no template loaded yet) for this test only."""
    for module in (markdown, html):
        fresh = functools.cache(module.environment.__wrapped__)
        monkeypatch.setattr(module, "environment", fresh)


def _documents(example_draft: Any, catalog: Any) -> dict[str, str]:
    return {fmt: render(example_draft, catalog, fmt).decode("utf-8") for fmt in ("md", "html")}


def _golden() -> dict[str, str]:
    return {
        fmt: (GOLDEN / f"care-coordination.{fmt}").read_text(encoding="utf-8")
        for fmt in ("md", "html")
    }


@SHIPPED_JINJA2
def test_the_built_in_documents_are_not_compiled_at_run_time(
    example_draft: Any, catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # the golden documents' date
    _fresh_environments(monkeypatch)

    def no_parsing(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a built-in template was parsed and compiled at run time")

    monkeypatch.setattr(jinja2.Environment, "_parse", no_parsing)
    assert _documents(example_draft, catalog) == _golden()
    template = markdown.environment().get_template("esm.md.j2")
    assert Path(template.filename or "").parent == FOLDER


@pytest.mark.parametrize("stale", ["jinja2", "template"])
def test_code_built_from_something_else_is_not_used(
    stale: str, example_draft: Any, catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # another Jinja2 version, or a template edited after the code was built: compiled from
    # the template, as before the code was shipped, with the same documents
    from esmtool.export import compiled

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    _fresh_environments(monkeypatch)
    changed = {
        name: ("0.0.0", digest) if stale == "jinja2" else (version, "0" * 64)
        for name, (version, digest) in compiled.BUILT_FROM.items()
    }
    monkeypatch.setattr(compiled, "BUILT_FROM", changed)
    parsed: list[str] = []
    parse = jinja2.Environment._parse

    def counted(self: Any, source: str, name: str | None, filename: str | None) -> Any:
        parsed.append(str(name))
        return parse(self, source, name, filename)

    monkeypatch.setattr(jinja2.Environment, "_parse", counted)
    assert _documents(example_draft, catalog) == _golden()
    assert sorted(parsed) == ["esm.html.j2", "esm.md.j2"]


@SHIPPED_JINJA2
def test_the_other_kinds_template_is_compiled_in_its_own_environment() -> None:
    # the shipped HTML code is the HTML environment's (autoescaped); the Markdown environment
    # compiles esm.html.j2 itself when a Markdown template extends it, as before
    env = markdown.environment.__wrapped__()
    template = env.get_template("esm.html.j2")
    assert Path(template.filename or "<template>").parent != FOLDER
    assert env.get_template("esm.md.j2").filename == str(FOLDER / "esm_md.py")
