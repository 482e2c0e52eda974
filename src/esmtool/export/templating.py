"""Jinja2 in a sandbox: the built-in templates and users' ``--template`` files.

One :class:`jinja2.sandbox.ImmutableSandboxedEnvironment` per output kind
(Markdown, HTML) is built once per process and keeps its compiled templates;
user templates are compiled once per file version. Templates see only the
plain dict of :mod:`esmtool.export.context`. Every problem in a user's
template (bad syntax, an unknown key, something the sandbox forbids) becomes
an :class:`~esmtool.errors.EsmtoolError` naming the file and line.

The built-in templates (``esm.md.j2``, ``esm.html.j2``) are available to
user templates by name, so a template may ``{% extends "esm.html.j2" %}`` and
replace only some of its blocks.

The built-in templates are shipped compiled: :mod:`esmtool.export.compiled` holds the
Python code Jinja2 generates for each of them in its own environment, built from the
package's template files by ``python -m esmtool.export.precompile`` (a test fails when
it is stale). Turning a template into Python and compiling it took about 26 ms of every
Markdown or HTML export; loading the shipped code takes well under 1 ms. This is package
code built from package files, not a cache: nothing is written or read outside the
package. It is used only when it was built from the same template text with the same
Jinja2 version as the one running (else the template is compiled from its source, as
before); users' templates are always compiled from their source, in the sandbox.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.abc
import importlib.util
import operator
import os
import re
import traceback
from collections.abc import Callable, Iterator, MutableMapping
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
import jinja2.nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ..errors import EsmtoolError, UsageError

#: Built-in templates by output kind.
BUILTIN = {"md": "esm.md.j2", "html": "esm.html.j2"}
#: Template file endings that tell the output kind.
TEMPLATE_SUFFIXES = {
    "md": (".md.j2", ".md.jinja", ".md.jinja2", ".md", ".markdown"),
    "html": (".html.j2", ".html.jinja", ".html.jinja2", ".htm.j2", ".html", ".htm"),
}
#: The longest string or list a template may build with ``*``, and the largest ``**`` exponent.
MAX_REPEAT = 1_000_000
MAX_POWER = 100
CONTEXT_HINT = (
    "The keys a template can use are listed in the README (section 'Export templates') and in "
    "the esmtool.export.context docstring."
)


class TemplateError(EsmtoolError):
    """A user's template could not be compiled or rendered."""


#: Every attribute a plain dict has (its type's and object's): ``d.key`` for any other name
#: can only be the item, which Jinja2 finds after a failed attribute lookup.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, also refusing to build giant strings with ``*`` or ``**``."""

    intercepted_binops = frozenset({"*", "**"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        # ``esm.title`` on the context's plain dicts: the item straight away, not after an
        # AttributeError (the same value the sandbox returns; a fifth of a Markdown document's time)
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "**":
            if isinstance(right, int | float) and abs(right) > MAX_POWER:
                raise SecurityError(f"the exponent {right} is too large (at most {MAX_POWER})")
            return operator.pow(left, right)
        seq, n = (left, right) if isinstance(right, int) else (right, left)
        if (
            isinstance(n, int)
            and isinstance(seq, str | list | tuple)
            and len(seq) * max(n, 0) > MAX_REPEAT
        ):
            raise SecurityError(f"the result would be longer than {MAX_REPEAT:,}")
        return operator.mul(left, right)


@cache
def _builtin_sources() -> dict[str, str]:
    # beside this module, as the catalog's files are (importlib.resources costs ~2 ms to load)
    folder = Path(__file__).parent / "templates"
    return {name: (folder / name).read_text(encoding="utf-8") for name in BUILTIN.values()}


def source_digest(source: str) -> str:
    """The SHA-256 of a template's text: what its shipped compiled code was built from."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


class _BuiltinLoader(jinja2.BaseLoader):
    """The built-in templates by name, for the environment of one output kind.

    Its own kind's template comes from :mod:`esmtool.export.compiled` when that code was
    built from this template text by this Jinja2 version; anything else (the other kind's
    template, a stale or missing build) is compiled from the source, as Jinja2 does.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool]]:
        sources = _builtin_sources()
        if template not in sources:
            raise jinja2.TemplateNotFound(template)
        return sources[template], None, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(BUILTIN.values())

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        code = _compiled_code(name) if BUILTIN.get(self.kind) == name else None
        if code is None:
            return super().load(environment, name, globals)
        # a fresh namespace per environment (as for code Jinja2 compiles itself), not the
        # module's own dictionary: one environment's template never sees another's
        return environment.template_class.from_code(
            environment, code, environment.make_globals(globals), None
        )


def _compiled_code(name: str) -> CodeType | None:
    """The code object of ``name``'s shipped compiled template, or None when not usable."""
    from . import compiled

    built = compiled.BUILT_FROM.get(name)
    running = getattr(jinja2, "__version__", None)  # a Jinja2 without it: compile as before
    if built != (running, source_digest(_builtin_sources()[name])):
        return None
    module = f"{compiled.__name__}.{compiled.MODULES[name]}"
    spec = importlib.util.find_spec(module)
    if spec is None or not isinstance(spec.loader, importlib.abc.InspectLoader):
        return None  # pragma: no cover - an installation without the module's file
    return spec.loader.get_code(module)  # from its .pyc when Python has written one


def make_environment(
    kind: str,
    *,
    autoescape: bool,
    finalize: Callable[[Any], Any],
    filters: dict[str, Callable[..., Any]],
    tests: dict[str, Callable[..., bool]] | None = None,
) -> jinja2.Environment:
    """The sandboxed environment of output ``kind`` ('md', 'html'), knowing the built-in
    templates by name."""
    env = _Sandbox(
        loader=_BuiltinLoader(kind),
        autoescape=autoescape,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters.update(filters)
    env.tests.update(tests or {})
    return env


def kind_of_template(path: Path) -> str | None:
    """'md' or 'html' from the template's file name, or None when it does not tell."""
    name = path.name.lower()
    for kind, suffixes in TEMPLATE_SUFFIXES.items():
        if name.endswith(suffixes):
            return kind
    return None


_user_cache: dict[tuple[str, str, int, int], jinja2.Template] = {}
_overlays: dict[int, jinja2.Environment] = {}


class _NoFolding(CodeGenerator):
    """Jinja's code generator, computing no output at compile time (only literal text)."""

    def _output_child_to_const(self, node: Any, frame: Any, finalize: Any) -> str:
        if not isinstance(node, jinja2.nodes.TemplateData):
            raise jinja2.nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)


def _unoptimized(env: jinja2.Environment) -> jinja2.Environment:
    """``env`` without compile-time constant folding (same filters, tests and loader)."""
    overlay = _overlays.get(id(env))
    if overlay is None:
        overlay = _overlays[id(env)] = env.overlay(optimized=False)
        overlay.code_generator_class = _NoFolding
    return overlay


def user_template(env: jinja2.Environment, kind: str, path: Path) -> jinja2.Template:
    """A user's template file compiled in ``env``; cached per file version."""
    from ..yamlio import read_text

    path = Path(path)
    try:
        st = path.stat()
        key = (str(path.resolve()), kind, st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    if key is not None and key in _user_cache:
        return _user_cache[key]
    source = read_text(path, max_bytes=1024 * 1024)
    filename = str(path)
    # without Jinja's optimizer: it evaluates constant expressions while compiling, in this
    # process, so `{{ 'x'|center(10**9) }}` would run here, outside the child's limits
    env = _unoptimized(env)
    try:
        code = env.compile(source, name=path.name, filename=filename)
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(path, exc, exc.lineno) from None
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    if key is not None:
        _user_cache[key] = template
    return template


def render_template(
    env: jinja2.Environment, kind: str, context: dict[str, Any], path: Path | None = None
) -> str:
    """Render the built-in template of ``kind``, or the user's template at ``path``."""
    if path is None:
        return env.get_template(BUILTIN[kind]).render(context)
    template = user_template(env, kind, path)
    if hasattr(os, "fork") and hasattr(os, "pipe"):
        return _in_child(lambda: _render_user(template, context, path), path)
    return _render_user(template, context, path)  # pragma: no cover - no fork (Windows)


def _render_user(template: jinja2.Template, context: dict[str, Any], path: Path) -> str:
    try:
        text = _bounded(template.generate(context), path)
    except TemplateError:
        raise
    except RecursionError:
        raise TemplateError(
            f"{path}: the template calls itself too deeply.",
            hint="Check recursive macros and loops.",
        ) from None
    except MemoryError:
        raise _too_big(path) from None
    except Exception as exc:
        raise _template_error(path, exc, _template_line(exc, str(path))) from None
    _check_size(len(text), path)
    return text


#: The CPU seconds, wall-clock seconds and memory (beyond what esmtool itself uses) one
#: render of a user template may take. An ESM document renders in milliseconds.
MAX_CPU_SECONDS = 5
MAX_WALL_SECONDS = 10
MAX_MEMORY_MB = 512


def _too_slow(path: Path) -> TemplateError:
    return TemplateError(
        f"{path}: the template took longer than {MAX_CPU_SECONDS} s; esmtool stopped it.",
        hint="Check its loops and arithmetic: an ESM document renders in well under a second.",
    )


def _too_big(path: Path) -> TemplateError:
    return TemplateError(
        f"{path}: the template needed more than {MAX_MEMORY_MB} MB of memory; esmtool stopped it.",
        hint="Check what it builds (very long strings, padding, repeated joins): an ESM "
        "document is a few pages long.",
    )


def _in_child(render: Callable[[], str], path: Path) -> str:
    """``render()`` in a forked child with CPU, memory and wall-clock limits.

    Whatever a user template does (nested loops, huge numbers, ``center(10**9)``), the child
    is stopped at the limits and esmtool reports which one, naming the template; the parent
    only ever receives text or a message, as JSON through a pipe.
    """
    import json
    import select
    import signal
    import time

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limits, render, report, exit without running any cleanup
        code = 0
        try:
            os.close(read_fd)
            _limit_child()
            try:
                reply: dict[str, Any] = {"text": render()}
            except TemplateError as exc:
                reply = {"error": exc.message, "hint": exc.hint}
            except MemoryError:
                reply = {"memory": True}
            data = json.dumps(reply).encode("utf-8")
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
        except MemoryError:
            code = 3
        except BaseException:
            code = 4
        finally:
            os._exit(code)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + MAX_WALL_SECONDS
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if timed_out or (
        os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL)
    ):
        raise _too_slow(path)
    try:
        reply = json.loads(b"".join(chunks)) if chunks else {}
    except ValueError:
        reply = {}
    if "text" in reply:
        return str(reply["text"])
    if "error" in reply:
        raise TemplateError(reply["error"], hint=reply.get("hint"))
    if reply.get("memory") or (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3):
        raise _too_big(path)
    # killed by the memory limit in a way Python could not catch (e.g. the allocator aborted)
    raise _too_big(path)


def _limit_child() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (MAX_CPU_SECONDS, MAX_CPU_SECONDS + 1))
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # no way to tell the current size: the CPU and wall-clock limits still hold
    limit = used + MAX_MEMORY_MB * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _check_size(size: int, path: Path) -> None:
    if size > MAX_OUTPUT_CHARS:
        raise TemplateError(
            f"{path}: the template produced more than {MAX_OUTPUT_CHARS:,} characters; "
            "esmtool stopped it.",
            hint="Check its loops: an ESM document is a few pages long.",
        )


#: The most text a user template may produce; an ESM document is a few dozen kilobytes.
MAX_OUTPUT_CHARS = 4 * 1024 * 1024


def _bounded(chunks: Iterator[str], path: Path) -> str:
    """Join the template's output, stopping a runaway template before it eats the memory."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        _check_size(size, path)
        parts.append(chunk)
    return "".join(parts)


def _template_line(exc: BaseException, filename: str) -> int | None:
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    if line is None and isinstance(exc, jinja2.TemplateSyntaxError):
        line = exc.lineno
    return line


def _said(exc: BaseException) -> str:
    """The exception's text as a clause: no trailing period, Jinja's jargon reworded."""
    text = str(getattr(exc, "message", None) or exc).strip().rstrip(".")
    return re.sub(r"'dict object' has no attribute ('[^']*')", r"there is no key \1", text)


def _template_error(path: Path, exc: BaseException, line: int | None) -> TemplateError:
    where = f"{path}:{line}" if line else str(path)
    if isinstance(exc, jinja2.TemplateNotFound):
        names = ", ".join(BUILTIN.values())
        return TemplateError(
            f"{where}: the template refers to '{exc.name}', which esmtool does not provide.",
            hint=f"A template may extend or include only the built-in templates: {names}.",
        )
    if isinstance(exc, jinja2.TemplateSyntaxError):
        origin = exc.filename or exc.name
        if origin and origin != str(path) and origin not in BUILTIN.values():
            where = f"{where} (in {origin}:{exc.lineno})"
        return TemplateError(
            f"{where}: template syntax error: {_said(exc)}.",
            hint="Check the {{ }} and {% %} tags on that line.",
        )
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(
            f"{where}: the template uses something that does not exist ({_said(exc)}).",
            hint=CONTEXT_HINT,
        )
    if isinstance(exc, SecurityError):
        return TemplateError(
            f"{where}: the template tried something templates may not do ({_said(exc)}).",
            hint="Templates run in a sandbox: they can read the draft's data, not call or change "
            "Python objects.",
        )
    return TemplateError(
        f"{where}: the template failed ({type(exc).__name__}: {_said(exc)}).", hint=CONTEXT_HINT
    )


def template_kind(path: Path, fmt: str | None) -> str:
    """The output kind of a user template: --format if given, else its file name."""
    if fmt is not None:
        if fmt not in BUILTIN:
            raise UsageError(
                f"--template renders Markdown or HTML, not {fmt}.",
                hint="Use --format md or --format html with --template.",
            )
        return fmt
    kind = kind_of_template(path)
    if kind is None:
        raise UsageError(
            f"Cannot tell whether the template '{path.name}' writes Markdown or HTML.",
            hint="Name it *.md.j2 or *.html.j2, or add --format md or --format html.",
        )
    return kind
