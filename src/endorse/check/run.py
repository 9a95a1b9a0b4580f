"""Checks across files: what a single file's schema cannot see."""

from __future__ import annotations

from endorse.check.consistency import check_consistency
from endorse.check.hygiene import check_text_hygiene
from endorse.check.logos import check_logos
from endorse.check.privacy import check_private_files
from endorse.check.translations import check_translations
from endorse.format.problems import Problem, Report
from endorse.project.model import LoadedStatement, Project


def check_project(project: Project) -> Report:
    report = Report()
    report.extend(project.problems)
    report.extend(check_private_files(project))
    for loaded in project.statements.values():
        report.extend(check_groups(loaded))
        report.extend(check_exact_duplicates(loaded))
        report.extend(check_translations(loaded, project.root))
        report.extend(check_text_hygiene(loaded, project.root))
        report.extend(check_consistency(loaded))
        report.extend(check_logos(loaded, project.root))
    return report


def check_groups(loaded: LoadedStatement) -> list[Problem]:
    statement = loaded.statement
    if statement is None:
        return []
    known = [group.id for group in statement.groups]
    problems = []
    for entry in loaded.entries:
        group = statement.group_of(entry.signatory)
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
    """Likely duplicates (not only exact repeats), as `endorse dupes` finds them."""
    from endorse.matching import find_duplicate_groups
    from endorse.matching.report import as_problems

    return as_problems(find_duplicate_groups(loaded))
