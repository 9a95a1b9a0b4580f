"""``endorse move``: a signer to another group."""

from __future__ import annotations

from typing import Annotated

import typer

from endorse.cli.changed import DryRunOption, ForceOption, LineOption, report
from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument, complete_group_id


@handles_errors
def move(
    slug: SlugArgument,
    name: Annotated[str, typer.Argument(help="The signatory's name.")],
    group: Annotated[
        str, typer.Option("--group", help="The group to move to.", autocompletion=complete_group_id)
    ],
    line: LineOption = None,
    force: ForceOption = False,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Move a signatory to another group (tier) of the statement."""
    from endorse.edit.move import move as move_entry
    from endorse.project.paths import find_root

    changed = move_entry(
        find_root(root), slug, name, group, line=line, force=force, dry_run=dry_run, wait=wait
    )
    report(changed)
