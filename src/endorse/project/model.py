"""A loaded project: statements with their signatory entries, and where each was written."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from endorse.errors import EndorseError, UsageError, location
from endorse.format.models import Distinct, Signatory, Statement
from endorse.format.problems import Problem, Severity
from endorse.format.tomlsource import TomlSource
from endorse.project.paths import no_such_statement

# A file with one of these problems was not read at all: none of its tables were loaded.
UNREAD_CODES = frozenset({"E001", "E002", "E003", "E004", "E005"})


@dataclass(frozen=True)
class Entry:
    """A signatory together with where it was written.

    An entry that failed validation keeps its ``problems``; its ``signatory`` then holds only the
    values that were valid (and the name as written), so that checks and the duplicate engine
    still see it. Such entries are never printed.
    """

    signatory: Signatory
    path: Path
    line: int | None
    position: int  # order of appearance across the statement's files
    problems: tuple[Problem, ...] = ()
    # Every contact the private file keeps for it (a merged entry may have several), the first
    # being ``signatory.contact``; empty when private files were not read or hold none.
    contacts: tuple[str, ...] = ()

    @property
    def shown_contact(self) -> str | None:
        """The contacts as outputs print them with --include-private: all, in order."""
        return "; ".join(self.contacts) if self.contacts else self.signatory.contact

    @property
    def location(self) -> str:
        return location(self.path, self.line)

    @property
    def valid(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class DistinctEntry:
    distinct: Distinct
    path: Path
    line: int | None


@dataclass
class LoadedStatement:
    slug: str
    path: Path  # as shown: relative to the project root
    root: Path = Path()  # the project root, where relative paths (logos/...) start
    statement: Statement | None = None
    entries: list[Entry] = field(default_factory=list)  # the valid entries: what may print
    distinct: list[DistinctEntry] = field(default_factory=list)
    signatory_files: list[Path] = field(default_factory=list)
    invalid: list[Entry] = field(default_factory=list)  # entries that failed validation
    problems: list[Problem] = field(default_factory=list)  # found reading this statement's files
    source: TomlSource | None = field(default=None, repr=False)  # the statement file, parsed
    # Each signatory file as parsed once while loading (by shown path), for the write path.
    sources: dict[Path, TomlSource] = field(default_factory=dict, repr=False)
    # Names spotted by a plain scan in signatory files that do not parse: who is missing.
    unread_names: dict[Path, list[str]] = field(default_factory=dict)

    def require(self) -> Statement:
        if self.statement is None:
            raise UsageError(
                f"statement '{self.slug}' has errors",
                path=self.path,
                hint=f"run 'endorse check' to see them, fix {self.path}, and try again",
            )
        return self.statement

    @property
    def unread_files(self) -> list[Path]:
        """Signatory files that could not be parsed: every entry they hold is missing."""
        return [
            p.path
            for p in self.problems
            if p.code in UNREAD_CODES and p.path is not None and p.path != self.path
        ]

    @property
    def written(self) -> int:
        """Entries written in the files that could be read, valid or not."""
        return len(self.entries) + len(self.invalid)

    def every_entry(self) -> list[Entry]:
        """Valid and invalid entries that have a name, in the order they were written.

        What checks and the duplicate engine look at: a name refused by the format rules is
        still a name someone wrote.
        """
        named = [entry for entry in self.invalid if entry.signatory.name.strip()]
        if not named:
            return self.entries
        return sorted([*self.entries, *named], key=lambda entry: entry.position)

    def with_every_entry(self) -> LoadedStatement:
        """This statement as the checks see it: invalid entries included."""
        if not self.invalid:
            return self
        return dataclasses.replace(self, entries=self.every_entry())

    @property
    def load_errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


@dataclass
class Project:
    root: Path
    statements: dict[str, LoadedStatement] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, slug: str) -> LoadedStatement:
        """The statement ``slug``, loaded without errors; otherwise say what to fix."""
        loaded = self.statements.get(slug)
        if loaded is None:
            raise no_such_statement(self.root, slug)
        if loaded.statement is None:
            own = [p for p in self.problems if p.path == loaded.path]
            raise EndorseError(
                "; ".join(p.message for p in own[:3]) or f"statement '{slug}' has errors",
                path=loaded.path,
                line=own[0].line if own else None,
                hint="fix the statement (endorse check lists every problem) and try again",
            )
        return loaded
