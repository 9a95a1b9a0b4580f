"""``endorse merge``: two entries of one signer become one."""

from __future__ import annotations

from typing import Annotated

import typer

from endorse.cli.changed import DryRunOption, ForceOption, report
from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument


@handles_errors
def merge(
    slug: SlugArgument,
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The entry to keep.")],
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The entry to fold into it.")],
    keep_line: Annotated[
        str | None, typer.Option("--keep-line", metavar="N|FILE:N", help="Which KEEP entry.")
    ] = None,
    other_line: Annotated[
        str | None, typer.Option("--other-line", metavar="N|FILE:N", help="Which OTHER entry.")
    ] = None,
    keep_withdrawn: Annotated[
        bool,
        typer.Option(
            "--keep-withdrawn", help="Keep OTHER as withdrawn ('merged into ...'), not removed."
        ),
    ] = False,
    force: ForceOption = False,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Merge a duplicate pair that 'endorse dupes' found: KEEP takes OTHER's names and details.

    OTHER's name and aliases become aliases of KEEP; its acronym, note, country, translated
    names fill what KEEP lacks; every private field of both is kept (a second contact goes to
    `contacts` in the private file); the earlier added date is kept.
    """
    from endorse.edit.merge import merge as merge_entries
    from endorse.project.paths import find_root

    changed = merge_entries(
        find_root(root),
        slug,
        keep,
        other,
        keep_line=keep_line,
        other_line=other_line,
        keep_withdrawn=keep_withdrawn,
        force=force,
        dry_run=dry_run,
        wait=wait,
    )
    report(changed)
