"""How a page looks, beside what it says: the options html, pdf and docx share.

A leaf of ``render/``: it imports no other render module, so that ``formats``, ``html``,
``pdf`` and ``docx`` can all import it without a cycle (an import-linter contract keeps it so).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from endorse.errors import UsageError
from endorse.format.choices import PAPERS

# A list shorter than this is kept on one page with its heading (html and pdf, docx).
SHORT_LIST = 15


@dataclass(frozen=True)
class PageOptions:
    """How a page looks, beside what it says: paper size and an embedded growth chart."""

    paper: str = "a4"
    chart: bytes | None = None  # an SVG picture, shown by html and pdf
    reference_doc: Path | None = None  # a .docx whose styles docx uses
    pdf_engine: str = "auto"  # who prints a pdf: weasyprint, chromium, or auto (render/pdf.py)

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise UsageError(
                f"unknown paper '{self.paper}'", hint="use one of: " + ", ".join(PAPERS)
            )
