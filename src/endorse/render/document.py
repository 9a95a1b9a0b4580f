"""The format-neutral shape of a rendered statement: what every output format prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from endorse.models import SIGNATORIES_PLACEHOLDER, Style
from endorse.ordering import by_group
from endorse.project import LoadedStatement

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
PUBLISHED_STATUSES = frozenset({"confirmed"})


@dataclass(frozen=True)
class Item:
    number: int
    name: str
    acronym: str | None
    note: str | None
    kind: str
    country: str | None
    contact: str | None = None  # private: filled only when asked for

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@dataclass(frozen=True)
class Section:
    group_id: str
    heading: str
    style: Style
    items: list[Item]

    def sentence(self) -> str:
        """A sentence-style group: the heading with the names put in its placeholder."""
        pieces = [f"{i.display_name}, {i.note}" if i.note else i.display_name for i in self.items]
        separator = "; " if any(i.note for i in self.items) else ", "
        if len(pieces) > 1:
            names = separator.join(pieces[:-1]) + " and " + pieces[-1]
        else:
            names = pieces[0] if pieces else ""
        return self.heading.replace(SIGNATORIES_PLACEHOLDER, names)


@dataclass(frozen=True)
class Document:
    slug: str
    title: str
    lang: str
    place: str | None
    date: dt.date | None
    body: list[str]
    sections: list[Section]
    closing: list[str]
    status: str = "draft"
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def dateline(self) -> str:
        parts = [self.place] if self.place else []
        if self.date:
            parts.append(format_date(self.date))
        return ", ".join(parts)


def format_date(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def paragraphs(text: str) -> list[str]:
    """Split on blank lines; lines inside a paragraph keep their breaks."""
    blocks = []
    for block in text.strip().split("\n\n"):
        lines = [line.rstrip() for line in block.strip("\n").splitlines()]
        cleaned = "\n".join(lines).strip()
        if cleaned:
            blocks.append(cleaned)
    return blocks


def build_document(loaded: LoadedStatement, *, include_private: bool = False) -> Document:
    """Only confirmed signatories, in each group's print order; private fields only if asked."""
    statement = loaded.require()
    grouped = by_group(loaded.entries, statement, statuses=PUBLISHED_STATUSES)
    sections = []
    for group in statement.groups:
        items = [
            Item(
                number=number,
                name=entry.signatory.name,
                acronym=entry.signatory.acronym,
                note=entry.signatory.note,
                kind=entry.signatory.kind,
                country=entry.signatory.country,
                contact=entry.signatory.contact if include_private else None,
            )
            for number, entry in enumerate(grouped[group.id], start=1)
        ]
        if items:
            sections.append(Section(group.id, group.heading, group.style, items))
    return Document(
        slug=loaded.slug,
        title=statement.title,
        lang=statement.lang,
        place=statement.place,
        date=statement.date,
        body=paragraphs(statement.body),
        sections=sections,
        closing=paragraphs(statement.closing),
        status=statement.status,
    )
