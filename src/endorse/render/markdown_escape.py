"""Escaping text so that Markdown prints it as written, never as formatting or HTML."""

from __future__ import annotations

import re

# Active anywhere in a line (emphasis, code, links, images, HTML, entities, tables, strikeout).
_INLINE = re.compile(r"([\\`*_\[\]<>&!|~{}()#])")
# Active at the start of a line: headings, quotes, lists, thematic breaks, setext underlines.
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")


def escape_line(line: str) -> str:
    escaped = _INLINE.sub(r"\\\1", line)
    match = _LINE_START.match(escaped)
    if match:
        indent, marker = match.groups()
        rest = escaped[match.end() :]
        # "1." becomes "1\." ; "-" becomes "\-"
        escaped = (
            f"{indent}{marker}\\{rest}" if marker[0].isdigit() else f"{indent}\\{marker}{rest}"
        )
    return escaped


def escape_markdown(text: str) -> str:
    """Every Markdown-active character escaped; line breaks kept as hard breaks."""
    return "\\\n".join(escape_line(line) for line in text.split("\n"))
