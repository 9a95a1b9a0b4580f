"""PDF rendering (the optional endorse[pdf] extra): the HTML page typeset by WeasyPrint.

WeasyPrint shapes text with HarfBuzz through Pango, so Khmer comes out right wherever a Khmer
font is installed (Debian: fonts-khmeros or fonts-noto-core). Its page rules come from the
HTML page's stylesheet: paper size, margins, page numbers and the draft mark.
"""

from __future__ import annotations

import logging
from typing import Any

from endorse.errors import EndorseError
from endorse.render import language
from endorse.render.document import Document
from endorse.render.html import render_html
from endorse.render.page import PageOptions


def _load_weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError:
        raise EndorseError(
            "the pdf format needs WeasyPrint, which is not installed",
            hint="install it with: pip install 'endorse[pdf]'  (it also needs Pango, e.g. "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0; or use --format html and "
            "Print to PDF)",
        ) from None
    except OSError as exc:  # the Python package is there, its system libraries are not
        raise EndorseError(
            f"WeasyPrint cannot start: {exc}",
            hint="install Pango (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)",
        ) from None
    return weasyprint


def render_pdf(document: Document, page: PageOptions | None = None) -> bytes:
    """The statement as a PDF file's bytes, typeset from the HTML page."""
    weasyprint = _load_weasyprint()
    # WeasyPrint logs every CSS property it does not know to stderr; those are not the user's.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    head, body = render_html(document, page).split("<body>", 1)
    # Breaks only in the body: the <title> becomes the PDF's metadata, kept as written.
    html = weasyprint.HTML(string=head + "<body>" + language.khmer_line_breaks(body))
    pdf: bytes = html.write_pdf()
    return pdf
