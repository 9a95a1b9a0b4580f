"""``endorse init``: start a new statement."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from endorse.cli.common import RootOption, handles_errors


@handles_errors
def init(
    slug: Annotated[
        str, typer.Argument(help="The new statement's id: lowercase, digits, hyphens.")
    ],
    title: Annotated[str, typer.Option("--title", help="The statement's title.")],
    place: Annotated[
        str | None, typer.Option("--place", help="Printed before the date: Phnom Penh.")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The statement's date.")
    ] = None,
    body_file: Annotated[
        Path | None,
        typer.Option(
            "--body-file",
            help="The text before the lists (UTF-8 text, paragraphs).",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    closing_file: Annotated[
        Path | None,
        typer.Option(
            "--closing-file", help="The text after the lists.", exists=True, dir_okay=False
        ),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option(
            "--group",
            metavar="ID=HEADING",
            help="A tier of signatories, in print order; repeatable.",
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Create statements/SLUG.toml and signatories/SLUG.toml, ready to edit."""
    from endorse.edit.init import init_statement, parse_groups
    from endorse.edit.signers import given_date
    from endorse.errors import UsageError
    from endorse.format.tomlsource import read_text
    from endorse.project.paths import ROOT_ENV, find_root

    chosen = root or (Path(os.environ[ROOT_ENV]) if os.environ.get(ROOT_ENV) else None)
    if chosen is None:
        try:
            chosen = find_root()
        except UsageError:
            chosen = Path.cwd()  # no project yet: this folder becomes one
    scaffold = init_statement(
        chosen,
        slug,
        title,
        place=place,
        date=given_date(date, "--date"),
        body=read_text(body_file) if body_file else None,
        closing=read_text(closing_file) if closing_file else None,
        groups=parse_groups(group or []),
    )
    for path in scaffold.created:
        sys.stdout.write(f"created {path}\n")
    for path in scaffold.kept:
        sys.stdout.write(f"kept {path} (it already existed)\n")
    if body_file is None:
        sys.stdout.write(f"next: edit statements/{slug}.toml, then 'endorse add {slug} NAME'\n")
    else:
        sys.stdout.write(f"next: 'endorse open {slug}', then 'endorse add {slug} NAME' or import\n")
