"""How the command starts: with Python's garbage collector paused until the command runs.

Starting the command line makes a few hundred thousand objects (typer, pydantic, the
command's module), none of them garbage, and the collector's passes over them while they are
made cost a noticeable part of every start. :func:`pause_collector` (the console entry point,
:mod:`esmtool.entry`) pauses it before anything is imported; :func:`resume_collector` (the
command line, as the chosen command's own code begins) freezes what exists by then
(``gc.freeze``: those objects are never scanned again) and lets the collector run, so a long
command (a batch export, a walk) collects its own garbage as usual. Nothing here changes what
a command does; without the entry point (``esmtool.cli.main`` called directly, tests) the
collector is never paused. At the very end (:func:`skip_final_collection`, after standard
output is flushed) what is left is frozen too: the interpreter's exit would otherwise spend
tens of milliseconds in one last pass over everything.
"""

from __future__ import annotations

import gc

_paused = False
#: started by the entry point (not a command run inside another program, such as a test)
_entered = False


def pause_collector() -> None:
    global _paused, _entered
    _entered = True
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def freeze_what_lives() -> None:
    """In an esmtool process, keep every object made so far out of the collector's passes
    (``gc.freeze``): what lives as long as the process, such as the modules and the catalog
    before a walk. Inside another program (tests) it does nothing: freezing that process's
    objects would keep them from ever being collected."""
    if _entered:
        gc.freeze()


def skip_final_collection() -> None:
    """At the end of an esmtool process: freeze what is left, so that the interpreter's exit
    does not scan every object once more. (Python does not promise to finalise objects still
    alive at exit; esmtool's files are written, flushed and closed before this.)"""
    freeze_what_lives()
