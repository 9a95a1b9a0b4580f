"""Issue 26: the Khmer PDF's text copies out as written, and its lines break between words.

These read the PDF itself with poppler's pdftotext (poppler-utils), as a journalist's copy and
paste would; they need Chromium, which the default engine prints a Khmer page with.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from endorse.project.load import load_project
from endorse.render.document import Document, build_document
from endorse.render.language import ZERO_WIDTH_SPACE, khmer_words
from endorse.render.links import pieces
from endorse.render.page import PageOptions
from endorse.render.pdf import choose_engine, find_chromium, render_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
    pytest.mark.skipif(find_chromium() is None, reason="needs chromium"),
]
SLUG = "cambodia-2021"


PAGE_NUMBER = re.compile(r"^\s*[0-9០-៩]+\s*/\s*[0-9០-៩]+\s*$", re.MULTILINE)


def normalised(text: str) -> str:
    """What a reader sees: no white space (pdftotext spaces glyph runs apart), no ZWSP, no
    page numbers between the lines of a paragraph that goes on on the next page."""
    text = PAGE_NUMBER.sub("", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", "", text.replace(ZERO_WIDTH_SPACE, ""))


def khmer(root: Path) -> Document:
    return build_document(load_project(root).get(SLUG), lang="km", counts=True)


def pdftotext(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "statement.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def printed(project: Path, tmp_path: Path) -> tuple[Document, str]:
    document = khmer(project)
    assert choose_engine(document) == "chromium"  # the default, for a Khmer page
    # -layout: poppler's default mode joins "child-" and "friendly" at a line's end.
    return document, pdftotext(render_pdf(document), tmp_path, "-layout")


def test_khmer_pdf_text_is_the_source_text(printed: tuple[Document, str]) -> None:
    document, text = printed
    extracted = normalised(text)
    sources = [
        document.title,
        document.dateline,
        *document.body,
        *(s.heading if s.style != "sentence" else s.sentence() for s in document.sections),
        *document.closing,
    ]
    assert len(sources) > 10
    for source in sources:
        shown = "".join(piece.text for piece in pieces(source))  # links lose their <brackets>
        assert normalised(shown) in extracted, source
    assert "របសេសេ" not in text  # the garbled title the issue quotes


def test_khmer_lines_break_between_words(project: Path, tmp_path: Path) -> None:
    pytest.importorskip("icu4py")
    document = khmer(project)
    lines = [
        normalised(line)
        for line in pdftotext(render_pdf(document), tmp_path, "-layout").splitlines()
    ]
    joined = "".join(lines)
    ends = []
    position = 0
    for line in lines:
        position += len(line)
        ends.append(position)
    checked = 0
    khmer_paragraphs = [document.title] + [
        s.heading if s.style != "sentence" else s.sentence() for s in document.sections
    ]
    for paragraph in khmer_paragraphs:
        # The segmenter's word ends, counted in the text without its white space.
        words = khmer_words(paragraph) or []
        ends_in_source = [sum(len(w) for w in words[:i]) for i in range(len(words) + 1)]
        boundaries = {len(normalised(paragraph[:end])) for end in ends_in_source}
        target = normalised(paragraph)
        start = joined.find(target)
        assert start >= 0, paragraph
        for end in ends:
            if start < end < start + len(target):
                checked += 1
                assert end - start in boundaries, (paragraph, joined[start:end][-8:])
    assert checked >= 3  # long lines did wrap, and each wrap was between two words


def test_khmer_page_numbers_are_in_khmer_digits(printed: tuple[Document, str]) -> None:
    _, text = printed
    assert re.search(r"១\s*/\s*[១-៩]", text)
    assert not re.search(r"^\s*1\s*/\s*\d", text, re.MULTILINE)


def test_weasyprint_is_still_there_on_request(project: Path) -> None:
    pytest.importorskip("weasyprint")
    document = khmer(project)
    assert choose_engine(document, "weasyprint") == "weasyprint"
    assert render_pdf(document, PageOptions(pdf_engine="weasyprint")).startswith(b"%PDF")


def test_khmer_pdf_is_tagged_and_links_its_addresses(project: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    import io

    document = khmer(project)
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(document)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "km"
    assert reader.metadata.title == document.title  # the title as written, no break marks
    uris = {
        annotation.get_object()["/A"]["/URI"].rstrip("/")
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    }
    assert uris == {
        "mailto:GSCDLCambodia@gmail.com",
        "https://omnibook.com/Global-Study-2019",
        "https://nochildbehindbars.com",
    }
