"""The one write path: lock the statement, re-read it, plan edits, then write them atomically.

Every write command (add, import, withdraw, distinct...) opens an ``Edit`` with ``editing()``:
the statement's lock is held, the statement is loaded again under it (another writer may have
changed it meanwhile), the command plans appends, new files and in-place key changes, each proved
to change nothing but what it says, and only when the command returns are the files replaced:
private files first, so that a contact is never lost when a later write fails.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli
import tomli_w

from endorse.edit.atomic import refuse_special, write_atomic
from endorse.errors import EndorseError, WriteRefused
from endorse.format.problems import Problem
from endorse.format.tomlsource import Layout, TomlSource, parse, read_bytes, read_text, scan
from endorse.project import cache
from endorse.project.files import replace_file, verify_folder
from endorse.project.load import load_project
from endorse.project.model import LoadedStatement
from endorse.project.paths import (
    PRIVATE_SUFFIX,
    SIGNATORIES,
    journal_file,
    no_such_statement,
    relative,
    statement_file,
)

NEW_SIGNATORY_FILE = "schema = 1\n"
LOCK_WAIT_SECONDS = 60.0


@contextlib.contextmanager
def locked(root: Path, slug: str, *, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the statement's write lock, waiting at most ``wait`` seconds for another writer.

    The lock lives in its own file because every write renames a new file over the old one:
    a lock taken on the signatory file itself would stay with the replaced inode. filelock
    uses fcntl on POSIX and msvcrt on Windows, and does not follow a symlinked lock file.
    """
    import filelock

    require_statement(root, slug)  # a slug from the command line never names a path elsewhere
    folder = root / SIGNATORIES
    lock_path = folder / f".{slug}.lock"
    holder_path = folder / f".{slug}.holder.lock"  # .*.lock: ignored like the lock itself
    verify_folder(folder, root, create=True)
    for path in (lock_path, holder_path):
        # A planted link or pipe is never opened, let alone written.
        refuse_special(path, root, label="lock file")
    try:
        lock = filelock.FileLock(lock_path, timeout=wait, is_singleton=False)
        lock.acquire()
    except filelock.Timeout:
        raise WriteRefused(
            f"another endorse command ({_holder(holder_path)}) has held the write lock for "
            f"{wait:g} s; nothing was written",
            path=relative(lock_path, root),
            hint="wait for it to finish and try again, give it more time with --wait SECONDS, "
            "or stop that process if it hangs",
        ) from None
    except OSError as exc:
        raise EndorseError(
            f"cannot take the write lock: {exc.strerror or exc}",
            path=folder,
            hint="check that you may write to this folder",
        ) from exc
    try:
        with contextlib.suppress(OSError):  # who holds the lock: only a courtesy for the message
            replace_file(holder_path, f"{os.getpid()}\n".encode(), within=root, durable=False)
        yield
    finally:
        lock.release()


def _holder(holder_path: Path) -> str:
    try:
        pid = read_bytes(holder_path, limit=64, follow_links=False).decode("ascii").strip()
    except (EndorseError, UnicodeDecodeError):
        return "process unknown"
    return f"process {pid}" if pid.isdigit() else "process unknown"


def require_statement(root: Path, slug: str) -> None:
    """The statement must exist as a file before anything is locked or written for it."""
    from endorse.format.models import SLUG_PATTERN

    if not SLUG_PATTERN.match(slug) or not statement_file(root, slug).is_file():
        raise no_such_statement(root, slug)


def read_current(path: Path, within: Path | None = None) -> str:
    """The file's text, or a new signatory file's first line when it does not exist yet."""
    if not (path.exists() or path.is_symlink()):
        return NEW_SIGNATORY_FILE
    return read_text(path, within=within)


def appended(text: str, addition: str) -> str:
    """``text`` unchanged, then a blank line, then ``addition``: a diff shows only new lines."""
    if text and not text.endswith("\n"):
        text += "\n"
    if text.strip() and not text.endswith("\n\n"):
        text += "\n"
    return text + addition


def table_text(table: str, data: dict[str, Any]) -> str:
    """One ``[[table]]``; tomli-w writes its keys, so quoting and escaping are never done by hand.

    The header is ours because tomli-w prints a short array of tables inline, on one line.
    """
    return f"[[{table}]]\n" + tomli_w.dumps(data)


def require_parses(text: str, shown: Path) -> TomlSource:
    """Parse ``text`` (the file as it is now); refuse to go on if it does not parse."""
    source = parse(shown, text)
    if isinstance(source, Problem):
        raise WriteRefused(
            source.message,
            path=shown,
            line=source.line,
            hint="fix the file (run 'endorse check'), then try again; nothing was written",
        )
    return source


def _parses_to(text: str) -> dict[str, Any] | None:
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError:
        return None


_LINE_STARTING_WITH_BRACKET = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _appends_as_parsed(before: _Planned, table: str, addition: str, added: dict[str, Any]) -> bool:
    """Whether ``appended(before.text, addition)`` surely parses to ``before.data`` plus the
    rows ``added`` holds (``addition`` parsed alone), without parsing the whole file again.

    ``before.data`` is what ``before.text`` parses to, so the text is a complete document and
    the addition starts on a line of its own. There its ``[[table]]`` header opens a new element
    of the array of tables, and every key and sub-table after it lands in that element, exactly
    as when the addition is parsed alone, unless ``table`` is already something else: a table,
    or an array written as a key in the root section (a frozen value no header may extend).
    The root section is the text before the first line that starts with ``[``. When that line
    is inside a string or an array, the section does not parse, and the caller parses the
    whole new text as before; it does the same whenever this returns False. A property test
    (tests/test_append_proof.py) compares this verdict with a full parse.
    """
    if list(added) != [table] or not addition.startswith(f"[[{table}]]\n"):
        return False
    existing = before.data.get(table)
    if existing is not None and not isinstance(existing, list):
        return False
    first_header = _LINE_STARTING_WITH_BRACKET.search(before.text)
    root_section = before.text if first_header is None else before.text[: first_header.start()]
    root = _parses_to(root_section)
    return root is not None and table not in root


@dataclass(frozen=True)
class Changed:
    """What an in-place edit command did (or, in a dry run, would do)."""

    done: list[str]  # one line per change, for people
    diffs: list[str]  # unified diffs of the public files
    written: bool


@dataclass
class _Planned:
    text: str
    data: dict[str, Any]
    exclusive: bool = False  # a new file that must not replace one written meanwhile


@dataclass
class Edit:
    """The writes one command plans under the lock; ``editing()`` carries them out."""

    root: Path
    loaded: LoadedStatement
    dry_run: bool
    _planned: dict[Path, _Planned] = field(default_factory=dict)
    _original: dict[Path, str] = field(default_factory=dict)
    _deleted: set[Path] = field(default_factory=set)
    _renamed: dict[Path, Path] = field(default_factory=dict)  # new path -> old path
    finished: list[str] = field(default_factory=list)  # an interrupted write, finished first

    def shown(self, path: Path) -> Path:
        return relative(path, self.root)

    def _current(self, path: Path) -> _Planned:
        """The file as this edit has it so far: planned text, else the text on disk."""
        planned = self._planned.get(path)
        if planned is not None:
            return planned
        shown = self.shown(path)
        loaded_source = self.loaded.sources.get(shown)
        text = read_current(path, self.root)
        self._original.setdefault(path, text if path.exists() else "")
        if loaded_source is not None and loaded_source.text == text:
            data = loaded_source.data  # parsed once while loading, under this same lock
        else:
            data = require_parses(text, shown).data
        return _Planned(text, data)

    def append(self, path: Path, table: str, rows: list[dict[str, Any]]) -> int:
        """Append ``[[table]]`` rows to ``path``; the line of the first new table.

        The new text must parse to the old data plus exactly these rows, so an append never
        changes what the file already says (a file ending inside a multi-line string, say).
        """
        before = self._current(path)
        addition = "\n".join(table_text(table, row) for row in rows)
        after_text = appended(before.text, addition)
        added = _parses_to(addition)
        expected = copy.copy(before.data)
        if added is not None and _appends_as_parsed(before, table, addition, added):
            expected[table] = [*before.data.get(table, []), *added[table]]
        else:
            try:
                after = tomli.loads(after_text)
            except tomli.TOMLDecodeError as exc:
                raise WriteRefused(
                    f"appending would leave the file unreadable ({exc}); nothing was written",
                    path=self.shown(path),
                    hint="run 'endorse check', fix the file's end, then try again",
                ) from None
            parsed_addition = added if added is not None else tomli.loads(addition)
            expected[table] = [*before.data.get(table, []), *parsed_addition[table]]
            if after != expected:
                raise WriteRefused(
                    "the end of this file would change the meaning of a new entry; nothing was "
                    "written",
                    path=self.shown(path),
                    hint=f"the file probably ends inside a table other than [[{table}]]; "
                    "fix it by hand, then try again",
                )
        self._planned[path] = _Planned(after_text, expected, before.exclusive)
        return after_text[: len(after_text) - len(addition)].count("\n") + 1

    def _refuse_taken(self, path: Path, name: object) -> None:
        """Refuse a new file whose name is taken, ignoring case, on disk or planned (a file
        this edit deletes is still taken: it is deleted last)."""
        folder = path.parent
        taken = [p for p in self._planned if p.parent == folder]
        if folder.is_dir():
            taken += list(folder.iterdir())
        for existing in taken:
            if existing.name.casefold() == path.name.casefold():
                raise WriteRefused(
                    f"'{name}' would go to {self.shown(existing)}, which already "
                    "exists; nothing was written",
                    path=self.shown(existing),
                    hint="names that differ only in case or accents share a file: if this is "
                    "a different signer, add a distinguishing word to the name (a city, a country)",
                )

    def create(self, path: Path, table: str, rows: list[dict[str, Any]]) -> int:
        """A new file holding ``rows``; refuses a name taken, ignoring case, on disk or planned."""
        self._refuse_taken(path, rows[0].get("name"))
        addition = "\n".join(table_text(table, row) for row in rows)
        text = appended(NEW_SIGNATORY_FILE, addition)
        self._planned[path] = _Planned(text, tomli.loads(text), exclusive=True)
        return text.count("\n", 0, len(text) - len(addition)) + 1

    def rename(self, path: Path, new_path: Path, name: str) -> None:
        """Move a one-file-per-signer file (with the changes planned to it) to ``new_path``, in
        the same write as every other change: the new file is created, the old one deleted.
        Refused when the new name is taken; the old file must be unchanged when written."""
        before = self._current(path)
        self._refuse_taken(new_path, name)
        self._planned.pop(path, None)
        self._planned[new_path] = _Planned(before.text, before.data, exclusive=True)
        self._original.setdefault(new_path, "")
        self._deleted.add(path)
        self._renamed[new_path] = path

    def data(self, path: Path) -> dict[str, Any]:
        """The file's data as this edit has it so far (planned, else on disk)."""
        return self._current(path).data

    def table_line(self, path: Path, table: str, index: int) -> int | None:
        """The line of the ``index``-th ``[[table]]`` header, as this edit has the file so far."""
        return scan(self._current(path).text).lines.get((table, index))

    def _table_index(self, path: Path, layout: Layout, table: str, line: int | None) -> int:
        index = layout.array_index(table, line)
        if index is None:
            raise EndorseError(
                "cannot find this entry's table in the file", path=self.shown(path), line=line
            )
        return index

    def _plan_verified(
        self,
        path: Path,
        before: _Planned,
        new_text: str | None,
        expected: dict[str, Any],
        **why: Any,
    ) -> None:
        """Plan ``new_text`` only if it parses to exactly ``expected``: nothing else changed."""
        if new_text is None or _parses_to(new_text) != expected:
            raise WriteRefused(
                "cannot change this file in place without touching others; nothing was written",
                path=self.shown(path),
                **why,
            )
        self._planned[path] = _Planned(new_text, expected, before.exclusive)

    def _edit_table(
        self,
        path: Path,
        table: tuple[str, int] | tuple[()],
        updates: dict[str, Any],
        removals: list[str],
        comment: str | None = None,
        **why: Any,
    ) -> None:
        """Change, insert or remove keys of one table (the top-level keys for ``()``), proved
        to change nothing but them: the new text must parse to the old data so changed."""
        before = self._current(path)
        layout = scan(before.text)
        new_text = layout.with_table(before.text, table, updates, removals, comment)
        expected = copy.deepcopy(before.data)
        target = expected[table[0]][table[1]] if table else expected
        for key in removals:
            target.pop(key, None)
        target.update(updates)
        self._plan_verified(path, before, new_text, expected, **why)

    def set_keys(
        self,
        path: Path,
        table: str,
        line: int | None,
        updates: dict[str, Any],
        *,
        comment: str | None = None,
    ) -> None:
        """Change or insert ``key = value`` lines in the ``[[table]]`` that starts at ``line``
        (and a ``comment`` line after its last key: a note for people)."""
        index = self._table_index(path, scan(self._current(path).text), table, line)
        hint = f"edit it by hand: set {', '.join(updates)}"
        self._edit_table(path, (table, index), updates, [], comment, line=line, hint=hint)

    def set_top_keys(self, path: Path, updates: dict[str, Any]) -> None:
        """Change or insert top-level ``key = value`` lines (a statement's ``status``, say)."""
        if () not in scan(self._current(path).text).ends:
            raise EndorseError("the file has no top-level keys to edit", path=self.shown(path))
        hint = f"edit it by hand: set {', '.join(updates)}"
        self._edit_table(path, (), updates, [], hint=hint)

    def remove_table(self, path: Path, table: str, line: int | None) -> None:
        """Remove the ``[[table]]`` that starts at ``line``: its header and keys, nothing else.

        Comments above the header and after its last key stay: they may be about what follows.
        """
        before = self._current(path)
        layout = scan(before.text)
        index = self._table_index(path, layout, table, line)
        assert line is not None
        lines = before.text.splitlines(keepends=True)
        del lines[line - 1 : layout.ends[(table, index)]]
        at = line - 1  # the line now where the table was
        if at > 0 and not lines[at - 1].strip() and (at == len(lines) or not lines[at].strip()):
            del lines[at - 1]  # the blank line that separated it from what came before
        new_text = "".join(lines)
        expected = copy.deepcopy(before.data)
        del expected[table][index]
        if not expected[table]:
            del expected[table]
        self._plan_verified(path, before, new_text, expected, line=line, hint="edit it by hand")

    def remove_keys(self, path: Path, table: str, line: int | None, keys: list[str]) -> None:
        """Remove keys from the ``[[table]]`` that starts at ``line`` (an optional field set
        to none), whatever lines their values span; a key the table lacks is left alone."""
        index = self._table_index(path, scan(self._current(path).text), table, line)
        hint = f"edit it by hand: remove {', '.join(keys)}"
        self._edit_table(path, (table, index), {}, keys, line=line, hint=hint)

    def delete(self, path: Path) -> None:
        """Delete a one-file-per-signer file this edit emptied (``remove_table`` its last
        signatory first): refused while the file still says anything but its schema."""
        before = self._current(path)
        if set(before.data) - {"schema"}:
            raise WriteRefused(
                "this file still holds more than its schema; nothing was written",
                path=self.shown(path),
                hint="edit it by hand",
            )
        self._planned.pop(path, None)
        self._deleted.add(path)

    def _require_unchanged_deleted(self) -> None:
        """A file to delete is still the one this edit read (under the lock: nothing else
        should have written it); checked before anything is written."""
        for path in sorted(self._deleted):
            try:
                current = read_text(path, within=self.root)
            except OSError:
                continue  # gone already: nothing to delete
            if current != self._original.get(path):
                raise WriteRefused(
                    "the file changed while endorse was deleting it; nothing was written",
                    path=self.shown(path),
                    hint="run the command again",
                )

    @property
    def paths(self) -> list[Path]:
        """The files this edit writes, private files first (``journal.py`` writes its commit
        file before them: with the journal, the order no longer decides what a kill leaves)."""
        return sorted(self._planned, key=lambda p: not p.name.endswith(PRIVATE_SUFFIX))

    def text_of(self, path: Path) -> str:
        return self._planned[path].text

    def data_of(self, path: Path) -> dict[str, Any]:
        """The file's data as this edit has it so far (a new file: just its schema)."""
        return self._current(path).data

    def changed(self, done: list[str]) -> Changed:
        return Changed([*self.finished, *done], self.diffs(), written=not self.dry_run)

    def diffs(self, *, private: bool = False) -> list[str]:
        """A unified diff of each file this edit writes (private files only when asked)."""
        import difflib

        shown = []
        renamed = {old: new for new, old in self._renamed.items()}
        for path in [*self.paths, *sorted(self._deleted)]:
            if path.name.endswith(PRIVATE_SUFFIX) and not private:
                continue
            if path in renamed:
                continue  # shown as the file it became
            was = self._renamed.get(path, path)
            planned = self._planned.get(path)
            lines = difflib.unified_diff(
                self._original.get(was, "").splitlines(keepends=True),
                planned.text.splitlines(keepends=True) if planned is not None else [],
                fromfile=f"a/{self.shown(was).as_posix()}",
                tofile="/dev/null" if planned is None else f"b/{self.shown(path).as_posix()}",
            )
            shown.append("".join(lines))
        return shown

    def commit(self) -> None:
        """Write every planned file, then delete the emptied ones: journaled (``journal.py``)
        when there are several, so that a kill halfway leaves a write the next one finishes."""
        from endorse.edit.journal import Write, write_all

        self._require_unchanged_deleted()
        writes = [
            Write(path, self._planned[path].text, self._planned[path].exclusive)
            for path in self.paths
        ]
        writes += [Write(path, None) for path in sorted(self._deleted)]
        write_all(self.root, self.loaded.slug, writes)


@contextlib.contextmanager
def editing(
    root: Path, slug: str, *, dry_run: bool = False, wait: float = LOCK_WAIT_SECONDS
) -> Iterator[Edit]:
    """Lock ``slug`` (not for a dry run), load it again, let the caller plan, then write."""
    from endorse.edit.journal import finish

    finished: list[str] = []
    with contextlib.ExitStack() as stack:
        if not dry_run:
            stack.enter_context(locked(root, slug, wait=wait))
            # The files are about to change: a cache entry for their old text would go unused.
            stack.enter_context(cache.read_only())
            finished = finish(root, slug)
        elif journal_file(root, slug).exists():
            with locked(root, slug, wait=wait):  # a dry run shows what the files will say
                finished = finish(root, slug)
        loaded = load_project(root, only=[slug]).get(slug)
        edit = Edit(root, loaded, dry_run, finished=finished)
        yield edit
        if not dry_run:
            edit.commit()


def write_new(path: Path, text: str, *, within: Path | None = None) -> None:
    """Create ``path`` atomically, refusing to replace a file that already exists."""
    try:
        write_atomic(path, text, overwrite=False, within=within, make_folder=True)
    except FileExistsError:
        raise WriteRefused(
            "file already exists; nothing was written",
            path=path,
            hint="choose another name, or edit the existing file",
        ) from None
