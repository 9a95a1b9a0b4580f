"""HTML rendering: one self-contained, accessible, printable page."""

from __future__ import annotations

from endorse.render.document import Document
from endorse.render.templates import render_builtin


def render_html(document: Document) -> str:
    return render_builtin("html.html.j2", document)
