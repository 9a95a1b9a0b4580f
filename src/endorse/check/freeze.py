"""Freeze after publication: compare the project with its files at a git revision."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from endorse.errors import UsageError
from endorse.format.models import Signatory, Statement
from endorse.format.problems import Problem
from endorse.project.git import run_git
from endorse.project.model import Entry, LoadedStatement, Project
from endorse.project.paths import PRIVATE_SUFFIX, SIGNATORIES, STATEMENTS

# Everything that prints in a published statement, apart from its signatories.
TEXT_FIELDS = ("title", "place", "date", "lang", "body", "closing", "status")
# What prints of a signatory besides its name and group (which identify it); sort_as moves it.
PRINTED_SIGNATORY_FIELDS = ("acronym", "note", "country", "kind", "names", "sort_as")
SHALLOW_HINT = (
    "CI checkouts are often shallow: fetch the history first "
    "(actions/checkout with fetch-depth: 0, or git fetch --unshallow)"
)

Key = tuple[str, str | None]


@dataclass
class OldStatement:
    """A statement as it stood at the revision (only its parts that were valid then)."""

    slug: str
    statement: Statement | None = None
    statement_file: bytes | None = None
    signatory_files: dict[str, bytes | None] = field(default_factory=dict)

    @property
    def signatories(self) -> list[Signatory]:
        """Parsed on first use: only frozen statements whose files changed need them."""
        if self._signatories is None:
            self._signatories = []
            for raw in self.signatory_files.values():
                self._signatories += signatories_in(raw)
        return self._signatories

    _signatories: list[Signatory] | None = field(default=None, repr=False)

    @property
    def status(self) -> str:
        return self.statement.status if self.statement is not None else "draft"

    @property
    def is_frozen(self) -> bool:
        return self.statement is not None and self.statement.is_frozen

    def group_of(self, signatory: Signatory) -> str | None:
        if self.statement is None:
            return signatory.group
        return self.statement.group_of(signatory)


def check_since(project: Project, revision: str) -> list[Problem]:
    """Problems in changes since ``revision`` to closed and published statements."""
    old = read_revision(project.root, revision)
    problems: list[Problem] = []
    for slug, before in sorted(old.items()):
        if not before.is_frozen:
            continue
        loaded = project.statements.get(slug)
        if loaded is None:
            problems.append(
                Problem(
                    "E701",
                    f"the {before.status} statement '{slug}' was deleted since {revision}",
                    path=Path(STATEMENTS) / f"{slug}.toml",
                    hint=f"restore it: git checkout {revision} -- {STATEMENTS}/{slug}.toml",
                )
            )
            continue
        if loaded.statement is None:
            continue  # its own errors are reported already
        statement_file = {loaded.path.as_posix(): before.statement_file}
        if before.status == "published" and not _unchanged(
            project.root, statement_file, [loaded.path]
        ):
            problems += _text_changes(before, loaded, project.root, revision)
        if not _unchanged(project.root, before.signatory_files, loaded.signatory_files):
            problems += _signatory_changes(before, loaded, revision)
    return problems


def _git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    done = run_git(root, *args, input=input)
    if done is None:
        raise UsageError(
            "--since needs git, and git is not installed here",
            hint="install git, or run endorse check without --since",
        )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


class _GitFailed(Exception):
    pass


def read_revision(root: Path, revision: str) -> dict[str, OldStatement]:
    """The statements and signatories at ``revision``, read with git, no checkout."""
    try:
        prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    except _GitFailed as exc:
        raise UsageError(
            f"--since needs a git repository, and {root} is not in one ({exc})",
            hint="run it inside the repository's clone",
        ) from None
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except _GitFailed:
        shallow = _git(root, "rev-parse", "--is-shallow-repository").decode().strip()
        note = " This clone is shallow." if shallow == "true" else ""
        raise UsageError(
            f"git does not know the revision '{revision}'.{note}",
            hint=f"check the name (a branch, tag or commit); {SHALLOW_HINT}",
        ) from None
    listing = _git(
        root,
        "ls-tree",
        "-r",
        "-z",
        "--full-name",
        revision,
        "--",
        STATEMENTS,
        SIGNATORIES,
    )
    wanted, objects = [], []
    for record in listing.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, path = record.partition("\t")
        kind_and_object = meta.split()[1:]
        relative = path.removeprefix(prefix)
        if kind_and_object[:1] != ["blob"] or not relative.endswith(".toml"):
            continue
        if not relative.endswith(PRIVATE_SUFFIX):
            wanted.append(relative)
            objects.append(kind_and_object[1])
    contents = _read_blobs(root, objects)
    return _assemble(zip(wanted, contents, strict=True))


def _read_blobs(root: Path, objects: list[str]) -> list[bytes | None]:
    """All files in one ``git cat-file --batch`` call: thousands of signer files stay fast.

    Asked for by object id, not by ``REV:path``: git resolves each path from the top tree, which
    in a folder of 10,000 signer files took 40 s where object ids take 0.1 s.
    """
    if not objects:
        return []
    output = _git(root, "cat-file", "--batch", input="".join(f"{o}\n" for o in objects).encode())
    contents: list[bytes | None] = []
    position = 0
    for _ in objects:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            contents.append(None)
            continue
        size = int(header[2])
        contents.append(output[position : position + size])
        position += size + 1
    return contents


def _parse(raw: bytes | None) -> dict[str, Any]:
    import tomli

    if raw is None:
        return {}
    try:
        return tomli.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError):
        return {}


def _assemble(files: Iterable[tuple[str, bytes | None]]) -> dict[str, OldStatement]:
    from pydantic import ValidationError

    statements: dict[str, OldStatement] = {}
    for path, raw in files:
        parts = path.split("/")
        if parts[0] == STATEMENTS and len(parts) == 2:
            slug = parts[1].removesuffix(".toml")
            old = statements.setdefault(slug, OldStatement(slug))
            old.statement_file = raw
            try:
                old.statement = Statement.model_validate(_parse(raw))
            except ValidationError:
                old.statement = None
        elif parts[0] == SIGNATORIES and len(parts) in (2, 3):
            slug = parts[1].removesuffix(".toml") if len(parts) == 2 else parts[1]
            statements.setdefault(slug, OldStatement(slug)).signatory_files[path] = raw
    return statements


def signatories_in(raw: bytes | None) -> list[Signatory]:
    """The valid signatories of one file as it was at the revision."""
    return _valid_signatories(_parse(raw).get("signatory"))


def _valid_signatories(tables: Any) -> list[Signatory]:
    from pydantic import TypeAdapter, ValidationError

    if not isinstance(tables, list):
        return []
    try:  # one call for the whole list is much faster than one per table
        return TypeAdapter(list[Signatory]).validate_python(tables)
    except ValidationError:
        pass
    kept = []
    for table in tables:
        try:
            kept.append(Signatory.model_validate(table))
        except ValidationError:
            continue
    return kept


def _unchanged(root: Path, files: dict[str, bytes | None], current: list[Path]) -> bool:
    """The same files with the same bytes as at the revision: nothing to compare."""
    if sorted(files) != sorted(path.as_posix() for path in current):
        return False
    for name, raw in files.items():
        try:
            if (root / name).read_bytes() != raw:
                return False
        except OSError:
            return False
    return True


def _text_changes(
    before: OldStatement, loaded: LoadedStatement, root: Path, revision: str
) -> list[Problem]:
    if before.statement is None:
        return []
    was = before.statement.model_dump()
    now = loaded.require().model_dump()
    source = loaded.source

    def line(*loc: str | int) -> int | None:
        return source.line_of(loc) if source is not None else None

    problems = [
        _text_changed(loaded, key, line(key), revision)
        for key in TEXT_FIELDS
        if was[key] != now[key]
    ]
    for index in range(max(len(was["groups"]), len(now["groups"]))):
        old_group = was["groups"][index] if index < len(was["groups"]) else None
        new_group = now["groups"][index] if index < len(now["groups"]) else None
        if old_group != new_group:
            label = f"group {index + 1} ('{(new_group or old_group or {}).get('id')}')"
            problems.append(_text_changed(loaded, label, line("groups", index), revision))
    was_translations, now_translations = was["translations"], now["translations"]
    for lang in sorted(set(was_translations) | set(now_translations)):
        old_text = was_translations.get(lang) or {}
        new_text = now_translations.get(lang) or {}
        if old_text == new_text:
            continue
        parts = _changed_parts(old_text, new_text)
        where = line("translations", lang, *parts[0].split(".")) if parts else None
        label = f"the '{lang}' translation ({', '.join(parts) or 'added or removed'})"
        problems.append(_text_changed(loaded, label, where or line("translations", lang), revision))
    return problems


def _changed_parts(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """``title``, ``headings.speakers``...: the parts of a translation that differ."""
    parts = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if isinstance(before, dict) or isinstance(after, dict):
            before, after = before or {}, after or {}
            parts += [
                f"{key}.{k}"
                for k in sorted(set(before) | set(after))
                if before.get(k) != after.get(k)
            ]
        else:
            parts.append(key)
    return parts


def _text_changed(loaded: LoadedStatement, what: str, line: int | None, revision: str) -> Problem:
    return Problem(
        "E701",
        f"{what} of the published statement '{loaded.slug}' changed since {revision}",
        path=loaded.path,
        line=line,
        hint=f"a published text stays as published: undo the change (git diff {revision} -- "
        f"{loaded.path.as_posix()}), or publish a corrected statement under a new slug",
    )


def _signatory_changes(
    before: OldStatement, loaded: LoadedStatement, revision: str
) -> list[Problem]:

    statement = loaded.require()
    old_by_key: dict[Key, list[Signatory]] = {}
    for signatory in before.signatories:
        old_by_key.setdefault((signatory.name, before.group_of(signatory)), []).append(signatory)
    remaining = Counter({key: len(found) for key, found in old_by_key.items()})
    problems = []
    for entry in loaded.entries:
        key = (entry.signatory.name, statement.group_of(entry.signatory))
        if remaining[key] <= 0:
            problems.append(
                Problem(
                    "E702",
                    f"'{entry.signatory.name}' was added to the {before.status} statement "
                    f"'{loaded.slug}' after {revision}",
                    path=entry.path,
                    line=entry.line,
                    hint="a closed or published statement takes no new signatories: remove the "
                    'entry, or reopen the statement (status = "open") if it is not published',
                )
            )
            continue
        old = old_by_key[key][len(old_by_key[key]) - remaining[key]]
        remaining[key] -= 1
        problems += _entry_changes(before, loaded, entry, old, revision)
    for (name, group), count in sorted(remaining.items(), key=lambda item: str(item[0])):
        for _ in range(count):
            problems.append(
                Problem(
                    "E703",
                    f"'{name}'{f' (group {group})' if group else ''} was deleted from the "
                    f"{before.status} statement '{loaded.slug}' since {revision}",
                    path=loaded.signatory_files[0] if loaded.signatory_files else loaded.path,
                    hint="restore the entry; to take a signature back, keep it with "
                    'status = "withdrawn" and a withdrawn date',
                )
            )
    return problems


def _entry_changes(
    before: OldStatement, loaded: LoadedStatement, entry: Entry, old: Signatory, revision: str
) -> list[Problem]:
    signatory = entry.signatory
    if signatory.status != old.status:
        if signatory.status == "withdrawn":
            return [
                Problem(
                    "N701",
                    f"'{signatory.name}' withdrew from the {before.status} statement "
                    f"'{loaded.slug}' since {revision}",
                    path=entry.path,
                    line=entry.line,
                )
            ]
        what = f"status ({old.status} -> {signatory.status})"
        return [_signatory_changed(before, loaded, entry, what, revision)]
    if before.status != "published":
        return []
    changed = []
    for key in PRINTED_SIGNATORY_FIELDS:
        was_value, now_value = getattr(old, key), getattr(signatory, key)
        if was_value == now_value:
            continue
        if key == "names":  # written name_<lang> in the files
            langs = sorted(
                lang
                for lang in {*was_value, *now_value}
                if was_value.get(lang) != now_value.get(lang)
            )
            changed += [f"name_{lang}" for lang in langs]
        else:
            changed.append(key)
    if changed:
        return [_signatory_changed(before, loaded, entry, ", ".join(changed), revision)]
    return []


def _signatory_changed(
    before: OldStatement, loaded: LoadedStatement, entry: Entry, what: str, revision: str
) -> Problem:
    return Problem(
        "E704",
        f"'{entry.signatory.name}': {what} changed since {revision} in the "
        f"{before.status} statement '{loaded.slug}'",
        path=entry.path,
        line=entry.line,
        hint='undo the change; only a withdrawal (status = "withdrawn") may follow publication',
    )
