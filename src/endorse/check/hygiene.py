"""Text hygiene warnings over loaded data: look-alike letters, stray spaces, quote mixes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from endorse.format.problems import Problem
from endorse.format.scripts import pattern, script_of
from endorse.project.model import Entry, LoadedStatement

_WORD = re.compile(r"\w+")
_GREEK_OR_CYRILLIC = pattern("Greek", "Cyrillic")
_DOUBLED = re.compile(r"\s{2,}")
_DOUBLED_IN_LINE = re.compile(r"(?<=\S)[^\S\n]{2,}(?=\S)")
_TRAILING_IN_LINE = re.compile(r"[^\S\n]+(?=\n|$)")
STRAIGHT_QUOTES = frozenset("\"'")
CURLY_QUOTES = frozenset("“”‘’")


@dataclass(frozen=True)
class Field:
    """One piece of text and where it was written."""

    label: str
    value: str
    path: Path
    line: int | None
    source_text: str | None = None  # statement fields: to find a line inside a long text

    def line_at(self, index: int) -> int | None:
        if self.line is None or self.source_text is None:
            return self.line
        from endorse.format.tomlsource import line_in_value

        return line_in_value(self.source_text, self.line, self.value, index)


def check_text_hygiene(loaded: LoadedStatement, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    statement_fields = list(_statement_fields(loaded, root))
    for field in statement_fields:
        problems.extend(_field_problems(field))
    quotes = mixed_quotes(statement_fields)
    if quotes is not None:
        problems.append(quotes)
    for entry in loaded.entries:
        signatory = entry.signatory
        extras = (
            signatory.aliases or signatory.acronym or signatory.note or signatory.withdrawn_reason
        )
        if not extras and _plain(signatory.name):
            continue  # the common case, kept cheap for lists of 100,000 names
        for field in _entry_fields(entry):
            problems.extend(_field_problems(field))
    return problems


def _plain(value: str) -> bool:
    """Trimmed, single-spaced, without Greek or Cyrillic: nothing any check here could find."""
    return (
        value == value.strip()
        and _DOUBLED.search(value) is None
        and (value.isascii() or _GREEK_OR_CYRILLIC.search(value) is None)
    )


def _field_problems(field: Field) -> list[Problem]:
    found = [mixed_script(field), stray_whitespace(field)]
    return [problem for problem in found if problem is not None]


def entry_warnings(entry: Entry) -> list[Problem]:
    """The text warnings check gives this one entry: what add and import warn about too."""
    return [problem for field in _entry_fields(entry) for problem in _field_problems(field)]


def _entry_fields(entry: Entry) -> Iterator[Field]:
    signatory = entry.signatory
    yield Field("name", signatory.name, entry.path, entry.line)
    for alias in signatory.aliases:
        yield Field("alias", alias, entry.path, entry.line)
    for label in ("acronym", "note", "withdrawn_reason"):
        value = getattr(signatory, label)
        if value:
            yield Field(label, value, entry.path, entry.line)


def _statement_fields(loaded: LoadedStatement, root: Path) -> Iterator[Field]:
    statement = loaded.statement
    if statement is None:
        return
    source = loaded.source
    if source is None:
        return
    values: list[tuple[str, str | None, tuple[str | int, ...]]] = [
        ("title", statement.title, ("title",)),
        ("place", statement.place, ("place",)),
        ("body", statement.body, ("body",)),
        ("closing", statement.closing, ("closing",)),
    ]
    for index, group in enumerate(statement.groups):
        values.append(
            (f"heading of group '{group.id}'", group.heading, ("groups", index, "heading"))
        )
    for label, value, loc in values:
        if value:
            yield Field(label, value, loaded.path, source.line_of(loc), source.text)


def _quoted(field: Field) -> str:
    short = len(field.value) <= 80 and "\n" not in field.value
    return f"{field.label} '{field.value}'" if short else field.label


def mixed_script(field: Field) -> Problem | None:
    """A word spelled with letters of Latin and Cyrillic or Greek: most likely a look-alike."""
    if field.value.isascii() or not _GREEK_OR_CYRILLIC.search(field.value):
        return None
    for match in _WORD.finditer(field.value):
        word = match.group()
        if word.isascii():
            continue
        first_at: dict[str, int] = {}
        for offset, char in enumerate(word):
            script = script_of(char)
            if script is not None:
                first_at.setdefault(script, match.start() + offset)
        if len(first_at) < 2:
            continue
        # The letter to point at: the non-Latin one, else the script that came second.
        odd = max(first_at, key=lambda s: (s != "Latin", first_at[s]))
        index = first_at[odd]
        char = field.value[index]
        return Problem(
            "W401",
            f"{_quoted(field)}: the word '{word}' mixes "
            f"{' and '.join(sorted(first_at))} letters (U+{ord(char):04X} "
            f"{unicodedata.name(char, 'unnamed')} at character {index + 1}), "
            "which often hides a look-alike name",
            path=field.path,
            line=field.line_at(index),
            hint="retype the word in one script",
        )
    return None


def stray_whitespace(field: Field) -> Problem | None:
    """Spaces at either end or doubled: invisible in review, different to the duplicate finder."""
    value = field.value
    if field.source_text is not None and "\n" in value:
        return _stray_whitespace_in_text(field)
    if value != value.strip():
        what, index = "leading or trailing white space", 0 if value[:1].isspace() else len(value)
    else:
        doubled = _DOUBLED.search(value)
        if doubled is None:
            return None
        what, index = "doubled white space", doubled.start()
    return Problem(
        "W402",
        f"{_quoted(field)} has {what}",
        path=field.path,
        line=field.line_at(index),
        hint=f"write it as '{' '.join(value.split())}'",
    )


def _stray_whitespace_in_text(field: Field) -> Problem | None:
    doubled = _DOUBLED_IN_LINE.search(field.value)
    trailing = _TRAILING_IN_LINE.search(field.value)
    found = [m for m in (doubled, trailing) if m is not None]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    what = "doubled white space" if first is doubled else "white space at the end of a line"
    return Problem(
        "W402",
        f"{field.label} has {what}",
        path=field.path,
        line=field.line_at(first.start()),
        hint="use one space between words and none at the end of a line",
    )


def mixed_quotes(fields: list[Field]) -> Problem | None:
    """Straight and curly quotes in one statement: a sign of text pasted from two sources."""
    first: dict[str, tuple[Field, int]] = {}
    counts = {"straight": 0, "curly": 0}
    for field in fields:
        for index, char in enumerate(field.value):
            style = (
                "straight" if char in STRAIGHT_QUOTES else "curly" if char in CURLY_QUOTES else ""
            )
            if style:
                counts[style] += 1
                first.setdefault(style, (field, index))
    if not counts["straight"] or not counts["curly"]:
        return None
    odd = "straight" if counts["straight"] <= counts["curly"] else "curly"
    field, index = first[odd]
    return Problem(
        "W403",
        f"this statement mixes straight and curly quotes ({counts['straight']} straight, "
        f"{counts['curly']} curly); the first {odd} one is in the {field.label}",
        path=field.path,
        line=field.line_at(index),
        hint="use one style throughout: curly “ ” ‘ ’ or straight \" '",
    )
