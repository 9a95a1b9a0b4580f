"""Word rendering (the optional endorse[docx] extra): a sober house style, fast at any size.

python-docx provides the package (parts, relationships, pictures, properties); the styles, the
numbering and the body are written as WordprocessingML directly, because building 100,000 list
paragraphs through python-docx's objects takes over a minute and parsing their XML once takes a
second.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from endorse.errors import EndorseError
from endorse.install import missing_extra
from endorse.render import language
from endorse.render.document import Document, Item, Section
from endorse.render.links import pieces
from endorse.render.page import SHORT_LIST

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Page width and height in twentieths of a point (twips).
PAGE_TWIPS = {"a4": (11906, 16838), "letter": (12240, 15840)}
MARGIN = 1418  # 2.5 cm
# At least 1 cm of hanging indent: room for "100." or "១០០." and the gap before the name; a
# longer list gets room for its longest number ("1000." is about 0.5 cm wide in 11 pt).
LIST_INDENT = 567
DIGIT_TWIPS = {"km": 150}  # the width of one digit (Khmer digits are wider)
DEFAULT_DIGIT_TWIPS = 125
NUMBER_GAP = 250  # the full stop and the gap before the name
LIST_SPACE_AFTER = 240  # 12 pt after a list's last item, as the PDF's 1rem margin
CLOSING_SPACE = 480  # 24 pt before the closing, as the PDF's footer margin
LATIN_FONT = "Noto Serif"
KHMER_FONT = "Noto Serif Khmer"
BODY_SIZE = 22  # half-points: 11 pt
# Khmer stacks vowels and subscripts above and below the line: 1.5 lines keep them apart.
LINE_SPACING = {"km": 360}
DEFAULT_LINE_SPACING = 276  # 1.15 lines
WORD_LANGS = {"en": "en-US", "km": "km-KH", "fr": "fr-FR", "th": "th-TH"}
LOGO_HEIGHT_CM = 1.6
WORD_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})
NUMBERED_LIST, BULLETED_LIST = 1, 2


def _load_python_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise missing_extra(
            "the docx format",
            "python-docx",
            alternative="pick --format html, then open the page in Word",
        ) from None
    return docx


def word_lang(lang: str) -> str:
    """A language tag as Word spells it: 'km' becomes 'km-KH'."""
    return lang if "-" in lang else WORD_LANGS.get(language.base(lang), lang)


def list_indent(section: Section) -> int:
    """The hanging indent (twips) of a group's list: room for its longest number."""
    if section.style == "bulleted":
        return LIST_INDENT
    digits = len(str(max((item.number for item in section.items), default=1)))
    width = DIGIT_TWIPS.get(language.base(section.lang), DEFAULT_DIGIT_TWIPS)
    return max(LIST_INDENT, digits * width + NUMBER_GAP)


def _styles_xml(lang: str) -> str:
    latin = word_lang(lang)
    line = LINE_SPACING.get(language.base(lang), DEFAULT_LINE_SPACING)
    # Word and LibreOffice shape Khmer as a complex script: it takes the w:cs font, w:szCs,
    # w:bCs and the w:bidi language. w:i without w:iCs keeps Khmer upright in italic lines.
    fonts = (
        f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{LATIN_FONT}" '
        f'w:cs="{KHMER_FONT}"/>'
    )

    def style(kind: str, style_id: str, name: str, ppr: str = "", rpr: str = "") -> str:
        based = "" if style_id == "Normal" else '<w:basedOn w:val="Normal"/>'
        default = ' w:default="1"' if style_id == "Normal" else ""
        return (
            f'<w:style w:type="{kind}"{default} w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f"{based}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )

    # Children in the schema's order (keepNext before spacing before outlineLvl): Word is strict.
    heading = '<w:keepNext/><w:keepLines/><w:spacing {spacing}/><w:outlineLvl w:val="{level}"/>'
    list_ppr = '<w:spacing w:after="40"/>'
    return (
        f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{fonts}'
        f'<w:sz w:val="{BODY_SIZE}"/><w:szCs w:val="{BODY_SIZE}"/>'
        f'<w:lang w:val="{latin}" w:eastAsia="{latin}" w:bidi="km-KH"/></w:rPr></w:rPrDefault>'
        f'<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="{line}" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        + style("paragraph", "Normal", "Normal", rpr='<w:color w:val="000000"/>')
        + style(
            "paragraph",
            "Heading1",
            "heading 1",
            heading.format(spacing='w:before="0" w:after="160"', level=0),
            '<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/>',
        )
        + style(
            "paragraph",
            "Heading2",
            "heading 2",
            heading.format(spacing='w:before="280" w:after="100"', level=1),
            '<w:b/><w:bCs/><w:sz w:val="23"/><w:szCs w:val="23"/>',
        )
        + style("paragraph", "ListNumber", "List Number", list_ppr)
        + style("paragraph", "ListBullet", "List Bullet", list_ppr)
        + style("paragraph", "Logos", "Logos", '<w:spacing w:before="120" w:after="200"/>')
        + style(
            "paragraph",
            "Draft",
            "Draft mark",
            '<w:jc w:val="center"/>',
            '<w:b/><w:bCs/><w:color w:val="B00000"/>'
            + ("" if language.base(lang) == "km" else '<w:spacing w:val="40"/>'),
        )
        + style("paragraph", "Footer", "footer", '<w:jc w:val="center"/>', '<w:sz w:val="18"/>')
        + '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="0B4F8A"/>'
        '<w:u w:val="single"/></w:rPr></w:style>' + "</w:styles>"
    )


def _add_numbering(word: WordDocument, sections: list[Section], docx: Any) -> dict[str, int]:
    """One abstract list per style and one num per group, so each group counts from 1. They
    are numbered after the lists a reference document already has."""
    numbering = word.part.numbering_part.element
    taken_abstract = [
        int(n.get(f"{{{W_NS}}}abstractNumId"))
        for n in numbering.iterchildren()
        if n.tag == f"{{{W_NS}}}abstractNum"
    ]
    taken_num = [
        int(n.get(f"{{{W_NS}}}numId"))
        for n in numbering.iterchildren()
        if n.tag == f"{{{W_NS}}}num"
    ]
    first_abstract = max(taken_abstract, default=0) + 1

    def level(fmt: str, text: str, indent: int, hanging: int) -> str:
        return (
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr>'
            f'<w:tabs><w:tab w:val="num" w:pos="{indent}"/></w:tabs>'
            f'<w:ind w:left="{indent}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
        )

    # One list definition per group: its hanging indent fits its own longest number.
    abstracts = []
    nums = []
    num_ids = {}
    for offset, section in enumerate(sections):
        abstract = first_abstract + offset
        indent = list_indent(section)
        lvl = (
            level("bullet", "•", indent, indent // 2)
            if section.style == "bulleted"
            else level("decimal", "%1.", indent, indent)
        )
        abstracts.append(
            f'<w:abstractNum w:abstractNumId="{abstract}">'
            f'<w:multiLevelType w:val="singleLevel"/>{lvl}</w:abstractNum>'
        )
    for num_id, section in enumerate(sections, start=max(taken_num, default=0) + 1):
        abstract = first_abstract + sections.index(section)
        nums.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
        num_ids[section.group_id] = num_id
    # The schema wants every abstractNum before the first num.
    first_num = next((n for n in numbering.iterchildren() if n.tag == f"{{{W_NS}}}num"), None)
    for element in docx.oxml.parse_xml(f'<w:n xmlns:w="{W_NS}">{"".join(abstracts)}</w:n>'):
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    for element in docx.oxml.parse_xml(f'<w:n xmlns:w="{W_NS}">{"".join(nums)}</w:n>'):
        numbering.append(element)
    return num_ids


def _use_styles(word: WordDocument, lang: str, docx: Any, *, keep_existing: bool) -> None:
    """The house style; with a reference document, its styles, plus ours where it lacks one."""
    house = docx.oxml.parse_xml(_styles_xml(lang))
    if not keep_existing:
        word.part._styles_part._element = house
        return
    styles = word.part._styles_part.element
    present = {style.get(f"{{{W_NS}}}styleId") for style in styles.iterchildren()}
    for style in list(house.iterchildren()):
        if style.tag == f"{{{W_NS}}}style" and style.get(f"{{{W_NS}}}styleId") not in present:
            styles.append(style)


def _open_reference(docx: Any, reference: Path) -> WordDocument:
    try:
        word: WordDocument = docx.Document(str(reference))
    except Exception as exc:  # python-docx raises KeyError, BadZipFile, ValueError...
        raise EndorseError(
            f"cannot use this file as a reference document: {exc or type(exc).__name__}",
            path=reference,
            hint="give a .docx saved by Word or LibreOffice (not .doc, .dotx or .odt)",
        ) from None
    return word


def _run(text: str, props: str = "") -> str:
    """One run; line breaks inside the text become w:br."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    inner = "<w:br/>".join(
        f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")
    )
    return f"<w:r>{rpr}{inner}</w:r>"


Relate = Callable[[str], str]  # an external link's target -> its relationship id


def _linked_runs(text: str, relate: Relate, props: str = "") -> str:
    """Runs of ``text``, each web or e-mail address a Word hyperlink (an external
    relationship), shown in the Hyperlink style; an autolink's brackets are dropped."""
    runs = []
    for piece in pieces(text):
        if piece.href is None:
            runs.append(_run(piece.text, props))
        else:
            link = _run(piece.text, '<w:rStyle w:val="Hyperlink"/>' + props)
            target = relate(piece.href)
            runs.append(f'<w:hyperlink r:id="{target}" w:history="1">{link}</w:hyperlink>')
    return "".join(runs)


def _text_paragraph(
    text: str, text_lang: str | None, document_lang: str, relate: Relate, before: int = 0
) -> str:
    """A paragraph of the body or closing, marked with its own language where a translation
    left it in the original's (an English body in a Khmer document keeps English spacing);
    ``before``: space above it, in twips."""
    space = f' w:before="{before}"' if before else ""
    if text_lang is None or language.base(text_lang) == language.base(document_lang):
        return _paragraph(_linked_runs(text, relate), ppr=f"<w:spacing{space}/>" if space else "")
    line = LINE_SPACING.get(language.base(text_lang), DEFAULT_LINE_SPACING)
    tag = word_lang(text_lang)
    return _paragraph(
        _linked_runs(text, relate, f'<w:lang w:val="{tag}" w:eastAsia="{tag}"/>'),
        ppr=f'<w:spacing{space} w:line="{line}" w:lineRule="auto"/>',
    )


def _paragraph(runs: str, style: str | None = None, ppr: str = "") -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f"<w:p><w:pPr>{style_xml}{ppr}</w:pPr>{runs}</w:p>"


ITALIC = "<w:i/>"  # Latin only: Khmer has no italic, and w:iCs would slant it


def _item_runs(item: Item, relate: Relate) -> str:
    runs = _run(item.display_name)
    if item.note:
        runs += _linked_runs(f" – {item.note}", relate)
    if item.contact:  # only with --include-private
        runs += _run(f" <{item.contact}>")
    return runs


KEEP_NEXT = "<w:keepNext/><w:keepLines/>"


def _list_xml(section: Section, num_id: int, lang: str, relate: Relate) -> Iterable[str]:
    """The group's paragraphs: Word numbering, or Khmer digits written out (Word has no
    Khmer number format), each with the hanging indent of the longest number. A short list
    is kept on one page; the last item is followed by the space the PDF leaves."""
    short = len(section.items) < SHORT_LIST
    last = len(section.items) - 1

    def keep(index: int) -> str:
        # Schema order: keepNext, keepLines, numPr, tabs, spacing, ind.
        return KEEP_NEXT if short and index < last else "<w:keepLines/>"

    def after(index: int) -> str:
        return f'<w:spacing w:after="{LIST_SPACE_AFTER}"/>' if index == last else ""

    if section.style == "numbered" and language.base(lang) == "km":
        indent = list_indent(section)
        for index, item in enumerate(section.items):
            ppr = (
                f'{keep(index)}<w:tabs><w:tab w:val="left" w:pos="{indent}"/></w:tabs>'
                f'{after(index)}<w:ind w:left="{indent}" w:hanging="{indent}"/>'
            )
            number = _run(f"{language.number(item.number, lang)}.") + "<w:r><w:tab/></w:r>"
            yield _paragraph(number + _item_runs(item, relate), "ListNumber", ppr)
        return
    style = "ListNumber" if section.style == "numbered" else "ListBullet"
    numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    for index, item in enumerate(section.items):
        ppr = f"{keep(index)}{numbering}{after(index)}"
        yield _paragraph(_item_runs(item, relate), style, ppr)


def _logo_strip(word: WordDocument, section: Section, docx: Any, first_id: int, root: Path) -> str:
    """A paragraph of the group's PNG and JPEG logos (Word shows no SVG), or nothing.
    Pictures are numbered from ``first_id``: Word wants each drawing's id unique."""
    from lxml import etree

    from endorse.project.logos import read_logo

    logos = [item.logo for item in section.items if item.logo is not None]
    pictures = [logo for logo in logos if PurePosixPath(logo).suffix.lower() in WORD_IMAGE_SUFFIXES]
    runs = []
    for number, logo in enumerate(pictures):
        picture = io.BytesIO(read_logo(root, logo))  # refused as check reports it
        try:
            inline = word.part.new_pic_inline(picture, None, docx.shared.Cm(LOGO_HEIGHT_CM))
        except Exception as exc:  # python-docx raises its own types, Pillow-like ones too
            raise EndorseError(
                f"cannot put this logo in the Word document: {exc}",
                path=Path(logo),
                hint="run 'endorse check' and fix the logo (PNG or JPEG for Word)",
            ) from None
        inline.docPr.set("id", str(first_id + number))
        gap = _run("   ") if number else ""
        drawing = etree.tostring(inline, encoding="unicode")
        runs.append(f"{gap}<w:r><w:drawing>{drawing}</w:drawing></w:r>")
    return _paragraph("".join(runs), "Logos") if runs else ""


def _page_setup(word: WordDocument, paper: str, document: Document, docx: Any) -> None:
    """Page size, margins, the page number in the footer and a draft's header."""
    parse_xml = docx.oxml.parse_xml
    width, height = PAGE_TWIPS[paper]
    sect_pr = word.element.body.sectPr
    for child in list(sect_pr):
        if child.tag in (f"{{{W_NS}}}pgSz", f"{{{W_NS}}}pgMar"):
            sect_pr.remove(child)
    sect_pr.insert(0, parse_xml(f'<w:pgSz xmlns:w="{W_NS}" w:w="{width}" w:h="{height}"/>'))
    sect_pr.insert(
        1,
        parse_xml(
            f'<w:pgMar xmlns:w="{W_NS}" w:top="{MARGIN}" w:right="{MARGIN}" '
            f'w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="709" w:footer="709" w:gutter="0"/>'
        ),
    )
    section = word.sections[0]
    _put_in(
        section.footer,
        parse_xml(
            f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
            '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'
        ),
    )
    if document.status == "draft":
        mark = language.draft_mark(document.lang)
        _put_in(
            section.header,
            parse_xml(
                f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="Draft"/></w:pPr>{_run(mark)}</w:p>'
            ),
        )


def _put_in(header_or_footer: Any, paragraph: Any) -> None:
    """In place of an empty first paragraph, or after a reference document's own lines."""
    first = header_or_footer.paragraphs[0]
    if first.text.strip() or first._p.xpath(".//w:drawing"):
        header_or_footer.paragraphs[-1]._p.addnext(paragraph)
    else:
        first._p.getparent().replace(first._p, paragraph)


def _body_xml(document: Document, word: WordDocument, docx: Any, num_ids: dict[str, int]) -> str:
    from docx.opc.constants import RELATIONSHIP_TYPE

    targets: dict[str, str] = {}

    def relate(href: str) -> str:
        if href not in targets:
            targets[href] = word.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        return targets[href]

    parts = []  # a draft's mark is in the header of every page
    pictures = 0
    parts.append(_paragraph(_run(document.title), "Heading1"))
    if document.dateline:
        parts.append(_paragraph(_run(document.dateline, ITALIC)))
    if document.counts_line:
        parts.append(_paragraph(_run(document.counts_line, ITALIC)))
    parts.extend(
        _text_paragraph(paragraph, document.body_lang, document.lang, relate)
        for paragraph in document.body
    )
    for section in document.sections:
        if section.counts_line and section.style == "sentence":  # the count first, as for lists
            parts.append(_paragraph(_run(section.counts_line, ITALIC), ppr=KEEP_NEXT))
        if section.style == "sentence":
            parts.append(_paragraph(_linked_runs(section.sentence(), relate)))
        else:
            parts.append(_paragraph(_run(section.heading), "Heading2"))
        if section.counts_line and section.style != "sentence":
            parts.append(_paragraph(_run(section.counts_line, ITALIC), ppr=KEEP_NEXT))
        if section.style != "sentence":
            parts.extend(_list_xml(section, num_ids[section.group_id], document.lang, relate))
        if section.logos:
            root = document.root or Path(".")
            parts.append(_logo_strip(word, section, docx, first_id=pictures + 1, root=root))
            pictures += sum(item.logo is not None for item in section.items)
    parts.extend(  # the closing set apart from the lists, as the PDF's footer is
        _text_paragraph(
            paragraph, document.closing_lang, document.lang, relate, CLOSING_SPACE * (not index)
        )
        for index, paragraph in enumerate(document.closing)
    )
    return "".join(parts)


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>endorse</Application></Properties>"
)


def render_time() -> dt.datetime:
    """When the document is made (UTC, to the second): SOURCE_DATE_EPOCH when set, so that
    the same statement renders byte for byte the same file (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _set_properties(word: WordDocument, document: Document) -> None:
    """File › Properties says what the statement is, who publishes it and when it was made;
    nothing of python-docx's template (or the reference document's) is left: its creator,
    description, 2013 dates, thumbnail picture and application name."""
    properties = word.core_properties
    element = properties._element
    for child in list(element):
        element.remove(child)
    properties.title = document.title
    properties.subject = document.dateline or document.title
    if document.author:
        properties.author = document.author
        properties.last_modified_by = document.author
    properties.language = word_lang(document.lang)
    properties.created = properties.modified = render_time()
    properties.revision = 1
    package = word.part.package
    for rel_id, relation in list(package.rels.items()):
        if relation.reltype.endswith("/metadata/thumbnail"):
            del package.rels[rel_id]
        elif relation.reltype.endswith("/extended-properties"):
            relation.target_part._blob = APP_XML.encode("utf-8")


def render_docx(document: Document, *, paper: str = "a4", reference: Path | None = None) -> bytes:
    """The statement as a .docx file's bytes; ``reference`` lends its styles (pandoc's
    --reference-doc): its text is dropped, its page size and margins follow ``paper``."""
    docx = _load_python_docx()  # first: lxml comes with python-docx, and is missing without it
    from lxml import etree

    word = _open_reference(docx, reference) if reference is not None else docx.Document()
    _set_properties(word, document)
    _use_styles(word, document.lang, docx, keep_existing=reference is not None)
    if reference is None:  # the template's list definitions belong to styles replaced above
        word.part.numbering_part._element = docx.oxml.parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>')
    num_ids = _add_numbering(word, document.sections, docx)
    for child in list(word.element.body):
        if child.tag != f"{{{W_NS}}}sectPr":
            word.element.body.remove(child)
    _page_setup(word, paper, document, docx)
    # The template's document.xml, with the body's paragraphs put in front of its sectPr and
    # parsed in one go: building 100,000 paragraphs as objects takes a minute.
    template = etree.tostring(word.element, encoding="unicode")
    opening = template.index("<w:body>") + len("<w:body>")
    body = _body_xml(document, word, docx, num_ids)
    word.part._element = docx.oxml.parse_xml(template[:opening] + body + template[opening:])
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
