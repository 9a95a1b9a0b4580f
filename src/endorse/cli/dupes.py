"""``endorse dupes``: signatories listed twice under two spellings."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from endorse.cli.common import RootOption, handles_errors
from endorse.cli.completion import complete_statement_slug

if TYPE_CHECKING:
    from endorse.matching import DuplicateGroup
    from endorse.project.model import LoadedStatement

    Results = list[tuple[LoadedStatement, list[DuplicateGroup]]]


class Format(StrEnum):
    text = "text"
    json = "json"


@handles_errors
def dupes(
    slugs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SLUG",
            help="Statements to check, as in statements/SLUG.toml (default: all).",
            show_default=False,
            autocompletion=complete_statement_slug,
        ),
    ] = None,
    output_format: Annotated[
        Format,
        typer.Option("--format", "-f", help="text (tables) or json (stable, see docs/dupes.md)."),
    ] = Format.text,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score", min=0.0, max=1.0, help="Only report groups scoring at least this."
        ),
    ] = 0.8,
    root: RootOption = None,
) -> None:
    """Find signatories that are likely listed twice; exit 1 when any are found."""
    from endorse.matching import find_duplicate_groups
    from endorse.matching.report import as_json
    from endorse.project.load import load_project
    from endorse.project.paths import find_root

    # The whole project, so that a mistyped slug gets the list of the real ones.
    project = load_project(find_root(root))
    chosen = [project.get(slug) for slug in slugs] if slugs else list(project.statements.values())
    results: Results = [
        (loaded, find_duplicate_groups(loaded, min_score=min_score)) for loaded in chosen
    ]
    if output_format is Format.json:
        data = [as_json(loaded, groups) for loaded, groups in results]
        shown = data[0] if slugs and len(slugs) == 1 else data
        sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_tables(results)
    if any(groups for _, groups in results):
        raise typer.Exit(1)


def _print_tables(results: Results) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from endorse.matching.report import HINT, group_of

    # soft_wrap: a heading is one line whatever the terminal width, for people and for grep.
    console = Console(highlight=False, soft_wrap=True)
    found = 0
    for loaded, groups in results:
        for number, group in enumerate(groups, start=1):
            found += 1
            console.print(
                Text(
                    f"{loaded.slug}: likely duplicate {number} of {len(groups)}, "
                    f"score {group.score:.2f}: {', '.join(group.reasons)}"
                )
            )
            table = Table()
            # The location is what people act on: it is never cut or wrapped.
            widest = max(len(member.location) for member in group.members)
            table.add_column("name")
            table.add_column("group")
            table.add_column("file:line", no_wrap=True, min_width=widest)
            for member in group.members:
                cells = (
                    member.signatory.display_name,
                    group_of(member, loaded) or "",
                    member.location,
                )
                table.add_row(*(Text(cell) for cell in cells))
            console.print(table)
    statements = f"{len(results)} statement" + ("" if len(results) == 1 else "s")
    if found:
        plural = "group" if found == 1 else "groups"
        console.print(Text(f"{found} {plural} of likely duplicates in {statements}; {HINT}"))
    else:
        console.print(Text(f"ok: no likely duplicates in {statements}"))
