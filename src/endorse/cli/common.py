"""What every command shares: the root option, consoles, and turning errors into exit codes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from endorse.errors import EndorseError, printable

P = ParamSpec("P")
R = TypeVar("R")

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Project folder holding statements/ (default: ENDORSE_ROOT, or search upwards).",
        file_okay=False,
        show_default=False,
    ),
]


# Mirrors edit.store.LOCK_WAIT_SECONDS (the CLI does not import the write path to start up).
DEFAULT_WAIT_SECONDS = 60.0
WaitOption = Annotated[
    float,
    typer.Option(
        "--wait",
        metavar="SECONDS",
        min=0,
        help="How long to wait for another endorse command writing this statement.",
    ),
]


StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Refuse what check would warn about (mixed scripts, stray spaces), as CI's "
        "check --strict would.",
    ),
]


def print_error(error: EndorseError) -> None:
    """One format for every error: 'endorse: file:line: message' and the fix below it."""
    where = error.location()
    message = printable(error.message)
    text = f"{where}: {message}" if where else message
    sys.stderr.write(f"endorse: error: {text}\n")
    # A hint may hold several lines (the install command, then the system packages); each is
    # indented and made inert on its own, so none can pose as a line of endorse's.
    for line in error.hint.split("\n") if error.hint else ():
        sys.stderr.write(f"  {printable(line)}\n")


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """The one place where the project's errors become a message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except EndorseError as error:
            print_error(error)
            raise typer.Exit(error.exit_code) from None

    return wrapper


def write_output(
    text: str | bytes, output: Path | None, *, within: Path | None = None, private: bool = False
) -> None:
    """Write plain text to a file atomically, or to stdout (never through Rich markup).

    ``within`` is the project's root (no folder of it on the way to ``output`` may be a link
    leaving it); ``private`` marks an output that carries contacts: created readable by its
    owner only.
    """
    if output is None:
        assert isinstance(text, str)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from endorse.edit.atomic import write_atomic

    write_atomic(output, text, within=within, private=private)
    if private:
        warn_if_git_would_commit(output)


def warn_if_git_would_commit(output: Path) -> None:
    """A file with contacts inside a git repository that does not ignore it is one
    ``git add -A`` away from being published: say so (the file is written all the same)."""
    from endorse.errors import printable
    from endorse.project.git import in_work_tree, is_ignored

    written = output.resolve()
    if in_work_tree(written.parent) and not is_ignored(written.parent, written):
        sys.stderr.write(
            f"endorse: warning: {printable(str(output))} holds contacts and git does not ignore "
            "it: add it to .gitignore, or write it outside the repository\n"
        )


def stdout_is_terminal() -> bool:
    """Rich draws boxed tables for people; a pipe or a file gets plain aligned rows."""
    return sys.stdout.isatty()
