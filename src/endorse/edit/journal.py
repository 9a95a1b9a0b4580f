"""A write to several files is finished even when endorse is killed halfway through it.

One file is replaced atomically, but a command may change several: `add` puts the signer in
the list and the contact in the private file, `merge` changes two entries (two files, in the
one-file-per-signer layout), a rename moves a signer's file. Killed between two of those
writes, a command would leave a contact without its signer, or one signer twice.

So before the first file is replaced, ``write_all`` writes a journal (``journal_file``): for
every file, a hash of its bytes before, and the new text of every file but one, the *commit
file* (the largest, so the journal stays small), whose new text is known by its hash. The
commit file is written first: once it is, the write has happened and the journal says what
the others must hold; until it is, nothing was written. The next command that writes to the
statement calls ``finish`` under its lock (a dry run too): when the commit file holds its new
text, the other files are written from the journal, else the journal is dropped. Then the
journal is deleted, last. `endorse check` reports a journal left behind (E221).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli
import tomli_w

from endorse.edit.atomic import remove_stale_temporaries, write_atomic
from endorse.errors import EndorseError, WriteRefused
from endorse.format.tomlsource import read_bytes
from endorse.project.files import refuse_special, verify_folder
from endorse.project.paths import (
    journal_file,
    list_file,
    private_file,
    relative,
    signer_folder,
)

JOURNAL_SCHEMA = 1
HINT = (
    "if you changed these files by hand since, check them, then delete {journal}; "
    "otherwise run 'endorse check' to see what is wrong"
)


@dataclass(frozen=True)
class Write:
    """One file's new text, or None to delete it."""

    path: Path
    text: str | None
    exclusive: bool = False  # a new file: never replace one that appeared meanwhile


def _digest(raw: bytes | None) -> str:
    return "" if raw is None else hashlib.sha256(raw).hexdigest()


def _encoded(text: str | None) -> bytes | None:
    return None if text is None else text.encode("utf-8")


def _on_disk(path: Path, root: Path) -> bytes | None:
    """The file's bytes; None when it does not exist (unreadable: bytes no hash matches)."""
    if not (path.exists() or path.is_symlink()):
        return None
    try:
        return read_bytes(path, within=root)
    except EndorseError:
        return b"\0unreadable"


def _apply(write: Write, root: Path, *, exclusive: bool) -> None:
    from endorse.edit.store import write_new

    remove_stale_temporaries(write.path, root)  # also refuses a folder that leaves the project
    if write.text is None:
        with contextlib.suppress(FileNotFoundError):
            write.path.unlink()  # removes a link itself, never what it points to
    elif exclusive and write.exclusive:
        write_new(write.path, write.text, within=root)
    else:
        write_atomic(write.path, write.text, within=root, make_folder=True)


def write_all(root: Path, slug: str, writes: list[Write]) -> None:
    """Carry out ``writes`` in their order, journaled when there are more than one.

    Every path is refused before the first write when a link, a device or a folder leaving the
    project stands where a file is written: never a contact written and its signer refused.
    """
    for write in writes:
        verify_folder(write.path.parent, root)
        if write.text is not None:
            refuse_special(write.path, root)
    if len(writes) <= 1 or not any(w.text is not None for w in writes):
        for write in writes:
            _apply(write, root, exclusive=True)
        return
    for write in writes:
        if write.exclusive and (write.path.exists() or write.path.is_symlink()):
            raise WriteRefused(
                "file already exists; nothing was written",
                path=write.path,
                hint="choose another name, or edit the existing file",
            )
    commit = max((w for w in writes if w.text is not None), key=lambda w: len(w.text or ""))
    others = [w for w in writes if w is not commit]
    journal: dict[str, Any] = {
        "schema": JOURNAL_SCHEMA,
        "commit": relative(commit.path, root).as_posix(),
        "commit_before": _digest(_on_disk(commit.path, root)),
        "commit_after": _digest(_encoded(commit.text)),
        "file": [
            {
                "path": relative(w.path, root).as_posix(),
                "before": _digest(_on_disk(w.path, root)),
                **({} if w.text is None else {"text": w.text}),
            }
            for w in others
        ],
    }
    path = journal_file(root, slug)
    write_atomic(path, tomli_w.dumps(journal), within=root)
    try:
        _apply(commit, root, exclusive=True)  # the write has happened once this file is replaced
    except Exception:
        path.unlink()  # refused (or failed) before anything was written: nothing to finish
        raise
    for write in others:
        _apply(write, root, exclusive=True)
    path.unlink()


def _allowed(root: Path, slug: str, given: object) -> Path | None:
    """A path the journal may name: only this statement's signatory files."""
    if not isinstance(given, str) or "\\" in given:
        return None
    path = root / given
    folder = signer_folder(root, slug)
    if path in (list_file(root, slug), private_file(root, slug)):
        return path
    parts = Path(given).parts
    if path.parent == folder and path.suffix == ".toml" and ".." not in parts:
        return path
    return None


def _refused(message: str, journal: Path, root: Path) -> WriteRefused:
    shown = relative(journal, root)
    return WriteRefused(
        f"{message}; nothing was written", path=shown, hint=HINT.format(journal=shown)
    )


def _written_here(root: Path, path: Path) -> bool:
    """A journal this user's endorse left: readable by its owner only (as endorse creates
    every private file) and never in git. A clone of someone's fork brings files of the
    first kind only if their author committed them, and git checks them out readable by all."""
    from endorse.project.git import is_tracked

    status = path.lstat()
    if os.name == "posix" and (status.st_mode & 0o077 or status.st_uid != os.getuid()):
        return False
    return not is_tracked(root, path)


def finish(root: Path, slug: str) -> list[str]:
    """Finish (or drop) a write that was interrupted; call it holding the statement's lock.

    Returns what was done, for people (nothing when there was no journal).
    """
    path = journal_file(root, slug)
    remove_stale_temporaries(path, root)  # a journal not yet in place: the write had not begun
    if not (path.exists() or path.is_symlink()):
        return []
    if not _written_here(root, path):
        raise _refused(
            "a journal endorse did not write here (committed to git, another user's, or readable "
            "by others) is never replayed",
            path,
            root,
        )
    try:
        data = tomli.loads(read_bytes(path, within=root).decode("utf-8"))
    except Exception:
        message = "an interrupted write left a journal that cannot be read"
        raise _refused(message, path, root) from None
    commit = _allowed(root, slug, data.get("commit"))
    items = data.get("file")
    writes: list[tuple[Path, str, str | None]] | None = [] if isinstance(items, list) else None
    for item in items if isinstance(items, list) else []:
        target = _allowed(root, slug, item.get("path")) if isinstance(item, dict) else None
        text = item.get("text") if isinstance(item, dict) else None
        if target is None or not isinstance(item.get("before"), str):
            writes = None
            break
        if writes is not None:
            writes.append((target, item["before"], text if isinstance(text, str) else None))
    if data.get("schema") != JOURNAL_SCHEMA or commit is None or writes is None:
        raise _refused(
            "an interrupted write left a journal endorse does not understand", path, root
        )
    now = _digest(_on_disk(commit, root))
    if now == data.get("commit_before") != data.get("commit_after"):
        path.unlink()  # killed before the commit file was written: nothing else was
        return [f"dropped an interrupted write that had not begun ({relative(path, root)})"]
    if now != data.get("commit_after"):
        raise _refused(
            f"an interrupted write cannot be finished: {relative(commit, root)} changed since",
            path,
            root,
        )
    for target, before, text in writes:
        if _digest(_on_disk(target, root)) not in (before, _digest(_encoded(text))):
            raise _refused(
                f"an interrupted write cannot be finished: {relative(target, root)} changed since",
                path,
                root,
            )
    for target, _, text in writes:
        _apply(Write(target, text), root, exclusive=False)
    path.unlink()
    shown = ", ".join(relative(target, root).as_posix() for target, _, _ in writes)
    return [f"finished an interrupted write: {shown}"]
