"""Shell completion of statement slugs and group ids, for any command to reuse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer


def _root(ctx: typer.Context) -> Path | None:
    from endorse.errors import EndorseError
    from endorse.project.paths import find_root

    root = ctx.params.get("root")
    try:
        return find_root(Path(root) if root else None)
    except EndorseError:
        return None


def statement_slugs(root: Path) -> list[str]:
    return sorted(path.stem for path in (root / "statements").glob("*.toml"))


def group_ids(root: Path, slug: str | None = None) -> list[str]:
    """Group ids of one statement (or of all), read leniently: completion must never fail."""
    import tomli

    from endorse.errors import EndorseError
    from endorse.format.tomlsource import read_text

    paths = [root / "statements" / f"{slug}.toml"] if slug else []
    if not paths or not paths[0].is_file():
        paths = sorted((root / "statements").glob("*.toml"))
    found: set[str] = set()
    for path in paths:
        try:
            # The one careful reader: a statement that is a pipe cannot hang the shell.
            groups: Any = tomli.loads(read_text(path, within=root)).get("groups")
        except (EndorseError, tomli.TOMLDecodeError, RecursionError):
            continue
        for group in groups if isinstance(groups, list) else []:
            if isinstance(group, dict) and isinstance(group.get("id"), str):
                found.add(group["id"])
    return sorted(found)


def complete_statement_slug(ctx: typer.Context, incomplete: str) -> list[str]:
    root = _root(ctx)
    if root is None:
        return []
    return [slug for slug in statement_slugs(root) if slug.startswith(incomplete)]


def complete_group_id(ctx: typer.Context, incomplete: str) -> list[str]:
    root = _root(ctx)
    if root is None:
        return []
    slug = ctx.params.get("slug")
    ids = group_ids(root, slug if isinstance(slug, str) else None)
    return [group for group in ids if group.startswith(incomplete)]


SlugArgument = Annotated[
    str,
    typer.Argument(
        metavar="SLUG",
        help="The statement, as named in statements/SLUG.toml.",
        autocompletion=complete_statement_slug,
    ),
]

GroupOption = Annotated[
    str | None,
    typer.Option(
        "--group",
        help="A group id of the statement (its tier).",
        autocompletion=complete_group_id,
        show_default=False,
    ),
]
