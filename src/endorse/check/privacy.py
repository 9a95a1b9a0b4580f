"""Private files stay private: out of git, and never committed."""

from __future__ import annotations

from pathlib import Path

from endorse.format.problems import Problem
from endorse.project.git import in_work_tree, is_ignored, is_tracked
from endorse.project.model import Project
from endorse.project.paths import private_file, relative


def check_private_files(project: Project) -> list[Problem]:
    """W220 when git would take a private file; W221 when git already has it."""
    present = [
        private_file(project.root, slug)
        for slug in project.statements
        if _is_file(private_file(project.root, slug))
    ]
    if not present or not in_work_tree(project.root):
        return []
    problems = []
    for path in present:
        shown = relative(path, project.root)
        if is_tracked(project.root, shown):
            problems.append(_tracked(shown))
        elif not is_ignored(project.root, shown):
            problems.append(_not_ignored(shown))
    return problems


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _tracked(shown: Path) -> Problem:
    return Problem(
        "W221",
        "this private file is committed to git: its contacts are in the history",
        path=shown,
        hint=f"run 'git rm --cached {shown}', add '*.private.toml' to .gitignore, and treat "
        "the contacts as published (they stay in the history of every clone)",
    )


def _not_ignored(shown: Path) -> Problem:
    return Problem(
        "W220",
        "this private file is not git-ignored: 'git add -A' would publish its contacts",
        path=shown,
        hint="add '*.private.toml' to .gitignore (endorse init writes signatories/.gitignore)",
    )
