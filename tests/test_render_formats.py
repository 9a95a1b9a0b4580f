"""render --format markdown|html|docx|json, --template and --counts."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from endorse.errors import EndorseError
from endorse.project.load import load_project
from endorse.render.document import Document, build_document
from endorse.render.html import render_html
from endorse.render.json import render_json
from endorse.render.markdown import render_markdown
from endorse.render.markdown_escape import escape_markdown
from endorse.render.templates import render_file
from tests.conftest import Invoke, block_imports

SLUG = "cambodia-2021"


def document(root: Path, slug: str = SLUG, *, counts: bool = False) -> Document:
    return build_document(load_project(root).get(slug), counts=counts)


def write(root: Path, signatories: str, groups: str | None = None) -> None:
    groups = groups or '[[groups]]\nid = "all"\nheading = "Signed by:"\n'
    (root / "statements" / "t.toml").write_text(
        f'schema = 1\ntitle = "T"\nbody = "Body."\n{groups}', encoding="utf-8"
    )
    (root / "signatories" / "t.toml").write_text(f"schema = 1\n{signatories}", encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        ("*Bold* _it_ `code`", r"\*Bold\* \_it\_ \`code\`"),
        ("[link](http://x)", r"\[link\]\(http://x\)"),
        ("<b>&amp;", r"\<b\>\&amp;"),
        ("# Not a heading", r"\# Not a heading"),
        ("- not a list", r"\- not a list"),
        ("+ not a list", r"\+ not a list"),
        ("1. Not a list", r"1\. Not a list"),
        ("2) Not a list", r"2\) Not a list"),
        ("> not a quote", r"\> not a quote"),
        ("a | b ~~c~~ !x", r"a \| b \~\~c\~\~ \!x"),
        ("back\\slash", r"back\\slash"),
        ("Plain Name 3.0", "Plain Name 3.0"),
    ],
)
def test_markdown_escapes_every_active_character(name: str, escaped: str) -> None:
    assert escape_markdown(name) == escaped


def test_markdown_renders_headings_and_numbered_lists(project: Path) -> None:
    text = render_markdown(document(project))
    assert text.startswith(
        "# Joint Statement of Civil Society Support for Children Deprived of Liberty in Cambodia"
        "\n\nPhnom Penh, 5 May 2021\n\n"
    )
    assert (
        "## This statement is joined by the following civil society speakers at the National "
        "Launch:\n\n1. Save the Children\n2. This Life Cambodia\n\n"
    ) in text
    assert "\n\n\n" not in text and text.endswith("nochildbehindbars.com\\>.\n")


def test_markdown_escapes_names_in_lists(project: Path) -> None:
    write(project, '[[signatory]]\nname = "*Evil* [x](y)"\n[[signatory]]\nname = "- dash"\n')
    assert render_markdown(document(project, "t")).endswith(
        "## Signed by:\n\n1. \\- dash\n2. \\*Evil\\* \\[x\\]\\(y\\)\n"  # punctuation aside
    )


def test_html_is_one_escaped_accessible_page(project: Path) -> None:
    write(project, '[[signatory]]\nname = "<script>alert(1)</script> & Co"\n')
    page = render_html(document(project, "t"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert "<script" not in page
    assert '<h2 id="group-all">Signed by:</h2>' in page
    assert "<ol>\n<li>" in page and "@media print" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page


def test_html_bulleted_groups_use_ul(project: Path) -> None:
    write(
        project,
        '[[signatory]]\nname = "A"\n',
        groups='[[groups]]\nid = "all"\nheading = "By:"\nstyle = "bulleted"\n',
    )
    assert "<ul>\n<li>A</li>\n</ul>" in render_html(document(project, "t"))


def test_json_has_the_documented_shape_and_no_private_field(project: Path) -> None:
    write(
        project,
        '[[signatory]]\nname = "A"\nacronym = "AA"\ncontact = "a@example.org"\ncountry = "KH"\n'
        '[[signatory]]\nname = "B"\nkind = "individual"\nstatus = "pending"\n',
    )
    data = json.loads(render_json(document(project, "t")))
    assert data["schema"] == 1 and data["title"] == "T" and data["body"] == ["Body."]
    assert data["counts"] == {"organizations": 1, "individuals": 0, "total": 1}
    [group] = data["groups"]
    assert group["signatories"] == [
        {
            "number": 1,
            "name": "A",
            "acronym": "AA",
            "display_name": "A (AA)",
            "note": None,
            "kind": "organization",
            "country": "KH",
        }
    ]
    assert "a@example.org" not in json.dumps(data)


def test_counts_lines_are_singular_or_plural(project: Path) -> None:
    write(
        project,
        '[[signatory]]\nname = "A"\n[[signatory]]\nname = "B"\n'
        '[[signatory]]\nname = "C"\nkind = "individual"\n',
    )
    from endorse.render.text import render_text

    text = render_text(document(project, "t", counts=True))
    assert text == (
        "T\n\nEndorsed by 2 organizations and 1 individual\n\nBody.\n\nSigned by:\n\n"
        "2 organizations and 1 individual\n\n1. A\n2. B\n3. C\n"
    )


def test_counts_in_the_example(project: Path, cli: Invoke) -> None:
    result = cli("render", SLUG, "--counts")
    assert "\n\nEndorsed by 34 organizations\n\n" in result.stdout
    assert "\n\n24 organizations\n\n1. Buddhism for Social Development Action" in result.stdout


def test_docx_has_title_headings_and_restarted_numbered_lists(project: Path, cli: Invoke) -> None:
    docx = pytest.importorskip("docx")
    cli("render", SLUG, "--format", "docx", "--output", "out.docx")
    word = docx.Document(io.BytesIO((project / "out.docx").read_bytes()))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert paragraphs[0] == (
        "Heading 1",
        "Joint Statement of Civil Society Support for Children Deprived of Liberty in Cambodia",
    )
    numbered = [p for p in word.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered[7:9]] == ["Save the Children", "This Life Cambodia"]
    num_ids = {p._p.pPr.numPr.numId.val for p in numbered}
    assert len(num_ids) == 3  # organisers, speakers, endorsers each count from 1


def test_docx_without_output_is_a_usage_error(project: Path, cli: Invoke) -> None:
    result = cli("render", SLUG, "--format", "docx", code=2)
    assert result.stderr == (
        "endorse: error: docx is a binary format and cannot be printed to the terminal\n"
        "  add --output cambodia-2021.docx\n"
    )


def test_docx_missing_library_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from endorse.render import docx as word

    block_imports(monkeypatch, "docx")
    with pytest.raises(EndorseError) as caught:
        word._load_python_docx()
    assert caught.value.message == "the docx format needs python-docx, which is not installed"
    hint = str(caught.value.hint)
    assert hint.startswith("install endorse's extras with: ")  # endorse/install.py says how
    assert hint.endswith("(or pick --format html, then open the page in Word)")


def test_docx_without_the_extra_says_so_through_the_cli(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-docx brings lxml: without the extra neither is there, and the message comes
    before anything imports lxml."""
    block_imports(monkeypatch, "docx", "lxml")
    result = cli("render", SLUG, "-o", "statement.docx", code=1)
    assert result.stderr.splitlines()[0] == (
        "endorse: error: the docx format needs python-docx, which is not installed"
    )
    assert not (project / "statement.docx").exists()


def test_each_format_renders_through_the_cli(project: Path, cli: Invoke) -> None:
    assert cli("render", SLUG, "-f", "markdown").stdout.startswith("# Joint Statement")
    assert cli("render", SLUG, "-f", "html").stdout.startswith("<!DOCTYPE html>")
    assert json.loads(cli("render", SLUG, "-f", "json").stdout)["slug"] == SLUG


def test_template_file_renders_with_the_context(project: Path, cli: Invoke) -> None:
    (project / "post.txt.j2").write_text(
        "{{ title | upper }}\n{% for g in groups %}{{ g.id }}: {{ g.counts.total }}\n{% endfor %}",
        encoding="utf-8",
    )
    result = cli("render", SLUG, "--template", "post.txt.j2")
    assert result.stdout == (
        "JOINT STATEMENT OF CIVIL SOCIETY SUPPORT FOR CHILDREN DEPRIVED OF LIBERTY IN CAMBODIA\n"
        "organizers: 7\nspeakers: 2\nendorsers: 24\nnetworks: 1\n"
    )


def test_a_template_linked_out_of_the_project_is_not_read(
    project: Path, cli: Invoke, tmp_path: Path
) -> None:
    """Found by a red-team pass: a fork's planted link would print a file of the machine."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET\n", encoding="utf-8")
    (project / "post.txt.j2").symlink_to(secret)
    result = cli("render", SLUG, "--template", "post.txt.j2", code=1)
    assert "post.txt.j2" in result.stderr and "SECRET" not in result.stdout


def test_html_template_is_autoescaped(project: Path) -> None:
    write(project, '[[signatory]]\nname = "<b>x</b>"\n')
    template = project / "page.html.j2"
    template.write_text("{{ groups[0].signatories[0].name }}", encoding="utf-8")
    assert render_file(template, document(project, "t")) == "&lt;b&gt;x&lt;/b&gt;"


def test_template_error_names_file_and_line(project: Path, cli: Invoke) -> None:
    (project / "bad.j2").write_text("ok\n{{ titel }}\n", encoding="utf-8")
    result = cli("render", SLUG, "--template", "bad.j2", code=1)
    assert result.stderr == (
        "endorse: error: bad.j2:2: template error: 'titel' is undefined\n"
        "  docs/publishing.md lists the names a template can use\n"
    )


def test_template_syntax_error_names_line(project: Path, cli: Invoke) -> None:
    (project / "bad.j2").write_text("ok\n{% for %}\n", encoding="utf-8")
    result = cli("render", SLUG, "--template", "bad.j2", code=1)
    assert result.stderr.startswith("endorse: error: bad.j2:2: template syntax error: ")


def test_template_cannot_reach_python(project: Path, cli: Invoke) -> None:
    (project / "evil.j2").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    result = cli("render", SLUG, "--template", "evil.j2", code=1)
    assert "template error" in result.stderr


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("s.html", "html"),
        ("s.HTM", "html"),
        ("s.md", "markdown"),
        ("s.markdown", "markdown"),
        ("s.json", "json"),
        ("s.txt", "text"),
        ("s.out", "text"),
    ],
)
def test_the_output_name_picks_the_format(
    project: Path, cli: Invoke, name: str, format: str
) -> None:
    cli("render", SLUG, "-o", name)
    expected = cli("render", SLUG, "--format", format).stdout
    assert (project / name).read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    ("given", "name", "named", "suffix"),
    [
        ("html", "s.pdf", "pdf", ".html"),
        ("markdown", "s.json", "json", ".md"),
        ("text", "s.md", "markdown", ".txt"),
    ],
)
def test_a_format_contradicting_the_name_is_refused(
    project: Path, cli: Invoke, given: str, name: str, named: str, suffix: str
) -> None:
    result = cli("render", SLUG, "--format", given, "-o", name, code=2)
    assert result.stderr == (
        f"endorse: error: --format {given} does not match the output's name {name} "
        f"(a {named} file)\n"
        f"  drop --format (the name picks {named}), or name the output *{suffix}\n"
    )
    assert not (project / name).exists()


def test_plain_markdown_goes_to_a_md_file(project: Path, cli: Invoke) -> None:
    cli("render", SLUG, "--format", "markdown-plain", "-o", "s.md")
    assert (project / "s.md").read_text(encoding="utf-8") == (
        cli("render", SLUG, "--format", "markdown-plain").stdout
    )


def test_a_template_still_decides_its_own_escaping(project: Path, cli: Invoke) -> None:
    template = project / "names.txt.j2"
    template.write_text("{{ title }}\n", encoding="utf-8")
    cli("render", SLUG, "--template", str(template), "-o", "page.html")
    assert (project / "page.html").read_text(encoding="utf-8") == (
        "Joint Statement of Civil Society Support for Children Deprived of Liberty in Cambodia\n"
    )
