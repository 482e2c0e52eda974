"""The `esmtool` command (and `python -m esmtool`): the command line, started lean."""

from __future__ import annotations


def main() -> None:
    """Console entry point: the collector paused while the command line loads (see .startup)."""
    from .startup import pause_collector

    pause_collector()
    from .cli import main as run

    run()
