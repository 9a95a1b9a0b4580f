"""HTML rendering: one self-contained, accessible, printable page."""

from __future__ import annotations

import base64
from pathlib import Path, PurePosixPath

from endorse.format.models import LOGO_TYPES
from endorse.render import language
from endorse.render.document import Document
from endorse.render.page import SHORT_LIST, PageOptions
from endorse.render.templates import render_builtin

PAGE_SIZES = {"a4": "A4", "letter": "letter"}


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def logo_uri(root: Path, logo: str) -> str:
    """The logo inlined, so that the page stays one file; refused as ``check`` reports it."""
    from endorse.project.logos import read_logo

    data = read_logo(root, logo)
    return data_uri(data, LOGO_TYPES[PurePosixPath(logo).suffix.lower()])


def group_logos(document: Document) -> dict[str, list[dict[str, str]]]:
    """For each group that prints logos, the logos of its signatories in print order."""
    root = document.root or Path(".")
    return {
        section.group_id: [
            {"name": item.display_name, "src": logo_uri(root, item.logo)}
            for item in section.items
            if item.logo is not None
        ]
        for section in document.sections
        if section.logos
    }


def render_html(document: Document, page: PageOptions | None = None) -> str:
    page = page or PageOptions()
    khmer = language.base(document.lang) == "km"
    return render_builtin(
        "html.html.j2",
        document,
        page_size=PAGE_SIZES[page.paper],
        draft_mark=language.draft_mark(document.lang) if document.status == "draft" else None,
        logos=group_logos(document),
        chart_src=data_uri(page.chart, "image/svg+xml") if page.chart else None,
        chart_alt=language.chart_title(document.lang),
        body_lang=document.body_lang or document.lang,
        closing_lang=document.closing_lang or document.lang,
        # Khmer pages count their pages in Khmer digits (a CSS counter style, WeasyPrint and
        # Chromium both know it), and tag a name written in Latin letters with its language.
        page_counter="khmer" if khmer else "decimal",
        short_list=SHORT_LIST,
        name_lang=(document.source_lang or "en") if khmer else None,
    )
