"""The words a user types and the files hold for statuses, render formats and paper sizes,
defined once. The models' Literal types (checked equal by tests/test_choices.py), the CLI's
option choices and the renderers read them from here. It imports nothing but typing, so the
CLI reads it at start-up for free.
"""

from __future__ import annotations

from typing import Literal

STATEMENT_STATUSES = ("draft", "open", "closed", "published")
SIGNATORY_STATUSES = ("pending", "confirmed", "withdrawn")
# The statuses a new entry may arrive with (`import --status`, `[import] status`).
ImportStatus = Literal["pending", "confirmed"]
IMPORT_STATUSES: tuple[ImportStatus, ...] = ("pending", "confirmed")
RENDER_FORMATS = ("text", "markdown", "markdown-plain", "html", "docx", "pdf", "json")
PAPERS = ("a4", "letter")
# Who prints a PDF: Chromium where the text must copy out faithfully (Khmer), else WeasyPrint.
PDF_ENGINES = ("auto", "weasyprint", "chromium")


def member_name(value: str) -> str:
    """An enum member's name for a choice: ``markdown-plain`` is ``MARKDOWN_PLAIN``."""
    return value.upper().replace("-", "_")
