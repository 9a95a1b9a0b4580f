"""A loaded project: statements with their signatory entries, and where each was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from endorse.errors import EndorseError, UsageError, location
from endorse.format.models import Distinct, Signatory, Statement
from endorse.format.problems import Problem
from endorse.format.tomlsource import TomlSource
from endorse.project.paths import STATEMENTS


@dataclass(frozen=True)
class Entry:
    """A signatory together with where it was written."""

    signatory: Signatory
    path: Path
    line: int | None
    position: int  # order of appearance across the statement's files

    @property
    def location(self) -> str:
        return location(self.path, self.line)


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
    entries: list[Entry] = field(default_factory=list)
    distinct: list[DistinctEntry] = field(default_factory=list)
    signatory_files: list[Path] = field(default_factory=list)
    # Each file as parsed once while loading (by shown path), so later steps need not re-read it.
    source: TomlSource | None = None
    sources: dict[Path, TomlSource] = field(default_factory=dict)

    def require(self) -> Statement:
        if self.statement is None:
            raise UsageError(
                f"statement '{self.slug}' has errors",
                path=self.path,
                hint=f"run 'endorse check' to see them, fix {self.path}, and try again",
            )
        return self.statement


@dataclass
class Project:
    root: Path
    statements: dict[str, LoadedStatement] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, slug: str) -> LoadedStatement:
        """The statement ``slug``, loaded without errors; otherwise say what to fix."""
        loaded = self.statements.get(slug)
        if loaded is None:
            known = sorted(p.stem for p in (self.root / STATEMENTS).glob("*.toml"))
            raise UsageError(
                f"no statement '{slug}'",
                path=self.root / STATEMENTS,
                hint="statements here: " + (", ".join(known) or "none yet"),
            )
        if loaded.statement is None:
            own = [p for p in self.problems if p.path == loaded.path]
            raise EndorseError(
                "; ".join(p.message for p in own[:3]) or f"statement '{slug}' has errors",
                path=loaded.path,
                line=own[0].line if own else None,
                hint="fix the statement (endorse check lists every problem) and try again",
            )
        return loaded
