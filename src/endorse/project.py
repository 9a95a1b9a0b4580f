"""Finding a project on disk and loading its statements and signatories."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from endorse.errors import EndorseError, UsageError
from endorse.models import SLUG_PATTERN, Distinct, Signatory, SignatoryFile, Statement
from endorse.problems import Problem
from endorse.tomlsource import TomlSource, index_lines, load, table_lines
from endorse.validation import problems_from

STATEMENTS = "statements"
SIGNATORIES = "signatories"
ROOT_ENV = "ENDORSE_ROOT"
PRIVATE_SUFFIX = ".private.toml"


@dataclass(frozen=True)
class Entry:
    """A signatory together with where it was written."""

    signatory: Signatory
    path: Path
    line: int | None
    position: int  # order of appearance across the statement's files

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


@dataclass(frozen=True)
class DistinctEntry:
    distinct: Distinct
    path: Path
    line: int | None


@dataclass
class LoadedStatement:
    slug: str
    path: Path
    statement: Statement | None = None
    entries: list[Entry] = field(default_factory=list)
    distinct: list[DistinctEntry] = field(default_factory=list)
    signatory_files: list[Path] = field(default_factory=list)

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


def find_root(explicit: Path | None = None, start: Path | None = None) -> Path:
    """``--root``, else ENDORSE_ROOT, else the nearest folder upwards holding statements/."""
    chosen = explicit or (Path(os.environ[ROOT_ENV]) if os.environ.get(ROOT_ENV) else None)
    if chosen is not None:
        if not (chosen / STATEMENTS).is_dir():
            raise UsageError(
                f"no {STATEMENTS}/ folder in {chosen}",
                hint="point --root (or ENDORSE_ROOT) at the folder that holds statements/",
            )
        return chosen
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / STATEMENTS).is_dir():
            return folder
    raise UsageError(
        f"no {STATEMENTS}/ folder in {here} or any folder above it",
        hint="run endorse inside a project, pass --root DIR, or create one with 'endorse init'",
    )


def relative(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def load_project(root: Path, *, only: Iterable[str] | None = None) -> Project:
    """Load every statement (or just ``only``) and its signatories, collecting all problems."""
    project = Project(root=root)
    wanted = set(only) if only is not None else None
    statement_dir = root / STATEMENTS
    for path in sorted(statement_dir.glob("*.toml")):
        slug = path.stem
        if wanted is not None and slug not in wanted:
            continue
        shown = relative(path, root)
        loaded = LoadedStatement(slug=slug, path=shown)
        project.statements[slug] = loaded
        if not SLUG_PATTERN.match(slug):
            project.problems.append(
                Problem(
                    "E110",
                    f"'{slug}' is not a valid statement slug",
                    path=shown,
                    hint="rename the file with lowercase letters, digits and hyphens only",
                )
            )
        loaded.statement = _load_statement(path, shown, project.problems)
    _load_signatories(root, project, wanted)
    from endorse.private import merge_private  # here: it builds on this module

    merge_private(root, project)
    return project


def _load_statement(path: Path, shown: Path, problems: list[Problem]) -> Statement | None:
    source = load(path)
    if isinstance(source, Problem):
        problems.append(_relocate(source, shown))
        return None
    source.path = shown
    try:
        return Statement.model_validate(source.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, Statement, source))
        return None


def _relocate(problem: Problem, shown: Path) -> Problem:
    return Problem(
        problem.code,
        problem.message,
        path=shown,
        line=problem.line,
        column=problem.column,
        severity=problem.severity,
        hint=problem.hint,
    )


def signatory_paths(root: Path, slug: str) -> list[Path]:
    """The list file first, then one-file-per-signer files in name order."""
    folder = root / SIGNATORIES
    paths = []
    single = folder / f"{slug}.toml"
    if single.is_file():
        paths.append(single)
    per_signer = folder / slug
    if per_signer.is_dir():
        paths.extend(sorted(p for p in per_signer.glob("*.toml") if p.is_file()))
    return paths


def _load_signatories(root: Path, project: Project, wanted: set[str] | None) -> None:
    folder = root / SIGNATORIES
    if not folder.is_dir():
        return
    slugs: set[str] = set()
    for path in folder.iterdir():
        if path.is_file() and path.suffix == ".toml" and not path.name.endswith(PRIVATE_SUFFIX):
            slugs.add(path.stem)
        elif path.is_dir() and not path.name.startswith("."):
            slugs.add(path.name)
    for slug in sorted(slugs):
        if wanted is not None and slug not in wanted:
            continue
        loaded = project.statements.get(slug)
        if loaded is None:
            for path in signatory_paths(root, slug)[:1] or [folder / slug]:
                project.problems.append(
                    Problem(
                        "E203",
                        f"signatories for '{slug}' but no statements/{slug}.toml",
                        path=relative(path, root),
                        hint=f"create statements/{slug}.toml or rename this to an existing slug",
                    )
                )
            continue
        for path in signatory_paths(root, slug):
            _load_signatory_file(path, relative(path, root), loaded, project.problems)


def _load_signatory_file(
    path: Path, shown: Path, loaded: LoadedStatement, problems: list[Problem]
) -> None:
    loaded.signatory_files.append(shown)
    source = load(path)
    if isinstance(source, Problem):
        problems.append(_relocate(source, shown))
        return
    source.path = shown
    signatories: list[Signatory | None]
    distinct: list[Distinct | None]
    try:
        parsed = SignatoryFile.model_validate(source.data)
        signatories, distinct = list(parsed.signatory), list(parsed.distinct)
    except ValidationError as exc:
        problems.extend(problems_from(exc, SignatoryFile, source))
        signatories = _salvage(source.data.get("signatory"), Signatory)
        distinct = _salvage(source.data.get("distinct"), Distinct)
    _attach(loaded, source, signatories, distinct)


M = TypeVar("M", Signatory, Distinct)


def _salvage(raw: Any, model: type[M]) -> list[M | None]:
    """Keep the valid tables of a file that has errors, so later checks still see them."""
    if not isinstance(raw, list):
        return []
    kept: list[M | None] = []
    for item in raw:
        try:
            kept.append(model.model_validate(item))
        except ValidationError:
            kept.append(None)
    return kept


def _attach(
    loaded: LoadedStatement,
    source: TomlSource,
    signatories: list[Signatory | None],
    distinct: list[Distinct | None],
) -> None:
    lines = _table_lines(source, "signatory", len(signatories))
    start = len(loaded.entries)
    for index, signatory in enumerate(signatories):
        if signatory is not None:
            loaded.entries.append(Entry(signatory, source.path, lines[index], start + index))
    distinct_lines = _table_lines(source, "distinct", len(distinct))
    for index, pair in enumerate(distinct):
        if pair is not None:
            loaded.distinct.append(DistinctEntry(pair, source.path, distinct_lines[index]))


def _table_lines(source: TomlSource, name: str, count: int) -> list[int | None]:
    fast = table_lines(source.text, name)
    if len(fast) == count:
        return list(fast)
    # A header inside a multi-line string, or inline tables: use the careful scanner.
    index = index_lines(source.text)
    return [index.get((name, i)) for i in range(count)]
