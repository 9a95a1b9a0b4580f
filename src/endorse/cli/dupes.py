"""``endorse dupes``: signatories listed twice under two spellings."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from endorse.cli.common import RootOption, handles_errors
from endorse.cli.completion import complete_statement_slug
from endorse.errors import printable
from endorse.format.jsontext import indented

if TYPE_CHECKING:
    from endorse.matching import DuplicateGroup
    from endorse.project.model import LoadedStatement

    Results = list[tuple[LoadedStatement, list[DuplicateGroup]]]
    Review = list[list[DuplicateGroup]]


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
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Also list possible duplicates scoring below --min-score, for a person to "
            "decide (they never change the exit code).",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Find signatories that are likely listed twice; exit 1 when any are found."""
    from endorse.check.findings import find_duplicate_groups, find_duplicates_for_review
    from endorse.matching.report import as_json
    from endorse.project.load import load_project
    from endorse.project.paths import find_root

    # The whole project, so that a mistyped slug gets the list of the real ones.
    project = load_project(find_root(root))
    chosen = [project.get(slug) for slug in slugs] if slugs else list(project.statements.values())
    # Entries refused by the format rules are compared too: a name with a zero-width space
    # is still a name someone wrote twice.
    results: Results = []
    possible: Review = []
    for loaded in chosen:
        everything = loaded.with_every_entry()
        if review:
            likely, maybe = find_duplicates_for_review(everything, min_score=min_score)
            results.append((loaded, likely))
            possible.append(maybe)
        else:
            results.append((loaded, find_duplicate_groups(everything, min_score=min_score)))
    if output_format is Format.json:
        data = [
            {
                **as_json(loaded, groups, possible[number] if review else None),
                **_format_problems(loaded),
            }
            for number, (loaded, groups) in enumerate(results)
        ]
        shown = data[0] if slugs and len(slugs) == 1 else data
        sys.stdout.write(indented(shown) + "\n")
    else:
        _print_tables(results, possible if review else None)
    # Duplicates found, or a file not read at all: its entries were not compared, so no "ok".
    if any(groups for _, groups in results) or any(loaded.unread_files for loaded in chosen):
        raise typer.Exit(1)


def _format_problems(loaded: LoadedStatement) -> dict[str, object]:
    """Entries compared despite format problems, and files not read at all; only when any."""
    if not loaded.invalid and not loaded.unread_files:
        return {}
    return {
        "invalid_entries": len(loaded.invalid),
        "unread_files": [path.as_posix() for path in loaded.unread_files],
    }


def _format_note(loaded: LoadedStatement) -> str | None:
    invalid, unread = len(loaded.invalid), loaded.unread_files
    if not invalid and not unread:
        return None
    parts = []
    if invalid:
        parts.append(
            f"{invalid} entr{'y' if invalid == 1 else 'ies'} also "
            f"{'has' if invalid == 1 else 'have'} format problems (compared all the same)"
        )
    if unread:
        files = ", ".join(path.as_posix() for path in unread)
        parts.append(f"could not read {files}, so its entries were not compared")
    return f"{loaded.slug}: {'; '.join(parts)}; endorse check lists every problem"


TABLE_COLUMNS = ("name", "group", "file:line", "linked to")
# A heading line, or one group's table: its rows of (name, group, file:line), and for a group
# of three or more, the member whose link brought each one in, and why.
Block = str | list[tuple[str, ...]]


def _print_tables(results: Results, possible: Review | None = None) -> None:
    from endorse.cli import common

    blocks = _blocks(results, possible)
    if common.stdout_is_terminal():
        _draw_with_rich(blocks)
        return
    # A pipe or a file: the same lines, each table as plain aligned columns (Rich spent 7.7 s of
    # 20 s drawing the tables of 100,000 signatories).
    from endorse.render.columns import aligned

    parts = []
    for block in blocks:
        if isinstance(block, str):
            parts.append(block + "\n")
        else:
            parts.append(aligned(TABLE_COLUMNS[: len(block[0])], block) + "\n")
    sys.stdout.write("".join(parts))


def _draw_with_rich(blocks: list[Block]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # soft_wrap: a heading is one line whatever the terminal width, for people and for grep.
    console = Console(highlight=False, soft_wrap=True)
    for block in blocks:
        if isinstance(block, str):
            console.print(Text(block))
            continue
        table = Table()
        # The location is what people act on: it is never cut or wrapped.
        widest = max(len(cells[2]) for cells in block)
        table.add_column(TABLE_COLUMNS[0])
        table.add_column(TABLE_COLUMNS[1])
        table.add_column(TABLE_COLUMNS[2], no_wrap=True, min_width=widest)
        if len(block[0]) > 3:
            table.add_column(TABLE_COLUMNS[3])
        for cells in block:
            table.add_row(*(Text(cell) for cell in cells))
        console.print(table)


def _blocks(results: Results, possible: Review | None) -> list[Block]:
    from endorse.matching.report import HINT, REVIEW_HINT

    blocks: list[Block] = []
    found = 0
    for loaded, groups in results:
        for number, group in enumerate(groups, start=1):
            found += 1
            what = f"likely duplicate {number} of {len(groups)}"
            blocks += _group_blocks(loaded, group, what)
    reviewed = 0
    for (loaded, _), maybe in zip(results, possible or [], strict=False):
        for number, group in enumerate(maybe, start=1):
            reviewed += 1
            blocks += _group_blocks(loaded, group, f"possible duplicate {number} of {len(maybe)}")
    for loaded, _ in results:
        note = _format_note(loaded)
        if note:
            blocks.append(note)
    statements = f"{len(results)} statement" + ("" if len(results) == 1 else "s")
    if found:
        plural = "group" if found == 1 else "groups"
        blocks.append(f"{found} {plural} of likely duplicates in {statements}; {HINT}")
    elif any(loaded.unread_files for loaded, _ in results):
        blocks.append(f"no likely duplicates among the entries read in {statements}")
    else:
        blocks.append(f"ok: no likely duplicates in {statements}")
    if possible is not None:
        if reviewed:
            plural = "pair" if reviewed == 1 else "pairs"
            blocks.append(f"{reviewed} possible duplicate {plural} to review; {REVIEW_HINT}")
        else:
            blocks.append("no possible duplicates to review")
    return blocks


def _group_blocks(loaded: LoadedStatement, group: DuplicateGroup, what: str) -> list[Block]:
    from endorse.matching.report import group_of

    heading = f"{loaded.slug}: {what}, score {group.score:.2f}: {', '.join(group.reasons)}"
    rows: list[tuple[str, ...]] = [
        (
            printable(member.signatory.display_name),
            printable(group_of(member, loaded) or ""),
            printable(member.location),
        )
        for member in group.members
    ]
    if len(group.members) > 2 and group.links:
        # One body's spellings joined link by link: which member brought each one in.
        rows = [
            (
                *row,
                "" if link is None else printable(f"{link.to.location}: {', '.join(link.reasons)}"),
            )
            for row, link in zip(rows, group.links, strict=True)
        ]
    return [heading, rows]
