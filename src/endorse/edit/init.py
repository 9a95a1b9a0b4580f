"""``endorse init``: a new statement and its empty signatory list, ready to edit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import tomli
import tomli_w
from pydantic import ValidationError

from endorse.edit.store import NEW_SIGNATORY_FILE, write_new
from endorse.errors import UsageError, WriteRefused
from endorse.format.models import SLUG_PATTERN, Statement
from endorse.format.validation import describe
from endorse.project.paths import SIGNATORIES, STATEMENTS, relative

STATEMENT_TEMPLATE = """\
# The statement: its text and its groups of signatories. See docs/format.md.
schema = 1
{title}
{place}
{date}
status = "draft"           # draft, open (accepting signatures), closed, published
lang = "en"

# The text before the lists; separate paragraphs with a blank line.
{body}

# The text after the lists (contact details, links).
{closing}

# One [[groups]] table per tier of signatories, in print order. Signatories name
# their tier with group = "<id>"; with a single group they may leave it out.
{groups}
# How 'endorse import' reads this statement's form export (docs/format.md#import).
[import]
status = "pending"         # rows arrive pending: 'endorse confirm' them once reviewed
"""

GROUP_TEMPLATE = """\
[[groups]]
{id}
{heading}
order = "name"             # name (alphabetical) or added (by date added)
style = "numbered"         # numbered, bulleted or sentence (with {{signatories}})
"""
# The body `init` writes when given none: `publish` refuses a statement still saying it.
BODY_PLACEHOLDER = "Write the statement here."
DEFAULT_GROUPS = (("endorsers", "This statement is endorsed by:"),)

SIGNATORIES_HEADER = """\
# Signatories of statements/{slug}.toml: one [[signatory]] table each.
# Add them with 'endorse add {slug} NAME' or 'endorse import {slug} FILE.csv'.
"""

# Private files and write locks never belong in a repository.
# Private files and their temporary copies (*.private.toml), lock files, and the temporary copies
# a killed writer may leave (.*.tmp): none of them belongs in git.
GITIGNORE = "*.private.toml\n.*.lock\n.*.tmp\n"


@dataclass(frozen=True)
class Scaffold:
    created: list[Path]
    kept: list[Path]


def _multiline(key: str, text: str | None, placeholder: str) -> str:
    """A multi-line text key; literal quotes unless the text holds them or needs escapes."""
    value = (text or placeholder).strip("\n")
    if "'''" in value or any(c < " " and c not in "\n\t" for c in value):
        return tomli_w.dumps({key: value + "\n"}, multiline_strings=True).rstrip("\n")
    return f"{key} = '''\n{value}\n'''" if value else f"{key} = '''\n'''"


def statement_text(
    title: str,
    *,
    place: str | None = None,
    date: dt.date | None = None,
    body: str | None = None,
    closing: str | None = None,
    groups: tuple[tuple[str, str], ...] = DEFAULT_GROUPS,
) -> str:
    def line(key: str, value: object) -> str:
        return tomli_w.dumps({key: value}).rstrip("\n")

    return STATEMENT_TEMPLATE.format(
        title=line("title", title),
        place=line("place", place)
        if place
        else '# place = "Phnom Penh"     # printed before the date',
        date=line("date", date)
        if date
        else "# date = 2025-01-31        # a TOML date, without quotes",
        body=_multiline("body", body, BODY_PLACEHOLDER),
        closing=_multiline("closing", closing, ""),
        groups="\n".join(
            GROUP_TEMPLATE.format(id=line("id", gid), heading=line("heading", heading))
            for gid, heading in groups
        ),
    )


def parse_groups(items: list[str]) -> tuple[tuple[str, str], ...]:
    """``--group ID=HEADING`` options, in print order."""
    groups = []
    for item in items:
        gid, sep, heading = item.partition("=")
        if not sep or not SLUG_PATTERN.match(gid.strip()) or not heading.strip():
            raise UsageError(
                f"--group {item}: write ID=HEADING, like endorsers='Endorsed by:'",
                hint="the id is lowercase letters, digits and hyphens",
            )
        groups.append((gid.strip(), heading.strip()))
    return tuple(groups) or DEFAULT_GROUPS


def init_statement(
    root: Path,
    slug: str,
    title: str,
    *,
    place: str | None = None,
    date: dt.date | None = None,
    body: str | None = None,
    closing: str | None = None,
    groups: tuple[tuple[str, str], ...] = DEFAULT_GROUPS,
) -> Scaffold:
    if not SLUG_PATTERN.match(slug):
        raise UsageError(
            f"'{slug}' is not a valid statement slug",
            hint="use lowercase letters, digits and hyphens, like cambodia-2021",
        )
    if not title.strip():
        raise UsageError("--title is empty", hint="give the statement's title, as it should print")
    text = statement_text(
        title.strip(), place=place, date=date, body=body, closing=closing, groups=groups
    )
    try:
        Statement.model_validate(tomli.loads(text))
    except ValidationError as exc:
        problem = describe(exc, Statement)[0]
        what = problem.message.split(":", 1)[0]
        option = f"--{what}" if what in ("title", "place", "body", "closing") else "--group"
        raise UsageError(
            f"{option}: {problem.message.removeprefix(what + ': ')}", hint=problem.hint
        ) from None
    statement = root / STATEMENTS / f"{slug}.toml"
    if statement.exists():
        raise WriteRefused(
            f"statement '{slug}' already exists; nothing was written",
            path=relative(statement, root),
            hint="choose another slug, or edit the existing file",
        )
    signatories = root / SIGNATORIES / f"{slug}.toml"
    created, kept = [], []
    write_new(statement, text, within=root)
    created.append(relative(statement, root))
    if signatories.exists():
        kept.append(relative(signatories, root))
    else:
        write_new(
            signatories,
            SIGNATORIES_HEADER.format(slug=slug) + NEW_SIGNATORY_FILE,
            within=root,
        )
        created.append(relative(signatories, root))
    ignore = root / SIGNATORIES / ".gitignore"
    if not ignore.exists():
        write_new(ignore, GITIGNORE, within=root)
        created.append(relative(ignore, root))
    return Scaffold(created, kept)
