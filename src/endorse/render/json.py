"""JSON rendering: the statement and its public signatory lists, for a website to read."""

from __future__ import annotations

from endorse.format.jsontext import indented
from endorse.render.document import Document
from endorse.render.templates import context


def render_json(document: Document) -> str:
    data = context(document)
    for group in data["groups"]:
        for signatory in group["signatories"]:
            if signatory["contact"] is None:  # the public shape has no contact key at all
                del signatory["contact"]
    return indented(data) + "\n"
