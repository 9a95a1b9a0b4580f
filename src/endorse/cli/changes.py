"""``endorse changes``: who was added, withdrawn, confirmed, renamed... since a revision or day."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from endorse.cli.common import RootOption, handles_errors, write_output
from endorse.cli.completion import SlugArgument
from endorse.cli.incomplete import AllowInvalidOption, complete_or_refuse

if TYPE_CHECKING:
    from endorse.project.model import LoadedStatement


class ChangesFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@handles_errors
def changes(
    slug: SlugArgument,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV|DATE",
            help="A git revision (commit, tag, branch), or a day YYYY-MM-DD: the state at the "
            "last commit before that day.",
        ),
    ] = None,
    signed_since: Annotated[
        str | None,
        typer.Option(
            "--signed-since",
            metavar="DATE",
            help="Who signed on or after this day, by the entries' added dates (no git).",
        ),
    ] = None,
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
    """Who was added, withdrawn, confirmed, reinstated, renamed, moved or merged since then;
    or, with --signed-since, who signed since a day."""
    from endorse.errors import UsageError
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
    if (since is None) == (signed_since is None):
        raise UsageError("give --since REV|DATE or --signed-since DATE (one of them)")
    if signed_since is not None:
        write_output(_signed(loaded, signed_since, format), output, within=found_root)
        return
    assert since is not None
    resolved = resolve_since(found_root, since)
    old = read_revision(found_root, resolved.commit).get(slug, OldStatement(slug))
    found = compare(old, loaded, resolved)
    writer = {
        ChangesFormat.TEXT: as_text,
        ChangesFormat.MARKDOWN: as_markdown,
        ChangesFormat.JSON: as_json,
    }[format]
    write_output(writer(found), output, within=found_root)


def _signed(loaded: LoadedStatement, day: str, format: ChangesFormat) -> str:
    from endorse.edit.signers import given_date
    from endorse.render.changes import (
        signed_as_json,
        signed_as_markdown,
        signed_as_text,
        signed_since,
    )

    given = given_date(day, "--signed-since")
    assert given is not None
    writer = {
        ChangesFormat.TEXT: signed_as_text,
        ChangesFormat.MARKDOWN: signed_as_markdown,
        ChangesFormat.JSON: signed_as_json,
    }[format]
    return writer(signed_since(loaded, given))
