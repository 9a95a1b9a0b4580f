"""Finding a project on disk and loading its statements and signatories."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from endorse.errors import EndorseError
from endorse.format.models import (
    SLUG_PATTERN,
    TRANSLATED_NAME,
    Distinct,
    Signatory,
    SignatoryFile,
    Statement,
)
from endorse.format.problems import Problem
from endorse.format.tomlsource import (
    TomlSource,
    UnreadableFile,
    index_lines,
    load,
    read_bytes,
    read_folder,
    table_lines,
)
from endorse.format.validation import problems_from
from endorse.project.cache import Validated, load_signatory_file, store_validated
from endorse.project.model import DistinctEntry, Entry, LoadedStatement, Project
from endorse.project.parallel import load_many
from endorse.project.paths import (
    PRIVATE_SUFFIX,
    SIGNATORIES,
    STATEMENTS,
    list_file,
    private_file,
    relative,
    signatory_paths,
    signer_folder,
)
from endorse.project.private import merge_private


def load_project(root: Path, *, only: Iterable[str] | None = None, private: bool = True) -> Project:
    """Load every statement (or just ``only``) and its signatories, collecting all problems;
    ``private=False`` leaves the private files unread (``site`` publishes, it needs none)."""
    project = Project(root=root)
    wanted = set(only) if only is not None else None
    statement_dir = root / STATEMENTS
    try:
        listed = read_folder(statement_dir, within=root)
        statement_paths = [p for p in listed if p.suffix == ".toml"]
    except UnreadableFile as exc:
        project.problems.append(_unreadable(exc, root))
        return project  # without the statements, every signatory would look orphaned
    for path in statement_paths:
        slug = path.stem
        if wanted is not None and slug not in wanted:
            continue
        shown = relative(path, root)
        loaded = LoadedStatement(slug=slug, path=shown, root=root)
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
        _load_statement(path, loaded, project.problems)
    _load_signatories(root, project, wanted)
    if private:
        merge_private(root, project)
    return project


def _load_statement(path: Path, loaded: LoadedStatement, problems: list[Problem]) -> None:
    source = load(path, within=loaded.root)
    if isinstance(source, Problem):
        _report(_relocate(source, loaded.path), loaded, problems)
        return
    source.path = loaded.path
    loaded.source = source
    try:
        loaded.statement = Statement.model_validate(source.data)
    except ValidationError as exc:
        for problem in problems_from(exc, Statement, source):
            _report(problem, loaded, problems)


def _report(problem: Problem, loaded: LoadedStatement, problems: list[Problem]) -> None:
    """A problem of one statement's files: check reports it, render refuses because of it."""
    loaded.problems.append(problem)
    problems.append(problem)


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
        listed = read_folder(folder, within=root)
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
    source, known = load_signatory_file(path, within=root, preloaded=preloaded)
    if isinstance(source, Problem):
        _report(_relocate(source, shown), loaded, problems)
        loaded.unread_names[shown] = _names_in_unparsed(path, shown)
        return
    source.path = shown
    loaded.sources[shown] = source
    data = source.data
    tables = {key: data.get(key) for key in ("signatory", "distinct")}
    # The file's own keys are validated apart from its tables, so that one bad table never
    # hides the others: every table is validated once, on its own.
    shell = {k: ([] if isinstance(v, list) else v) for k, v in data.items()}
    try:
        SignatoryFile.model_validate(shell)
    except ValidationError as exc:
        for problem in problems_from(exc, SignatoryFile, source):
            _report(problem, loaded, problems)
    signatories = tables["signatory"] if isinstance(tables["signatory"], list) else []
    pairs = tables["distinct"] if isinstance(tables["distinct"], list) else []
    if known is not None and (
        len(known.signatories) != len(signatories) or len(known.distinct) != len(pairs)
    ):
        known = None
    validated = Validated(
        *_attach_signatories(loaded, source, signatories, problems, known),
        *_attach_distinct(loaded, source, pairs, problems, known),
    )
    if known is None:
        store_validated(root, source, validated)


_NAME_LINE = re.compile(r"""^[ \t]*name[ \t]*=[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')""", re.M)


def _names_in_unparsed(path: Path, shown: Path) -> list[str]:
    """The names a file that does not parse seems to hold, so that messages can say who."""
    try:  # the same careful reader: never a FIFO, a device or a huge file
        text = read_bytes(path, within=_root_of(path, shown)).decode("utf-8", "replace")
    except EndorseError:
        return []
    return [basic or literal for basic, literal in _NAME_LINE.findall(text)]


def _attach_signatories(
    loaded: LoadedStatement,
    source: TomlSource,
    tables: list[Any],
    problems: list[Problem],
    known: Validated | None = None,
) -> tuple[list[Signatory | None], list[int | None]]:
    """Entries for ``tables`` (the models ``known`` already holds are not validated again);
    each table's model (None where validation failed) and header line, for the cache."""
    if known is not None:
        lines = known.signatory_lines
    else:
        lines = _table_lines(source, "signatory", len(tables))
    start = loaded.written
    validate = Signatory.model_validate
    text_lines: list[str] = []
    validated: list[Signatory | None] = []
    for index, table in enumerate(tables):
        position = start + index
        if isinstance(table, dict) and "contact" in table:
            text_lines = text_lines or source.text.splitlines()
            line = _key_line(text_lines, lines[index], "contact")
            _report(_public_contact(source.path, line, table, loaded.slug), loaded, problems)
        signatory = known.signatories[index] if known is not None else None
        if signatory is None:
            try:
                signatory = validate(table)
            except ValidationError as exc:
                found = problems_from(exc, SignatoryFile, source, at=("signatory", index))
                for problem in found:
                    _report(problem, loaded, problems)
                loaded.invalid.append(
                    Entry(
                        _what_is_valid(table, exc),
                        source.path,
                        lines[index],
                        position,
                        tuple(found),
                    )
                )
                validated.append(None)
                continue
        validated.append(signatory)
        loaded.entries.append(Entry(signatory, source.path, lines[index], position))
    return validated, lines


def _what_is_valid(table: Any, exc: ValidationError) -> Signatory:
    """The entry's valid values and its name as written (empty when it has none).

    Checks and the duplicate engine still see the entry this way; nothing prints it.
    """
    if not isinstance(table, dict):
        return Signatory.model_construct(name="")
    refused = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
    kept = {
        key: value
        for key, value in table.items()
        if key != "name"
        and key not in refused
        and not ("names" in refused and TRANSLATED_NAME.match(key))
    }
    try:
        valid = Signatory.model_validate({**kept, "name": "-"})
    except ValidationError:
        valid = Signatory.model_construct(name="")
    name = table.get("name")
    return valid.model_copy(update={"name": name if isinstance(name, str) else ""})


def _key_line(text_lines: list[str], table_line: int | None, key: str) -> int | None:
    """The line of ``key`` in the table starting at ``table_line`` (a whole-file index is slow)."""
    if table_line is None:
        return None
    pattern = re.compile(rf"^\s*{key}\s*=")
    for number in range(table_line, len(text_lines)):
        line = text_lines[number]
        if pattern.match(line):
            return number + 1
        if line.lstrip().startswith("["):
            break
    return table_line


def _public_contact(path: Path, line: int | None, table: dict[str, Any], slug: str) -> Problem:
    name = table.get("name")
    who = f"'{name}'" if isinstance(name, str) else "this signatory"
    private = private_file(Path(), slug)
    return Problem(
        "W211",
        f"the contact of {who} is in a public file: it is published with the statement's "
        "repository",
        path=path,
        line=line,
        hint=f"move it to {private.as_posix()} (git-ignored), under a [[signatory]] with the "
        "same name; endorse add --contact writes it there",
    )


def _attach_distinct(
    loaded: LoadedStatement,
    source: TomlSource,
    tables: list[Any],
    problems: list[Problem],
    known: Validated | None = None,
) -> tuple[list[Distinct | None], list[int | None]]:
    if known is not None:
        lines = known.distinct_lines
    else:
        lines = _table_lines(source, "distinct", len(tables))
    validated: list[Distinct | None] = []
    for index, table in enumerate(tables):
        pair = known.distinct[index] if known is not None else None
        if pair is None:
            try:
                pair = Distinct.model_validate(table)
            except ValidationError as exc:
                for problem in problems_from(exc, SignatoryFile, source, at=("distinct", index)):
                    _report(problem, loaded, problems)
                validated.append(None)
                continue
        validated.append(pair)
        loaded.distinct.append(DistinctEntry(pair, source.path, lines[index]))
    return validated, lines


def _table_lines(source: TomlSource, name: str, count: int) -> list[int | None]:
    fast = table_lines(source.text, name)
    if len(fast) == count:
        return list(fast)
    # A header inside a multi-line string, or inline tables: use the careful scanner.
    index = index_lines(source.text)
    return [index.get((name, i)) for i in range(count)]
