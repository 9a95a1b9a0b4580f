"""JSON rendering: the statement and its public signatory lists, for a website to read."""

from __future__ import annotations

import json

from endorse.render.document import Document
from endorse.render.templates import context


def render_json(document: Document) -> str:
    return json.dumps(context(document), ensure_ascii=False, indent=2) + "\n"
