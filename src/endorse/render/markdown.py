"""Markdown rendering: headings and ordered lists, every name escaped."""

from __future__ import annotations

from endorse.render.document import Document
from endorse.render.templates import render_builtin, tidy_blank_lines


def render_markdown(document: Document) -> str:
    return tidy_blank_lines(render_builtin("markdown.md.j2", document))
