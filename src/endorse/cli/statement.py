"""``endorse statement``: a statement's title, dates, texts and group headings, without TOML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from endorse.cli.changed import DryRunOption, report
from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument


@handles_errors
def statement(
    slug: SlugArgument,
    title: Annotated[str | None, typer.Option("--title", help="The title.")] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Where it is issued, printed before the date.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="The date the statement carries."),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option("--deadline", metavar="YYYY-MM-DD", help="The last day of signatures."),
    ] = None,
    body_file: Annotated[
        Path | None,
        typer.Option(
            "--body-file", metavar="FILE", dir_okay=False, help="The text before the lists."
        ),
    ] = None,
    closing_file: Annotated[
        Path | None,
        typer.Option(
            "--closing-file", metavar="FILE", dir_okay=False, help="The text after the lists."
        ),
    ] = None,
    group_heading: Annotated[
        list[str] | None,
        typer.Option("--group-heading", metavar="ID=TEXT", help="A group's heading; repeatable."),
    ] = None,
    logos: Annotated[
        list[str] | None,
        typer.Option(
            "--logos", metavar="ID=on|off", help="Print a group's logos, or not; repeatable."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Change the text of a published statement.")
    ] = False,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Change the title, place, date, deadline, texts, headings or logos; shows the diff."""
    from endorse.edit.github_setup import form_path
    from endorse.edit.signers import given_date
    from endorse.edit.statement import (
        StatementChanges,
        change_statement,
        parse_logos,
        parse_pairs,
        read_text_file,
    )
    from endorse.project.paths import find_root, relative

    found_root = find_root(root)
    changes = StatementChanges(
        title=title,
        place=place,
        date=given_date(date, "--date"),
        deadline=given_date(deadline, "--deadline"),
        body=read_text_file(body_file, found_root) if body_file else None,
        closing=read_text_file(closing_file, found_root) if closing_file else None,
        headings=parse_pairs(group_heading or [], "--group-heading", "endorsers='Endorsed by:'"),
        logos=parse_logos(logos or []),
    )
    report(change_statement(found_root, slug, changes, force=force, dry_run=dry_run, wait=wait))
    if changes.headings and not dry_run and form_path(found_root, slug).exists():
        sys.stderr.write(
            f"endorse: warning: the issue form {relative(form_path(found_root, slug), found_root)} "
            "still offers the old group headings, and intake refuses any other answer: delete "
            f"it and run 'endorse init {slug} --github' to write it again\n"
        )
