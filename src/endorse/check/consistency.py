"""Consistency across entries and files: dates, [[distinct]] pairs, one-file-per-signer names."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from endorse.format.problems import Problem
from endorse.project.model import LoadedStatement
from endorse.project.names import fold
from endorse.project.paths import SIGNATORIES, named_for, signer_file_stem

# A coordinator east of UTC may write tomorrow's date while CI runs on today's.
FUTURE_SLACK = dt.timedelta(days=1)


def check_consistency(loaded: LoadedStatement, *, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems = check_added_dates(loaded, today)
    problems += check_withdrawn_dates(loaded, today)
    problems += check_deadline(loaded, today)
    problems += check_statuses(loaded)
    problems += check_distinct_names(loaded)
    problems += check_signer_files(loaded)
    return problems


def check_withdrawn_dates(loaded: LoadedStatement, today: dt.date) -> list[Problem]:
    return [
        Problem(
            "E607",
            f"'{entry.signatory.name}' withdrew on {entry.signatory.withdrawn}, which is in "
            "the future",
            path=entry.path,
            line=entry.line,
            hint=f"write the date the withdrawal arrived (today is {today})",
        )
        for entry in loaded.entries
        if entry.signatory.withdrawn is not None
        and entry.signatory.withdrawn > today + FUTURE_SLACK
    ]


def check_deadline(loaded: LoadedStatement, today: dt.date) -> list[Problem]:
    """A deadline passed while the statement still takes signatures (open, or draft: add and
    import refuse every new signer either way, so the coordinator should close or extend it)."""
    statement = loaded.statement
    if statement is None or statement.deadline is None or statement.is_frozen:
        return []
    if today <= statement.deadline:
        return []
    line = loaded.source.line_of(("deadline",)) if loaded.source is not None else None
    return [
        Problem(
            "W601",
            f"the deadline {statement.deadline} has passed and statement '{loaded.slug}' is "
            f"still {statement.status}: add and import refuse new signatures",
            path=loaded.path,
            line=line,
            hint=f"close it ('endorse close {loaded.slug}'), or move the deadline "
            f"('endorse open {loaded.slug} --deadline YYYY-MM-DD')",
        )
    ]


def check_added_dates(loaded: LoadedStatement, today: dt.date) -> list[Problem]:
    statement = loaded.statement
    frozen_on = None
    if statement is not None and statement.is_frozen:
        frozen_on = statement.date
    problems = []
    late: list[Problem] = []
    dated = 0
    for entry in loaded.entries:
        added = entry.signatory.added
        if added is None:
            continue
        dated += 1
        if added > today + FUTURE_SLACK:
            problems.append(
                Problem(
                    "E601",
                    f"'{entry.signatory.name}' was added on {added}, which is in the future",
                    path=entry.path,
                    line=entry.line,
                    hint=f"write the date the endorsement arrived (today is {today})",
                )
            )
        elif frozen_on is not None and added > frozen_on:
            late.append(
                Problem(
                    "E602",
                    f"'{entry.signatory.name}' was added on {added}, after the "
                    f"{statement.status if statement else ''} statement's date {frozen_on}",
                    path=entry.path,
                    line=entry.line,
                    hint='fix the date, or reopen the statement (status = "open") to take '
                    "late endorsements",
                )
            )
    if len(late) > 1 and len(late) == dated and statement is not None:
        # Every date is late: the statement's own date is the likely mistake, so say it once.
        line = loaded.source.line_of(("date",)) if loaded.source is not None else None
        return [
            *problems,
            Problem(
                "E602",
                f"all {len(late)} signatories with an 'added' date were added after the "
                f"{statement.status} statement's date {frozen_on} (the first is "
                f"{late[0].location()})",
                path=loaded.path,
                line=line,
                hint='fix the statement\'s date, or reopen it (status = "open") to take late '
                "endorsements",
            ),
        ]
    return problems + late


def check_statuses(loaded: LoadedStatement) -> list[Problem]:
    """Statuses that say one thing while the dates or the statement say another."""
    published = loaded.statement is not None and loaded.statement.status == "published"
    problems = []
    for entry in loaded.entries:
        signatory = entry.signatory
        name = signatory.name
        if signatory.status == "pending" and published:
            problems.append(
                Problem(
                    "W212",
                    f"'{name}' is still pending on the published statement '{loaded.slug}', "
                    "so it is not printed",
                    path=entry.path,
                    line=entry.line,
                    hint='if it signed before publication, set status = "confirmed" (check '
                    '--since will show the change); if it did not, set status = "withdrawn"',
                )
            )
        if signatory.status == "withdrawn" and signatory.withdrawn is None:
            problems.append(
                Problem(
                    "W213",
                    f"'{name}' is withdrawn, but the entry does not say when",
                    path=entry.path,
                    line=entry.line,
                    hint="add withdrawn = YYYY-MM-DD (the date it asked to be removed); "
                    "endorse withdraw writes it",
                )
            )
        elif (
            signatory.status != "withdrawn"
            and signatory.withdrawn is not None
            and not _reinstated_since(signatory.withdrawn, signatory.reinstated)
        ):
            problems.append(
                Problem(
                    "W214",
                    f"'{name}' has a withdrawn date ({signatory.withdrawn}) but its status is "
                    f"'{signatory.status}', so it is still "
                    + ("printed" if signatory.status == "confirmed" else "listed"),
                    path=entry.path,
                    line=entry.line,
                    hint='set status = "withdrawn" if it withdrew; otherwise remove the '
                    "withdrawn date",
                )
            )
    return problems


def check_distinct_names(loaded: LoadedStatement) -> list[Problem]:
    if not loaded.distinct:
        return []
    known: dict[str, str] = {}
    for entry in loaded.entries:
        for name in (entry.signatory.name, *entry.signatory.aliases):
            known.setdefault(fold(name), name)
    problems = []
    for pair in loaded.distinct:
        for name in pair.distinct.names:
            if fold(name) in known:
                continue
            problems.append(
                Problem(
                    "E603",
                    f"[[distinct]] names '{name}', but no signatory of '{loaded.slug}' "
                    "has that name or alias",
                    path=pair.path,
                    line=pair.line,
                    hint="copy the name exactly as the signatory's entry spells it, "
                    "or remove the pair if that signatory is gone",
                )
            )
    return problems


def check_signer_files(loaded: LoadedStatement) -> list[Problem]:
    folder = Path(SIGNATORIES) / loaded.slug
    signer_files = {path for path in loaded.signatory_files if path.parent == folder}
    if not signer_files:
        return []
    per_file: dict[Path, list[str]] = {}
    first_line: dict[Path, int | None] = {}
    for entry in loaded.entries:
        if entry.path not in signer_files:
            continue
        per_file.setdefault(entry.path, []).append(entry.signatory.name)
        first_line.setdefault(entry.path, entry.line)
    problems = []
    for path, names in per_file.items():
        if len(names) > 1:
            problems.append(
                Problem(
                    "E606",
                    f"this one-file-per-signer file holds {len(names)} signatories "
                    f"({', '.join(repr(n) for n in names[:3])}{'...' if len(names) > 3 else ''})",
                    path=path,
                    line=first_line[path],
                    hint="move each signatory to its own file named after it",
                )
            )
            continue
        expected = signer_file_stem(names[0])
        if not named_for(path.stem, names[0]):
            problems.append(
                Problem(
                    "E604",
                    f"the file is named '{path.name}' but holds '{names[0]}'",
                    path=path,
                    line=first_line[path],
                    hint=f"rename it to {folder.as_posix()}/{expected}.toml "
                    f"(or {expected}-2.toml when two signers share the name)",
                )
            )
    problems += _case_collisions(loaded)
    return problems


def _case_collisions(loaded: LoadedStatement) -> list[Problem]:
    """File names that only differ by case or Unicode form clash on macOS and Windows."""
    seen: dict[str, Path] = {}
    problems = []
    for path in sorted(loaded.signatory_files):
        key = unicodedata.normalize("NFC", path.as_posix()).casefold()
        earlier = seen.setdefault(key, path)
        if earlier != path:
            problems.append(
                Problem(
                    "E605",
                    f"'{path.name}' and '{earlier.name}' differ only in case or accents; "
                    "they are one file on macOS and Windows",
                    path=path,
                    hint="merge the two files or rename one of them",
                )
            )
    return problems


def _reinstated_since(withdrawn: dt.date, reinstated: dt.date | None) -> bool:
    """`endorse reinstate` keeps the withdrawal on record and adds when it was undone."""
    return reinstated is not None and reinstated >= withdrawn
