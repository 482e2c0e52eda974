"""Exporting many drafts at once: one file each in a folder, failures reported, the rest go on.

Drafts are read, validated and rendered in the order given, in this thread
(the renderers and their compiled templates are built once per process), or for a large
batch on a machine with several cores by forked worker processes (:mod:`.workers`);
writing, which waits on the disk (each file is written atomically), runs in a small
thread pool. Results are reported in the order given, so the
output (file names, messages) is the same on every run.

No output replaces a file the same run reads (a draft, the template), with or without
``--force``: that draft is reported as failed, naming the file, and nothing is lost.

File names come from the ESM number, else the ESM title, else the draft file's
name, made filesystem-safe (:func:`esmtool.fsutil.safe_filename`); a name
used earlier in the batch gets ``-2``, ``-3``, ... in order.

(Its records are named tuples and a plain class, not dataclasses: building three dataclasses
took ~1.5 ms of every export's start-up.)
"""

from __future__ import annotations

import functools
import os
from collections import deque
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import EsmtoolError, OutputError, ProblemsError, UsageError
from . import FORMATS, extension, format_for, render

if TYPE_CHECKING:
    from concurrent.futures import Future

    from ..catalog import Catalog
    from ..draft import Draft

#: Writes waiting for the disk before the next draft is rendered.
MAX_PENDING = 64
WRITERS = 1


def load_draft(source: str, catalog: Catalog) -> Draft:
    """Read and validate one complete draft file; raise its problems (DraftError)."""
    from ..draft import draft_error, validate_draft
    from ..draft.answers import read_answers_file
    from ..errors import InputFileError
    from .not_a_draft import check_mapping, explain_unreadable

    try:
        data, index = read_answers_file(source)
    except InputFileError as exc:
        raise explain_unreadable(source, exc) from None
    check_mapping(source, data)
    draft, problems = validate_draft(data, catalog, index=index, complete=True)
    if problems or draft is None:
        raise draft_error(problems, source=index.source)
    return draft


def output_stem(draft: Draft, source: str) -> str:
    """The file name (without extension) for a draft's export."""
    from ..fsutil import safe_filename

    stem = Path(source).stem if source != "-" else "draft"
    name = safe_filename(draft.esm.id or draft.esm.title or stem)
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        name = f"esm-{name}"
    return name


#: Names Windows refuses for a file, whatever the extension.
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10)]
)


class Namer:
    """Unique names within one batch: 'esm-11.1', 'esm-11.1-2', ... in the order asked."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def __call__(self, stem: str, suffix: str) -> str:
        name, n = f"{stem}{suffix}", 1
        while name.casefold() in self._used:
            n += 1
            name = f"{stem}-{n}{suffix}"
        self._used.add(name.casefold())
        return name


class Failure(NamedTuple):
    """Why one draft was not exported: a line naming its file, then any problems (indented)."""

    source: str
    message: str
    problems: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        return [self.message, *(f"  {p}" for p in self.problems)]


def failure_of(source: str, exc: BaseException) -> Failure:
    """The :class:`Failure` for ``exc``; its first line starts with the draft's file name."""
    problems: tuple[str, ...] = ()
    if isinstance(exc, EsmtoolError):
        text = exc.message
        if isinstance(exc, ProblemsError):
            problems = tuple(" ".join(str(p).split()) for p in exc.problems)
    else:  # a bug: say so, keep the batch going
        text = (
            f"esmtool hit an unexpected problem ({type(exc).__name__}: {exc}); "
            "this is a bug in esmtool, please report it"
        )
    text = " ".join(text.split())
    label = "<stdin>" if source == "-" else source
    if not text.startswith(label):
        text = f"{label}: {text}"
    return Failure(source, text, problems)


class BatchResult:
    """What a batch did: the files written and the drafts that failed, in the order given."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.written: list[Path] = []
        self.failures: list[Failure] = []


class Prepared(NamedTuple):
    """One draft ready to be written (its file name's stem and bytes), or why it is not."""

    source: str
    stem: str | None
    payload: bytes | None
    failure: Failure | None


def prepare(
    source: str,
    catalog: Catalog,
    fmt: str,
    *,
    template: Path | None = None,
    include: Collection[str] = (),
) -> Prepared:
    """Read, validate and render one draft. A problem with ``template`` itself is raised (it
    would fail every draft); anything else wrong with this draft is its :class:`Failure`."""
    from .templating import TemplateError

    try:
        draft = load_draft(source, catalog)
        payload = render(draft, catalog, fmt, template=template, include=include)
    except TemplateError:
        raise
    except Exception as exc:
        if os.environ.get("ESMTOOL_DEBUG") and not isinstance(exc, EsmtoolError):
            raise
        return Prepared(source, None, None, failure_of(source, exc))
    return Prepared(source, output_stem(draft, source), payload, None)


#: Called once per draft, in the order given: (source, path written or None, failure or None).
Report = Callable[[str, Path | None, Failure | None], None]
_Pending = tuple[str, Path | None, "Future[None] | None", Failure | None]


def export_batch(
    sources: Sequence[str],
    catalog: Catalog,
    fmt: str,
    folder: Path,
    *,
    template: Path | None = None,
    include: Collection[str] = (),
    force: bool = False,
    report: Report | None = None,
    writers: int = WRITERS,
    processes: int | None = None,
) -> BatchResult:
    """Export each draft into ``folder`` as ``fmt``; a failing draft does not stop the others.

    The folder is created (with its parents) when the first draft is ready to be
    written, so a batch where every draft fails leaves nothing behind. A folder
    that cannot be created, or a problem with ``template`` itself, stops the
    batch: it would fail every draft. ``processes``: worker processes that prepare the
    drafts (None: as many as :func:`.workers.workers_for` says; 0: none).
    """
    from ..fsutil import atomic_write, sync_folder
    from .workers import prepared_in_workers, workers_for

    result = BatchResult(total=len(sources))
    # --force replaces outputs, never inputs: every draft (and the template) is known by its
    # device and inode before the first write, so no alias (a hard link, ./x, a symlink) slips by
    inputs = input_ids(sources, template)
    suffix = extension(fmt)
    namer = Namer()
    pending: deque[_Pending] = deque()
    debug = bool(os.environ.get("ESMTOOL_DEBUG"))
    folder_ready = False

    def finish(entry: _Pending) -> None:
        source, path, future, failure = entry
        if future is not None:
            try:
                future.result()
            except Exception as exc:
                if debug and not isinstance(exc, EsmtoolError):
                    raise
                failure, path = failure_of(source, exc), None
        if failure is None and path is not None:
            result.written.append(path)
        else:
            failure = failure or Failure(source, f"{source}: not exported")
            result.failures.append(failure)
        if report is not None:
            report(source, path, failure)

    from concurrent.futures import ThreadPoolExecutor  # (and logging): only a batch writes so

    n = workers_for(sources, template=template, wanted=processes)
    one = functools.partial(prepare, catalog=catalog, fmt=fmt, template=template, include=include)
    prepared = prepared_in_workers(sources, one, n) if n else (one(s) for s in sources)
    # the writers' threads start with the first write, after any worker process is forked
    with ThreadPoolExecutor(max_workers=max(1, writers)) as pool:
        for source, stem, payload, failure in prepared:
            if failure is not None or stem is None or payload is None:
                pending.append((source, None, None, failure))
            else:
                if not folder_ready:
                    make_folder(folder)
                    folder_ready = True
                path = folder / namer(stem, suffix)
                # each file is atomic on its own; exports are derived from durable drafts, so
                # they skip the per-file fsync that would triple the time of a large batch
                future = pool.submit(
                    atomic_write, path, payload, force=force, durable=False, protect=inputs
                )
                pending.append((source, path, future, None))
            while pending and (
                len(pending) > MAX_PENDING or pending[0][2] is None or pending[0][2].done()
            ):
                finish(pending.popleft())
        while pending:
            finish(pending.popleft())
    if result.written:
        sync_folder(folder)
    return result


def input_ids(sources: Sequence[str], template: Path | None = None) -> frozenset[tuple[int, int]]:
    """The identities of the files an export reads, which it must never write over."""
    from ..fsutil import file_ids

    return file_ids([*(s for s in sources if s != "-"), *([template] if template else [])])


# ----- planning an export from the command line --------------------------------------------------


class Plan(NamedTuple):
    """What `esmtool export` will do: one file, stdout, or a folder of files."""

    fmt: str
    batch: bool
    target: Path | None  # None: stdout


def plan_export(
    sources: Sequence[str], output: Path | None, fmt: str | None, template: Path | None
) -> Plan:
    """Check the options together and settle the format and the target (nothing is written)."""
    if not sources:
        raise UsageError("Give at least one draft file.", hint="e.g. esmtool export my-esm.yaml")
    if sources.count("-") > 1:
        raise UsageError(
            "stdin ('-') can be read only once.", hint="Save the drafts to files and name those."
        )
    wanted = format_for(None, fmt) if fmt else None
    to_stdout = output is None or str(output) == "-"
    as_folder = not to_stdout and len(sources) > 1
    if len(sources) > 1 and to_stdout:
        raise UsageError(
            f"{len(sources)} drafts need a folder to go to.",
            hint="Add -o FOLDER; each draft becomes one file in it.",
        )
    if as_folder:
        assert output is not None
        if output.exists() and not output.is_dir():
            raise UsageError(
                f"{output}: is a file; several drafts go to a folder.",
                hint="Give a folder with -o (it is created when missing).",
            )
        known = {s for suffixes in FORMATS.values() for s in suffixes}
        if not output.exists() and output.suffix.lower() in known:
            raise UsageError(
                f"{output}: looks like a file name; several drafts go to a folder.",
                hint="Give a folder with -o (it is created when missing), e.g. -o exports.",
            )
    if template is not None:
        from .templating import template_kind  # Jinja2: only for a user's template

        kind = template_kind(template, wanted)
        if not template.is_file():
            from ..errors import InputFileError

            what = "is a folder, not a template file" if template.is_dir() else "no such file"
            raise InputFileError(f"{template}: {what}.", hint="Give the path of your template.")
        return Plan(kind, as_folder, None if to_stdout else output)
    # a Word document or workbook on stdout is the CLI's to allow (a pipe) or refuse (a terminal)
    chosen = (wanted or "md") if (as_folder or to_stdout) else format_for(output, wanted)
    return Plan(chosen, as_folder, None if to_stdout else output)


def make_folder(folder: Path) -> None:
    """Create the output folder (and its parents) if missing; refuse one we cannot write to."""
    from ..fsutil import ensure_folder

    if folder.exists() and not folder.is_dir():
        raise OutputError(
            f"{folder}: is a file; several drafts go to a folder.",
            hint="Give a folder with -o (it is created when missing).",
        )
    ensure_folder(folder)
    if not os.access(folder, os.W_OK):
        raise OutputError(
            f"{folder}: cannot write here (permission denied or read-only).",
            hint="Choose a folder you can write to, e.g. your Documents folder.",
        )
