"""``check --pr-author``: a pull request adds or changes only its author's own signature.

Compared with the files at ``--since REV`` (read by the git plumbing of ``freeze``). The
maintainers are those listed at REV, so a pull request cannot make its author one.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from endorse.errors import EndorseError
from endorse.format.models import Signatory, Statement
from endorse.format.problems import Problem
from endorse.format.tomlsource import read_bytes
from endorse.project.model import Entry, LoadedStatement, Project
from endorse.project.paths import STATEMENTS
from endorse.project.revision import OldStatement, read_revision, signatories_in


def check_pr_author(project: Project, revision: str, author: str) -> list[Problem]:
    """E901 for each signature added or changed for someone other than ``author``, E902 for
    each signature of someone else changed or removed; nothing when ``author`` maintains it."""
    old = read_revision(project.root, revision)
    problems: list[Problem] = []
    for slug in sorted(set(old) | set(project.statements)):
        before = old.get(slug, OldStatement(slug))
        if before.statement is not None and before.statement.is_maintainer(author):
            continue
        loaded = project.statements.get(slug, LoadedStatement(slug, Path(STATEMENTS)))
        problems += _statement_changes(project.root, before, loaded, author, revision)
    return problems


def _statement_changes(
    root: Path, before: OldStatement, loaded: LoadedStatement, author: str, revision: str
) -> list[Problem]:
    entries_by_file: dict[str, list[Entry]] = {}
    for entry in loaded.entries:
        entries_by_file.setdefault(entry.path.as_posix(), []).append(entry)
    paths = set(before.signatory_files) | {path.as_posix() for path in loaded.signatory_files}
    problems = []
    for path in sorted(paths):
        raw = before.signatory_files.get(path)
        if raw is not None and _same_bytes(root / path, raw):
            continue
        problems += _file_changes(
            path, signatories_in(raw), entries_by_file.get(path, []), author, loaded, revision
        )
    return problems


def _same_bytes(path: Path, raw: bytes) -> bool:
    try:  # the one careful reader (issue 22): never a pipe, a device or a link out of the project
        return read_bytes(path) == raw
    except EndorseError:
        return False


def _key(signatory: Signatory) -> str:
    # Contacts are merged in from the private file after loading; they are not in git.
    return json.dumps(signatory.model_dump(mode="json", exclude={"contact"}), sort_keys=True)


def _owned_by(signatory: Signatory, author: str) -> bool:
    return signatory.github is not None and signatory.github.casefold() == author.casefold()


def _file_changes(
    path: str,
    was: list[Signatory],
    now: list[Entry],
    author: str,
    loaded: LoadedStatement,
    revision: str,
) -> list[Problem]:
    remaining = Counter(_key(signatory) for signatory in was)
    problems = []
    reported: set[str] = set()
    for entry in now:
        key = _key(entry.signatory)
        if remaining[key] > 0:
            remaining[key] -= 1
            continue
        if not _owned_by(entry.signatory, author):
            reported.add(entry.signatory.name)
            problems.append(_signs_for_someone_else(entry, author, loaded.statement, loaded.slug))
    for signatory in was:
        key = _key(signatory)
        if remaining[key] <= 0:
            continue
        remaining[key] -= 1
        if not _owned_by(signatory, author) and signatory.name not in reported:
            problems.append(_changes_someone_else(signatory, path, author, revision))
    return problems


def _signs_for_someone_else(
    entry: Entry, author: str, statement: Statement | None, slug: str
) -> Problem:
    signatory = entry.signatory
    who = (
        f"is signed as GitHub user '{signatory.github}'"
        if signatory.github
        else "has no github key"
    )
    if statement is not None and statement.maintainers:
        others = f"or a maintainer ({', '.join(statement.maintainers)}) adds them"
    else:
        others = (
            f"statements/{slug}.toml lists no maintainers (maintainers = [...]) who may add them"
        )
    return Problem(
        "E901",
        f"'{signatory.name}' {who}, but this pull request is by '{author}': "
        "it signs for someone else",
        path=entry.path,
        line=entry.line,
        hint=f'sign only as yourself (github = "{author}"); others sign through the issue '
        f"form, {others}",
    )


def _changes_someone_else(signatory: Signatory, path: str, author: str, revision: str) -> Problem:
    owner = f"GitHub user '{signatory.github}'" if signatory.github else "no GitHub user"
    return Problem(
        "E902",
        f"'{signatory.name}' (signed by {owner}) was changed or removed by this pull request "
        f"by '{author}'",
        path=Path(path),
        hint=f"only its signer or a maintainer may change a signature: undo it "
        f"(git diff {revision} -- {path})",
    )
