"""Issue 26: documents a press officer sends as they are. Each test reads the output itself:
the HTML, the .docx package's XML, the PDF's annotations."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endorse.project.load import load_project
from endorse.render.document import build_document, paragraphs
from endorse.render.html import render_html
from endorse.render.links import pieces
from endorse.render.page import PageOptions
from tests.conftest import Invoke

SLUG = "cambodia-2021"
CLOSING_LINKS = {
    "mailto:GSCDLCambodia@gmail.com",
    "https://omnibook.com/Global-Study-2019",
    "https://nochildbehindbars.com",
}


def docx_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }


def document(root: Path, **options: object):  # type: ignore[no-untyped-def]
    return build_document(load_project(root).get(SLUG), **options)  # type: ignore[arg-type]


# Links ---------------------------------------------------------------------------------------


def test_addresses_are_cut_out_of_the_text_and_autolink_brackets_dropped() -> None:
    text = "Write to a.b@example.org, see <https://x.org/a-b> or https://y.org/c."
    assert [(p.text, p.href) for p in pieces(text)] == [
        ("Write to ", None),
        ("a.b@example.org", "mailto:a.b@example.org"),
        (", see ", None),
        ("https://x.org/a-b", "https://x.org/a-b"),
        (" or ", None),
        ("https://y.org/c", "https://y.org/c"),
        (".", None),
    ]


def test_pieces_keep_every_character_but_autolink_brackets() -> None:
    seen = {"count": 0, "linked": 0}

    fragments = ["https://", "http://", "x.org", "/a", "-b", "<", ">", "a@b.co", " ", ".", ")"]
    fragments += ["(", "h", "t", ":", "@", "é", "\n"]

    @settings(max_examples=300)
    @given(st.lists(st.sampled_from(fragments), max_size=12).map("".join))
    def check(text: str) -> None:
        seen["count"] += 1
        joined = "".join(piece.text for piece in pieces(text))
        linked = [piece.text for piece in pieces(text) if piece.href]
        seen["linked"] += bool(linked)
        expected = text
        for address in linked:
            expected = expected.replace(f"<{address}>", address)
        assert joined == expected

    check()
    assert seen["count"] >= 300
    assert seen["linked"] >= 10


def test_html_links_every_address_without_brackets(project: Path) -> None:
    html = render_html(document(project))
    hrefs = set(re.findall(r'<a href="([^"]+)">', html))
    assert hrefs == CLOSING_LINKS
    assert "&lt;https://" not in html and "<https://" not in html
    # never broken after the scheme, may break inside the path
    assert (
        '<a href="https://omnibook.com/Global-Study-2019"><span class="nobr">'
        "https://omnibook.com/</span>Global-<wbr>Study-<wbr>2019</a>"
    ) in html


def test_text_and_markdown_keep_the_addresses_as_written(cli: Invoke) -> None:
    assert "<https://omnibook.com/Global-Study-2019>" in cli("render", SLUG).stdout
    plain = cli("render", SLUG, "-f", "markdown-plain").stdout
    assert "<https://omnibook.com/Global-Study-2019>" in plain


def test_word_links_are_hyperlink_relationships(project: Path) -> None:
    pytest.importorskip("docx")
    from endorse.render.docx import render_docx

    xml = docx_parts(render_docx(document(project)))
    rels = xml["word/_rels/document.xml.rels"]
    targets = dict(re.findall(r'Id="(rId\d+)" Type="[^"]+/hyperlink" Target="([^"]+)"', rels))
    assert set(targets.values()) == CLOSING_LINKS
    linked = re.findall(
        r'<w:hyperlink r:id="(rId\d+)"[^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
        r'<w:t xml:space="preserve">([^<]+)</w:t>',
        xml["word/document.xml"],
    )
    assert {targets[rid]: text for rid, text in linked} == {
        "mailto:GSCDLCambodia@gmail.com": "GSCDLCambodia@gmail.com",
        "https://omnibook.com/Global-Study-2019": "https://omnibook.com/Global-Study-2019",
        "https://nochildbehindbars.com": "https://nochildbehindbars.com",
    }
    assert "&lt;https" not in xml["word/document.xml"]


@pytest.mark.slow
def test_pdf_has_a_link_annotation_for_every_address(project: Path) -> None:
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    from endorse.render.pdf import render_pdf

    reader = pypdf.PdfReader(
        io.BytesIO(render_pdf(document(project), PageOptions(pdf_engine="weasyprint")))
    )
    uris = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    }
    assert uris == CLOSING_LINKS
    text = "".join(page.extract_text() for page in reader.pages)
    assert "<https://" not in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en"  # tagged, with its language


# Word metadata --------------------------------------------------------------------------------


def test_word_properties_come_from_the_statement(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("docx")
    from endorse.render.docx import render_docx

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1620172800")  # 2021-05-05
    path = project / "statements" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('lang = "en"', 'lang = "en"\nauthor = "GSCDL Cambodia"'), "utf-8")
    data = render_docx(document(project))
    core = docx_parts(data)["docProps/core.xml"]
    assert "<dc:title>Joint Statement of Civil Society Support for Children Deprived of " in core
    assert "<dc:subject>Phnom Penh, 5 May 2021</dc:subject>" in core
    assert "<dc:creator>GSCDL Cambodia</dc:creator>" in core
    assert "<dc:language>en-US</dc:language>" in core
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2021-05-05T00:00:00Z' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2021-05-05T00:00:00Z' in core
    everything = "".join(docx_parts(data).values())
    for stale in ("python-docx", "2013-12-23", "<dc:description", "Macintosh", "thumbnail"):
        assert stale not in everything
    assert data == render_docx(document(project))  # reproducible with SOURCE_DATE_EPOCH


def test_word_author_defaults_to_the_organisers(project: Path) -> None:
    pytest.importorskip("docx")
    from endorse.render.docx import render_docx

    core = docx_parts(render_docx(document(project)))["docProps/core.xml"]
    assert "<dc:creator>Adolescent and Youth Reference Group; Cambodian Children" in core


# Paragraphs, counts, lists ---------------------------------------------------------------------


def test_single_line_breaks_are_spaces_only_blank_lines_separate() -> None:
    assert paragraphs("One\nline  \n two.\n\n \nNext\r\none.\n") == ["One line two.", "Next one."]


def test_a_wrapped_body_prints_without_forced_breaks(project: Path, cli: Invoke) -> None:
    path = project / "statements" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    wrapped = text.replace(
        "We, the undersigned organizations,", "We,\nthe\nundersigned  organizations,"
    )
    path.write_text(wrapped, encoding="utf-8")
    assert "We, the undersigned  organizations," in cli("render", SLUG).stdout
    html = cli("render", SLUG, "-f", "html").stdout
    assert "We, the undersigned  organizations," in html and "<br>" not in html


@pytest.mark.parametrize(
    ("lang", "word"),
    [("en", "organizations"), ("en-US", "organizations"), ("en-GB", "organisations")],
)
def test_counts_follow_the_statement_spelling(
    project: Path, cli: Invoke, lang: str, word: str
) -> None:
    path = project / "statements" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('lang = "en"', f'lang = "{lang}"'), encoding="utf-8")
    out = cli("render", SLUG, "--counts").stdout
    assert f"Endorsed by 34 {word}\n" in out and f"\n24 {word}\n" in out


def test_plain_en_with_british_text_counts_in_british(project: Path, cli: Invoke) -> None:
    path = project / "statements" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8").replace("organizations", "organisations")
    path.write_text(text, encoding="utf-8")
    assert "Endorsed by 34 organisations" in cli("render", SLUG, "--counts").stdout


def test_a_sentence_group_count_comes_before_its_sentence(cli: Invoke) -> None:
    out = cli("render", SLUG, "--counts").stdout
    assert "\n\n1 organization\n\nThis statement is also endorsed by the" in out
    html = cli("render", SLUG, "--counts", "-f", "html").stdout
    assert html.index('<p class="counts">1 organization') < html.index(
        "This statement is also endorsed by"
    )


def long_list(project: Path, count: int) -> None:
    path = project / "signatories" / f"{SLUG}.toml"
    extra = "".join(
        f'\n[[signatory]]\nname = "Organisation number {n:05d}"\ngroup = "endorsers"\n'
        for n in range(count)
    )
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_word_hanging_indent_clears_a_four_digit_number(project: Path) -> None:
    pytest.importorskip("docx")
    from endorse.render.docx import LIST_INDENT, render_docx

    long_list(project, 1000)
    xml = docx_parts(render_docx(document(project)))["word/numbering.xml"]
    indents = [int(i) for i in re.findall(r'<w:ind w:left="(\d+)" w:hanging="\1"/>', xml)]
    # "1000." in 11 pt Noto Serif: four digits of 0.572 em and a full stop of 0.26 em, in twips
    width_1000 = round((4 * 0.572 + 0.26) * 11 * 20)
    assert max(indents) >= width_1000 + 100  # and a gap before the name
    assert min(indents) == LIST_INDENT  # short lists keep the 1 cm


def test_word_keeps_short_lists_together_and_spaces_after_lists(project: Path) -> None:
    pytest.importorskip("docx")
    from endorse.render.docx import render_docx

    body = docx_parts(render_docx(document(project)))["word/document.xml"]
    paragraphs_xml = re.findall(r"<w:p>.*?</w:p>", body)
    speakers = [p for p in paragraphs_xml if "Speaker" in p or "Heading2" in p]
    heading = next(p for p in paragraphs_xml if "civil society speakers" in p)
    assert "<w:keepNext/>" in heading or 'w:val="Heading2"' in heading  # style keeps it
    items = [p for p in paragraphs_xml if 'w:val="ListNumber"' in p]
    first_list = items[:7]
    assert all("<w:keepNext/>" in p for p in first_list[:-1])
    assert '<w:spacing w:after="240"/>' in first_list[-1]
    assert speakers


# Khmer page --------------------------------------------------------------------------------------


def test_khmer_page_tags_latin_names_and_numbers_pages_in_khmer(project: Path) -> None:
    page = render_html(document(project, lang="km"))
    assert '<li><span lang="en">Save the Children</span></li>' in page
    assert "counter(page, khmer)" in page
    assert ":lang(km) .draft-mark, .draft-mark:lang(km) { letter-spacing: normal; }" in page
    english = render_html(document(project))
    assert '<span lang="en">' not in english and "counter(page, decimal)" in english


def test_khmer_word_draft_mark_is_not_letter_spaced(project: Path) -> None:
    pytest.importorskip("docx")
    from endorse.render.docx import render_docx

    def draft_style(lang: str | None) -> str:
        styles = docx_parts(render_docx(document(project, lang=lang)))["word/styles.xml"]
        return re.search(r'<w:style [^>]*w:styleId="Draft">.*?</w:style>', styles).group()  # type: ignore[union-attr]

    assert '<w:spacing w:val="40"/>' in draft_style(None)
    assert "<w:spacing w:val" not in draft_style("km")


def test_weasyprint_for_khmer_warns_that_the_text_will_not_copy(project: Path, cli: Invoke) -> None:
    pytest.importorskip("weasyprint")
    result = cli("render", SLUG, "--lang", "km", "--pdf-engine", "weasyprint", "-o", "km.pdf")
    assert result.stderr.startswith(
        "endorse: warning: the PDF's Khmer text will not copy out correctly"
    )
    assert (project / "km.pdf").read_bytes().startswith(b"%PDF")
    english = cli("render", SLUG, "--pdf-engine", "weasyprint", "-o", "en.pdf")
    assert english.stderr == ""


def test_chromium_engine_without_chromium_says_what_to_do(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENDORSE_CHROMIUM", "no-such-chromium")
    result = cli("render", SLUG, "--pdf-engine", "chromium", "-o", "x.pdf", code=1)
    assert "--pdf-engine chromium needs Chromium or Chrome, and none is installed" in result.stderr
    assert not (project / "x.pdf").exists()


def test_auto_engine_is_chromium_wherever_khmer_would_be_garbled(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from endorse.render import pdf

    english = document(project)
    first = english.sections[0]
    named = dataclasses.replace(first.items[0], name="សមាគមខ្មែរ")
    khmer_name = dataclasses.replace(
        english, sections=[dataclasses.replace(first, items=[named]), *english.sections[1:]]
    )
    monkeypatch.setattr(pdf, "find_chromium", lambda: "/usr/bin/chromium")
    assert pdf.choose_engine(english) == "weasyprint"
    assert pdf.choose_engine(khmer_name) == "chromium"
    assert pdf.choose_engine(document(project, lang="km")) == "chromium"
    assert pdf.choose_engine(khmer_name, "weasyprint") == "weasyprint"
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    assert pdf.choose_engine(khmer_name) == "weasyprint"
    assert pdf.garbled_text_warning(khmer_name, "weasyprint") is not None
    assert pdf.garbled_text_warning(english, "weasyprint") is None


def test_a_long_first_group_is_no_author(project: Path) -> None:
    pytest.importorskip("docx")
    from endorse.render.docx import render_docx

    path = project / "statements" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    # endorsers (24 names) first: a list of signers, not the organisers
    organizers = text.index('[[groups]]\nid = "organizers"')
    endorsers = text.index('[[groups]]\nid = "endorsers"')
    networks = text.index('[[groups]]\nid = "networks"')
    reordered = (
        text[:organizers] + text[endorsers:networks] + text[organizers:endorsers] + text[networks:]
    )
    path.write_text(reordered, encoding="utf-8")
    assert document(project).author is None
    assert "<dc:creator" not in docx_parts(render_docx(document(project)))["docProps/core.xml"]


def test_an_address_keeps_its_own_brackets_but_not_the_sentence_s() -> None:
    text = "see (https://en.wikipedia.org/wiki/Lyon_(France)). or https://x.org/a)."
    assert [p.text for p in pieces(text) if p.href] == [
        "https://en.wikipedia.org/wiki/Lyon_(France)",
        "https://x.org/a",
    ]
    # at most 64 characters before the @, as the standard says: a run with none is plain text
    assert all(p.href is None for p in pieces("a." * 1000))
