"""The command line: options → a core call → the printer → an exit code.

Each command lives in a module of its own, loaded only when it runs (click's
"Lazily Loading Subcommands" pattern: the group knows the names, and imports a
command's module in :meth:`_Group.get_command`), so ``esmtool list`` builds one
click command, not nine. Everything else lives in the core (catalog, draft,
walk, checks, export), which returns data or raises
:class:`esmtool.errors.EsmtoolError`; :class:`_Group` turns those (and Ctrl-C,
and bugs) into a message and an exit code, never a traceback. Results go to
stdout; messages, prompts and progress go to stderr (:mod:`.output`).
"""

from __future__ import annotations

import difflib
import functools
import importlib
import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from .. import __version__, stdio
from ..errors import EXIT_INPUT, EXIT_INTERRUPTED, EsmtoolError
from ..startup import resume_collector, skip_final_collection
from .helptext import EXAMPLES, plain_help
from .output import err, out, quiet_broken_pipe, report_error

EXIT_INTERNAL = 3

#: Command name -> the module of this package that defines it, in the order --help lists them.
COMMANDS = {
    "list": "list_cmd",
    "show": "show",
    "search": "search",
    "schema": "schema",
    "check": "check",
    "draft": "draft",
    "drafts": "drafts",
    "export": "export",
    "import": "importing",
    "catalog": "catalog",
    "plan": "plan",
    "progress": "progress",
    "chart": "chart",
    "diff": "diff",
    "actuals": "actuals",
}


class _Group(TyperGroup):
    """Loads a command when it runs; turns our errors into a message and an exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        module = COMMANDS.get(name)
        if module is None:
            return None
        command = typer.main.get_command(importlib.import_module(f"{__name__}.{module}").app)
        command.name = name
        _resume_collector_on_run(command)
        return plain_help(command, name)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """Command names without loading any command (no help text: completion stays fast)."""
        from typer._click.core import Command
        from typer._click.shell_completion import CompletionItem

        results = [CompletionItem(n) for n in COMMANDS if n.startswith(incomplete)]
        return results + Command.shell_complete(self, ctx, incomplete)

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: Any = None
    ) -> Any:
        # click's spelling (bash_source, zsh_complete) as well as Typer's (source_bash)
        var = complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()
        shell, _, what = os.environ.get(var, "").partition("_")
        if what in ("source", "complete") and shell not in ("source", "complete"):
            os.environ[var] = f"{what}_{shell}"
        return super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS and not args[0].startswith("-"):
            close = difflib.get_close_matches(args[0], list(COMMANDS))
            hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            ctx.fail(f"No such command '{args[0]}'.{hint}")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except EsmtoolError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err("Interrupted.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except BrokenPipeError:
            quiet_broken_pipe()
        except Exception as exc:  # a bug: say so plainly, without a traceback
            if os.environ.get("ESMTOOL_DEBUG"):
                raise
            err(
                f"esmtool hit an unexpected problem ({type(exc).__name__}: {exc}). "
                "This is a bug in esmtool; please report it with the command you ran. "
                "Set ESMTOOL_DEBUG=1 to see the details."
            )
            raise typer.Exit(EXIT_INTERNAL) from None


def _resume_collector_on_run(command: Any) -> None:
    """The collector, paused by the entry point while esmtool starts, runs again as the
    command's own code begins (see esmtool.startup)."""
    callback = command.callback
    if callback is not None:

        @functools.wraps(callback)
        def run(*args: Any, **kwargs: Any) -> Any:
            resume_collector()
            return callback(*args, **kwargs)

        command.callback = run
    for sub in getattr(command, "commands", {}).values():
        _resume_collector_on_run(sub)


app = typer.Typer(
    cls=_Group,
    name="esmtool",
    help=(
        "Draft, check and export Title V ESMs (Evidence-based or -informed Strategy Measures) "
        "from the MCHbest strategy catalog."
    ),
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion, _ESMTOOL_COMPLETE
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="\b\nExamples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[""]),
)


def _version(value: bool) -> None:
    if value:
        out(f"esmtool {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Draft, check and export Title V ESMs from the MCHbest strategy catalog.

    Exit codes: 0 ok; 1 `check` found problems; 2 usage or input error (an unwritable
    standard output included); 130 interrupted; 129/143 stopped by SIGHUP/SIGTERM.
    """


def main() -> None:
    """Console entry point."""
    # esmtool uses no pydantic plugins, and one installed beside it should neither observe nor
    # change how people's drafts validate; looking for them scans the metadata of every
    # installed package (~7 ms of each start-up that validates a draft)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    stdio.guard()  # a full or closed stdout/stdin: a message and exit 2, never a traceback
    stdio.install_signal_cleanup()  # SIGTERM/SIGHUP leave no temporary file behind
    try:
        try:
            app(prog_name="esmtool")  # also under `python -m esmtool`: _ESMTOOL_COMPLETE
        finally:
            stdio.finish()  # what is still buffered (a full disk often shows only here)
            skip_final_collection()
    except KeyboardInterrupt:  # Ctrl-C outside a command (e.g. while importing)
        err("Interrupted.")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        quiet_broken_pipe()
    except EsmtoolError as exc:  # outside a command: --version or --help to a full disk
        report_error(exc)
        sys.exit(exc.exit_code)


__all__ = ["EXIT_INPUT", "app", "main"]
