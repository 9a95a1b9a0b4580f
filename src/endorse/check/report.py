"""A check report as text for people, stable JSON, or GitHub Actions workflow commands."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from endorse import JSON_SCHEMA
from endorse.errors import printable, utf8_safe
from endorse.format.jsontext import indented
from endorse.format.problems import Problem, Report, Severity
from endorse.project.model import Project

FORMATS = ("text", "json", "github")


def strict(report: Report) -> Report:
    """The same report with every warning promoted to an error (``check --strict``)."""
    return Report(
        [
            dataclasses.replace(p, strict=True) if p.severity is Severity.WARNING else p
            for p in report.problems
        ]
    )


def summary(report: Report, project: Project) -> dict[str, int]:
    counts = {severity: 0 for severity in Severity}
    for problem in report.problems:
        counts[problem.severity] += 1
    return {
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "notices": counts[Severity.NOTICE],
        "statements": len(project.statements),
        "signatories": sum(s.written for s in project.statements.values()),
    }


def checked_phrase(counts: dict[str, int]) -> str:
    return (
        f"{_count(counts['statements'], 'statements')}, "
        f"{_count(counts['signatories'], 'signatories')}"
    )


def format_text(report: Report, project: Project) -> str:
    lines = []
    for problem in report.sorted():
        where = problem.location()
        prefix = f"{where}: " if where else ""
        lines.append(
            f"{prefix}{problem.severity.value} {problem.code} {problem.name}: "
            f"{printable(problem.message)}"
        )
        if problem.hint:
            lines.append(f"  {printable(problem.hint)}")
    counts = summary(report, project)
    if not report.problems:
        lines.append(f"ok: {checked_phrase(counts)} checked, no problems")
    else:
        found = [_count(counts["errors"], "errors"), _count(counts["warnings"], "warnings")]
        if counts["notices"]:
            found.append(_count(counts["notices"], "notices"))
        lines.append(f"{', '.join(found)} ({checked_phrase(counts)} checked)")
    return "\n".join(lines) + "\n"


def problem_dict(problem: Problem) -> dict[str, Any]:
    """One problem for JSON; a file name that is not UTF-8 is written with ``\\uXXXX``, so
    that the report stays valid UTF-8 (and valid JSON) whatever the repository holds."""
    return {
        "file": utf8_safe(problem.path.as_posix()) if problem.path is not None else None,
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "name": problem.name,
        "severity": problem.severity.value,
        "message": utf8_safe(problem.message),
        "hint": utf8_safe(problem.hint) if problem.hint is not None else None,
    }


def format_json(report: Report, project: Project) -> str:
    """Documented in docs/checks.md; add keys freely, never rename or remove one."""
    document = {
        "schema": JSON_SCHEMA,
        "version": JSON_SCHEMA,  # the name this key had first; kept for tools that read it
        "ok": report.ok,
        "summary": summary(report, project),
        "problems": [problem_dict(p) for p in report.sorted()],
    }
    return indented(document) + "\n"


def escape_data(text: str) -> str:
    """GitHub's escaping for a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """GitHub's escaping for a workflow command's property values (file, title...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def prefix_within(root: Path, base: Path) -> Path | None:
    """``root`` relative to ``base`` (the repository's top), or None when it is not inside."""
    try:
        prefix = root.resolve().relative_to(base.resolve())
    except (ValueError, OSError):
        return None
    return prefix if prefix.parts else None


def format_github(report: Report, project: Project, *, prefix: Path | None = None) -> str:
    """One ``::error``/``::warning``/``::notice`` line per problem, then a plain summary line.

    ``prefix`` is the project root as seen from the repository's top, so that annotations land
    on the right file when the project lives in a sub-folder.
    """
    lines = []
    for problem in report.sorted():
        properties = []
        if problem.path is not None:
            path = (prefix / problem.path) if prefix is not None else problem.path
            properties.append(f"file={escape_property(printable(path.as_posix()))}")
            if problem.line:
                properties.append(f"line={problem.line}")
                if problem.column:
                    properties.append(f"col={problem.column}")
        properties.append(f"title={escape_property(f'{problem.code} {problem.name}')}")
        message = problem.message + (f"\n{problem.hint}" if problem.hint else "")
        message = printable(message, keep_line_breaks=True)  # escape_data writes CR and LF
        lines.append(f"::{problem.severity.value} {','.join(properties)}::{escape_data(message)}")
    counts = summary(report, project)
    found = ", ".join(_count(counts[k], k) for k in ("errors", "warnings", "notices"))
    lines.append(f"endorse check: {found} ({checked_phrase(counts)} checked)")
    return "\n".join(lines) + "\n"


def _count(number: int, plural: str) -> str:
    singular = {"signatories": "signatory"}.get(plural, plural.removesuffix("s"))
    return f"{number} {singular if number == 1 else plural}"
