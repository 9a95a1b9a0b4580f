"""Atomic file replacement: readers see the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from endorse.errors import EndorseError
from endorse.project.paths import PRIVATE_SUFFIX

PRIVATE_MODE = 0o600
# A private file's temporary copy ends like the private file itself, so the ignore pattern that
# keeps private files out of git (*.private.toml) keeps a copy left by a crash out too.
PRIVATE_TEMPORARY_SUFFIX = ".tmp" + PRIVATE_SUFFIX


def temporary_pattern(path: Path) -> str:
    """The glob of the temporary copies ``write_atomic`` makes of ``path``."""
    suffix = PRIVATE_TEMPORARY_SUFFIX if path.name.endswith(PRIVATE_SUFFIX) else ".tmp"
    return f".{path.name}.*{suffix}"


def remove_stale_temporaries(path: Path) -> None:
    """Delete copies of ``path`` left by a writer that was killed (call it holding the lock)."""
    for stale in path.parent.glob(temporary_pattern(path)):
        with contextlib.suppress(OSError):
            stale.unlink()


def refuse_special(path: Path) -> None:
    """Replace only a regular file: never a folder, a device, a FIFO or a symbolic link.

    Renaming over ``/dev/null`` or a link would turn it into a plain file (as root, too).
    """
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise EndorseError(f"cannot write here: {exc.strerror}", path=path) from exc
    if stat.S_ISREG(mode):
        return
    what = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a symbolic link"
        if stat.S_ISLNK(mode)
        else "not a regular file (a device or a pipe)"
    )
    raise EndorseError(
        f"will not write over this: it is {what}",
        path=path,
        hint="name a new file, or an existing regular file to replace",
    )


def write_atomic(path: Path, text: str | bytes, *, overwrite: bool = True) -> None:
    """Write to a temporary file in the same folder, fsync it, then rename over ``path``.

    With ``overwrite=False`` the file is linked into place instead, which fails with
    FileExistsError when the name is taken: an existing file is never replaced. A private file
    (``*.private.toml``) is readable by its owner only.
    """
    path = Path(path)
    refuse_special(path)
    folder = path.parent if str(path.parent) else Path(".")
    private = path.name.endswith(PRIVATE_SUFFIX)
    suffix = PRIVATE_TEMPORARY_SUFFIX if private else ".tmp"
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=folder)
    except OSError as exc:
        raise EndorseError(
            f"cannot write here: {exc.strerror}",
            path=path,
            hint="check that the folder exists and that you may write to it",
        ) from exc
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        if private:
            os.chmod(temporary, PRIVATE_MODE)
        elif overwrite and path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
            os.unlink(temporary)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
