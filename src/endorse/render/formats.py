"""Choosing a renderer by format name: what ``endorse render --format`` offers."""

from __future__ import annotations

from pathlib import Path

from endorse.errors import UsageError

# Kept importable from here, where they used to live.
from endorse.format.choices import PAPERS as PAPERS
from endorse.format.choices import RENDER_FORMATS
from endorse.render.document import Document
from endorse.render.output_name import format_by_name, named_format
from endorse.render.page import PageOptions as PageOptions

FORMATS = RENDER_FORMATS
BINARY_FORMATS = frozenset({"docx", "pdf"})
# An output file named like this is written in that format when --format is not given.
FORMAT_BY_SUFFIX = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "text",
}
# Formats that write the same kind of file as the one a name asks for.
SAME_KIND = {"markdown-plain": "markdown"}


def format_for_output(output: Path | None) -> str | None:
    """The format an output file's name asks for (statement.pdf: pdf), if any."""
    return named_format(output, FORMAT_BY_SUFFIX)


def choose_format(given: str | None, output: Path | None, *, template: bool = False) -> str:
    """--format, else the output's name, else text; a contradiction is refused.

    With a template, the template's own name decides (autoescape for *.html*): only the binary
    formats, which no template writes, are read from the output's name, as before.
    """
    if template:
        named = format_for_output(output)
        return given or (named if named in BINARY_FORMATS else "text")
    return format_by_name(given, output, FORMAT_BY_SUFFIX, "text", SAME_KIND)


def render(
    document: Document,
    format: str = "text",
    template: Path | None = None,
    page: PageOptions | None = None,
) -> str | bytes:
    """The document in ``format``, or through the coalition's own ``template``."""
    page = page or PageOptions()
    if page.reference_doc is not None and format != "docx":
        raise UsageError(
            f"--reference-doc styles Word documents, not --format {format}",
            path=page.reference_doc,
            hint="add --format docx (or name the output *.docx), or drop --reference-doc",
        )
    if page.chart is not None and format not in ("html", "pdf"):
        raise UsageError(
            f"--chart draws into html and pdf, not --format {format}",
            hint="add --format html (or -o FILE.pdf), or draw it alone: endorse stats SLUG "
            "--chart growth.svg",
        )
    if template is not None:
        from endorse.render.templates import render_file

        if format in BINARY_FORMATS or format == "json":
            raise UsageError(
                f"--template cannot be combined with --format {format}",
                path=template,
                hint="drop --format, or use --format html to escape the template's HTML",
            )
        return render_file(template, document, autoescape=True if format == "html" else None)
    if format == "text":
        from endorse.render.text import render_text

        return render_text(document)
    if format == "markdown":
        from endorse.render.markdown import render_markdown

        return render_markdown(document)
    if format == "markdown-plain":
        from endorse.render.markdown import render_markdown_plain

        return render_markdown_plain(document)
    if format == "html":
        from endorse.render.html import render_html

        return render_html(document, page)
    if format == "json":
        from endorse.render.json import render_json

        return render_json(document)
    if format == "docx":
        from endorse.render.docx import render_docx

        return render_docx(document, paper=page.paper, reference=page.reference_doc)
    if format == "pdf":
        from endorse.render.pdf import render_pdf

        return render_pdf(document, page)
    raise UsageError(f"unknown format '{format}'", hint="use one of: " + ", ".join(FORMATS))
