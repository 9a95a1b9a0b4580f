"""Turning a check report into text for people."""

from __future__ import annotations

from endorse.problems import Report
from endorse.project import Project


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def format_text(report: Report, project: Project) -> str:
    lines = []
    for problem in report.sorted():
        where = problem.location()
        prefix = f"{where}: " if where else ""
        lines.append(
            f"{prefix}{problem.severity.value} {problem.code} {problem.name}: {problem.message}"
        )
        if problem.hint:
            lines.append(f"  {problem.hint}")
    statements = len(project.statements)
    signatories = sum(len(s.entries) for s in project.statements.values())
    checked = f"{_plural(statements, 'statement')}, {_plural(signatories, 'signatory')}"
    checked = checked.replace("signatorys", "signatories")
    errors = len(report.errors)
    others = len(report.problems) - errors
    if report.problems:
        lines.append(
            f"{_plural(errors, 'error')}, {_plural(others, 'warning')} ({checked} checked)"
        )
    else:
        lines.append(f"ok: {checked} checked, no problems")
    return "\n".join(lines) + "\n"
