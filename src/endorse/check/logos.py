"""Signatories' logos (E8xx): each names a PNG, JPEG or SVG file under logos/ that can be read.

What is wrong with a logo is found by ``project.logos.verify_logo``, the same function whose
verdict makes ``render`` refuse to embed it.
"""

from __future__ import annotations

from pathlib import Path

from endorse.format.problems import Problem
from endorse.project.logos import LogoFault, verify_logo
from endorse.project.model import Entry, LoadedStatement


def check_logos(loaded: LoadedStatement, root: Path) -> list[Problem]:
    problems = []
    for entry in loaded.entries:
        logo = entry.signatory.logo
        if logo is not None:
            problem = _logo_problem(entry, logo, root)
            if problem is not None:
                problems.append(problem)
    return problems


def _logo_problem(entry: Entry, logo: str, root: Path) -> Problem | None:
    found = verify_logo(root, logo)
    if not isinstance(found, LogoFault):
        return None
    return Problem(
        found.code,
        f"logo '{logo}' of '{entry.signatory.name}' {found.detail}",
        path=entry.path,
        line=entry.line,
        hint=found.hint,
    )
