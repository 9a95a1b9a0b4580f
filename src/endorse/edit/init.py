"""``endorse init``: a new statement and its empty signatory list, ready to edit."""

from __future__ import annotations

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
# place = "Phnom Penh"     # printed before the date
# date = 2025-01-31        # a TOML date, without quotes
status = "draft"           # draft, open (accepting signatures), closed, published
lang = "en"

# The text before the lists; separate paragraphs with a blank line.
body = '''
Write the statement here.
'''

# The text after the lists (contact details, links).
closing = '''
'''

# One [[groups]] table per tier of signatories, in print order. Signatories name
# their tier with group = "<id>"; with a single group they may leave it out.
[[groups]]
id = "endorsers"
heading = "This statement is endorsed by:"
order = "name"             # name (alphabetical) or added (by date added)
style = "numbered"         # numbered, bulleted or sentence (with {{signatories}})
"""

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


def statement_text(title: str) -> str:
    return STATEMENT_TEMPLATE.format(title=tomli_w.dumps({"title": title}).rstrip("\n"))


def init_statement(root: Path, slug: str, title: str) -> Scaffold:
    if not SLUG_PATTERN.match(slug):
        raise UsageError(
            f"'{slug}' is not a valid statement slug",
            hint="use lowercase letters, digits and hyphens, like cambodia-2021",
        )
    if not title.strip():
        raise UsageError("--title is empty", hint="give the statement's title, as it should print")
    text = statement_text(title.strip())
    try:
        Statement.model_validate(tomli.loads(text))
    except ValidationError as exc:
        problem = describe(exc, Statement)[0]
        raise UsageError(f"--title: {problem.message}", hint=problem.hint) from None
    statement = root / STATEMENTS / f"{slug}.toml"
    if statement.exists():
        raise WriteRefused(
            f"statement '{slug}' already exists; nothing was written",
            path=relative(statement, root),
            hint="choose another slug, or edit the existing file",
        )
    signatories = root / SIGNATORIES / f"{slug}.toml"
    created, kept = [], []
    write_new(statement, text)
    created.append(relative(statement, root))
    if signatories.exists():
        kept.append(relative(signatories, root))
    else:
        write_new(signatories, SIGNATORIES_HEADER.format(slug=slug) + NEW_SIGNATORY_FILE)
        created.append(relative(signatories, root))
    ignore = root / SIGNATORIES / ".gitignore"
    if not ignore.exists():
        write_new(ignore, GITIGNORE)
        created.append(relative(ignore, root))
    return Scaffold(created, kept)
