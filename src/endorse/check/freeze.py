"""Freeze after publication: compare the project with its files at a git revision."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from endorse.errors import EndorseError
from endorse.format.models import Signatory
from endorse.format.problems import Problem
from endorse.format.tomlsource import read_bytes
from endorse.project.model import Entry, LoadedStatement, Project
from endorse.project.paths import STATEMENTS
from endorse.project.revision import OldStatement, read_revision

# Everything that prints in a published statement, apart from its signatories.
TEXT_FIELDS = ("title", "place", "date", "lang", "body", "closing", "status")
# What prints of a signatory besides its name and group (which identify it); sort_as moves it.
PRINTED_SIGNATORY_FIELDS = ("acronym", "note", "country", "kind", "names", "sort_as")

Key = tuple[str, str | None]


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


def _unchanged(root: Path, files: dict[str, bytes | None], current: list[Path]) -> bool:
    """The same files with the same bytes as at the revision: nothing to compare."""
    if sorted(files) != sorted(path.as_posix() for path in current):
        return False
    for name, raw in files.items():
        try:  # the one careful reader: a link to /dev/zero or a pipe is refused, not read
            if read_bytes(root / name, within=root) != raw:
                return False
        except EndorseError:
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
