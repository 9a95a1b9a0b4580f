"""Checks across files: what a single file's schema cannot see."""

from __future__ import annotations

from endorse.check.consistency import check_consistency
from endorse.check.hygiene import check_text_hygiene
from endorse.check.translations import check_translations
from endorse.format.problems import Problem, Report
from endorse.project.model import LoadedStatement, Project
from endorse.project.order import group_id_of


def check_project(project: Project) -> Report:
    report = Report()
    report.extend(project.problems)
    for loaded in project.statements.values():
        report.extend(check_groups(loaded))
        report.extend(check_exact_duplicates(loaded))
        report.extend(check_translations(loaded, project.root))
        report.extend(check_text_hygiene(loaded, project.root))
        report.extend(check_consistency(loaded))
    return report


def check_groups(loaded: LoadedStatement) -> list[Problem]:
    statement = loaded.statement
    if statement is None:
        return []
    known = [group.id for group in statement.groups]
    problems = []
    for entry in loaded.entries:
        group = group_id_of(entry, statement)
        if group is None:
            problems.append(
                Problem(
                    "E202",
                    f"'{entry.signatory.name}' has no group, and this statement has several",
                    path=entry.path,
                    line=entry.line,
                    hint="add group = one of: " + ", ".join(known),
                )
            )
        elif group not in known:
            problems.append(
                Problem(
                    "E201",
                    f"'{entry.signatory.name}' names group '{group}', which "
                    f"statements/{loaded.slug}.toml does not define",
                    path=entry.path,
                    line=entry.line,
                    hint="use one of: " + ", ".join(known),
                )
            )
    return problems


def check_exact_duplicates(loaded: LoadedStatement) -> list[Problem]:
    """Likely duplicates (not only exact repeats), as `endorse dupes` finds them (E301), and
    possible ones for a person to review, as `endorse dupes --review` lists them (N302)."""
    from endorse.matching import find_duplicates_for_review
    from endorse.matching.report import as_notices, as_problems

    likely, possible = find_duplicates_for_review(loaded)
    return as_problems(likely) + as_notices(possible)
