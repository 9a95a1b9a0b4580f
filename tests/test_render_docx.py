"""render --format docx: the house style, read back from the document's XML."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from endorse.project.load import load_project
from endorse.render.document import build_document
from endorse.render.docx import LIST_INDENT, render_docx
from tests.conftest import Invoke

pytest.importorskip("docx")
SLUG = "cambodia-2021"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith(".xml")
        }


def render(root: Path, **options: object) -> dict[str, str]:
    lang = options.pop("lang", None)
    document = build_document(load_project(root).get(SLUG), lang=lang)  # type: ignore[arg-type]
    return parts(render_docx(document, **options))  # type: ignore[arg-type]


def test_a4_with_even_margins_by_default_and_letter_on_request(project: Path, cli: Invoke) -> None:
    xml = render(project)["word/document.xml"]
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in xml
    assert 'w:top="1418" w:right="1418" w:bottom="1418" w:left="1418"' in xml
    cli("render", SLUG, "--format", "docx", "--paper", "letter", "-o", "letter.docx")
    letter = parts((project / "letter.docx").read_bytes())["word/document.xml"]
    assert '<w:pgSz w:w="12240" w:h="15840"/>' in letter


def test_one_serif_family_black_headings_and_complex_script_fonts(project: Path) -> None:
    styles = render(project)["word/styles.xml"]
    assert (
        '<w:rFonts w:ascii="Noto Serif" w:hAnsi="Noto Serif" w:eastAsia="Noto Serif" '
        'w:cs="Noto Serif Khmer"/>'
    ) in styles
    assert styles.count("<w:rFonts") == 1  # every style inherits the one family
    assert "asciiTheme" not in styles and 'w:color w:val="000000"' in styles
    assert '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="km-KH"/>' in styles
    assert 'w:line="276" w:lineRule="auto"' in styles


def test_khmer_document_declares_khmer_and_spaces_its_lines(project: Path) -> None:
    xml = render(project, lang="km")
    assert '<w:lang w:val="km-KH" w:eastAsia="km-KH" w:bidi="km-KH"/>' in xml["word/styles.xml"]
    assert 'w:line="360" w:lineRule="auto"' in xml["word/styles.xml"]
    assert "<dc:language>km-KH</dc:language>" in xml["docProps/core.xml"]


def test_numbered_lists_hang_wide_enough_for_three_digits(project: Path) -> None:
    xml = render(project)
    numbering = xml["word/numbering.xml"]
    assert f'<w:ind w:left="{LIST_INDENT}" w:hanging="{LIST_INDENT}"/>' in numbering
    assert LIST_INDENT >= 567  # 1 cm: "100." in 11 pt serif is about 0.75 cm
    # each of the three lists counts from 1 on its own num
    assert numbering.count('<w:startOverride w:val="1"/>') == 4
    num_ids = re.findall(r'<w:numId w:val="(\d+)"/>', xml["word/document.xml"])
    assert len(set(num_ids)) == 3 and len(num_ids) == 33


def test_khmer_lists_number_in_khmer_digits(project: Path) -> None:
    document = render(project, lang="km")["word/document.xml"]
    items = re.findall(
        r'<w:pStyle w:val="ListNumber"/>.*?<w:t xml:space="preserve">([^<]*)</w:t></w:r>'
        r'<w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">([^<]*)<',
        document,
    )
    assert items[:2] == [
        ("១.", "Adolescent and Youth Reference Group"),
        ("២.", "Cambodian Children and Young People Movement for Child Rights"),
    ]
    assert ("១០.", "Children's Rights International") in items
    assert "<w:numPr>" not in document  # Word has no Khmer number format: digits are written
    assert f'<w:ind w:left="{LIST_INDENT}" w:hanging="{LIST_INDENT}"/>' in document


def test_italic_lines_stay_upright_in_khmer(project: Path) -> None:
    document = render(project, lang="km")["word/document.xml"]
    assert "<w:i/>" in document  # the dateline
    assert "<w:iCs/>" not in document  # complex-script italics would slant Khmer


def test_pages_are_numbered_and_a_draft_says_so(project: Path) -> None:
    statement = project / "statements" / f"{SLUG}.toml"
    xml = render(project)
    footer = next(text for name, text in xml.items() if name.startswith("word/footer"))
    assert 'w:instr=" PAGE "' in footer
    assert not any(name.startswith("word/header") and "DRAFT" in t for name, t in xml.items())
    statement.write_text(
        statement.read_text(encoding="utf-8").replace('status = "published"', 'status = "draft"'),
        encoding="utf-8",
    )
    xml = render(project)
    header = next(text for name, text in xml.items() if name.startswith("word/header"))
    assert ">DRAFT</w:t>" in header
    assert ">DRAFT</w:t>" not in xml["word/document.xml"]  # the header is on every page


def test_names_are_escaped_and_python_docx_reads_the_result(project: Path) -> None:
    docx = pytest.importorskip("docx")
    signatories = project / "signatories" / f"{SLUG}.toml"
    with signatories.open("a", encoding="utf-8") as handle:
        handle.write('\n[[signatory]]\nname = "<b>Evil</b> & Co"\ngroup = "endorsers"\n')
    document = build_document(load_project(project).get(SLUG))
    word = docx.Document(io.BytesIO(render_docx(document)))
    texts = [p.text for p in word.paragraphs]
    assert "<b>Evil</b> & Co" in texts
    assert texts[0].startswith("Joint Statement of Civil Society Support")


def test_untranslated_paragraphs_keep_english_language_and_spacing(project: Path) -> None:
    document = render(project, lang="km")["word/document.xml"]
    english = (
        '<w:p><w:pPr><w:spacing w:line="276" w:lineRule="auto"/></w:pPr><w:r><w:rPr>'
        '<w:lang w:val="en-US" w:eastAsia="en-US"/></w:rPr><w:t xml:space="preserve">We, the '
        "undersigned organizations"
    )
    assert english in document
    assert "<w:lang " not in render(project)["word/document.xml"]  # English in English: default


def test_reference_doc_lends_its_styles_and_keeps_ours_it_lacks(
    project: Path, cli: Invoke, tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx")
    reference = docx.Document()
    reference.styles["Heading 1"].font.name = "Coalition Sans"
    reference.add_paragraph("Template text that must not print")
    reference.save(str(tmp_path / "coalition.docx"))
    reference_numbering = parts((tmp_path / "coalition.docx").read_bytes())["word/numbering.xml"]
    taken = {int(n) for n in re.findall(r'<w:num w:numId="(\d+)"', reference_numbering)}

    cli("render", SLUG, "-o", "styled.docx", "--reference-doc", str(tmp_path / "coalition.docx"))
    xml = parts((project / "styled.docx").read_bytes())
    assert "Coalition Sans" in xml["word/styles.xml"]
    assert 'w:styleId="Logos"' in xml["word/styles.xml"]  # ours, which Word's template lacks
    assert "Template text" not in xml["word/document.xml"]
    used = {int(n) for n in re.findall(r'<w:numId w:val="(\d+)"/>', xml["word/document.xml"])}
    assert len(used) == 3 and not used & taken  # our lists come after the reference's
    word = docx.Document(str(project / "styled.docx"))
    assert word.paragraphs[0].text.startswith("Joint Statement")


def test_reference_doc_must_be_a_docx_and_only_for_docx(
    project: Path, cli: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "letter.odt").write_bytes(b"not a zip")
    result = cli(
        "render", SLUG, "-o", "x.docx", "--reference-doc", str(tmp_path / "letter.odt"), code=1
    )
    assert "letter.odt: cannot use this file as a reference document" in result.stderr
    assert "give a .docx saved by Word or LibreOffice" in result.stderr
    result = cli("render", SLUG, "--reference-doc", str(tmp_path / "letter.odt"), code=2)
    assert "--reference-doc styles Word documents, not --format text" in result.stderr
