"""render --format pdf: WeasyPrint typesets the HTML page; the text and glyphs are read back."""

from __future__ import annotations

import io
import itertools
import os
import shutil
from pathlib import Path

import pytest

from endorse.project.load import load_project
from endorse.render.document import build_document
from endorse.render.formats import PageOptions
from endorse.render.pdf import render_pdf
from tests.conftest import Invoke

weasyprint = pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")
SLUG = "cambodia-2021"
# CI installs the fonts (.ci/run) and sets ENDORSE_REQUIRE_BROWSER, so there they must be found.
HAS_KHMER_FONT = next(Path("/usr/share/fonts").glob("**/NotoSerifKhmer-*"), None) is not None
needs_khmer_font = pytest.mark.skipif(
    not HAS_KHMER_FONT and not os.environ.get("ENDORSE_REQUIRE_BROWSER"),
    reason="needs a Khmer font (apt-get install fonts-khmeros fonts-noto-core); .ci/run does",
)


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def embedded_fonts(pdf: bytes) -> set[str]:
    """The fonts the PDF embeds, by WeasyPrint's name for them ("Noto-Serif-Khmer-Bold")."""
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def system_font(name: str) -> Path:
    """The installed file behind an embedded font name: Noto-Serif-Khmer-Bold is
    NotoSerifKhmer-Bold.ttf, Khmer-OS is KhmerOS.ttf."""
    words = name.split("-")
    for style in ("", "-Regular"):
        for joins in itertools.product(("", "-"), repeat=len(words) - 1):
            stem = words[0] + "".join(j + w for j, w in zip(joins, words[1:], strict=True))
            found = next(Path("/usr/share/fonts").glob(f"**/{stem}{style}.ttf"), None)
            if found is not None:
                return found
    raise AssertionError(f"no installed file for the embedded font {name}")


def missing_characters(pdf: bytes, text: str) -> set[str]:
    """Characters of ``text`` that none of the fonts the PDF uses has: they print as .notdef
    boxes. (Embedded subsets drop the cmap entries of characters that shaping decomposed, so
    the installed fonts are read.)"""
    from fontTools.ttLib import TTFont

    mapped: set[int] = set()
    for name in embedded_fonts(pdf):
        mapped |= set(TTFont(system_font(name), lazy=True).getBestCmap())
    return {c for c in text if not c.isspace() and ord(c) not in mapped}


def test_every_confirmed_signatory_prints_in_order(project: Path, cli: Invoke) -> None:
    signatories = project / "signatories" / f"{SLUG}.toml"
    with signatories.open("a", encoding="utf-8") as handle:
        handle.write('\n[[signatory]]\nname = "Zed <Evil> & Co"\ngroup = "endorsers"\n')
        handle.write('\n[[signatory]]\nname = "Hidden Pending"\ngroup = "endorsers"\n')
        handle.write('status = "pending"\n')
    cli("render", SLUG, "-o", "statement.pdf")  # the name picks the format
    pdf = (project / "statement.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    document = build_document(load_project(project).get(SLUG))
    position = 0
    for section in document.sections:
        for item in section.items:
            if section.style != "sentence":
                found = text.find(item.display_name, position)
                assert found >= 0, f"{item.display_name!r} missing or out of order"
                position = found
    assert "Zed <Evil> & Co" in text and "Hidden Pending" not in text
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == document.title
    assert len(reader.pages) >= 3
    assert "1 / " in reader.pages[0].extract_text()  # page numbers


def test_pages_are_a4_unless_letter_is_asked(project: Path) -> None:
    document = build_document(load_project(project).get(SLUG))
    a4 = pypdf.PdfReader(io.BytesIO(render_pdf(document))).pages[0].mediabox
    assert (round(float(a4.width) / 72 * 25.4), round(float(a4.height) / 72 * 25.4)) == (210, 297)
    letter = render_pdf(document, PageOptions(paper="letter"))
    box = pypdf.PdfReader(io.BytesIO(letter)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_draft_is_marked_on_its_pages(project: Path) -> None:
    statement = project / "statements" / f"{SLUG}.toml"
    statement.write_text(
        statement.read_text(encoding="utf-8").replace('status = "published"', 'status = "draft"'),
        encoding="utf-8",
    )
    pdf = render_pdf(build_document(load_project(project).get(SLUG)))
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert all("DRAFT" in page.extract_text() for page in pages)


@needs_khmer_font
def test_khmer_is_set_in_a_khmer_font_with_no_missing_glyph(project: Path) -> None:
    document = build_document(load_project(project).get(SLUG), lang="km")
    pdf = render_pdf(document, PageOptions(pdf_engine="weasyprint"))  # names fonts its way
    khmer = (
        document.title
        + document.dateline
        + "".join(
            section.sentence() if section.style == "sentence" else section.heading
            for section in document.sections
        )
    )
    assert missing_characters(pdf, khmer) == set()
    fonts = embedded_fonts(pdf)
    assert "Noto-Serif-Khmer" in fonts and "Noto-Serif-Khmer-Bold" in fonts
    assert "Noto-Serif" in fonts  # English names keep the Latin serif
    # line breaks are offered between clusters in the text, never in the metadata
    assert pypdf.PdfReader(io.BytesIO(pdf)).metadata.title == document.title


@needs_khmer_font  # reads the installed fonts, where .ci/run puts them
def test_the_missing_glyph_check_sees_a_character_no_font_has() -> None:
    pdf = weasyprint.HTML(string="<p>a\U0010fffd b</p>").write_pdf()
    assert missing_characters(pdf, "a\U0010fffd b") == {"\U0010fffd"}


def test_pdf_without_output_is_a_usage_error(project: Path, cli: Invoke) -> None:
    result = cli("render", SLUG, "--format", "pdf", code=2)
    assert result.stderr == (
        "endorse: error: pdf is a binary format and cannot be printed to the terminal\n"
        "  add --output cambodia-2021.pdf\n"
    )


def test_pdftotext_reads_the_same_names_when_poppler_is_there(project: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils")
    import subprocess

    pdf = project / "statement.pdf"
    pdf.write_bytes(render_pdf(build_document(load_project(project).get(SLUG))))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Women Organization for Modern Economy and Nursing" in " ".join(text.split())
