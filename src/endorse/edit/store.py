"""Safe writes to signatory files: one writer at a time, appends that keep the old text intact."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from endorse.edit.atomic import write_atomic
from endorse.errors import EndorseError, WriteRefused
from endorse.format.problems import Problem
from endorse.format.tomlsource import parse, read_text
from endorse.project.paths import SIGNATORIES

NEW_SIGNATORY_FILE = "schema = 1\n"


@contextlib.contextmanager
def locked(root: Path, slug: str) -> Iterator[None]:
    """Hold the statement's write lock.

    The lock lives in its own file because every write renames a new file over the old one:
    a lock taken on the signatory file itself would stay with the replaced inode.
    """
    folder = root / SIGNATORIES
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder / f".{slug}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise EndorseError(
            f"cannot take the write lock: {exc.strerror}",
            path=folder,
            hint="check that you may write to this folder",
        ) from exc
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def current_text(path: Path) -> str:
    """The file's text, or a new file's first line when it does not exist yet."""
    if not path.exists():
        return NEW_SIGNATORY_FILE
    return read_text(path)


def appended(text: str, addition: str) -> str:
    """``text`` unchanged, then a blank line, then ``addition``: a diff shows only new lines."""
    if text and not text.endswith("\n"):
        text += "\n"
    if text.strip() and not text.endswith("\n\n"):
        text += "\n"
    return text + addition


def require_parses(text: str, shown: Path) -> dict[str, Any]:
    """Parse ``text`` (the file as it is now, or as it would be); refuse to go on if it fails."""
    source = parse(shown, text)
    if isinstance(source, Problem):
        raise WriteRefused(
            source.message,
            path=shown,
            line=source.line,
            hint="fix the file (run 'endorse check'), then try again; nothing was written",
        )
    return source.data


def write_new(path: Path, text: str) -> None:
    """Create ``path`` atomically, refusing to replace a file that already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(path, text, overwrite=False)
    except FileExistsError:
        raise WriteRefused(
            "file already exists; nothing was written",
            path=path,
            hint="choose another name, or edit the existing file",
        ) from None


def replace(path: Path, text: str) -> None:
    write_atomic(path, text)
