"""``check --pr-author``: a pull request adds or changes only its author's own signature.

What the pull request changed is read from git (``git diff --raw`` from the commit it shares
with ``--since REV``, so links and type changes show), and the old files from that commit. A
pull request by LOGIN may add one new per-signer file signed ``github = "LOGIN"`` (pending),
or change its own file (one whose ``github`` was LOGIN) in the ways a signer may, and add or
change the logo its own file names. Anything else names its path and fails.

A maintainer (listed in the statement's ``maintainers`` at REV, never in the pull request
itself) may change that statement's files as they like; nobody's pull request may commit links,
private files, lock files or the parse cache.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from endorse.errors import EndorseError
from endorse.format.models import LOGO_FOLDER, Signatory, Statement
from endorse.format.problems import Problem
from endorse.format.tomlsource import read_bytes
from endorse.project.cache import LEGACY_FOLDER as CACHE_FOLDER
from endorse.project.model import Entry, LoadedStatement, Project
from endorse.project.paths import PRIVATE_SUFFIX, SIGNATORIES, STATEMENTS
from endorse.project.revision import (
    ChangedFile,
    OldStatement,
    changed_files,
    commit_of,
    distinct_in,
    pull_request_base,
    read_revision,
    signatories_in,
    tables_in,
)

# What only a maintainer sets in a signer's file: its standing, where it came from, and when.
MAINTAINER_KEYS = (
    "status",
    "github",
    "source",
    "added",
    "withdrawn",
    "withdrawn_reason",
    "reinstated",
    "confirmed",
    "group",
)
# What a new signature leaves to maintainers: nobody confirms, withdraws or reinstates themselves.
UNSET_IN_A_NEW_FILE = ("confirmed", "withdrawn", "withdrawn_reason", "reinstated")


@dataclass(frozen=True)
class _Context:
    project: Project
    author: str
    revision: str
    before: dict[str, OldStatement]  # the files where the pull request started
    maintained: frozenset[str]  # slugs whose maintainers (at REV) include the author

    def old(self, slug: str) -> OldStatement:
        return self.before.get(slug, OldStatement(slug))

    def loaded(self, slug: str) -> LoadedStatement:
        return self.project.statements.get(slug, LoadedStatement(slug, Path(STATEMENTS)))


def check_pr_author(project: Project, revision: str, author: str) -> list[Problem]:
    """Every change of the pull request that its author may not make, naming its path."""
    root = project.root
    base = pull_request_base(root, revision)
    before = read_revision(root, base)
    at_revision = read_revision(root, revision) if commit_of(root, revision) != base else before
    maintained = frozenset(
        slug
        for slug, old in at_revision.items()
        if old.statement is not None and old.statement.is_maintainer(author)
    )
    context = _Context(project, author, revision, before, maintained)
    problems: list[Problem] = []
    new_files: list[Problem] = []
    others: list[ChangedFile] = []
    for change in changed_files(root, base):
        hazard = _hazard(change, author)
        if hazard is not None:
            problems.append(hazard)
            continue
        parts = PurePosixPath(change.path).parts if change.inside else ()
        if parts[:1] == (STATEMENTS,) and len(parts) == 2 and change.path.endswith(".toml"):
            slug = parts[1].removesuffix(".toml")
            if slug not in maintained:
                problems.append(_refused("E907", change, author, slug))
        elif parts[:1] == (SIGNATORIES,) and len(parts) == 2 and change.path.endswith(".toml"):
            slug = parts[1].removesuffix(".toml")
            if slug not in maintained:
                problems.append(_refused("E908", change, author, slug))
        elif parts[:1] == (SIGNATORIES,) and len(parts) == 3 and change.path.endswith(".toml"):
            if parts[1] in maintained:
                continue
            problems += _signer_file(context, parts[1], change, new_files)
        else:
            others.append(change)
    if len(new_files) > 1:
        problems += new_files
    own_logos = _own_logos(project, author)
    for change in others:
        if change.path in own_logos and change.status != "D":
            continue
        if not maintained:
            problems.append(_refused("E911", change, author))
    return problems


def _own_logos(project: Project, author: str) -> set[str]:
    """The logos only the author's signatures name: a logo someone else names is theirs too."""
    own: set[str] = set()
    taken: set[str] = set()
    for loaded in project.statements.values():
        for entry in loaded.entries + loaded.invalid:
            logo = entry.signatory.logo
            if logo is None:
                continue
            path = PurePosixPath(logo)
            if len(path.parts) == 2 and path.parts[0] == LOGO_FOLDER:
                (own if _owned_by(entry.signatory, author) else taken).add(path.as_posix())
    return own - taken


# What each refusal of a whole file says after "this pull request by 'LOGIN' ", and its hint;
# {path} is the file, {slug} its statement.
_REFUSALS: dict[str, tuple[str, str]] = {
    "E903": (
        "commits a symbolic link or submodule: endorse would read or write through it",
        "commit the file itself, not a link (git rm --cached {path})",
    ),
    "E904": (
        f"commits a file under {CACHE_FOLDER}/, where endorse once kept its parse cache: no "
        "signature puts anything there",
        f"remove it (git rm -r --cached {CACHE_FOLDER}); endorse keeps its cache in the user's "
        "cache folder",
    ),
    "E905": (
        "commits a lock file, which endorse's write commands open",
        "remove it (git rm --cached {path}); locks are never committed",
    ),
    "E906": (
        "adds or changes a private file: contacts are never committed, and a pull request may "
        "not give anyone a contact",
        "remove it (git rm --cached {path}); send contacts to a maintainer privately",
    ),
    "E907": (
        "changes a statement file (its text, title, status or maintainers): only a maintainer "
        "of the statement may",
        "undo the change to the statement, or ask a maintainer listed in its maintainers to "
        "make it",
    ),
    "E908": (
        "changes the list file, which holds other people's signatures",
        "sign in a file of your own, signatories/{slug}/<name>.toml (the issue form writes "
        "one), and undo the change to the list",
    ),
    "E909": (
        "adds more than one signer file: each signer signs once, in their own pull request",
        "keep one new file in this pull request; others sign through the issue form",
    ),
    "E911": (
        "changes a file outside what a signer may change (their own file under "
        "signatories/<slug>/ and the logo it names)",
        "undo the change to this file, or ask a maintainer to make it",
    ),
}


def _refused(code: str, change: ChangedFile, author: str, slug: str = "<slug>") -> Problem:
    what, hint = _REFUSALS[code]
    if not change.inside:
        what += "; the path is from the repository's top, outside the project"
    return Problem(
        code,
        f"this pull request by '{author}' {what}",
        path=Path(change.path),
        hint=hint.format(path=change.path, slug=slug),
    )


def _hazard(change: ChangedFile, author: str) -> Problem | None:
    """What no pull request may commit, a maintainer's neither."""
    name = PurePosixPath(change.path).name
    if change.is_link:
        return _refused("E903", change, author)
    if CACHE_FOLDER in PurePosixPath(change.path).parts:
        return _refused("E904", change, author)
    if name.endswith(".lock"):
        return _refused("E905", change, author)
    if name.endswith(PRIVATE_SUFFIX):
        return _refused("E906", change, author)
    return None


def _signer_file(
    context: _Context,
    slug: str,
    change: ChangedFile,
    new_files: list[Problem],
) -> list[Problem]:
    before = context.old(slug)
    loaded = context.loaded(slug)
    raw = before.signatory_files.get(change.path)
    was = signatories_in(raw)
    now = [entry for entry in loaded.entries if entry.path.as_posix() == change.path]
    author = context.author
    if raw is not None and tables_in(raw) != len(was):
        # Some signature there did not validate at the base: whose it was, and what it said,
        # is unknown, so only a maintainer changes (or deletes) that file.
        return [_unreadable_at_base(change, author, context.revision)]
    problems = _file_changes(change.path, was, now, author, loaded, context.revision)
    own = [entry for entry in now if _owned_by(entry.signatory, author)]
    written = [
        (tuple(pair.distinct.names), pair.distinct.reason)
        for pair in loaded.distinct
        if pair.path.as_posix() == change.path
    ]
    if written != distinct_in(raw):  # it would silence E301 for any two names it lists
        problems.append(_maintainer_table(change, author))
    if change.status == "A" and raw is None:
        new_files.append(_refused("E909", change, author, slug))
        if not own and not problems:  # nothing valid in it, or nothing this loads
            problems.append(_signs_for_nobody(change, author))
        statement = before.statement
        problems += [
            _maintainer_key(entry, "status", author)
            for entry in own
            if entry.signatory.status != "pending"
        ]
        problems += [
            _maintainer_key(entry, key, author)
            for entry in own
            for key in UNSET_IN_A_NEW_FILE
            if getattr(entry.signatory, key) is not None
        ]
        if statement is not None and statement.public_groups is not None:
            problems += [
                _maintainer_key(entry, "group", author)
                for entry in own
                if statement.group_of(entry.signatory) not in statement.public_groups
            ]
    elif was and all(_owned_by(signatory, author) for signatory in was):
        old = was[0]
        for entry in own:
            problems += [
                _maintainer_key(entry, key, author)
                for key in MAINTAINER_KEYS
                if _value(entry.signatory, key) != _value(old, key)
            ]
    return problems


def _value(signatory: Signatory, key: str) -> object:
    value = getattr(signatory, key)
    return value.casefold() if key == "github" and value is not None else value


def _signs_for_nobody(change: ChangedFile, author: str) -> Problem:
    return Problem(
        "E901",
        f"this pull request by '{author}' adds a signer file that holds no valid signature "
        f"of '{author}' (or one endorse does not read)",
        path=Path(change.path),
        hint=f'a new file holds one [[signatory]] with github = "{author}"; endorse check '
        "lists what is wrong with it",
    )


def _maintainer_key(entry: Entry, key: str, author: str) -> Problem:
    what = {
        "status": 'status = "pending" (a maintainer confirms a signature; nobody confirms '
        "their own)",
        "group": "a group the issue form offers (public_groups)",
    }.get(key, "the value it had")
    return Problem(
        "E910",
        f"'{entry.signatory.name}': this pull request by '{author}' sets '{key}', which only a "
        "maintainer may set",
        path=entry.path,
        line=entry.line,
        hint=f"keep {what}; ask a maintainer for anything else",
    )


def _unreadable_at_base(change: ChangedFile, author: str, revision: str) -> Problem:
    return Problem(
        "E902",
        f"this pull request by '{author}' changes a signer file that does not pass 'endorse "
        f"check' at {revision}: whose signature it holds cannot be told",
        path=Path(change.path),
        hint="a maintainer corrects that file first; then change only your own",
    )


def _maintainer_table(change: ChangedFile, author: str) -> Problem:
    return Problem(
        "E910",
        f"this pull request by '{author}' adds or changes a [[distinct]] record, which only a "
        "maintainer may write",
        path=Path(change.path),
        hint="leave [[distinct]] out; a maintainer records two distinct signers with "
        "'endorse distinct'",
    )


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
    if not problems and any(not _owned_by(signatory, author) for signatory in was):
        # Same signatures, other bytes: a contact or a comment slipped into someone's file.
        owner = next(s for s in was if not _owned_by(s, author))
        problems.append(_changes_someone_else(owner, path, author, revision))
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
