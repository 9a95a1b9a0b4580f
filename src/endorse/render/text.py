"""Plain-text rendering: the statement as it is pasted into an e-mail or a document."""

from __future__ import annotations

from endorse.render import language
from endorse.render.document import Document, Section


def _section_blocks(section: Section) -> list[str]:
    counts = [section.counts_line] if section.counts_line else []
    if section.style == "sentence":
        return [*counts, section.sentence()]  # the count before the group, as for lists
    lines = []
    for item in section.items:
        number = language.number(item.number, section.lang)
        marker = f"{number}." if section.style == "numbered" else "-"
        note = f" – {item.note}" if item.note else ""
        contact = f" <{item.contact}>" if item.contact else ""
        lines.append(f"{marker} {item.display_name}{note}{contact}")
    return [section.heading, *counts, "\n".join(lines)]


def render_text(document: Document) -> str:
    blocks = [document.title]
    if document.dateline:
        blocks.append(document.dateline)
    if document.counts_line:
        blocks.append(document.counts_line)
    blocks.extend(document.body)
    for section in document.sections:
        blocks.extend(_section_blocks(section))
    blocks.extend(document.closing)
    return "\n\n".join(blocks) + "\n"
