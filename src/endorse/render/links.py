"""Web addresses and e-mail addresses in a statement's text, for the formats that link them.

HTML, PDF and Word make each a real link (``<a href>``, a PDF link annotation, a Word
hyperlink); text and Markdown print the text as written. A Markdown autolink's brackets
(``<https://...>``) are the author's way of marking an address: they are dropped where the
address becomes a link. A leaf module: it imports nothing else of ``render/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_URL = r"https?://[^\s<>\"]+"
# Bounded as the standards bound them (64 before the @, 63 a label): a long run of letters and
# dots with no @ costs 64 steps a position, not the rest of the text (no quadratic scan).
_EMAIL = r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,63}"
_ADDRESS = re.compile(rf"<(?P<auto>{_URL}|{_EMAIL})>|(?P<url>{_URL})|(?P<email>{_EMAIL})")
# Punctuation that ends the sentence rather than the address, when an address is not bracketed.
_TRAILING = ".,;:!?'\"’”)]"
# Where a long address may break: after these, but never inside "https://" or the host name.
_BREAK_AFTER = re.compile(r"(?<=[/.\-_?&=])(?=.)")


@dataclass(frozen=True)
class Piece:
    """A stretch of text, and where it links to (None: plain text)."""

    text: str
    href: str | None = None

    @property
    def head(self) -> str:
        """The part of a linked address that must not break: 'https://host/', or all of an
        e-mail address."""
        if self.href is None or not self.href.startswith("http"):
            return self.text
        scheme_end = self.text.find("//") + 2
        slash = self.text.find("/", scheme_end)
        return self.text if slash < 0 else self.text[: slash + 1]

    @property
    def tail(self) -> str:
        return self.text[len(self.head) :]


def _trimmed(address: str) -> str:
    """The address without the sentence's punctuation after it; a closing bracket stays when
    the address opened one (https://en.wikipedia.org/wiki/Lyon_(France))."""
    opened, closed = address.count("("), address.count(")")
    end = len(address)
    while end and address[end - 1] in _TRAILING:
        if address[end - 1] == ")":
            if opened >= closed:
                break
            closed -= 1
        end -= 1
    return address[:end]


def pieces(text: str) -> list[Piece]:
    """The text cut into plain stretches and linked addresses, in order; joined, the pieces'
    texts are the text as written, less an autolink's brackets."""
    result: list[Piece] = []
    position = 0
    for match in _ADDRESS.finditer(text):
        address = match.group("auto") or _trimmed(match.group("url") or match.group("email"))
        end = match.end() if match.group("auto") else match.start() + len(address)
        if match.start() < position or not address:
            continue
        if match.start() > position:
            result.append(Piece(text[position : match.start()]))
        href = address if address.startswith("http") else f"mailto:{address}"
        result.append(Piece(address, href))
        position = end
    if position < len(text):
        result.append(Piece(text[position:]))
    return result


def break_points(tail: str) -> list[str]:
    """An address's tail cut where a line may break (after '/', '.', '-' and their kin)."""
    return _BREAK_AFTER.split(tail)


def to_html(text: str) -> str:
    """The text HTML-escaped, each address an ``<a href>``; a long web address may break after
    '/', '.' or '-' (``<wbr>``), never inside 'https://host/'."""
    from html import escape

    parts = []
    for piece in pieces(text):
        if piece.href is None:
            parts.append(escape(piece.text, quote=False))
            continue
        tail = "<wbr>".join(escape(part, quote=False) for part in break_points(piece.tail))
        head = f'<span class="nobr">{escape(piece.head, quote=False)}</span>'
        parts.append(f'<a href="{escape(piece.href)}">{head}{tail}</a>')
    return "".join(parts)
