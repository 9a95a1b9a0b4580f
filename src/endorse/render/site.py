"""``endorse site``: a statement's public page, as the files a static host serves.

One page per language (``index.html``, then ``<lang>/index.html`` for each translation), each
with the text, the numbered lists as ``render`` prints them, the counts by group and by country
as ``stats`` counts them, a search box over the signatories, the downloads and, when GitHub
intake is set up, a link to the issue form. Everything is inlined: the page makes no request.
Private fields are never read: the documents are built without them.

The core returns the files as a mapping of relative path to text or bytes; the command writes
them.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import importlib.util
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from endorse.format.countries import country_name
from endorse.format.models import SIGNATORIES_PLACEHOLDER, Statement
from endorse.format.scripts import is_latin
from endorse.project.model import LoadedStatement
from endorse.render import language
from endorse.render.document import Document, build_document
from endorse.render.stats import NO_COUNTRY, Stats, compute

DOWNLOADS = ("pdf", "docx", "json", "csv")
# Columns of `list`'s CSV that the public page's CSV leaves out.
NOT_PUBLISHED = frozenset({"status", "withdrawn", "withdrawn_reason", "aliases"})
# The optional extras a download needs: without them it is left out, and the command says so.
NEEDS = {"pdf": ("weasyprint", "pdf"), "docx": ("docx", "docx")}
TEMPLATE = "site.html.j2"
DESCRIPTION_CHARACTERS = 300

# The page's own words. A language without an entry gets the English ones.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "language": "English",
        "sign": "Sign this statement",
        "updated": "Last updated",
        "counts": "Signatories",
        "by_group": "By group",
        "by_country": "By country",
        "no_country": "No country given",
        "total": "Total",
        "search": "Search the signatories",
        "search_hint": "Type part of a name; the lists show only the matches.",
        "shown": "{shown} of {total} shown",
        "downloads": "Downloads",
        "pdf": "PDF",
        "docx": "Word document",
        "json": "JSON",
        "csv": "Spreadsheet (CSV, every language)",
        "languages": "Other languages",
    },
    "km": {
        "language": "ភាសាខ្មែរ",
        "sign": "ចុះហត្ថលេខាលើសេចក្តីថ្លែងការណ៍នេះ",
        "updated": "ធ្វើបច្ចុប្បន្នភាពចុងក្រោយ",
        "counts": "អ្នកចុះហត្ថលេខា",
        "by_group": "តាមក្រុម",
        "by_country": "តាមប្រទេស",
        "no_country": "មិនបានបញ្ជាក់ប្រទេស",
        "total": "សរុប",
        "search": "ស្វែងរកអ្នកចុះហត្ថលេខា",
        "search_hint": "វាយផ្នែកនៃឈ្មោះ បញ្ជីនឹងបង្ហាញតែឈ្មោះដែលត្រូវគ្នា។",
        "shown": "បង្ហាញ {shown} ក្នុងចំណោម {total}",
        "downloads": "ទាញយក",
        "pdf": "PDF",
        "docx": "ឯកសារ Word",
        "json": "JSON",
        "csv": "តារាង (CSV គ្រប់ភាសា)",
        "languages": "ភាសាផ្សេងទៀត",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS.get(language.base(lang), WORDS["en"])


@dataclass(frozen=True)
class Site:
    """The files of the site, and the downloads left out for want of an optional extra."""

    files: dict[str, str | bytes]
    skipped: dict[str, str] = field(default_factory=dict)  # format: the extra it needs


def available(format: str) -> bool:
    """Whether the optional package a download needs is installed (json and csv need none)."""
    needed = NEEDS.get(format)
    return needed is None or importlib.util.find_spec(needed[0]) is not None


_GITHUB_SSH = re.compile(r"^(?:ssh://)?git@([^:/]+)[:/](.+?)(?:\.git)?/?$")
_HTTPS = re.compile(r"^https://(?:[^@/]+@)?([^/]+)/(.+?)(?:\.git)?/?$")


def repository_url(remote: str) -> str | None:
    """The web address of a git remote (``git@github.com:o/r.git``, ``https://github.com/o/r``);
    None for a remote that is no web address (a folder, a bundle)."""
    text = remote.strip()
    for pattern in (_GITHUB_SSH, _HTTPS):
        match = pattern.match(text)
        if match and re.fullmatch(r"[\w.-]+(/[\w.-]+)+", match.group(2)):
            return f"https://{match.group(1)}/{match.group(2)}"
    return None


def closed_to_signatures(statement: Statement, today: dt.date) -> str | None:
    """Why the statement takes no signature now (as ``add`` refuses one), or None."""
    if statement.is_frozen:
        return f"the statement is {statement.status}"
    if statement.deadline is not None and today > statement.deadline:
        return f"the statement took signatures until {statement.deadline}"
    return None


def sign_url(repository: str, form_name: str) -> str:
    """The address that opens the statement's issue form on GitHub."""
    return f"{repository.rstrip('/')}/issues/new?template={form_name}"


def last_update(loaded: LoadedStatement) -> dt.date | None:
    """The latest date the statement or its list carries: its date, a signatory added,
    withdrawn or reinstated. Read from the files, so that a rebuild gives the same page."""
    statement = loaded.require()
    dates = [statement.date] if statement.date else []
    for entry in loaded.entries:
        signatory = entry.signatory
        dates += [d for d in (signatory.added, signatory.withdrawn, signatory.reinstated) if d]
    return max(dates, default=None)


def description(document: Document) -> str:
    """The body's first paragraph, shortened at a word for a link preview."""
    text = " ".join(document.body[0].split()) if document.body else document.title
    if len(text) <= DESCRIPTION_CHARACTERS:
        return text
    return text[:DESCRIPTION_CHARACTERS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page_path(lang: str, original: str) -> str:
    return "index.html" if lang == original else f"{lang}/index.html"


def relative(target: str, page: str) -> str:
    """``target`` (a path from the site's root) as a link from ``page``."""
    folder = page.rpartition("/")[0]
    if folder and target.startswith(folder + "/"):
        return target.removeprefix(folder + "/")
    return "../" * page.count("/") + target


def download_path(slug: str, format: str, lang: str, original: str) -> str:
    """Where a download goes: the CSV holds every language, the others are per language."""
    if format == "csv" or lang == original:
        return f"{slug}.{format}"
    return f"{lang}/{slug}.{format}"


def _latin_only(text: str) -> bool:
    return all(is_latin(char) for char in text if char.isalpha())


def _groups(
    document: Document, original: Document, variables: dict[str, Any]
) -> list[dict[str, Any]]:
    """The template's groups with, per signatory, the language of a name left as written
    (lang="en" inside a Khmer page) and the original name to search by."""
    original_lang = original.lang
    # Where known: a Latin name left as written is in the original's language when that
    # language is itself written in Latin letters (its title is).
    translated = document.lang != original_lang and _latin_only(original.title)
    groups: list[dict[str, Any]] = variables["groups"]
    for group, section, source in zip(groups, document.sections, original.sections, strict=True):
        for signatory, item, source_item in zip(
            group["signatories"], section.items, source.items, strict=True
        ):
            as_written = item.name == source_item.name
            signatory["name_lang"] = (
                original_lang if translated and as_written and _latin_only(item.name) else None
            )
            signatory["note_lang"] = (
                original_lang if translated and item.note and _latin_only(item.note) else None
            )
            signatory["search_also"] = None if as_written else source_item.display_name
            signatory["number_text"] = language.number(item.number, document.lang)
    return groups


def _counts(stats: Stats, document: Document, headings: dict[str, str]) -> dict[str, Any]:
    """``stats``' counts, as the page shows them: by group (in the statement's order) and by
    country (most first), in the page's digits."""
    lang = document.lang
    listed = {section.group_id for section in document.sections}
    by_group = [
        {
            "id": group_id,
            "heading": headings.get(group_id, group_id),
            "count": language.number(count, lang),
            "listed": group_id in listed,
        }
        for group_id, count in stats.by_group.items()
    ]
    by_country = [
        {
            "code": code,
            "name": words(lang)["no_country"] if code == NO_COUNTRY else country_name(code),
            # Country names are English: inside a page in another language they say so.
            "name_lang": None if code == NO_COUNTRY or language.base(lang) == "en" else "en",
            "count": language.number(count, lang),
        }
        for code, count in stats.by_country.items()
    ]
    return {
        "total": language.number(stats.confirmed, lang),
        "by_group": by_group,
        "by_country": by_country,
    }


def _group_headings(loaded: LoadedStatement, document: Document) -> dict[str, str]:
    """Every group's heading as the page prints it: a sentence group's with its names put in,
    an empty group's (no section to take it from) in the page's language."""
    statement = loaded.require()
    translation = statement.translations.get(document.lang)
    headings = {group.id: group.heading for group in statement.groups}
    if translation is not None and document.lang != statement.lang:
        headings.update(translation.headings)
    headings = {key: text.replace(SIGNATORIES_PLACEHOLDER, "…") for key, text in headings.items()}
    for section in document.sections:
        headings[section.group_id] = (
            section.sentence() if section.style == "sentence" else section.heading
        )
    return headings


def _size(data: str | bytes) -> str:
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, size // 1000)} kB"


def _downloads(
    loaded: LoadedStatement, documents: dict[str, Document], formats: Collection[str]
) -> dict[str, str | bytes]:
    """The statement in each format and language (path: contents), through the writers
    ``render`` and ``list`` use."""
    from endorse.render.formats import render
    from endorse.render.listing import records, to_csv

    original = loaded.require().lang
    made: dict[str, str | bytes] = {}
    for format in formats:
        if format == "csv":
            # Public fields of the printed signatories (pending and withdrawn ones stay off),
            # with a column per translated name: one file for every language.
            # Only what the statement prints: no withdrawal of a reinstated signer, no alias
            # (an old name or a misspelling the list keeps for matching).
            found = [
                {key: value for key, value in data.items() if key not in NOT_PUBLISHED}
                for data in records(loaded, statuses=frozenset({"confirmed"}))
            ]
            made[download_path(loaded.slug, format, original, original)] = to_csv(found, bom=True)
            continue
        for lang, document in documents.items():
            made[download_path(loaded.slug, format, lang, original)] = render(document, format)
    return made


@dataclass(frozen=True)
class _Shared:
    """What every language's page shows alike."""

    stats: Stats
    updated: dt.date | None
    sign: str | None
    base_url: str | None
    languages: list[str]


def build_site(
    loaded: LoadedStatement,
    *,
    downloads: Collection[str] = DOWNLOADS,
    sign: str | None = None,
    base_url: str | None = None,
) -> Site:
    """Every file of the statement's site: the pages and the downloads they link to.

    A download whose optional extra is not installed is left out of the files and the pages
    and named in ``Site.skipped``; ``sign`` is the issue form's address (no link without it);
    ``base_url`` the address the site is published at (for og:url).
    """
    statement = loaded.require()
    skipped = {f: NEEDS[f][1] for f in downloads if not available(f)}
    formats = [f for f in DOWNLOADS if f in downloads and f not in skipped]
    original = build_document(loaded, counts=True)
    documents = {statement.lang: original}
    for lang in sorted(statement.translations):
        documents[lang] = build_document(loaded, lang=lang, counts=True)
    files = _downloads(loaded, documents, formats)
    shared = _Shared(
        stats=compute(loaded),
        updated=last_update(loaded),
        sign=sign,
        base_url=base_url.rstrip("/") if base_url else None,
        languages=list(documents),
    )
    for lang, document in documents.items():
        links = [(download_path(loaded.slug, f, lang, statement.lang), f) for f in formats]
        page = page_path(lang, statement.lang)
        files[page] = _page(loaded, document, original, page, links, files, shared)
    return Site(files=files, skipped=skipped)


def _page(
    loaded: LoadedStatement,
    document: Document,
    original: Document,
    page: str,
    links: list[tuple[str, str]],
    files: dict[str, str | bytes],
    shared: _Shared,
) -> str:
    """One language's page."""
    stats, updated, sign, base_url = shared.stats, shared.updated, shared.sign, shared.base_url
    from endorse.render.html import group_logos
    from endorse.render.templates import context, render_builtin

    lang = document.lang
    said = words(lang)
    html = render_builtin(
        TEMPLATE,
        document,
        groups=_groups(document, original, context(document)),
        words=said,
        page_counts=_counts(stats, document, _group_headings(loaded, document)),
        downloads=[
            {"href": relative(path, page), "label": said[format], "size": _size(files[path])}
            for path, format in links
        ],
        sign_url=sign,
        updated=language.format_date(updated, lang) if updated else None,
        updated_iso=updated.isoformat() if updated else None,
        description=description(document),
        og_url=f"{base_url}/{page.removesuffix('index.html')}" if base_url else None,
        og_locale="km_KH" if language.base(lang) == "km" else lang.replace("-", "_"),
        alternates=[
            {
                "lang": other,
                "label": words(other)["language"],
                "href": relative(page_path(other, original.lang), page),
            }
            for other in shared.languages
            if other != lang
        ],
        logos=group_logos(document),
        body_lang=document.body_lang or lang,
        closing_lang=document.closing_lang or lang,
        digits="km" if language.base(lang) == "km" else "",
        draft_mark=language.draft_mark(lang) if document.status == "draft" else None,
        script_hash=SCRIPT_HASH,
    )
    return with_script_hash(html)


SCRIPT_HASH = "SCRIPT-HASH"  # stands in the page's policy until the script's hash replaces it


_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def with_script_hash(html: str) -> str:
    """The page's Content-Security-Policy allows its own inline script only, by its hash."""
    scripts = _SCRIPT.findall(html)
    hashes = " ".join(
        "'sha256-"
        + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        + "'"
        for script in scripts
    )
    return html.replace(SCRIPT_HASH, hashes, 1)
