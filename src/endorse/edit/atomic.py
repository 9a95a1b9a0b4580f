"""Atomic file replacement: readers see the old file or the new one, never half of one.

The writing itself (no link or special file followed, no folder leaving the project) is
``project.files``, the one place every writer goes through; this module adds what endorse's own
files need: a private file's mode and temporary name, and the clean-up after a crash.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from endorse.project.files import PRIVATE_MODE, refuse_special, replace_file, verify_folder
from endorse.project.paths import PRIVATE_SUFFIX

__all__ = ["PRIVATE_MODE", "refuse_special", "remove_stale_temporaries", "write_atomic"]

# A private file's temporary copy ends like the private file itself, so the ignore pattern that
# keeps private files out of git (*.private.toml) keeps a copy left by a crash out too.
PRIVATE_TEMPORARY_SUFFIX = ".tmp" + PRIVATE_SUFFIX


def temporary_pattern(path: Path) -> str:
    """The glob of the temporary copies ``write_atomic`` makes of ``path``."""
    suffix = PRIVATE_TEMPORARY_SUFFIX if path.name.endswith(PRIVATE_SUFFIX) else ".tmp"
    return f".{path.name}.*{suffix}"


def remove_stale_temporaries(path: Path, within: Path | None = None) -> None:
    """Delete copies of ``path`` left by a writer that was killed (call it holding the lock)."""
    verify_folder(path.parent, within)  # never list, or delete in, a folder elsewhere
    if not path.parent.is_dir():
        return
    for stale in path.parent.glob(temporary_pattern(path)):
        with contextlib.suppress(OSError):
            stale.unlink()


def write_atomic(
    path: Path,
    text: str | bytes,
    *,
    overwrite: bool = True,
    within: Path | None = None,
    private: bool = False,
    make_folder: bool = False,
) -> None:
    """Write to a temporary file in the same folder, fsync it, then rename over ``path``.

    With ``overwrite=False`` the file is linked into place instead, which fails with
    FileExistsError when the name is taken: an existing file is never replaced. A file that
    carries contacts (a private file ``*.private.toml``, or ``private=True``: an output with
    contacts, refused rows) is readable by its owner only. ``within`` is the project's root:
    no folder below it on the way to ``path`` may be a link that leaves it.
    """
    path = Path(path)
    private_file = path.name.endswith(PRIVATE_SUFFIX)
    replace_file(
        path,
        text.encode("utf-8") if isinstance(text, str) else text,
        within=within,
        mode=PRIVATE_MODE if private or private_file else None,
        overwrite=overwrite,
        temporary_suffix=PRIVATE_TEMPORARY_SUFFIX if private_file else ".tmp",
        make_folder=make_folder,
    )
