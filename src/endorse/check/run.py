"""Checks across files: what a single file's schema cannot see."""

from __future__ import annotations

from endorse.check.consistency import check_consistency
from endorse.check.hygiene import check_text_hygiene
from endorse.check.logos import check_logos
from endorse.check.privacy import check_private_files
from endorse.check.translations import check_translations
from endorse.format.problems import Problem, Report
from endorse.project.model import LoadedStatement, Project
from endorse.project.order import placement_problems


def check_project(project: Project) -> Report:
    report = Report()
    report.extend(project.problems)
    report.extend(check_private_files(project))
    for loaded in project.statements.values():
        # Entries refused by the format rules are still checked: their other problems, and
        # the duplicates they hide, are reported in the same run.
        everything = loaded.with_every_entry()
        report.extend(placement_problems(everything))
        report.extend(check_exact_duplicates(everything))
        report.extend(check_translations(loaded, project.root))
        report.extend(check_text_hygiene(everything, project.root))
        report.extend(check_consistency(everything))
        report.extend(check_logos(loaded, project.root))
    return report


def check_exact_duplicates(loaded: LoadedStatement) -> list[Problem]:
    """Likely duplicates (not only exact repeats), as `endorse dupes` finds them (E301), and
    possible ones for a person to review, as `endorse dupes --review` lists them (N302)."""
    from endorse.check.findings import find_duplicates_for_review
    from endorse.matching.report import as_notices, as_problems

    likely, possible = find_duplicates_for_review(loaded)
    return as_problems(likely) + as_notices(possible)
