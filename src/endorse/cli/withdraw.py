"""``endorse withdraw``: mark a signature withdrawn, keeping the entry."""

from __future__ import annotations

from typing import Annotated

import typer

from endorse.cli.changed import DryRunOption, LineOption, report
from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument


@handles_errors
def withdraw(
    slug: SlugArgument,
    name: Annotated[
        str, typer.Argument(help="The signatory's name, acronym or alias, or as list prints it.")
    ],
    reason: Annotated[str | None, typer.Option("--reason", help="Why, for the record.")] = None,
    line: LineOption = None,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Mark a signatory withdrawn (with today's date); the entry stays in the file.

    Prints the change as a diff, like every other edit.
    """
    from endorse.edit.withdraw import withdraw as withdraw_entry
    from endorse.project.paths import find_root

    changed = withdraw_entry(
        find_root(root), slug, name, reason=reason, line=line, dry_run=dry_run, wait=wait
    )
    report(changed)
