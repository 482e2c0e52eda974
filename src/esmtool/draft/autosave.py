"""Where a draft in progress is saved, and saving it so nothing is lost.

The autosave is an ordinary draft file (the same schema as answers files and the
YAML export), rewritten atomically after every answer by :class:`DraftFile`.

A file that existed before the walk began (``esmtool draft --resume FILE``) stays
the person's file: it is written only once an answer changes something, a JSON
file stays JSON, and a YAML file keeps its comments, key order and quoting.
(Decision: ruamel.yaml's round-trip mode updates only the values that changed,
rather than keeping the progress in a second file beside it until the end: one
file, always the whole draft, resumable as it is; every round-trip result is read
back with esmtool's own reader and must give exactly the draft, otherwise the file
is written plainly, so a formatting corner case can never change an answer.)
A file esmtool creates carries a one-line header saying how to resume it; once the
draft is finished the header says how to check and export it instead (a finished
draft never claims to be in progress, also in a file the person resumed).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import io
import itertools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..fsutil import atomic_write, ensure_folder

HEADER = "# esmtool draft in progress (autosave). Resume with: esmtool draft --resume {path}\n"
FINISHED = (
    "# esmtool draft, finished. Check it: esmtool check {path}  "
    "Export it: esmtool export {path} -o FILE.docx\n"
)
#: How every header esmtool writes begins (so a resumed file's header is recognised).
_OURS = ("# esmtool draft in progress", "# esmtool draft, finished")


def drafts_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("esmtool", appauthor=False)) / "drafts"


def default_path(output: Path | None, *, now: _dt.datetime | None = None) -> Path:
    """Beside ``-o`` when given (``report.docx`` -> ``report.draft.yaml``), else the data folder."""
    if output is not None and str(output) != "-":
        first = output.with_name(output.stem + ".draft.yaml")
    else:
        stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        first = drafts_dir() / f"draft-{stamp}.yaml"
    return _unused(first)


def _unused(path: Path) -> Path:
    """``path``, or ``name-2.yaml``, ``name-3.yaml`` ... so an earlier autosave is never replaced."""
    candidate = path
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


# ----- when esmtool draft walks, and where it saves ------------------------------------------
# (The walk itself, which imports questionary, is loaded only when it runs.)


def wants_walk(*, no_input: bool, answers: str | None) -> bool:
    """Whether to ask: a person at a terminal. Never with --no-input, answers on stdin, or
    no terminal on stdin (a script then gets every missing key listed instead)."""
    return not no_input and sys.stdin.isatty() and answers != "-"


def autosave_for(resume: str | None, output: Path | None) -> Path:
    """The draft being resumed, else beside ``-o``, else a new file in the user data folder."""
    return Path(resume) if resume else default_path(output)


def offers_export(output: Path | None) -> bool:
    """After the walk, a person at a terminal without -o picks a document (not YAML on screen)."""
    return output is None and sys.stdout.isatty()


# ----- finding a folder that can be written, before the first question ----------------------------


def _cannot_write(folder: Path) -> str | None:
    """Why nothing can be saved in ``folder`` (created when missing), or None when it can."""
    probe = folder / f".esmtool-probe-{os.getpid()}"
    try:
        ensure_folder(folder)
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        os.close(fd)
        os.unlink(probe)
    except OutputError as exc:
        return exc.message
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def usable_path(path: Path) -> tuple[Path, str | None]:
    """Where the walk can save: ``path``, else the data folder, else the current folder.

    Returns (the path, why ``path`` itself cannot be used, or None). Raises
    :class:`~esmtool.errors.OutputError` when no folder can be written at all,
    so the walk says so before its first question instead of failing at the first answer.
    """
    why = _cannot_write(path.parent)
    if why is None:
        return path, None
    tried = [f"{path.parent} ({why})"]
    candidates: list[Path] = []
    with contextlib.suppress(Exception):  # no home folder at all
        candidates.append(drafts_dir())
    candidates.append(Path.cwd())
    for folder in candidates:
        folder = folder.absolute()
        if folder == path.parent.absolute():
            continue
        reason = _cannot_write(folder)
        if reason is None:
            return _unused(folder / path.name), f"{path.parent} cannot be written ({why})"
        tried.append(f"{folder} ({reason})")
    raise OutputError(
        "Your answers could not be saved as you go: no folder can be written. Tried "
        + "; ".join(tried)
        + ". Nothing was asked.",
        hint="Run esmtool draft from a folder you can write to, or give -o PATH in one "
        "(the answers are then saved beside it). Scripts can use --answers FILE --no-input.",
    )


def header_for(path: Path, *, finished: bool = False) -> str:
    """The first line of a draft file esmtool writes: how to resume it, or to export it."""
    return (FINISHED if finished else HEADER).format(path=path)


def own_text(
    data: dict[str, Any], path: Path, *, header: bool = True, finished: bool = False
) -> str:
    """A draft file as esmtool writes its own: the header, then the draft's YAML."""
    from ..yamlio import dump_yaml  # PyYAML is loaded at the first save, not at start-up

    return (header_for(path, finished=finished) if header else "") + dump_yaml(data)


def _retitled(text: str, path: Path, *, finished: bool) -> str:
    """``text`` with esmtool's own first-line header (if it has one) saying what is true now."""
    first, sep, rest = text.partition("\n")
    if not sep or not first.startswith(_OURS):
        return text
    return header_for(path, finished=finished) + rest


def save(draft: Any, path: Path) -> None:
    """Write ``draft`` atomically as esmtool's own autosave at ``path`` (replacing it)."""
    DraftFile._write(path, own_text(draft.to_data(), path))


# ----- the file -------------------------------------------------------------------------------


class DraftFile:
    """The file a walk saves into; the first :meth:`save` decides how it is written.

    ``on_move(old, new)`` is called when ``path`` cannot be written any more and the
    draft goes to the user data folder instead (an answer is never lost).
    """

    def __init__(self, path: Path, on_move: Callable[[Path, Path], None] | None = None) -> None:
        self.path = path
        self.on_move = on_move
        self.existed = path.exists()  # the person's file: keep it as they wrote it
        self.writes = 0
        self._mode: str | None = None if self.existed else "plain"
        self._saved: Any = None  # the data the file holds, as esmtool reads it
        self._tree: Any = None  # the ruamel.yaml round-trip document
        self._yaml: Any = None
        self._finished = False

    def save(self, data: dict[str, Any], *, finished: bool = False) -> Path:
        """Write ``data`` atomically and return where it went (``finished``: the walk's end)."""
        self._finished = finished
        try:
            self._write(self.path, self._text(data))
        except OutputError as first:
            fallback = _unused(drafts_dir() / self.path.name)
            if fallback.parent == self.path.parent:
                raise
            self._mode = "plain"
            try:
                self._write(fallback, self._text(data, path=fallback))
            except OutputError:
                raise first from None
            old, self.path = self.path, fallback
            if self.on_move is not None:
                self.on_move(old, fallback)
        self.writes += 1
        return self.path

    def holds(self, data: dict[str, Any], catalog: Any) -> bool:
        """Whether the file already holds the draft ``data`` (its walk progress aside)."""
        from ..yamlio import load_file
        from .model import validate_draft

        try:
            raw, _ = load_file(self.path)
            draft, _ = validate_draft(raw, catalog)
        except Exception:
            return False
        if draft is None:
            return False
        held = {k: v for k, v in draft.to_data().items() if k != "walk"}
        return held == {k: v for k, v in data.items() if k != "walk"}

    @staticmethod
    def _write(path: Path, text: str) -> None:
        ensure_folder(path.parent)
        atomic_write(path, text, replace_ok=True)

    def _text(self, data: dict[str, Any], *, path: Path | None = None) -> str:
        if self._mode is None:
            self._mode = self._prepare()
        if self._mode == "json":
            from ..yamlio import dump_json

            return dump_json(data)
        if self._mode == "yaml":
            text = self._round_trip(data)
            if text is not None:
                return _retitled(text, path or self.path, finished=self._finished)
            self._mode = "plain"
        header = not self.existed
        return own_text(data, path or self.path, header=header, finished=self._finished)

    # ----- the person's own file -------------------------------------------------------------

    def _prepare(self) -> str:
        """How to keep the existing file's form: 'json', 'yaml' (round trip) or 'plain'."""
        from ..yamlio import MAX_INPUT_BYTES, load_text

        try:
            with self.path.open("rb") as fh:
                raw = fh.read(MAX_INPUT_BYTES + 1)
            text = raw.decode("utf-8-sig")
            if len(raw) > MAX_INPUT_BYTES or not text.strip():
                return "plain"
            if text.lstrip().startswith("{"):
                return "json"
            saved, _ = load_text(text, str(self.path))
            if not isinstance(saved, dict):
                return "plain"
            from ruamel.yaml import YAML
            from ruamel.yaml.comments import CommentedMap

            yaml = YAML()
            yaml.preserve_quotes = True
            yaml.width = 4096  # as esmtool's own YAML: long answers stay on one line
            mapping, sequence, offset = _indents(text)
            yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
            tree = yaml.load(text)
        except Exception:  # unreadable or unusual: write it plainly rather than lose answers
            return "plain"
        if not isinstance(tree, CommentedMap):
            return "plain"
        self._yaml, self._tree, self._saved = yaml, tree, saved
        return "yaml"

    def _round_trip(self, data: dict[str, Any]) -> str | None:
        from ..yamlio import load_text

        try:
            _apply(self._tree, self._saved, data)
            buf = io.StringIO()
            self._yaml.dump(self._tree, buf)
            text = buf.getvalue()
            back, _ = load_text(text, str(self.path))
        except Exception:
            return None
        if not _same(back, data):  # esmtool must read back exactly this draft
            return None
        self._saved = copy.deepcopy(data)
        return text


def _indents(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the file uses them."""
    mapping = sequence = offset = 0
    lines = text.splitlines()
    for before, line in itertools.pairwise(lines):
        stripped = line.lstrip(" ")
        depth = len(line) - len(stripped)
        if not depth or not before.rstrip().endswith(":") or before.lstrip().startswith("#"):
            continue
        parent = len(before) - len(before.lstrip(" "))
        if before.lstrip().startswith("- "):
            parent += 2
        if stripped.startswith("- ") and not sequence:
            offset = max(0, depth - parent)
            dash = stripped[1:]
            sequence = offset + 1 + len(dash) - len(dash.lstrip(" "))
        elif not stripped.startswith(("-", "#")) and not mapping:
            mapping = depth - parent
    mapping = mapping if mapping > 0 else 2
    return mapping, sequence if sequence > 0 else mapping, offset


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same kinds all the way down (1, 1.0 and True differ)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _apply(tree: Any, old: Any, new: dict[str, Any]) -> None:
    """Change the round-trip mapping ``tree`` (which reads as ``old``) into ``new``.

    Only values that differ are replaced, so the comments and formatting of the
    rest stay; new keys go where the draft's order puts them.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    old = old if isinstance(old, dict) else {}
    for key in [k for k in tree if k not in new]:
        del tree[key]
    pos = -1
    for key, value in new.items():
        if key not in tree:
            pos += 1
            tree.insert(pos, key, _node(value))
            continue
        current, before = tree[key], old.get(key)
        if isinstance(value, dict) and isinstance(current, CommentedMap):
            _apply(current, before, value)
        elif (
            isinstance(value, list)
            and isinstance(current, CommentedSeq)
            and isinstance(before, list)
            and len(value) == len(before) == len(current)
        ):
            for i, item in enumerate(value):
                if isinstance(item, dict) and isinstance(current[i], CommentedMap):
                    _apply(current[i], before[i], item)
                elif not _same(item, before[i]):
                    current[i] = _node(item)
        elif not _same(value, before):
            tree[key] = _node(value)
        pos = list(tree).index(key)


def _node(value: Any) -> Any:
    """Plain data as round-trip nodes; text that a YAML reader could take for something else is quoted."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _node(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_node(v) for v in value)
    if isinstance(value, str) and _ambiguous(value):
        return SingleQuotedScalarString(value)
    return value


def _ambiguous(text: str) -> bool:
    import yaml

    tag = yaml.resolver.Resolver().resolve(yaml.nodes.ScalarNode, text, (True, False))
    return bool(tag != "tag:yaml.org,2002:str")
