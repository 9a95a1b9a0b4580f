"""PDF rendering: the HTML page typeset by WeasyPrint (the endorse[pdf] extra) or printed by a
headless Chromium.

Both shape text with HarfBuzz, so Khmer looks right wherever a Khmer font is installed (Debian:
fonts-khmeros or fonts-noto-core). What differs is the text layer, what a reader copies out of
the PDF: WeasyPrint maps each glyph back to characters, which loses the order and the
characters of a shaped Khmer cluster (a title copies out as "របសេសេ ់ ង្គម"); Chromium writes
the original text of each run. So a page with Khmer text goes to Chromium when one is
installed (``engine="auto"``, the default); ``--pdf-engine`` picks one. Chromium also tags the
PDF (structure and language) and breaks Khmer lines by dictionary (ICU); WeasyPrint gets a
zero-width space between Khmer words from the same dictionary (``language.khmer_line_breaks``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from endorse.errors import EndorseError, UsageError
from endorse.format.choices import PDF_ENGINES
from endorse.install import missing_extra, missing_system_library
from endorse.render import language
from endorse.render.document import Document
from endorse.render.html import render_html
from endorse.render.page import PageOptions

# The first of these on PATH is the Chromium used; ENDORSE_CHROMIUM names another.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_SECONDS = 120


def _load_weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError:
        raise missing_extra(
            "the pdf format",
            "weasyprint",
            alternative="use --format html and Print to PDF",
        ) from None
    except OSError as exc:  # the Python package is there, its system libraries are not
        raise missing_system_library(str(exc)) from None
    return weasyprint


def find_chromium() -> str | None:
    """The Chromium (or Chrome) to print with: $ENDORSE_CHROMIUM, else the first on PATH."""
    named = os.environ.get("ENDORSE_CHROMIUM")
    if named:
        return shutil.which(named)
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def needs_faithful_text(document: Document) -> bool:
    """Whether WeasyPrint's text layer would garble the document: it has Khmer text, in its
    own words or in a signatory's name or note."""
    texts = (document.title, *document.body, *document.closing)
    items = (item for section in document.sections for item in section.items)
    return (
        language.base(document.lang) == "km"
        or any(language.has_khmer(text) for text in texts)
        or any(language.has_khmer(f"{item.display_name} {item.note or ''}") for item in items)
    )


def choose_engine(document: Document, requested: str = "auto") -> str:
    """The engine that prints ``document``: the one asked for, or for "auto" Chromium where
    WeasyPrint would garble the text layer and a Chromium is installed, else WeasyPrint."""
    if requested not in PDF_ENGINES:
        raise UsageError(
            f"unknown PDF engine '{requested}'", hint="use one of: " + ", ".join(PDF_ENGINES)
        )
    if requested != "auto":
        return requested
    return "chromium" if needs_faithful_text(document) and find_chromium() else "weasyprint"


def garbled_text_warning(document: Document, engine: str) -> str | None:
    """What to tell the user when the PDF will look right but copy out wrong."""
    if engine != "weasyprint" or not needs_faithful_text(document):
        return None
    return (
        "the PDF's Khmer text will not copy out correctly (WeasyPrint's text layer garbles "
        "shaped Khmer); install Chromium (apt-get install chromium) so that endorse prints "
        "with it, or use --format html and Print to PDF"
    )


def render_pdf(document: Document, page: PageOptions | None = None) -> bytes:
    """The statement as a PDF file's bytes, printed from the HTML page."""
    page = page or PageOptions()
    html = for_print(render_html(document, page))
    if choose_engine(document, page.pdf_engine) == "chromium":
        return _print_with_chromium(html)
    weasyprint = _load_weasyprint()
    # WeasyPrint logs every CSS property it does not know to stderr; those are not the user's.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(pdf_tags=True)
    return pdf


# Khmer lines break only between the words the dictionary found (at the zero-width spaces),
# not wherever the engine's own rules or dictionary would: each word is kept whole.
KHMER_PRINT_STYLE = "<style>.kw { white-space: nowrap; }</style>\n"
_TAG = re.compile(r"(<[^>]*>)")


def _kept_whole(text: str) -> str:
    return language.KHMER_RUN.sub(
        lambda word: f'<span class="kw">{word.group()}</span>', language.khmer_line_breaks(text)
    )


def for_print(html: str) -> str:
    """The page as both engines print it: in the body's text (not its tags, nor the <title>,
    which becomes the PDF's metadata as written), a zero-width space between Khmer words and
    each word kept whole, so that a line breaks only between two words."""
    head, body = html.split("<body>", 1)
    head = head.replace("</head>", KHMER_PRINT_STYLE + "</head>", 1)
    parts = _TAG.split(body)  # text, tag, text, ...: text never holds a bare "<"
    parts[::2] = [_kept_whole(text) for text in parts[::2]]
    return head + "<body>" + "".join(parts)


def _print_with_chromium(html: str) -> bytes:
    """The page printed by headless Chromium: no network, its own throwaway profile. (The
    page has no script; turning scripts off stops Chromium from printing.)"""
    chromium = find_chromium()
    if chromium is None:
        raise EndorseError(
            "--pdf-engine chromium needs Chromium or Chrome, and none is installed",
            hint="install it (Debian: apt-get install chromium), set ENDORSE_CHROMIUM to its "
            "path, or use --pdf-engine weasyprint",
        )
    with tempfile.TemporaryDirectory(prefix="endorse-pdf-") as folder:
        source, output = Path(folder) / "statement.html", Path(folder) / "statement.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            chromium,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--proxy-server=127.0.0.1:9",  # the page is self-contained: nothing to fetch
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={output}",
            source.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=CHROMIUM_SECONDS, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EndorseError(
                f"Chromium could not print the PDF: {exc}",
                hint="try --pdf-engine weasyprint, or --format html and Print to PDF",
            ) from None
        if not output.is_file() or output.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise EndorseError(
                f"Chromium could not print the PDF (exit {done.returncode}): {last}",
                hint="try --pdf-engine weasyprint, or --format html and Print to PDF",
            )
        return output.read_bytes()
