"""``endorse distinct``: record that two look-alike names are different signers."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument
from endorse.errors import location


@handles_errors
def distinct(
    slug: SlugArgument,
    first: Annotated[str, typer.Argument(metavar="NAME", help="One signatory's name.")],
    second: Annotated[str, typer.Argument(metavar="NAME", help="The other signatory's name.")],
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why they differ, for the record.")
    ] = None,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Record a reviewed pair of names that are not duplicates."""
    from endorse.edit.distinct import record_distinct
    from endorse.project.paths import find_root

    recorded = record_distinct(find_root(root), slug, first, second, reason=reason, wait=wait)
    sys.stdout.write(
        f"recorded '{recorded.names[0]}' and '{recorded.names[1]}' as distinct "
        f"({location(recorded.path, recorded.line)})\n"
    )
