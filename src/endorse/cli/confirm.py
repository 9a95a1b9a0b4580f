"""``endorse confirm``: pending signers confirmed, so that they print."""

from __future__ import annotations

from typing import Annotated

import typer

from endorse.cli.changed import DryRunOption, LineOption, report
from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument


@handles_errors
def confirm(
    slug: SlugArgument,
    names: Annotated[
        list[str] | None,
        typer.Argument(metavar="NAME...", help="Names, acronyms or aliases, as list prints them."),
    ] = None,
    all_pending: Annotated[
        bool, typer.Option("--all-pending", help="Confirm every pending signatory.")
    ] = False,
    line: LineOption = None,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Confirm pending signatories (status = "confirmed"); each then prints."""
    from endorse.edit.confirm import confirm as confirm_entries
    from endorse.project.paths import find_root

    report(
        confirm_entries(
            find_root(root),
            slug,
            names or [],
            all_pending=all_pending,
            line=line,
            dry_run=dry_run,
            wait=wait,
        )
    )
