"""Reading YAML/JSON input safely, with line numbers for every key.

Every file a user hands us (catalog files, drafts, answers) goes through
:func:`load_file`/:func:`load_text`. It refuses what we never want to parse:
files over :data:`MAX_INPUT_BYTES`, binary data, text that is not UTF-8,
YAML aliases (so an "alias bomb" cannot blow up memory) and duplicate keys.
It returns the data and a :class:`LineIndex` that maps key paths to lines,
so that validation problems can name ``file:line``.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from .errors import InputFileError

# where problems are located and how pydantic's messages are worded live in locate.py (no
# YAML needed there); they are re-exported here for the modules that read files
from .locate import (  # noqa: F401
    LineIndex,
    Path_,
    _show,
    dotted,
    friendly_message,
    pydantic_problems,
)

try:  # the C loader is several times faster; fall back when libyaml is absent
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """The safe loader, reading dates (``2026-01-01``) as text: no draft or catalog field is a
    date, and an impossible one (``2026-13-45``) must be a located error, not a crash."""


# Plain scalars keep the text as written unless it is unambiguous. YAML 1.1 (PyYAML's rules)
# would read `11.10` as 11.1, `011` as 9 (octal), `11:10` as 670 (base 60), `0x1F` as 31 and
# `no` as false, and the text as written would be lost before the schema sees it. esmtool
# resolves only what means the same in every reading: true/false, null, and whole numbers
# written in plain decimal without a leading zero or '+'. Everything else (`45.5`, `011`,
# `+2026`, `1,000`) stays text, and the schema decides: a text field keeps it as written, a
# number field reads it by the plain decimal rule of draft._number (README "Limits").
_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    yaml.constructor.SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)

#: stat() errors that mean "no such file" (those Path.exists() answers False for)
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})

#: The largest input file esmtool reads (catalog file, draft or answers file).
MAX_INPUT_BYTES = 4 * 1024 * 1024
#: The most nodes (keys, values, list items) one document may hold.
MAX_NODES = 200_000
#: The deepest nesting of lists and mappings one document may have (drafts need 4, catalogs 6).
MAX_DEPTH = 100


class YAMLSyntaxError(InputFileError):
    """The text is not valid YAML (as opposed to valid YAML that esmtool refuses)."""


def read_text(path: Path, *, label: str | None = None, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read a user's text file, refusing what is not a readable UTF-8 text file."""
    name = label or str(path)
    if str(path) != "-":
        # one stat for "exists", "is a folder" and the size (a batch reads thousands of files)
        try:
            st = os.stat(path)
        except OSError as exc:
            if exc.errno in _MISSING:  # as Path.exists() reads them
                raise InputFileError(
                    f"{name}: no such file.", hint="Check the path and try again."
                ) from None
            # e.g. a name too long for the system
            raise InputFileError(
                f"{name}: cannot be read ({exc.strerror or exc}).",
                hint="Check the path and try again.",
            ) from None
        except ValueError:  # a NUL in the name: Path.exists() says False
            raise InputFileError(
                f"{name}: no such file.", hint="Check the path and try again."
            ) from None
        if stat.S_ISDIR(st.st_mode):
            raise InputFileError(
                f"{name}: is a folder, not a file.", hint="Give the path of a .yaml or .json file."
            )
        try:
            size = st.st_size
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
        if "nesting depth" in (exc.problem or ""):
            # libyaml (PyYAML >= 6.0.2 builds) has a nesting limit of its own, far above ours
            # (1,000 levels), and its scanner can reach it before the prescan sees level 101:
            # the document is too deep by our rule either way, so say it in our words
            raise _too_deep(source, line) from None
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
                    raise _too_deep(source, _line(event))
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


def _too_deep(source: str, line: str) -> InputFileError:
    return InputFileError(
        f"{source}{line}: is nested more than {MAX_DEPTH} "
        "levels deep; too deep to be a draft or catalog.",
        hint="Is this the right file? Drafts and catalog files are small text files.",
    )


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
