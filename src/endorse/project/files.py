"""Every file endorse creates or replaces is written here, so that nothing a repository holds
can redirect a write: a symbolic link, a device or a pipe in a file's place is refused, never
written through, and no folder on the way is a link that leaves the project.

A new file is first written under a name ``tempfile`` picks (created with O_EXCL and
O_NOFOLLOW: it cannot exist before, not even as a link), in the file's own folder, then renamed
over the file's name (a rename replaces the name itself, never what a link there points to).
Folders are checked step by step from the project's root and created one at a time, each
checked before the next is made inside it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from endorse.errors import EndorseError, WriteRefused
from endorse.project.paths import relative

PRIVATE_MODE = 0o600  # files that carry contacts: readable by their owner only
NEW_FILE_MODE = 0o644


def _is_inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def refuse_special(path: Path, root: Path | None = None, *, label: str | None = None) -> None:
    """Replace only a regular file: never a folder, a device, a FIFO or a symbolic link.

    Renaming over ``/dev/null`` or a link would turn it into a plain file (as root, too).
    ``label`` names a file endorse makes itself ("lock file"): removing it is harmless.
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
    shown = relative(path, root) if root is not None else path
    if label is None:
        raise WriteRefused(
            f"will not write over this: it is {what}; nothing was written",
            path=shown,
            hint="name a new file, or an existing regular file to replace",
        )
    follow = "; endorse does not follow it" if stat.S_ISLNK(mode) else ""
    raise WriteRefused(
        f"the {label} is {what}{follow}, nothing was written",
        path=shown,
        hint=f"remove it (rm {shown}); endorse makes a new one",
    )


def verify_folder(folder: Path, within: Path | None, *, create: bool = False) -> None:
    """``folder`` is a real folder of the project ``within``: no step of it below ``within`` is
    a link that leads outside the project, a file or a device. ``create`` makes the missing ones.

    A folder outside ``within`` (an ``-o`` the user named elsewhere) is theirs to choose.
    """
    root = os.path.abspath(within) if within is not None else None
    target = os.path.abspath(folder)
    if root is None or not _is_inside(target, root):
        if create:
            _make_folders(Path(target))
        return
    if create:
        _make_folders(Path(root))  # the project's root itself is the user's to choose
    real_root = os.path.realpath(root)
    current = root
    for part in Path(os.path.relpath(target, root)).parts if target != root else ():
        current = os.path.join(current, part)
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            if not create:
                return  # writing into it says so, with the name
            try:
                os.mkdir(current)  # never follows a link: an existing name fails
            except OSError as exc:
                raise _cannot_write(Path(current), exc) from exc
            continue
        except OSError as exc:
            raise _cannot_write(Path(current), exc) from exc
        if stat.S_ISDIR(mode):
            continue
        shown = relative(Path(current), Path(root))
        if stat.S_ISLNK(mode):
            real = os.path.realpath(current)
            if _is_inside(real, real_root) and os.path.isdir(real):
                continue
            raise WriteRefused(
                "a symbolic link that leads outside the project; endorse does not write "
                "through it, nothing was written",
                path=shown,
                hint=f"remove the link (rm {shown}): a project's folders are ordinary folders",
            )
        raise WriteRefused(
            "not a folder (a file, a device or a pipe stands here); nothing was written",
            path=shown,
            hint="move it away (it should be a folder) and run the command again",
        )


def _make_folders(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(folder, exc) from exc


def _cannot_write(path: Path, exc: OSError) -> EndorseError:
    return EndorseError(
        f"cannot write here: {exc.strerror or exc}",
        path=path,
        hint="check that the folder exists and that you may write to it",
    )


def replace_file(
    path: Path,
    data: bytes,
    *,
    within: Path | None,
    mode: int | None = None,
    overwrite: bool = True,
    durable: bool = True,
    temporary_suffix: str = ".tmp",
    make_folder: bool = False,
) -> None:
    """Write ``data`` to a temporary file next to ``path``, then rename it over ``path``.

    ``mode`` (PRIVATE_MODE for contacts) is the new file's mode; without it a replaced file keeps
    its mode and a new one is NEW_FILE_MODE. With ``overwrite=False`` the file is linked into
    place, which fails with FileExistsError when the name is taken. ``durable`` fsyncs the file
    and its folder (a cache entry need not be). ``within`` is the project (see verify_folder).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    verify_folder(folder, within, create=make_folder)
    refuse_special(path, within)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=temporary_suffix, dir=folder
        )
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            if mode is None:
                mode = _kept_mode(path) if overwrite else NEW_FILE_MODE
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            if durable:
                os.fsync(handle.fileno())
        if not hasattr(os, "fchmod"):  # Windows
            os.chmod(temporary, mode)
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
            os.unlink(temporary)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    if durable:
        _fsync_folder(folder)


def _kept_mode(path: Path) -> int:
    try:
        info = path.lstat()
    except OSError:
        return NEW_FILE_MODE
    return info.st_mode & 0o7777 if stat.S_ISREG(info.st_mode) else NEW_FILE_MODE


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
