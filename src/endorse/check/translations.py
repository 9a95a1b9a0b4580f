"""Checks of a statement's translations: every part translated, or knowingly left out."""

from __future__ import annotations

from pathlib import Path

from endorse.format.models import SIGNATORIES_PLACEHOLDER, Statement, Translation
from endorse.format.problems import Problem
from endorse.project.model import LoadedStatement


def parts(statement: Statement) -> list[str]:
    """The parts of the statement a translation should carry, as ``untranslated`` names them."""
    names = ["title"]
    names += [key for key in ("place", "body", "closing") if getattr(statement, key)]
    return names + [f"headings.{group.id}" for group in statement.groups]


def missing_parts(statement: Statement, translation: Translation) -> list[str]:
    def present(part: str) -> bool:
        if part.startswith("headings."):
            return part.removeprefix("headings.") in translation.headings
        return getattr(translation, part) is not None

    return [
        part
        for part in parts(statement)
        if not present(part) and part not in translation.untranslated
    ]


def check_translations(loaded: LoadedStatement, root: Path) -> list[Problem]:
    statement = loaded.statement
    if statement is None or not statement.translations:
        return []
    source = loaded.source
    problems = []
    for lang, translation in statement.translations.items():
        table = f"[translations.{lang}]"

        def problem(
            code: str, message: str, hint: str, key: str | None = None, *, lang: str = lang
        ) -> Problem:
            loc = ("translations", lang, key) if key else ("translations", lang)
            line = source.line_of(loc) if source is not None else None
            return Problem(code, message, loaded.path, line, hint=hint)

        known_groups = {group.id for group in statement.groups}
        for group_id in translation.headings:
            if group_id not in known_groups:
                problems.append(
                    problem(
                        "E502",
                        f"{table} translates the heading of group '{group_id}', "
                        "which this statement does not define",
                        "use one of: " + ", ".join(group.id for group in statement.groups),
                        "headings",
                    )
                )
        for part in translation.untranslated:
            if part not in parts(statement):
                problems.append(
                    problem(
                        "E502",
                        f"{table} lists '{part}' as untranslated; the statement has no such part",
                        "name parts as: " + ", ".join(parts(statement)),
                        "untranslated",
                    )
                )
        for group in statement.groups:
            heading = translation.headings.get(group.id)
            if group.style == "sentence" and heading and SIGNATORIES_PLACEHOLDER not in heading:
                problems.append(
                    problem(
                        "E503",
                        f"{table} heading of sentence group '{group.id}' has no "
                        f"{SIGNATORIES_PLACEHOLDER}, where the names go",
                        f"put {SIGNATORIES_PLACEHOLDER} in the translated heading",
                        "headings",
                    )
                )
        missing = missing_parts(statement, translation)
        if missing:
            problems.append(
                problem(
                    "W501",
                    f"{table} does not translate: {', '.join(missing)}; "
                    "the original text prints in their place",
                    "translate them, or list them in untranslated = [...] if that is intended",
                )
            )
    return problems
