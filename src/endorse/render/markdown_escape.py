"""Escaping text so that Markdown prints it as written, never as formatting or HTML."""

from __future__ import annotations

import re

# Active anywhere in a line (emphasis, code, links, images, HTML, entities, tables, strikeout).
_INLINE = re.compile(r"([\\`*_\[\]<>&!|~{}()#])")
# Active at the start of a line: headings, quotes, lists, thematic breaks, setext underlines.
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")


def _escape_line_start(escaped: str, line_start: re.Pattern[str]) -> str:
    r"""A marker that would start a list or a quote: "1." becomes "1\." ; "-" becomes "\-"."""
    match = line_start.match(escaped)
    if not match:
        return escaped
    indent, marker = match.groups()
    rest = escaped[match.end() :]
    return f"{indent}{marker}\\{rest}" if marker[0].isdigit() else f"{indent}\\{marker}{rest}"


def escape_line(line: str) -> str:
    return _escape_line_start(_INLINE.sub(r"\\\1", line), _LINE_START)


def escape_markdown(text: str) -> str:
    """Every Markdown-active character escaped; line breaks kept as hard breaks."""
    return "\\\n".join(escape_line(line) for line in text.split("\n"))


# For pasting: only what CommonMark (and GitHub's strikeout) would read as markup where it stands.
_PLAIN_INLINE = re.compile(
    r"""\\(?=[!-/:-@\[-`{-~])  # a backslash that would escape the next character
    | [`*\[]                 # code, emphasis, links and images
    | (?<![\w])_ | _(?![\w])  # underscores at a word's edge (inside a word they are text)
    | <(?=[A-Za-z][A-Za-z0-9-]*[\s/>]|[/!?])  # HTML tags (an autolink <https://...> stays)
    | &(?=\#?\w+;)            # character references
    | ~~                       # strikeout
    """,
    re.VERBOSE,
)
_PLAIN_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|>|\d+(?=[.)](?:\s|$)))")


def _backslashed(match: re.Match[str]) -> str:
    return "".join(f"\\{character}" for character in match.group(0))


def escape_line_plain(line: str) -> str:
    return _escape_line_start(_PLAIN_INLINE.sub(_backslashed, line), _PLAIN_LINE_START)


def escape_markdown_plain(text: str) -> str:
    """Only the characters that would change how Markdown prints the text are escaped, so
    that "(CCHR)" or "Save the Children's" read the same pasted as plain text."""
    return "\\\n".join(escape_line_plain(line) for line in text.split("\n"))
