"""Asking git about the project: the one place endorse runs it."""

from __future__ import annotations

import subprocess
from pathlib import Path


def run_git(
    root: Path, *args: str, input: bytes | None = None
) -> subprocess.CompletedProcess[bytes] | None:
    """``git ARGS`` in ``root``; None when git is not installed."""
    try:
        return subprocess.run(
            ["git", *args], cwd=root, input=input, capture_output=True, check=False
        )
    except FileNotFoundError:
        return None


def in_work_tree(root: Path) -> bool:
    done = run_git(root, "rev-parse", "--is-inside-work-tree")
    return done is not None and done.returncode == 0 and done.stdout.strip() == b"true"


def is_ignored(root: Path, path: Path) -> bool:
    done = run_git(root, "check-ignore", "--quiet", "--no-index", "--", str(path))
    return done is not None and done.returncode == 0


def is_tracked(root: Path, path: Path) -> bool:
    # Case ignored: on a file system that ignores it, a committed .S.journal is the .s.journal.
    done = run_git(root, "ls-files", "--error-unmatch", "--", f":(icase){path}")
    return done is not None and done.returncode == 0
