"""``endorse edit``: correct a signer's name or details."""

from __future__ import annotations

from typing import Annotated

import typer

from endorse.cli.changed import DryRunOption, LineOption, report
from endorse.cli.common import DEFAULT_WAIT_SECONDS, RootOption, WaitOption, handles_errors
from endorse.cli.completion import SlugArgument


@handles_errors
def edit(
    slug: SlugArgument,
    name: Annotated[str, typer.Argument(help="The signatory's name (or acronym, or alias).")],
    new_name: Annotated[
        str | None, typer.Option("--name", help="The corrected name; the old one becomes an alias.")
    ] = None,
    acronym: Annotated[str | None, typer.Option("--acronym", help="Printed as Name (A).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Printed after the name.")] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="A country name or ISO 3166 code.")
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="organization or individual.")] = None,
    name_in: Annotated[
        list[str] | None,
        typer.Option(
            "--name-in", metavar="LANG=NAME", help="The name in another language; repeatable."
        ),
    ] = None,
    add_alias: Annotated[
        list[str] | None, typer.Option("--add-alias", help="Another name; repeatable.")
    ] = None,
    added: Annotated[
        str | None,
        typer.Option("--added", metavar="YYYY-MM-DD", help="The day they signed."),
    ] = None,
    add_contact: Annotated[
        str | None,
        typer.Option(
            "--add-contact",
            metavar="EMAIL",
            help="Another e-mail for them, kept in the private file (never printed).",
        ),
    ] = None,
    line: LineOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Rename even to a name like another signatory's; change what a published "
            "statement printed (a note of it is written in the file).",
        ),
    ] = False,
    dry_run: DryRunOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Correct a signatory in place; every other line of the file stays as it was."""
    from endorse.edit.edit_entry import Corrections, edit_entry
    from endorse.edit.signers import given_date
    from endorse.project.paths import find_root

    corrections = Corrections(
        name=new_name,
        acronym=acronym,
        note=note,
        country=country,
        kind=kind,
        names=tuple(name_in or ()),
        add_aliases=tuple(add_alias or ()),
        added=given_date(added, "--added"),
        add_contact=add_contact,
    )
    changed = edit_entry(
        find_root(root), slug, name, corrections, line=line, force=force, dry_run=dry_run, wait=wait
    )
    report(changed)
