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
    title: Annotated[
        str | None,
        typer.Option(
            "--title", help="The statement's title (needed unless --github finds it made)."
        ),
    ] = None,
    github: Annotated[
        bool,
        typer.Option(
            "--github",
            help="Also write the GitHub issue form and workflows to sign without git.",
        ),
    ] = False,
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
    from endorse.format.tomlsource import read_named_text
    from endorse.project.paths import ROOT_ENV, find_root, statement_file

    chosen = root or (Path(os.environ[ROOT_ENV]) if os.environ.get(ROOT_ENV) else None)
    if chosen is None:
        try:
            chosen = find_root()
        except UsageError:
            chosen = Path.cwd()  # no project yet: this folder becomes one
    if title is None and not (github and statement_file(chosen, slug).is_file()):
        raise UsageError(
            "--title is needed to start a new statement",
            hint=f'endorse init {slug} --title "The statement\'s title"',
        )
    created, kept = [], []
    if title is not None:
        scaffold = init_statement(
            chosen,
            slug,
            title,
            place=place,
            date=given_date(date, "--date"),
            body=read_named_text(body_file, chosen) if body_file else None,
            closing=read_named_text(closing_file, chosen) if closing_file else None,
            groups=parse_groups(group or []),
        )
        created, kept = scaffold.created, scaffold.kept
    if github:
        from endorse.edit.github_setup import init_github, label

        files = init_github(chosen, slug)
        created, kept = [*created, *files.created], [*kept, *files.kept]
    for path in created:
        sys.stdout.write(f"created {path}\n")
    for path in kept:
        sys.stdout.write(f"kept {path} (it already existed)\n")
    if github:
        sys.stdout.write(
            f"next: create the label once (gh label create {label(slug)}), set the install "
            "line in the workflows if endorse comes from elsewhere, and see docs/ci.md\n"
        )
    elif body_file is None:
        sys.stdout.write(f"next: edit statements/{slug}.toml, then 'endorse add {slug} NAME'\n")
    else:
        sys.stdout.write(f"next: 'endorse open {slug}', then 'endorse add {slug} NAME' or import\n")
