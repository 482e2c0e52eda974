"""Reading YAML/JSON input safely, with line numbers for every key.

Every file a user hands us (catalog files, drafts, answers) goes through
:func:`load_file`/:func:`load_text`. It refuses what we never want to parse:
files over :data:`MAX_INPUT_BYTES`, binary data, text that is not UTF-8,
YAML aliases (so an "alias bomb" cannot blow up memory) and duplicate keys.
It returns the data and a :class:`LineIndex` that maps key paths to lines,
so that validation problems can name ``file:line``.
"""

from __future__ import annotations

import json
import re
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputFileError, Problem

try:  # the C loader is several times faster; fall back when libyaml is absent
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """The safe loader, reading dates (``2026-01-01``) as text: no draft or catalog field is a
    date, and an impossible one (``2026-13-45``) must be a located error, not a crash."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    yaml.constructor.SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)

#: The largest input file esmtool reads (catalog file, draft or answers file).
MAX_INPUT_BYTES = 4 * 1024 * 1024
#: The most nodes (keys, values, list items) one document may hold.
MAX_NODES = 200_000
#: The deepest nesting of lists and mappings one document may have (drafts need 4, catalogs 6).
MAX_DEPTH = 100

Path_ = tuple[str | int, ...]


class YAMLSyntaxError(InputFileError):
    """The text is not valid YAML (as opposed to valid YAML that esmtool refuses)."""


@dataclass
class LineIndex:
    """Key path -> 1-based line number, for one loaded document."""

    source: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Iterable[str | int]) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p[:-1]

    def where(self, path: Iterable[str | int]) -> str:
        line = self.line_of(path)
        return f"{self.source}:{line}" if line else self.source


def read_text(path: Path, *, label: str | None = None, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read a user's text file, refusing what is not a readable UTF-8 text file."""
    name = label or str(path)
    if str(path) != "-":
        try:
            exists = path.exists()
        except OSError as exc:  # e.g. a name too long for the system
            raise InputFileError(
                f"{name}: cannot be read ({exc.strerror or exc}).",
                hint="Check the path and try again.",
            ) from None
        if not exists:
            raise InputFileError(f"{name}: no such file.", hint="Check the path and try again.")
        if path.is_dir():
            raise InputFileError(
                f"{name}: is a folder, not a file.", hint="Give the path of a .yaml or .json file."
            )
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputFileError(
                    f"{name}: is {size:,} bytes; esmtool reads files up to {max_bytes:,} bytes.",
                    hint="Is this the right file? Drafts and catalog files are small text files.",
                )
            with path.open("rb") as fh:
                raw = fh.read(max_bytes + 1)
        except PermissionError:
            raise InputFileError(
                f"{name}: permission denied.", hint="Check that you can read the file."
            ) from None
        except OSError as exc:
            raise InputFileError(f"{name}: cannot be read ({exc.strerror}).") from None
    else:  # pragma: no cover - stdin handled by read_stdin
        raise InputFileError("internal: use read_stdin for '-'")
    return decode(raw, name, max_bytes)


def decode(raw: bytes, name: str, max_bytes: int = MAX_INPUT_BYTES) -> str:
    if len(raw) > max_bytes:
        raise InputFileError(
            f"{name}: is larger than {max_bytes:,} bytes, the most esmtool reads.",
            hint="Is this the right file? Drafts and catalog files are small text files.",
        )
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(raw):
        raise InputFileError(
            f"{name}: is saved as UTF-16 text; esmtool reads UTF-8.",
            hint="Save the file as UTF-8 in your editor (Save As > Encoding: UTF-8) and try again.",
        )
    if b"\x00" in raw:
        raise InputFileError(
            f"{name}: looks like a binary file, not YAML or JSON text.",
            hint="Give the path of a .yaml or .json file saved as plain text.",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{name}: is not UTF-8 text (bad byte at position {exc.start}).",
            hint="Save the file as UTF-8 in your editor and try again.",
        ) from None


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte order mark: text with a NUL byte in every other position."""
    head = raw[:512]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    little_endian = odd.count(0) == len(odd) and even.count(0) == 0
    big_endian = even.count(0) == len(even) and odd.count(0) == 0
    return little_endian or big_endian


def load_text(text: str, source: str) -> tuple[Any, LineIndex]:
    """Parse YAML (JSON is YAML too) into plain data plus a line index."""
    index = LineIndex(source)
    if not text.strip():
        return None, index
    try:
        if _may_be_hostile(text):
            _prescan(text, source)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, index
            _check_and_index(node, (), index, set(), [0])
            try:
                data = loader.construct_document(node)
            except (ValueError, TypeError, KeyError, OverflowError) as exc:
                raise _unreadable_value(node, source, exc) from None
        finally:
            loader.dispose()
    except InputFileError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        what = exc.problem or "not valid YAML"
        raise YAMLSyntaxError(
            f"{source}{line}: not valid YAML ({what}).",
            hint="Check indentation, colons and quotes on that line.",
        ) from None
    except yaml.YAMLError as exc:
        raise YAMLSyntaxError(f"{source}: not valid YAML ({exc}).") from None
    except RecursionError:
        raise InputFileError(f"{source}: is nested too deeply to be a draft or catalog.") from None
    return data, index


_DEEP_INDENT = re.compile(rf"^[ ]{{{MAX_DEPTH // 2},}}", re.MULTILINE)


def _may_be_hostile(text: str) -> bool:
    """Whether :func:`_prescan` is needed, by a bound that is cheap to compute.

    A level of nesting needs a flow bracket, a '-' or '?' indicator, or one more column of
    indentation, and a value needs at least one character. So a short text with few of those
    characters and no deep indentation can be neither too deep nor too large, and holds no
    alias without a '*'. Drafts are such texts: they skip the second parse.
    """
    if len(text) > 64 * 1024 or "*" in text:
        return True
    openers = text.count("[") + text.count("{") + text.count("-") + text.count("?")
    return openers >= MAX_DEPTH // 2 or _DEEP_INDENT.search(text) is not None


def _prescan(text: str, source: str) -> None:
    """Refuse a document nested too deeply or holding too many values before building it.

    Only parser events are read (no nodes, no objects), so a 4 MB file of ``[[[[...`` or of
    two million list items costs milliseconds, instead of crashing the recursive composer of
    libyaml or taking seconds and hundreds of megabytes to build.
    """
    parser = _BaseLoader(text)
    depth = count = 0
    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, opening):
                depth += 1
                count += 1
                if depth > MAX_DEPTH:
                    raise InputFileError(
                        f"{source}{_line(event)}: is nested more than {MAX_DEPTH} "
                        "levels deep; too deep to be a draft or catalog.",
                        hint="Is this the right file? Drafts and catalog files are small text files.",
                    )
            elif isinstance(event, closing):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                raise InputFileError(
                    f"{source}{_line(event)}: uses a YAML alias (*{event.anchor}); "
                    "esmtool does not accept aliases.",
                    hint="Write the value out in full instead of referring to an anchor (&name).",
                )
            elif isinstance(event, yaml.ScalarEvent):
                count += 1
            if count > MAX_NODES:
                raise InputFileError(
                    f"{source}: has more than {MAX_NODES:,} values; too large.",
                    hint="Is this the right file? Drafts and catalog files are small text files.",
                )
    finally:
        parser.dispose()


def _line(event: yaml.Event) -> str:
    mark = event.start_mark
    return f":{mark.line + 1}" if mark is not None else ""


def _unreadable_value(root: yaml.Node, source: str, exc: Exception) -> InputFileError:
    """A tagged value YAML cannot build (``!!int abc``, ``!!bool maybe``), located by line."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except Exception as node_exc:  # any failure locates the value
                detail = str(node_exc) or type(node_exc).__name__
                return InputFileError(
                    f"{source}:{node.start_mark.line + 1}: the value {_show(node.value)} "
                    f"cannot be read as {node.tag.rsplit(':', 1)[-1]} ({detail}).",
                    hint="Remove the '!!' tag or write the value as plain text.",
                )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
    return InputFileError(f"{source}: not valid YAML (a value cannot be read: {exc}).")


def load_file(path: Path, *, label: str | None = None) -> tuple[Any, LineIndex]:
    name = label or str(path)
    return load_text(read_text(path, label=name), name)


def _check_and_index(
    node: yaml.Node, path: Path_, index: LineIndex, seen: set[int], count: list[int]
) -> None:
    if id(node) in seen:
        raise InputFileError(
            f"{index.where(path)}: uses a YAML alias (*name); esmtool does not accept aliases.",
            hint="Write the value out in full instead of referring to an anchor (&name).",
        )
    seen.add(id(node))
    count[0] += 1
    if count[0] > MAX_NODES:
        raise InputFileError(f"{index.source}: has more than {MAX_NODES:,} values; too large.")
    index.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputFileError(
                    f"{index.source}:{key_node.start_mark.line + 1}: a key must be plain text."
                )
            key = str(key_node.value)
            if key.isdigit():  # YAML reads `2026:` as a number; keep both spellings
                index.lines.setdefault((*path, int(key)), value_node.start_mark.line + 1)
            if key in keys:
                raise InputFileError(
                    f"{index.source}:{key_node.start_mark.line + 1}: the key '{key}' appears twice.",
                    hint="Keep only one of them.",
                )
            keys.add(key)
            _check_and_index(value_node, (*path, key), index, seen, count)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _check_and_index(item, (*path, i), index, seen, count)


def pydantic_problems(exc: Any, index: LineIndex | None, prefix: Path_ = ()) -> list[Problem]:
    """Turn a pydantic ValidationError into located, plain-language problems."""
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and x.startswith("function-")))
        loc = _clean_loc(loc)
        path = (*prefix, *loc)
        key = dotted(path)
        msg = friendly_message(err)
        where = key
        if index is not None:
            where = f"{index.where(path)}: {key}" if key else index.where(path)
        out.append(Problem(where, msg))
    return out


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    cleaned: list[str | int] = []
    for part in loc:
        # pydantic adds the union member / tagged type name to the location
        if isinstance(part, str) and (
            part in {"int", "float", "str", "bool", "list", "dict", "none"}
            or part.startswith(("list[", "dict[", "literal["))
        ):
            continue
        if isinstance(part, str) and part.endswith("[key]"):
            continue
        cleaned.append(part)
    return tuple(cleaned)


def dotted(path: Iterable[str | int]) -> str:
    parts: list[str] = []
    prev: str | int | None = None
    for p in path:
        if isinstance(p, int) and prev in _INT_KEYED:  # a mapping keyed by year
            parts.append(_clip_key(str(p)))
        elif isinstance(p, int):
            if parts:
                parts[-1] += f"[{p}]"
            else:
                parts.append(f"[{p}]")
        else:
            parts.append(_clip_key(str(p)))
        prev = p
    return ".".join(parts)


def _clip_key(key: str, limit: int = 40) -> str:
    """A key as shown in a message: a pasted paragraph used as a key stays one short line."""
    key = " ".join(key.split())
    return key if len(key) <= limit else key[: limit - 3] + "..."


#: Mappings whose keys are numbers (years), shown as ``esm.targets.2026`` not ``[2026]``.
_INT_KEYED = {"targets"}


def friendly_message(err: Any) -> str:
    """pydantic's error messages, reworded for people who are not programmers."""
    etype = err.get("type", "")
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if etype == "extra_forbidden":
        return "is not a known key (check the spelling; unknown keys are not allowed)"
    if etype == "missing":
        return "is required but missing"
    if etype == "literal_error":
        expected = ctx.get("expected", "")
        return f"{_show(given)} is not one of {expected}"
    if etype in {"int_parsing", "int_type", "int_from_float"}:
        return f"{_show(given)} is not a whole number"
    if etype in {"float_parsing", "float_type", "finite_number"}:
        return f"{_show(given)} is not a number"
    if etype == "string_type" and given is None:
        return "must not be empty"
    if etype in {"string_type"}:
        return f"{_show(given)} should be text"
    if etype in {"dict_type", "model_type", "model_attributes_type"}:
        return f"should be a set of 'key: value' entries, not {_kind(given)}"
    if etype == "list_type":
        return f"should be a list, not {_kind(given)}"
    if etype == "bool_parsing" or etype == "bool_type":
        return f"{_show(given)} should be true or false"
    if etype == "string_too_short":
        return "must not be empty"
    if etype == "string_pattern_mismatch":
        form = _PATTERNS.get(str(ctx.get("pattern", "")))
        tail = f" ({form})" if form else ""
        return f"{_show(given)} is not in the expected form{tail}"
    if etype in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return err.get("msg", "is out of range").replace("Input should be", "must be")
    if etype == "value_error":
        msg = str(err.get("msg", ""))
        return msg.removeprefix("Value error, ")
    msg = str(err.get("msg", "is not valid"))
    return msg.replace("Input should be", "should be")


_short = reprlib.Repr()  # never builds the whole text of a huge value just to cut it
_short.maxstring = _short.maxother = 60
_short.maxlist = _short.maxdict = 4

#: Patterns of the models, in words.
_PATTERNS = {
    r"^[a-z0-9][a-z0-9.-]*$": "use lowercase letters, digits, '-' and '.', e.g. my-strategy-01",
    r"^[a-z][a-z0-9_]*$": "use lowercase letters, digits and '_', starting with a letter",
}


def _show(value: Any) -> str:
    if isinstance(value, bytes):
        return "binary data"
    text = _short.repr(value) if not isinstance(value, str) else f"'{value[:60]}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a set of 'key: value' entries"
    return type(value).__name__


def dump_yaml(data: Any) -> str:
    """Deterministic, readable YAML: keys in the order given, Unicode kept."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,  # long answers stay on one line: stable diffs, no folding surprises
    )


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
