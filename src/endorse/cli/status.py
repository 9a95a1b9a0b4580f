"""``endorse open``, ``close`` and ``publish``: a statement's status."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from endorse.cli.changed import DryRunOption, report
from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument


@handles_errors
def open_statement(
    slug: SlugArgument,
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline",
            metavar="YYYY-MM-DD",
            help="The last day of signatures: add and import refuse later ones.",
        ),
    ] = None,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Open a statement for signatures (status = "open"), until --deadline if given."""
    from endorse.edit.signers import given_date

    _set(
        slug,
        "open",
        deadline=given_date(deadline, "--deadline"),
        dry_run=dry_run,
        wait=wait,
        root=root,
    )


@handles_errors
def close_statement(
    slug: SlugArgument,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Close a statement: add and import refuse new signatories (status = "closed")."""
    _set(slug, "closed", dry_run=dry_run, wait=wait, root=root)


@handles_errors
def publish_statement(
    slug: SlugArgument,
    force: Annotated[
        bool, typer.Option("--force", help="Publish despite pending entries or check errors.")
    ] = False,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Publish a statement (status = "published"); refused while entries are pending or check
    fails, unless --force."""
    _set(slug, "published", force=force, dry_run=dry_run, wait=wait, root=root)


def _set(
    slug: str,
    status: str,
    *,
    deadline: dt.date | None = None,
    force: bool = False,
    dry_run: bool,
    wait: float,
    root: object,
) -> None:
    from pathlib import Path

    from endorse.edit.status import set_status
    from endorse.project.paths import find_root

    assert root is None or isinstance(root, Path)
    changed = set_status(
        find_root(root), slug, status, deadline=deadline, force=force, dry_run=dry_run, wait=wait
    )
    report(changed)
