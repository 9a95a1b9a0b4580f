"""``endorse add``: add one signatory, safely."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from endorse.cli.common import (
    DEFAULT_WAIT_SECONDS,
    RootOption,
    StrictOption,
    WaitOption,
    handles_errors,
)
from endorse.cli.completion import GroupOption, SlugArgument
from endorse.errors import location, printable


@handles_errors
def add(
    slug: SlugArgument,
    name: Annotated[str, typer.Argument(help="The name as it should print.")],
    group: GroupOption = None,
    acronym: Annotated[str | None, typer.Option("--acronym", help="Printed as Name (A).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Printed after the name.")] = None,
    country: Annotated[
        str | None,
        typer.Option("--country", help="A country name or ISO 3166 code (KH, KHM, Cambodia)."),
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="organization (default) or individual.")
    ] = None,
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="Another name of the signer; repeatable.")
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option("--contact", help="E-mail; kept in the git-ignored SLUG.private.toml."),
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="confirmed (default) or pending.")
    ] = None,
    added: Annotated[
        str | None,
        typer.Option("--added", metavar="YYYY-MM-DD", help="The day they signed (default: today)."),
    ] = None,
    name_in: Annotated[
        list[str] | None,
        typer.Option(
            "--name-in", metavar="LANG=NAME", help="The name in another language; repeatable."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be added; write nothing.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Add despite a likely duplicate or a closed statement."),
    ] = False,
    file_per_signer: Annotated[
        bool,
        typer.Option("--file-per-signer", help="Write signatories/SLUG/<name>.toml."),
    ] = False,
    strict: StrictOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    root: RootOption = None,
) -> None:
    """Add one signatory to a statement; refuses likely duplicates and invalid input."""
    from endorse.edit.add import NewSignatory, add_signatory
    from endorse.edit.signers import country_notice, given_date, translated_names
    from endorse.project.paths import find_root

    wanted = NewSignatory(
        name=name,
        group=group,
        acronym=acronym,
        note=note,
        country=country,
        kind=kind,
        aliases=tuple(alias or ()),
        contact=contact,
        status=status,
        added=given_date(added, "--added"),
        names=translated_names(name_in or []),
    )
    addition = add_signatory(
        find_root(root),
        slug,
        wanted,
        force=force,
        dry_run=dry_run,
        file_per_signer=file_per_signer,
        wait=wait,
        strict=strict,
    )
    for warning in addition.warnings:  # what check will warn about: fix it now, not in CI
        sys.stderr.write(f"endorse: warning: {addition.path}: {printable(warning)}\n")
    if dry_run:
        sys.stdout.write(f"# would append to {addition.path} (nothing written)\n{addition.text}")
        if addition.private_path is not None:
            contact_table = addition.private_text or ""
            sys.stdout.write(
                f"# and the contact to {addition.private_path}\n"
                f"{contact_table[contact_table.rfind('[[signatory]]') :]}"
            )
        return
    notice = country_notice(wanted)
    if notice is not None:
        sys.stdout.write(f"note: {notice}\n")
    sys.stdout.write(
        f"added '{addition.signatory.name}' to {location(addition.path, addition.line)}\n"
    )
    if addition.private_path is not None:
        sys.stdout.write(f"contact kept in {addition.private_path} (keep it out of git)\n")
