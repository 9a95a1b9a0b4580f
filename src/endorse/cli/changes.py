"""``endorse changes``: who was added, withdrawn, confirmed, renamed... since a revision or day."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from endorse.cli.common import RootOption, handles_errors, write_output
from endorse.cli.completion import SlugArgument
from endorse.cli.incomplete import AllowInvalidOption, complete_or_refuse


class ChangesFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@handles_errors
def changes(
    slug: SlugArgument,
    since: Annotated[
        str,
        typer.Option(
            "--since",
            metavar="REV|DATE",
            help="A git revision (commit, tag, branch), or a day YYYY-MM-DD: the state at the "
            "last commit before that day.",
        ),
    ],
    format: Annotated[
        ChangesFormat,
        typer.Option(
            "--format", "-f", help="text; markdown for an update e-mail; json for other tools."
        ),
    ] = ChangesFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False
        ),
    ] = None,
    root: RootOption = None,
    allow_invalid: AllowInvalidOption = False,
) -> None:
    """Who was added, withdrawn, confirmed, reinstated, renamed, moved or merged since then."""
    from endorse.project.load import load_project
    from endorse.project.paths import find_root
    from endorse.project.revision import OldStatement, read_revision, resolve_since
    from endorse.render.changes import as_json, as_markdown, as_text, compare

    found_root = find_root(root)
    project = load_project(found_root, only=[slug])
    loaded = complete_or_refuse(
        project.get(slug), allow_invalid=allow_invalid, reads_invalid_entries=True
    )
    loaded.require()
    resolved = resolve_since(found_root, since)
    old = read_revision(found_root, resolved.commit).get(slug, OldStatement(slug))
    found = compare(old, loaded, resolved)
    writer = {
        ChangesFormat.TEXT: as_text,
        ChangesFormat.MARKDOWN: as_markdown,
        ChangesFormat.JSON: as_json,
    }[format]
    write_output(writer(found), output, within=found_root)
