"""``endorse withdraw``: mark a signature withdrawn, keeping the entry."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from endorse.cli.changed import LineOption
from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument
from endorse.errors import location


@handles_errors
def withdraw(
    slug: SlugArgument,
    name: Annotated[
        str, typer.Argument(help="The signatory's name, acronym or alias, or as list prints it.")
    ],
    reason: Annotated[str | None, typer.Option("--reason", help="Why, for the record.")] = None,
    line: LineOption = None,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Mark a signatory withdrawn (with today's date); the entry stays in the file."""
    from endorse.edit.withdraw import withdraw as withdraw_entry
    from endorse.project.paths import find_root

    done = withdraw_entry(find_root(root), slug, name, reason=reason, line=line, wait=wait)
    where = location(done.path, done.line)
    sys.stdout.write(f"withdrew '{done.name}' on {done.date} ({where})\n")
