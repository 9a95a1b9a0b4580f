"""``endorse intake``: add the signer a GitHub issue form asks for, and write the reply."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from endorse.cli.common import (
    DEFAULT_WAIT_SECONDS,
    RootOption,
    WaitOption,
    handles_errors,
    write_output,
)
from endorse.cli.completion import SlugArgument


@handles_errors
def intake(
    slug: SlugArgument,
    github_event: Annotated[
        Path,
        typer.Option(
            "--github-event",
            metavar="FILE",
            help="The issues event GitHub Actions saves in $GITHUB_EVENT_PATH.",
            dir_okay=False,
            show_default=False,
        ),
    ],
    reply: Annotated[
        Path | None,
        typer.Option(
            "--reply",
            metavar="FILE",
            help="Write the Markdown reply for the issue here (default: print it).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Add a signer from a GitHub issue form as pending; refuses like 'add' does."""
    from endorse.edit.intake import Intake, intake, refused_reply
    from endorse.errors import UsageError
    from endorse.project.paths import find_root

    try:
        outcome = intake(find_root(root), slug, github_event, wait=wait)
    except UsageError as error:  # no project: the issue still gets an answer
        outcome = Intake(refused_reply(error), error=error)
    write_output(outcome.reply, reply)
    if outcome.error is not None:
        raise outcome.error
    if reply is not None and outcome.addition is not None:
        added = outcome.addition
        sys.stdout.write(
            f"added '{added.signatory.name}' as pending to {added.path}:{added.line}\n"
        )
