"""The format-neutral shape of a rendered statement: what every output format prints."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from endorse.errors import UsageError
from endorse.format.models import SIGNATORIES_PLACEHOLDER, Statement, Style, Translation
from endorse.project.model import LoadedStatement
from endorse.project.order import by_group
from endorse.render import language

MAX_AUTHORS = 10  # a first group longer than this is a list of signers, not the organisers


@dataclass(frozen=True)
class Item:
    number: int
    name: str
    acronym: str | None
    note: str | None
    kind: str
    country: str | None
    contact: str | None = None  # private: filled only when asked for
    logo: str | None = None  # the signatory's logo as written (logos/x.png), for formats
    # that print logos: they read it with project.logos.read_logo(Document.root, logo)

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@dataclass(frozen=True)
class Section:
    group_id: str
    heading: str
    style: Style
    items: list[Item]
    lang: str = "en"
    counts: dict[str, int] = field(default_factory=dict)
    counts_line: str | None = None  # set only when counts were asked for
    logos: bool = False  # print a strip of the signatories' logos under the list
    counts_lang: str | None = None  # the tag whose words the counts use (Document.counts_lang)

    def sentence(self) -> str:
        """A sentence-style group: the heading with the names put in its placeholder."""
        pieces = [f"{i.display_name}, {i.note}" if i.note else i.display_name for i in self.items]
        separator = "; " if any(i.note for i in self.items) else ", "
        if len(pieces) > 1:
            names = f"{separator.join(pieces[:-1])} {language.conjunction(self.lang)} {pieces[-1]}"
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
    counts_line: str | None = None  # set only when counts were asked for
    # The language of the body and the closing: the original's where a translation leaves
    # them out (untranslated = ["body"]), so that formats can set them in the right type.
    body_lang: str | None = None
    closing_lang: str | None = None
    root: Path | None = None  # the project's root: logos are read from there, never beyond
    counts_lang: str | None = None  # the tag whose words the counts use: en-US, en-GB...
    author: str | None = None  # who publishes it: the statement's author, for documents' metadata
    source_lang: str | None = None  # the original's language, that names are written in

    @property
    def dateline(self) -> str:
        return language.dateline(self.place, self.date, self.lang)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[str]:
    """Split on blank lines; a single line break inside a paragraph is a space, as in
    Markdown, so that a body wrapped in its TOML file is not printed with forced breaks."""
    blocks = []
    for block in _BLANK_LINE.split(text.strip()):
        cleaned = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if cleaned:
            blocks.append(cleaned)
    return blocks


def kind_counts(items: list[Item]) -> dict[str, int]:
    organizations = sum(item.kind == "organization" for item in items)
    return {
        "organizations": organizations,
        "individuals": len(items) - organizations,
        "total": len(items),
    }


def translation_for(loaded: LoadedStatement, lang: str | None) -> Translation | None:
    """The statement's [translations.LANG] table; None for the original language."""
    statement = loaded.require()
    if lang is None or lang == statement.lang:
        return None
    translation = statement.translations.get(lang)
    if translation is None:
        known = ", ".join([statement.lang, *sorted(statement.translations)])
        raise UsageError(
            f"statement '{loaded.slug}' has no translation into '{lang}'",
            path=loaded.path,
            hint=f"use --lang with one of: {known}, or add a [translations.{lang}] table",
        )
    return translation


def _translated(statement: Statement, translation: Translation | None) -> Statement:
    """The statement with each translated part put in place of the original."""
    if translation is None:
        return statement
    parts = {
        key: value
        for key in ("title", "place", "body", "closing")
        if (value := getattr(translation, key)) is not None
    }
    groups = [
        group.model_copy(update={"heading": translation.headings[group.id]})
        if group.id in translation.headings
        else group
        for group in statement.groups
    ]
    return statement.model_copy(update={**parts, "groups": groups})


def build_document(
    loaded: LoadedStatement,
    *,
    lang: str | None = None,
    counts: bool = False,
    include_private: bool = False,
) -> Document:
    """Only confirmed signatories, in each group's print order; private fields only if asked.

    With ``lang``, the statement's translation and the signatories' ``name_<lang>`` are used
    where they exist; the order stays the original's so numbers match across languages.
    """
    original = loaded.require()
    translation = translation_for(loaded, lang)
    statement = _translated(original, translation)
    lang = lang or original.lang
    counts_lang = language.english_spelling(
        lang, "\n".join([statement.body, statement.closing, *(g.heading for g in statement.groups)])
    )
    grouped = by_group(loaded.entries, original, printed_only=True)
    sections = []
    for group in statement.groups:
        items = [
            Item(
                number=number,
                name=entry.signatory.name_in(lang),
                acronym=entry.signatory.acronym,
                note=entry.signatory.note,
                kind=entry.signatory.kind,
                country=entry.signatory.country,
                contact=entry.shown_contact if include_private else None,
                logo=entry.signatory.logo,
            )
            for number, entry in enumerate(grouped[group.id], start=1)
        ]
        if items:
            tally = kind_counts(items)
            line = language.counts_phrase(tally["organizations"], tally["individuals"], counts_lang)
            sections.append(
                Section(
                    group.id,
                    group.heading,
                    group.style,
                    items,
                    lang=lang,
                    counts=tally,
                    counts_lang=counts_lang,
                    counts_line=line if counts else None,
                    logos=group.logos,
                )
            )
    everyone = [item for section in sections for item in section.items]
    # Without an author, the first group (the organisers) stands for it, if it is a short one.
    first = sections[0].items if sections else []
    organisers = "; ".join(i.display_name for i in first) if len(first) <= MAX_AUTHORS else None
    tally = kind_counts(everyone)
    return Document(
        slug=loaded.slug,
        title=statement.title,
        lang=lang,
        place=statement.place,
        date=statement.date,
        body=paragraphs(statement.body),
        sections=sections,
        closing=paragraphs(statement.closing),
        status=statement.status,
        body_lang=original.lang if translation and translation.body is None else lang,
        closing_lang=original.lang if translation and translation.closing is None else lang,
        root=loaded.root,
        counts=tally,
        counts_lang=counts_lang,
        author=original.author or organisers,
        source_lang=original.lang,
        counts_line=(
            language.endorsed_by(tally["organizations"], tally["individuals"], counts_lang)
            if counts
            else None
        ),
    )
