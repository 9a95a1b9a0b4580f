"""Choosing a renderer by format name: what ``endorse render --format`` offers."""

from __future__ import annotations

from pathlib import Path

from endorse.errors import UsageError
from endorse.render.document import Document

FORMATS = ("text", "markdown", "html", "docx", "json")
BINARY_FORMATS = frozenset({"docx"})


def render(document: Document, format: str = "text", template: Path | None = None) -> str | bytes:
    """The document in ``format``, or through the coalition's own ``template``."""
    if template is not None:
        from endorse.render.templates import render_file

        if format in BINARY_FORMATS or format == "json":
            raise UsageError(
                f"--template cannot be combined with --format {format}",
                path=template,
                hint="drop --format, or use --format html to escape the template's HTML",
            )
        return render_file(template, document, autoescape=True if format == "html" else None)
    if format == "text":
        from endorse.render.text import render_text

        return render_text(document)
    if format == "markdown":
        from endorse.render.markdown import render_markdown

        return render_markdown(document)
    if format == "html":
        from endorse.render.html import render_html

        return render_html(document)
    if format == "json":
        from endorse.render.json import render_json

        return render_json(document)
    if format == "docx":
        from endorse.render.docx import render_docx

        return render_docx(document)
    raise UsageError(f"unknown format '{format}'", hint="use one of: " + ", ".join(FORMATS))
