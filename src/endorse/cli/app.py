"""The ``endorse`` command: wiring of sub-commands; each lives in its own module.

``main()`` registers only the command being run (one module imported, one command's parameters
built by Typer); ``--help``, completion and anything unknown get every command. ``app``, for
tests and tools, is the application with every command.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from endorse import __version__

# name -> (module, function), in the order `endorse --help` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("endorse.cli.check", "check"),
    "render": ("endorse.cli.render", "render"),
    "site": ("endorse.cli.site", "site"),
    "list": ("endorse.cli.listing", "list_signatories"),
    "init": ("endorse.cli.init", "init"),
    "add": ("endorse.cli.add", "add"),
    "import": ("endorse.cli.importing", "import_rows"),
    "withdraw": ("endorse.cli.withdraw", "withdraw"),
    "remove": ("endorse.cli.remove", "remove"),
    "distinct": ("endorse.cli.distinct", "distinct"),
    "stats": ("endorse.cli.stats", "stats"),
    "dupes": ("endorse.cli.dupes", "dupes"),
    "intake": ("endorse.cli.intake", "intake"),
    "confirm": ("endorse.cli.confirm", "confirm"),
    "reinstate": ("endorse.cli.reinstate", "reinstate"),
    "edit": ("endorse.cli.edit_entry", "edit"),
    "move": ("endorse.cli.move", "move"),
    "merge": ("endorse.cli.merge", "merge"),
    "open": ("endorse.cli.status", "open_statement"),
    "close": ("endorse.cli.status", "close_statement"),
    "publish": ("endorse.cli.status", "publish_statement"),
    "statement": ("endorse.cli.statement", "statement"),
    "changes": ("endorse.cli.changes", "changes"),
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"endorse {__version__}")
        raise typer.Exit()


def root_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Neither read nor write the parse cache in ~/.cache/endorse/ "
            "(also: ENDORSE_NO_CACHE=1).",
        ),
    ] = False,
) -> None:
    """Run joint statements and sign-on letters from a git repository."""
    from endorse.project.cache import use_cache

    use_cache(not no_cache)


def build_app(only: str | None = None) -> typer.Typer:
    """The application with command `only`, or with every command when `only` is None."""
    application = typer.Typer(
        name="endorse",
        help="Run joint statements and sign-on letters from a git repository.",
        no_args_is_help=True,
        add_completion=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    application.callback()(root_callback)
    for name in [only] if only else COMMANDS:
        module, function = COMMANDS[name]
        application.command(name)(getattr(importlib.import_module(module), function))
    return application


def command_named(argv: Sequence[str]) -> str | None:
    """The command `argv` runs, when it is one of ours; None for --help, completion, a typo.

    The root options are all flags, so the first word that is not an option is the command."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def __getattr__(name: str) -> Any:
    if name == "app":
        application = build_app()
        globals()["app"] = application
        return application
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def tune_garbage_collector() -> None:
    """A big list is hundreds of thousands of objects that live until exit; with the default
    thresholds the collector re-scans them dozens of times (a third of render at 100k)."""
    import gc

    gc.set_threshold(100_000, 50, 100)


def main() -> None:
    tune_garbage_collector()
    build_app(command_named(sys.argv[1:]))()
