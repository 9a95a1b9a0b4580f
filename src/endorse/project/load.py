"""Finding a project on disk and loading its statements and signatories."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from endorse.format.models import SLUG_PATTERN, Distinct, Signatory, SignatoryFile, Statement
from endorse.format.problems import Problem
from endorse.format.tomlsource import (
    TomlSource,
    UnreadableFile,
    index_lines,
    load,
    read_folder,
    table_lines,
)
from endorse.format.validation import problems_from
from endorse.project.cache import load_signatory_file, validated_signatory_file
from endorse.project.model import DistinctEntry, Entry, LoadedStatement, Project
from endorse.project.parallel import load_many
from endorse.project.paths import (
    PRIVATE_SUFFIX,
    SIGNATORIES,
    STATEMENTS,
    list_file,
    relative,
    signatory_paths,
    signer_folder,
)
from endorse.project.private import merge_private


def load_project(root: Path, *, only: Iterable[str] | None = None) -> Project:
    """Load every statement (or just ``only``) and its signatories, collecting all problems."""
    project = Project(root=root)
    wanted = set(only) if only is not None else None
    statement_dir = root / STATEMENTS
    try:
        statement_paths = [p for p in read_folder(statement_dir) if p.suffix == ".toml"]
    except UnreadableFile as exc:
        project.problems.append(_unreadable(exc, root))
        return project  # without the statements, every signatory would look orphaned
    for path in statement_paths:
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
        loaded.statement = _load_statement(path, shown, project.problems, loaded)
    _load_signatories(root, project, wanted)
    merge_private(root, project)
    return project


def _load_statement(
    path: Path, shown: Path, problems: list[Problem], loaded: LoadedStatement
) -> Statement | None:
    source = load(path, within=_root_of(path, shown))
    if isinstance(source, Problem):
        problems.append(_relocate(source, shown))
        return None
    source.path = shown
    loaded.source = source
    try:
        return Statement.model_validate(source.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, Statement, source))
        return None


def _unreadable(exc: UnreadableFile, root: Path) -> Problem:
    shown = relative(exc.path, root) if exc.path is not None else None
    return Problem(exc.code, exc.message, path=shown, hint=exc.hint)


def _root_of(path: Path, shown: Path) -> Path | None:
    """The project folder, from a file's path and its path as shown (relative to the root)."""
    if shown.is_absolute() or len(shown.parts) > len(path.parts):
        return None
    return path.parents[len(shown.parts) - 1]


def _relocate(problem: Problem, shown: Path) -> Problem:
    return Problem(
        problem.code,
        problem.message,
        path=shown,
        line=problem.line,
        column=problem.column,
        hint=problem.hint,
    )


def _load_signatories(root: Path, project: Project, wanted: set[str] | None) -> None:
    folder = root / SIGNATORIES
    if not folder.is_dir():
        if folder.exists() or folder.is_symlink():
            project.problems.append(
                Problem(
                    "E004",
                    "not a folder: signatories/ must be a folder of signatory files",
                    path=relative(folder, root),
                    hint="move this file away and create the folder signatories/",
                )
            )
        return
    slugs: set[str] = set()
    try:
        listed = read_folder(folder)
    except UnreadableFile as exc:
        project.problems.append(_unreadable(exc, root))
        return
    for path in listed:
        if path.suffix == ".toml":  # a file, or anything else so named: reading it says what
            if not path.name.endswith(PRIVATE_SUFFIX):
                slugs.add(path.stem)
        elif path.is_dir() and not path.name.startswith("."):
            slugs.add(path.name)
    for slug in sorted(slugs):
        if wanted is not None and slug not in wanted:
            continue
        loaded = project.statements.get(slug)
        if loaded is None:
            for path in (list_file(root, slug), signer_folder(root, slug)):
                if not (path.exists() or path.is_symlink()):
                    continue
                project.problems.append(
                    Problem(
                        "E203",
                        f"signatories for '{slug}' but no statements/{slug}.toml",
                        path=relative(path, root),
                        hint=f"create statements/{slug}.toml or rename this to an existing slug",
                    )
                )
            continue
        try:
            paths = signatory_paths(root, slug)
        except UnreadableFile as exc:
            project.problems.append(_unreadable(exc, root))
            continue
        preloaded = load_many(paths, within=root)  # on every core when there are many files
        for path in paths:
            shown = relative(path, root)
            _load_signatory_file(path, shown, loaded, project.problems, preloaded.get(path))


def _load_signatory_file(
    path: Path,
    shown: Path,
    loaded: LoadedStatement,
    problems: list[Problem],
    preloaded: TomlSource | Problem | None = None,
) -> None:
    loaded.signatory_files.append(shown)
    root = _root_of(path, shown)
    source, cached = load_signatory_file(path, within=root, preloaded=preloaded)
    if isinstance(source, Problem):
        problems.append(_relocate(source, shown))
        return
    source.path = shown
    loaded.sources[shown] = source
    signatories: list[Signatory | None]
    distinct: list[Distinct | None]
    try:
        parsed = cached or validated_signatory_file(source, root=root)
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
