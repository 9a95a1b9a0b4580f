"""Word rendering with python-docx (the optional endorse[docx] extra)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from endorse.errors import EndorseError
from endorse.render.document import Document, Section

if TYPE_CHECKING:
    from docx.document import Document as WordDocument


def _load_python_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise EndorseError(
            "the docx format needs python-docx, which is not installed",
            hint="install it with: pip install 'endorse[docx]'  (or pick --format html, then "
            "open the page in Word)",
        ) from None
    return docx


def _restarted_numbering(word: WordDocument) -> int:
    """A fresh numId on the 'List Number' list, so that each group counts from 1 again."""
    style = word.styles["List Number"]
    num_id = style.element.pPr.numPr.numId.val
    numbering = word.part.numbering_part.numbering_definitions._numbering
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(num.numId)


def _add_lines(word: WordDocument, text: str, style: str | None = None) -> None:
    word.add_paragraph(text, style=style)  # python-docx turns "\n" into line breaks


def _add_section(word: WordDocument, section: Section) -> None:
    if section.style == "sentence":
        _add_lines(word, section.sentence())
        if section.counts_line:
            word.add_paragraph().add_run(section.counts_line).italic = True
        return
    word.add_heading(section.heading, level=2)
    if section.counts_line:
        word.add_paragraph().add_run(section.counts_line).italic = True
    numbered = section.style == "numbered"
    num_id = _restarted_numbering(word) if numbered else None
    for item in section.items:
        paragraph = word.add_paragraph(style="List Number" if numbered else "List Bullet")
        paragraph.add_run(item.display_name)
        if item.note:
            paragraph.add_run(f" – {item.note}")
        if item.contact:
            paragraph.add_run(f" <{item.contact}>")
        if num_id is not None:
            paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id


def render_docx(document: Document) -> bytes:
    """The statement as a .docx file's bytes."""
    docx = _load_python_docx()
    word: WordDocument = docx.Document()
    word.core_properties.title = document.title
    word.core_properties.language = document.lang
    word.add_heading(document.title, level=1)
    if document.dateline:
        word.add_paragraph().add_run(document.dateline).italic = True
    if document.counts_line:
        word.add_paragraph().add_run(document.counts_line).italic = True
    for paragraph in document.body:
        _add_lines(word, paragraph)
    for section in document.sections:
        _add_section(word, section)
    for paragraph in document.closing:
        _add_lines(word, paragraph)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
