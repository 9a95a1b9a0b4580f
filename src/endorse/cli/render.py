"""``endorse render``: print the final statement."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from endorse.cli.common import RootOption, handles_errors, write_output
from endorse.cli.completion import SlugArgument
from endorse.cli.incomplete import AllowInvalidOption, publishable_or_refuse
from endorse.format.choices import PAPERS, PDF_ENGINES, RENDER_FORMATS, member_name

if TYPE_CHECKING:
    from endorse.project.model import LoadedStatement
    from endorse.render.document import Document
    from endorse.render.page import PageOptions


# The choices are defined once, in format/choices.py.
Format = enum.StrEnum("Format", {member_name(f): f for f in RENDER_FORMATS})  # type: ignore[misc]
Paper = enum.StrEnum("Paper", {member_name(p): p for p in PAPERS})  # type: ignore[misc]
DEFAULT_PAPER = Paper(PAPERS[0])
PdfEngine = enum.StrEnum("PdfEngine", {member_name(e): e for e in PDF_ENGINES})  # type: ignore[misc]
DEFAULT_PDF_ENGINE = PdfEngine("auto")


@handles_errors
def render(
    slug: SlugArgument,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of the terminal."),
    ] = None,
    root: RootOption = None,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the output's name, *.txt *.md *.html *.json "
            "*.docx *.pdf, else text; docx and pdf need --output).",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            "-t",
            help="A Jinja2 template of your own (autoescaped when named *.html*).",
            dir_okay=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Render a translation, e.g. km (default: the original)."),
    ] = None,
    counts: Annotated[
        bool,
        typer.Option("--counts", help="Add 'Endorsed by N organisations' lines."),
    ] = False,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Also print private fields (contact).")
    ] = False,
    paper: Annotated[
        Paper, typer.Option("--paper", help="Page size of docx, pdf and printed html.")
    ] = DEFAULT_PAPER,
    chart: Annotated[
        bool,
        typer.Option("--chart", help="Embed the growth chart in html or pdf (endorse[charts])."),
    ] = False,
    reference_doc: Annotated[
        Path | None,
        typer.Option(
            "--reference-doc",
            help="A .docx whose styles (fonts, sizes, colours) the docx format uses.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    pdf_engine: Annotated[
        PdfEngine,
        typer.Option(
            "--pdf-engine",
            help="Who prints a pdf: weasyprint, chromium (its Khmer text copies out "
            "correctly), or auto: chromium for a page with Khmer when installed.",
        ),
    ] = DEFAULT_PDF_ENGINE,
    allow_invalid: AllowInvalidOption = False,
) -> None:
    """Print the final statement: body, numbered signatory lists and closing."""
    from endorse.errors import UsageError
    from endorse.project.load import load_project
    from endorse.project.paths import find_root
    from endorse.render.document import build_document
    from endorse.render.formats import BINARY_FORMATS, PageOptions, choose_format
    from endorse.render.formats import render as render_as

    given = format.value if format is not None else None
    chosen = choose_format(given, output, template=template is not None)
    if chosen in BINARY_FORMATS and output is None and template is None:
        raise UsageError(
            f"{chosen} is a binary format and cannot be printed to the terminal",
            hint=f"add --output {slug}.{chosen}",
        )
    found_root = find_root(root)
    project = load_project(found_root, only=[slug])
    loaded = publishable_or_refuse(project, slug, allow_invalid=allow_invalid)
    document = build_document(loaded, lang=lang, counts=counts, include_private=include_private)
    page = PageOptions(
        paper=paper.value,
        chart=growth_chart(loaded, document) if chart else None,
        reference_doc=reference_doc,
        pdf_engine=pdf_engine.value,
    )
    if chosen == "pdf" and template is None:
        warn_about_pdf_text(document, page)
    rendered = render_as(document, chosen, template, page)
    assert output is not None or isinstance(rendered, str)
    write_output(rendered, output, within=found_root, private=include_private)


def growth_chart(loaded: LoadedStatement, document: Document) -> bytes:
    """The statement's growth chart as SVG, for --chart: in the document's language, its
    groups named by their headings."""
    from endorse.render.chart import draw_growth
    from endorse.render.stats import growth

    headings = {section.group_id: section.heading for section in document.sections}
    return draw_growth(growth(loaded), "svg", headings=headings, lang=document.lang)


def warn_about_pdf_text(document: Document, page: PageOptions) -> None:
    """Say so when the PDF will look right but its text will not copy out right."""
    import sys

    from endorse.errors import printable
    from endorse.render.pdf import choose_engine, garbled_text_warning

    warning = garbled_text_warning(document, choose_engine(document, page.pdf_engine))
    if warning:
        sys.stderr.write(f"endorse: warning: {printable(warning)}\n")
