"""``endorse remove``: an entry added by mistake, removed before it was ever published."""

from __future__ import annotations

from typing import Annotated

import typer

from endorse.cli.changed import DryRunOption, LineOption, report
from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument


@handles_errors
def remove(
    slug: SlugArgument,
    name: Annotated[
        str, typer.Argument(help="The signatory's name, acronym or alias, or as list prints it.")
    ],
    line: LineOption = None,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Remove an entry never published, with its private contact (else: endorse withdraw)."""
    from endorse.edit.remove import remove as remove_entry
    from endorse.project.paths import find_root

    report(remove_entry(find_root(root), slug, name, line=line, dry_run=dry_run, wait=wait))
