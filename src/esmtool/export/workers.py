"""A large batch read, validated and rendered in worker processes: every core, the same output.

A batch of many drafts is bound by reading, validating and rendering them: Python work that
one process does on one core. When the machine has more than one core and the batch has at
least :data:`MIN_DRAFTS` drafts, forked worker processes (which share the loaded catalog and
the compiled templates with the parent, copy-on-write) prepare chunks of drafts, and the
parent names and writes the files in the order given, exactly as it does alone: the same
files, names, messages and order. Workers never write a file, print or read standard input.

Left to the parent alone: a user's template (already rendered in a bounded child process of
its own), a batch holding stdin (``-``), ``ESMTOOL_DEBUG`` (a bug's traceback is shown where
it happens), and systems without ``fork``. Ctrl-C stops the batch from the parent (workers
ignore it and finish their chunk); SIGTERM and SIGHUP are the parent's to clean up after; a
worker whose parent is gone (even by SIGKILL) leaves within :data:`PARENT_CHECK` seconds.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .batch import Prepared

#: The smallest batch worth starting workers for (a worker's start costs a few milliseconds).
MIN_DRAFTS = 200
#: Drafts a worker prepares per round trip.
CHUNK = 25
#: The most workers used, whatever the number of cores.
MAX_WORKERS = 4

#: How the workers prepare one draft (batch.prepare with the batch's catalog, format and
#: sections), set in the parent before the fork: workers inherit it, nothing is pickled.
_job: Callable[[str], Prepared] | None = None


def workers_for(sources: Sequence[str], *, template: object, wanted: int | None = None) -> int:
    """How many worker processes a batch uses: 0 when the parent does it alone."""
    if wanted is not None:
        return max(0, wanted)
    if template is not None or len(sources) < MIN_DRAFTS or "-" in sources:
        return 0
    if os.environ.get("ESMTOOL_DEBUG") or not _can_fork():
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cores or 1, MAX_WORKERS) if (cores or 1) > 1 else 0


def _can_fork() -> bool:
    import multiprocessing

    return sys.platform != "win32" and "fork" in multiprocessing.get_all_start_methods()


def _start_worker(parent: int) -> None:
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for name in ("SIGTERM", "SIGHUP"):  # the parent's handlers clean up the parent's files
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    # A parent killed outright (SIGKILL) cannot stop its workers, and a worker waiting for
    # work never sees the queue close (its siblings hold the pipe open too): it leaves as
    # soon as its parent is gone.
    threading.Thread(target=_leave_with, args=(parent,), daemon=True).start()


#: How often (seconds) a worker looks whether its parent is still there.
PARENT_CHECK = 0.2


def _leave_with(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_CHECK)
    os._exit(0)


def _prepare_chunk(chunk: Sequence[str]) -> list[Prepared]:
    assert _job is not None
    return [_job(source) for source in chunk]


def prepared_in_workers(
    sources: Sequence[str], prepare: Callable[[str], Prepared], workers: int
) -> Iterator[Prepared]:
    """Each draft prepared by ``prepare`` (batch.prepare for this batch), in the order given,
    by ``workers`` processes.

    At most two chunks per worker are in flight, so memory stays bounded however long the
    batch. The workers are forked before the caller starts any thread of its own.
    """
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _job
    _job = prepare
    chunks = iter([sources[i : i + CHUNK] for i in range(0, len(sources), CHUNK)])
    given = 0  # drafts handed back so far, in order
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        ) as pool:
            window: deque[Future[list[Prepared]]] = deque(
                pool.submit(_prepare_chunk, chunk) for chunk in islice(chunks, 2 * workers)
            )
            while window:
                done = window.popleft().result()
                for chunk in islice(chunks, 1):
                    window.append(pool.submit(_prepare_chunk, chunk))
                for item in done:
                    given += 1
                    yield item
    except (OSError, BrokenProcessPool):
        # no worker could be started (a process limit), or one died (killed for memory):
        # the parent prepares the rest itself, so the batch's output is the same
        for source in sources[given:]:
            yield prepare(source)
    finally:
        _job = None
