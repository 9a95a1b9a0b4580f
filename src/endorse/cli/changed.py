"""How the in-place edit commands (confirm, reinstate, edit, move, merge, open...) report."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from endorse.edit.store import Changed

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show the change as a diff; write nothing.")
]
# `move` and `merge`: a published statement changes only with it, and a note in the file.
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Change a published statement (a note of it is written in the file)."
    ),
]
LineOption = Annotated[
    str | None,
    typer.Option(
        "--line",
        metavar="N|FILE:N",
        help="The entry starting at this line, when several share the name.",
    ),
]


def report(changed: Changed) -> None:
    """Each change in words, then the diff of the files, so the user sees what was written."""
    for line in changed.done:
        sys.stdout.write(line + "\n")
    for diff in changed.diffs:
        sys.stdout.write(diff if diff.endswith("\n") else diff + "\n")
    if not changed.written:
        sys.stdout.write("dry run: nothing written\n")
