"""Markdown rendering: headings and ordered lists, every name escaped."""

from __future__ import annotations

from endorse.render.document import Document
from endorse.render.markdown_escape import escape_markdown_plain
from endorse.render.templates import render_builtin, tidy_blank_lines


def render_markdown(document: Document) -> str:
    """Every Markdown-active character escaped: safe wherever the text is shown."""
    return tidy_blank_lines(render_builtin("markdown.md.j2", document))


def render_markdown_plain(document: Document) -> str:
    """Escaped only where Markdown would change the text: for pasting into e-mails and posts."""
    return tidy_blank_lines(
        render_builtin("markdown.md.j2", document, markdown_escape=escape_markdown_plain)
    )
