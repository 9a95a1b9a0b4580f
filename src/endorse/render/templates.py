"""Jinja2 templates: the built-in Markdown and HTML formats, and a coalition's own layouts."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from endorse import JSON_SCHEMA
from endorse.errors import EndorseError
from endorse.render import language
from endorse.render.document import Document, Item, Section
from endorse.render.markdown_escape import escape_markdown

# Templates whose name has one of these suffixes produce markup: their text is HTML-escaped.
MARKUP_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xml", ".svg"})
TEMPLATE_NAME = "<template>"


def _item_context(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": item.number,
        "name": item.name,
        "acronym": item.acronym,
        "display_name": item.display_name,
        "note": item.note,
        "kind": item.kind,
        "country": item.country,
        "contact": item.contact,  # None unless --include-private
    }
    return data


def _section_context(section: Section, lang: str) -> dict[str, Any]:
    tally = section.counts
    return {
        "id": section.group_id,
        "heading": section.heading,
        "style": section.style,
        "text": section.sentence() if section.style == "sentence" else None,
        "counts": tally,
        "counts_line": language.counts_phrase(tally["organizations"], tally["individuals"], lang),
        "signatories": [_item_context(item) for item in section.items],
    }


def context(document: Document) -> dict[str, Any]:
    """What a template sees, and what ``--format json`` prints: public fields only."""
    tally = document.counts
    return {
        "schema": JSON_SCHEMA,
        "slug": document.slug,
        "lang": document.lang,
        "title": document.title,
        "place": document.place,
        "date": document.date.isoformat() if document.date else None,
        "date_text": language.format_date(document.date, document.lang) if document.date else None,
        "dateline": document.dateline,
        "status": document.status,
        "body": document.body,
        "closing": document.closing,
        "counts": tally,
        "counts_line": language.endorsed_by(
            tally["organizations"], tally["individuals"], document.lang
        ),
        "groups": [_section_context(section, document.lang) for section in document.sections],
    }


def _environment(
    *,
    autoescape: bool,
    loader: jinja2.BaseLoader | None = None,
    markdown_escape: Callable[[str], str] = escape_markdown,
) -> SandboxedEnvironment:
    # Sandboxed: a template may come from a pull request, and must not reach Python.
    environment = SandboxedEnvironment(
        loader=loader,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_escape
    return environment


def _variables(document: Document) -> dict[str, Any]:
    return {**context(document), "show_counts": document.counts_line is not None}


def render_builtin(
    name: str,
    document: Document,
    *,
    markdown_escape: Callable[[str], str] = escape_markdown,
    **extra: Any,
) -> str:
    """Render one of the templates shipped in endorse/templates/; ``extra`` adds variables
    that only the built-in formats use (page size, pictures as data URIs)."""
    environment = _environment(
        autoescape=Path(name).suffixes[0] in MARKUP_SUFFIXES,
        loader=jinja2.PackageLoader("endorse", "templates"),
        markdown_escape=markdown_escape,
    )
    return environment.get_template(name).render({**_variables(document), **extra})


def is_markup(path: Path) -> bool:
    return any(suffix.lower() in MARKUP_SUFFIXES for suffix in path.suffixes)


def render_file(path: Path, document: Document, *, autoescape: bool | None = None) -> str:
    """Render a coalition's own template; HTML-like names (page.html.j2) are autoescaped."""
    from endorse.format.tomlsource import read_text

    source = read_text(path)
    environment = _environment(autoescape=is_markup(path) if autoescape is None else autoescape)
    try:
        template = environment.from_string(source)
        return template.render(_variables(document))
    except jinja2.TemplateSyntaxError as exc:
        raise EndorseError(
            f"template syntax error: {exc.message}",
            path=path,
            line=exc.lineno,
            hint="fix the template; the syntax is Jinja2's (https://jinja.palletsprojects.com)",
        ) from None
    except jinja2.UndefinedError as exc:
        raise EndorseError(
            f"template error: {exc.message}",
            path=path,
            line=_template_line(exc.__traceback__),
            hint="docs/publishing.md lists the names a template can use",
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        raise EndorseError(
            f"template error: {exc}",
            path=path,
            line=_template_line(exc.__traceback__),
            hint="fix the template at this line",
        ) from None


def _template_line(traceback: TracebackType | None) -> int | None:
    """Jinja2 rewrites tracebacks so that template frames carry the template's line."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == TEMPLATE_NAME:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


_BLANK_RUNS = re.compile(r"\n{3,}")


def tidy_blank_lines(text: str) -> str:
    """Templates leave runs of blank lines where optional parts are missing; keep one."""
    return _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
