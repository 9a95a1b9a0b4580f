"""Private fields kept outside the public files: signatories/SLUG.private.toml, merged by name."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pydantic import ValidationError

from endorse.format.models import PrivateEntry, PrivateFile
from endorse.format.problems import Problem
from endorse.format.tomlsource import load
from endorse.format.validation import problems_from
from endorse.project.model import LoadedStatement, Project
from endorse.project.names import fold
from endorse.project.paths import journal_file, private_file, relative


def _exists(path: Path) -> bool:
    """Present in any form (reading it then says if it is no file); False when unreadable,
    since the folder that hides it is reported already."""
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return False


def merge_private(root: Path, project: Project) -> None:
    """Give each entry the private fields its private file holds, when that file exists."""
    for loaded in project.statements.values():
        path = private_file(root, loaded.slug)
        if _exists(path):
            project.problems.extend(merge_file(path, relative(path, root), loaded))
        journal = journal_file(root, loaded.slug)
        if _exists(journal):
            project.problems.append(
                Problem(
                    "E221",
                    "an endorse command was stopped while writing this statement's files: "
                    "they may show its change half done",
                    path=relative(journal, root),
                    hint=f"run 'endorse open {loaded.slug} --dry-run' (any write command, even "
                    "a dry run, finishes the interrupted write first), then check again",
                )
            )


def merge_file(path: Path, shown: Path, loaded: LoadedStatement) -> list[Problem]:
    source = load(path, within=path.parent.parent)
    if isinstance(source, Problem):
        return [dataclasses.replace(source, path=shown)]
    source.path = shown
    try:
        private = PrivateFile.model_validate(source.data)
    except ValidationError as exc:
        return problems_from(exc, PrivateFile, source)
    exact: dict[str, int] = {}
    folded: dict[str, int] = {}
    # Invalid entries count as matches (they get no contact): their contact is not astray.
    for position, entry in enumerate(loaded.entries + loaded.invalid):
        exact.setdefault(entry.signatory.name, position)
        folded.setdefault(fold(entry.signatory.name), position)
    # A public file that could not be read matches nothing: warning about every private entry
    # would only invite deleting contacts that are fine.
    report_unmatched = not loaded.unread_files
    problems: list[Problem] = []
    for number, item in enumerate(private.signatory):
        index: int | None = exact.get(item.name)
        if index is None:
            index = folded.get(fold(item.name))
        if index is None and report_unmatched:
            problems.append(
                _unmatched(item, loaded.slug, shown, source.line_of(("signatory", number)))
            )
            continue
        if index is None or index >= len(loaded.entries):
            continue
        entry = loaded.entries[index]
        # Several private entries may meet one signer (names that fold alike): all count.
        contacts = tuple(dict.fromkeys([*entry.contacts, *item.all_contacts]))
        if contacts:
            signatory = entry.signatory.model_copy(update={"contact": contacts[0]})
            loaded.entries[index] = dataclasses.replace(
                entry, signatory=signatory, contacts=contacts
            )
    return problems


def _unmatched(item: PrivateEntry, slug: str, shown: Path, line: int | None) -> Problem:
    """A private entry that matches no signatory: an error when it holds a contact (nothing
    would ever show or reach it), a warning when it holds nothing but a name."""
    if not item.all_contacts:
        return Problem(
            "W210",
            f"private entry '{item.name}' matches no signatory of '{slug}'",
            path=shown,
            line=line,
            hint="write the name exactly as in the public file, or remove the entry",
        )
    return Problem(
        "E220",
        f"the contact of private entry '{item.name}' is detached: no signatory of '{slug}' "
        "has that name",
        path=shown,
        line=line,
        hint="write the signer's name exactly as in the public file (or add the signer); "
        "remove the entry only if the contact is no longer needed",
    )
