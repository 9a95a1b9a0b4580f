"""What issue 15 added to publishing: markdown-plain, the HTML house style, drafts, logos,
the growth chart, and the output name picking the format."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest

from endorse.errors import EndorseError
from endorse.project.load import load_project
from endorse.render.document import build_document
from endorse.render.formats import PageOptions, format_for_output
from endorse.render.html import render_html
from endorse.render.markdown_escape import escape_markdown_plain
from tests.conftest import Invoke, block_imports

SLUG = "cambodia-2021"


def png(width: int = 4, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    pixels = zlib.compress(b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height)))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def set_status(root: Path, status: str) -> None:
    statement = root / "statements" / f"{SLUG}.toml"
    text = statement.read_text(encoding="utf-8")
    statement.write_text(text.replace('status = "published"', f'status = "{status}"'), "utf-8")


def with_logos(root: Path) -> None:
    """Save the Children and This Life Cambodia get logos; their group prints them."""
    (root / "logos").mkdir()
    (root / "logos" / "stc.png").write_bytes(png())
    (root / "logos" / "tlc.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" '
        'height="20"/></svg>',
        encoding="utf-8",
    )
    statement = root / "statements" / f"{SLUG}.toml"
    text = statement.read_text(encoding="utf-8")
    statement.write_text(text.replace('id = "speakers"', 'id = "speakers"\nlogos = true'), "utf-8")
    signatories = root / "signatories" / f"{SLUG}.toml"
    text = signatories.read_text(encoding="utf-8")
    for name, logo in (("Save the Children", "stc.png"), ("This Life Cambodia", "tlc.svg")):
        text = text.replace(f'name = "{name}"\n', f'name = "{name}"\nlogo = "logos/{logo}"\n')
    signatories.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Cambodian Center for Human Rights (CCHR)", "Cambodian Center for Human Rights (CCHR)"),
        ("Children's Rights International!", "Children's Rights International!"),
        ("A-B + C = D, 50% & more", "A-B + C = D, 50% & more"),
        ("snake_case_name", "snake_case_name"),
        ("*Bold* _it_ `code`", r"\*Bold\* \_it\_ \`code\`"),
        ("[link](http://x) ![img](y)", r"\[link](http://x) !\[img](y)"),
        ("<b>bold</b> &amp; <https://x.org>", r"\<b>bold\</b> \&amp; <https://x.org>"),
        ("# heading", r"\# heading"),
        ("#MeToo", "#MeToo"),
        ("- item", r"\- item"),
        ("1. item", r"1\. item"),
        ("2021. A year", r"2021\. A year"),
        ("In 2021. A year", "In 2021. A year"),
        ("> quote", r"\> quote"),
        ("~~struck~~", r"\~\~struck\~\~"),
        ("back\\slash \\*", r"back\slash \\\*"),
    ],
)
def test_markdown_plain_escapes_only_what_markdown_would_change(text: str, escaped: str) -> None:
    assert escape_markdown_plain(text) == escaped


def test_markdown_plain_prints_acronyms_as_written(project: Path, cli: Invoke) -> None:
    plain = cli("render", SLUG, "--format", "markdown-plain").stdout
    assert "6. Cambodian Human Rights and Development Association (ADHOC)\n" in plain
    assert "\\(" not in plain and plain.startswith("# Joint Statement")
    safe = cli("render", SLUG, "--format", "markdown").stdout
    assert r"Association \(ADHOC\)" in safe  # --format markdown is unchanged


def test_html_puts_latin_faces_before_khmer_ones_and_khmer_upright(project: Path) -> None:
    page = render_html(build_document(load_project(project).get(SLUG), lang="km"))
    family = re.search(r"font-family: ([^;]+);", page)
    assert family is not None
    faces = [face.strip().strip('"') for face in family.group(1).split(",")]
    assert faces.index("Noto Serif") < faces.index("Georgia") < faces.index("Noto Serif Khmer")
    assert ":lang(km) .dateline, :lang(km) em, :lang(km) i { font-style: normal; }" in page
    assert ":lang(km) { line-height: 1.9; }" in page
    assert "size: A4;" in page and "counter(page, khmer)" in page  # Khmer page numbers
    assert '<html lang="km">' in page


def test_html_page_size_follows_paper(project: Path) -> None:
    document = build_document(load_project(project).get(SLUG))
    assert "size: letter;" in render_html(document, PageOptions(paper="letter"))


def test_a_draft_is_marked_in_html(project: Path) -> None:
    document = build_document(load_project(project).get(SLUG))
    assert "DRAFT" not in render_html(document)
    set_status(project, "draft")
    page = render_html(build_document(load_project(project).get(SLUG)))
    assert '<p class="draft-mark" role="note">DRAFT</p>' in page
    assert '@top-center { content: "DRAFT";' in page
    khmer = render_html(build_document(load_project(project).get(SLUG), lang="km"))
    assert '<p class="draft-mark" role="note">សេចក្តីព្រាង</p>' in khmer


def test_logos_print_as_a_strip_under_their_group(project: Path, cli: Invoke) -> None:
    with_logos(project)
    cli("check")  # the logos are valid
    page = render_html(build_document(load_project(project).get(SLUG)))
    strip = re.findall(r'<img src="data:(image/[a-z+]+);base64,[^"]+" alt="([^"]+)">', page)
    assert strip == [("image/png", "Save the Children"), ("image/svg+xml", "This Life Cambodia")]
    speakers = page.index('id="group-speakers"')
    assert speakers < page.index('class="logos"') < page.index('id="group-endorsers"')
    text = cli("render", SLUG).stdout + cli("render", SLUG, "--format", "markdown").stdout
    assert "logos/" not in text and "data:image" not in text


def test_logos_go_into_word_as_pictures(project: Path) -> None:
    pytest.importorskip("docx")
    import zipfile

    from endorse.render.docx import render_docx

    def word_xml() -> tuple[list[str], str]:
        data = render_docx(build_document(load_project(project).get(SLUG)))
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            media = [name for name in package.namelist() if name.startswith("word/media/")]
            return media, package.read("word/document.xml").decode("utf-8")

    with_logos(project)
    media, document = word_xml()
    assert len(media) == 1  # the PNG; Word shows no SVG, so that logo is left out
    assert document.count("<pic:pic") == 1 and '<w:pStyle w:val="Logos"/>' in document
    (project / "logos" / "tlc.png").write_bytes(png(6, 3))
    signatories = project / "signatories" / f"{SLUG}.toml"
    text = signatories.read_text(encoding="utf-8").replace("tlc.svg", "tlc.png")
    signatories.write_text(text, encoding="utf-8")
    media, document = word_xml()
    ids = re.findall(r'<wp:docPr id="(\d+)"', document)
    assert len(media) == 2 and ids == ["1", "2"]  # Word wants every drawing's id unique


def test_a_missing_logo_stops_render_with_the_file_named(project: Path, cli: Invoke) -> None:
    with_logos(project)
    (project / "logos" / "stc.png").unlink()
    result = cli("render", SLUG, "--format", "html", code=1)  # check's E801 refuses first
    assert "E801" in result.stderr and "logos/stc.png" in result.stderr
    result = cli("render", SLUG, "--format", "html", "--allow-invalid", code=1)
    assert (
        "endorse: error: logos/stc.png: cannot use this logo: it does not exist (E801 logo-missing)"
        in result.stderr
    )
    assert "'endorse check' lists every logo problem" in result.stderr
    result = cli("check", code=1)
    assert "E801" in result.stdout


def test_output_name_picks_the_format() -> None:
    assert format_for_output(Path("statement.PDF")) == "pdf"
    assert format_for_output(Path("statement.docx")) == "docx"
    assert format_for_output(Path("statement.html")) == "html"  # issue 14: every known suffix
    assert format_for_output(Path("statement.out")) is None
    assert format_for_output(None) is None


def test_unknown_paper_is_a_usage_error(project: Path, cli: Invoke) -> None:
    result = cli("render", SLUG, "--paper", "a5", code=2)
    assert "a5" in result.stderr


def dated(root: Path) -> None:
    """Give the example's signatories added dates over three weeks."""
    signatories = root / "signatories" / f"{SLUG}.toml"
    lines = []
    day = 0
    for line in signatories.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        if line == "[[signatory]]":
            lines.append(f"added = 2021-04-{12 + day % 18:02d}")
            day += 1
    signatories.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_stats_chart_draws_svg_and_png(project: Path, cli: Invoke) -> None:
    pytest.importorskip("matplotlib")
    dated(project)
    cli("stats", SLUG, "--chart", "growth.svg")
    svg = (project / "growth.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    cli("stats", SLUG, "--chart", "growth.png")
    assert (project / "growth.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_stats_chart_needs_a_known_suffix_and_dates(project: Path, cli: Invoke) -> None:
    result = cli("stats", SLUG, "--chart", "growth.gif", code=2)
    assert result.stderr == (
        "endorse: error: cannot tell the chart's format from 'growth.gif'\n"
        "  name the file *.svg or *.png\n"
    )
    pytest.importorskip("matplotlib")
    result = cli("stats", SLUG, "--chart", "growth.svg", code=1)
    assert "no confirmed signatory has an 'added' date" in result.stderr
    assert not (project / "growth.svg").exists()


def test_growth_counts_each_group_per_week(project: Path) -> None:
    from endorse.render.stats import growth

    dated(project)
    figures = growth(load_project(project).get(SLUG))
    assert [monday.isoformat() for monday in figures.mondays] == [
        "2021-04-12",
        "2021-04-19",
        "2021-04-26",
    ]
    assert sum(sum(counts) for counts in figures.by_group.values()) == 34
    assert figures.by_group["speakers"] == [0, 2, 0]
    assert figures.undated == 0


def test_html_embeds_the_chart_on_request(project: Path, cli: Invoke) -> None:
    pytest.importorskip("matplotlib")
    dated(project)
    page = cli("render", SLUG, "--format", "html", "--chart").stdout
    assert '<img src="data:image/svg+xml;base64,' in page
    assert 'alt="Endorsements over time"' in page


def test_chart_only_goes_into_html_and_pdf(project: Path, cli: Invoke) -> None:
    pytest.importorskip("matplotlib")
    dated(project)
    result = cli("render", SLUG, "--chart", code=2)
    assert "--chart draws into html and pdf, not --format text" in result.stderr


def test_chart_without_matplotlib_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from endorse.render import chart

    block_imports(monkeypatch, "matplotlib")
    with pytest.raises(EndorseError) as caught:
        chart._load_matplotlib()
    assert caught.value.message == "the growth chart needs matplotlib, which is not installed"
    assert str(caught.value.hint).startswith("install endorse's extras with: ")


def test_untranslated_parts_keep_their_language_in_a_khmer_page(project: Path) -> None:
    """The example's Khmer version leaves body and closing in English (untranslated = [...])."""
    document = build_document(load_project(project).get(SLUG), lang="km")
    assert (document.lang, document.body_lang, document.closing_lang) == ("km", "en", "en")
    page = render_html(document)
    assert page.count('<p lang="en">') == len(document.body) + len(document.closing)
    english = build_document(load_project(project).get(SLUG))
    assert 'lang="en">' not in render_html(english).replace('<html lang="en">', "")
