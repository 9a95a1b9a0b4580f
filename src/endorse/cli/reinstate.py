"""``endorse reinstate``: undo a withdrawal."""

from __future__ import annotations

from typing import Annotated

import typer

from endorse.cli.changed import DryRunOption, LineOption, report
from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument


@handles_errors
def reinstate(
    slug: SlugArgument,
    name: Annotated[str, typer.Argument(help="The withdrawn signatory's name.")],
    line: LineOption = None,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Undo a withdrawal: confirmed again, with today as reinstated; the withdrawal stays noted."""
    from endorse.edit.reinstate import reinstate as reinstate_entry
    from endorse.project.paths import find_root

    report(reinstate_entry(find_root(root), slug, name, line=line, dry_run=dry_run, wait=wait))
