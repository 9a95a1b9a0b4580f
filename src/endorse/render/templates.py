"""Jinja2 templates: the built-in Markdown and HTML formats, and a coalition's own layouts."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from endorse import JSON_SCHEMA
from endorse.errors import EndorseError
from endorse.render import language
from endorse.render.document import Document, Item, Section
from endorse.render.markdown_escape import escape_markdown

# Templates whose name has one of these suffixes produce markup: their text is HTML-escaped.
MARKUP_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xml", ".svg"})
TEMPLATE_NAME = "<template>"


def _item_context(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": item.number,
        "name": item.name,
        "acronym": item.acronym,
        "display_name": item.display_name,
        "note": item.note,
        "kind": item.kind,
        "country": item.country,
        "contact": item.contact,  # None unless --include-private
    }
    return data


def _section_context(section: Section, lang: str) -> dict[str, Any]:
    tally = section.counts
    return {
        "id": section.group_id,
        "heading": section.heading,
        "style": section.style,
        "text": section.sentence() if section.style == "sentence" else None,
        "counts": tally,
        "counts_line": language.counts_phrase(
            tally["organizations"], tally["individuals"], section.counts_lang or lang
        ),
        "signatories": [_item_context(item) for item in section.items],
    }


def context(document: Document) -> dict[str, Any]:
    """What a template sees, and what ``--format json`` prints: public fields only."""
    tally = document.counts
    return {
        "schema": JSON_SCHEMA,
        "slug": document.slug,
        "lang": document.lang,
        "title": document.title,
        "place": document.place,
        "date": document.date.isoformat() if document.date else None,
        "date_text": language.format_date(document.date, document.lang) if document.date else None,
        "dateline": document.dateline,
        "status": document.status,
        "body": document.body,
        "closing": document.closing,
        "counts": tally,
        "counts_line": language.endorsed_by(
            tally["organizations"], tally["individuals"], document.counts_lang or document.lang
        ),
        "groups": [_section_context(section, document.lang) for section in document.sections],
    }


# A coalition's template may come from a pull request: what it may cost is bounded.
MAX_OUTPUT_CHARACTERS = 50_000_000  # far above a 100,000-signatory page
MAX_SECONDS = 30.0
MAX_SEQUENCE = 10_000_000  # the longest string or list one operation may make
MAX_EXPONENT = 1_000


class TemplateTooCostly(Exception):
    """A template asked for more output, time or memory than a statement can need."""


class _BoundedSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, plus bounds on the operators that can make huge values at once."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise TemplateTooCostly(f"'** {right}': exponents above {MAX_EXPONENT} are refused")
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                repeated = isinstance(sequence, (str, list, tuple)) and isinstance(count, int)
                if repeated and len(sequence) * count > MAX_SEQUENCE:
                    raise TemplateTooCostly(
                        f"repeating a value {count:,} times would make more than "
                        f"{MAX_SEQUENCE:,} items"
                    )
        joined = isinstance(left, (str, list)) and isinstance(right, (str, list))
        if operator == "+" and joined and len(left) + len(right) > MAX_SEQUENCE:
            raise TemplateTooCostly(f"joining values longer than {MAX_SEQUENCE:,} items")
        return super().call_binop(context, operator, left, right)


def _bounded_render(template: jinja2.Template, variables: dict[str, Any]) -> str:
    """Render, stopping past MAX_OUTPUT_CHARACTERS or MAX_SECONDS."""
    import time

    deadline = time.monotonic() + MAX_SECONDS
    parts: list[str] = []
    size = 0
    with _alarm(MAX_SECONDS):
        for chunk in template.generate(variables):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARACTERS:
                raise TemplateTooCostly(f"the output passed {MAX_OUTPUT_CHARACTERS:,} characters")
            if time.monotonic() > deadline:
                raise TemplateTooCostly(f"rendering took more than {MAX_SECONDS:g} s")
            parts.append(chunk)
    return "".join(parts)


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt a single long operation too, where the platform allows (POSIX, main thread)."""
    import signal
    import threading

    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def interrupt(_signum: int, _frame: Any) -> None:
        raise TemplateTooCostly(f"rendering took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _environment(
    *,
    autoescape: bool,
    loader: jinja2.BaseLoader | None = None,
    markdown_escape: Callable[[str], str] = escape_markdown,
) -> SandboxedEnvironment:
    # Sandboxed: a template may come from a pull request, and must not reach Python.
    environment = _BoundedSandbox(
        loader=loader,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_escape
    return environment


def _variables(document: Document) -> dict[str, Any]:
    return {**context(document), "show_counts": document.counts_line is not None}


def render_builtin(
    name: str,
    document: Document,
    *,
    markdown_escape: Callable[[str], str] = escape_markdown,
    **extra: Any,
) -> str:
    """Render one of the templates shipped in endorse/templates/; ``extra`` adds variables
    that only the built-in formats use (page size, pictures as data URIs)."""
    from markupsafe import Markup

    from endorse.render.links import to_html

    environment = _environment(
        autoescape=Path(name).suffixes[0] in MARKUP_SUFFIXES,
        loader=jinja2.PackageLoader("endorse", "templates"),
        markdown_escape=markdown_escape,
    )
    environment.filters["linked"] = lambda text: Markup(to_html(text))
    environment.filters["has_khmer"] = language.has_khmer
    return environment.get_template(name).render({**_variables(document), **extra})


def is_markup(path: Path) -> bool:
    return any(suffix.lower() in MARKUP_SUFFIXES for suffix in path.suffixes)


def render_file(path: Path, document: Document, *, autoescape: bool | None = None) -> str:
    """Render a coalition's own template; HTML-like names (page.html.j2) are autoescaped.

    The template may come from a pull request, and Jinja2 has more ways to make a huge string
    than any list of bounded filters covers (``center``, ``format``, ``%``, ``replace``,
    ``indent``, ``wordwrap``, ``join``...): where the platform allows, it is rendered in a
    child process limited to MAX_MEMORY bytes and MAX_SECONDS of processor time, so no filter
    can take more, whatever it is.
    """
    from endorse.format.tomlsource import read_named_text, read_text

    # Inside the project, as --body-file: never through a link a repository planted there.
    source = read_text(path) if document.root is None else read_named_text(path, document.root)
    markup = is_markup(path) if autoescape is None else autoescape
    variables = _variables(document)
    try:
        if _can_limit():
            return _render_in_child(source, variables, markup)
        return render_source(source, variables, autoescape=markup)
    except _TemplateFailed as failed:
        raise EndorseError(failed.message, path=path, line=failed.line, hint=failed.hint) from None


class _TemplateFailed(Exception):
    """Why a template did not render: the message, its line in the template, and a hint."""

    def __init__(self, message: str, line: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


SIMPLER = "a statement's template needs no such size; simplify it"
# What one coalition template may use in its own process: far above a 100,000-signatory page.
MAX_MEMORY = 1024 * 1024 * 1024


def _can_limit() -> bool:
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:
        return False
    return True


# The child limits itself before it reads anything (no preexec_fn: the parent may have threads).
_CHILD = (
    "import json, math, resource, sys\n"
    "memory, seconds = int(sys.argv[1]), math.ceil(float(sys.argv[2])) + 1\n"
    "for kind, wanted in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, seconds)):\n"
    "    soft, hard = resource.getrlimit(kind)\n"
    "    limits = [x for x in (wanted, soft, hard) if x != resource.RLIM_INFINITY]\n"
    "    resource.setrlimit(kind, (min(limits), hard))\n"
    "request = json.loads(sys.stdin.buffer.read())\n"
    "sys.path[:0] = request['path']\n"
    "from endorse.render.templates import serve_render\n"
    "sys.stdout.write(serve_render(request))\n"
)


def _render_in_child(source: str, variables: dict[str, Any], autoescape: bool) -> str:
    import json
    import subprocess
    import sys

    request = {
        "path": sys.path,
        "source": source,
        "variables": variables,
        "autoescape": autoescape,
        "max_output": MAX_OUTPUT_CHARACTERS,
        "max_seconds": MAX_SECONDS,
    }
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", _CHILD, str(MAX_MEMORY), str(MAX_SECONDS)],
            input=json.dumps(request).encode(),
            capture_output=True,
            timeout=MAX_SECONDS + 10,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _TemplateFailed(
            f"template refused: rendering took more than {MAX_SECONDS:g} s", hint=SIMPLER
        ) from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if done.returncode != 0 or not isinstance(answer, dict):
        raise _TemplateFailed(
            f"template refused: rendering stopped, out of memory ({MAX_MEMORY // 2**20:,} MiB) "
            f"or of time ({MAX_SECONDS:g} s)",
            hint=SIMPLER,
        )
    if "error" in answer:
        raise _TemplateFailed(answer["error"], answer.get("line"), answer.get("hint"))
    return str(answer["output"])


def serve_render(request: dict[str, Any]) -> str:
    """The child's side of ``_render_in_child``: the output or the error, as JSON."""
    import json

    global MAX_OUTPUT_CHARACTERS, MAX_SECONDS
    MAX_OUTPUT_CHARACTERS = int(request["max_output"])
    MAX_SECONDS = float(request["max_seconds"])
    try:
        output = render_source(
            request["source"], request["variables"], autoescape=bool(request["autoescape"])
        )
    except _TemplateFailed as failed:
        return json.dumps({"error": failed.message, "line": failed.line, "hint": failed.hint})
    except MemoryError:
        return json.dumps(
            {
                "error": "template refused: it needed more than the "
                f"{MAX_MEMORY // 2**20:,} MiB of memory a template may use",
                "hint": SIMPLER,
            }
        )
    return json.dumps({"output": output})


def render_source(source: str, variables: dict[str, Any], *, autoescape: bool) -> str:
    """Render a template's text in this process; every mistake becomes a ``_TemplateFailed``."""
    environment = _environment(autoescape=autoescape)
    try:
        template = environment.from_string(source)
        return _bounded_render(template, variables)
    except TemplateTooCostly as exc:
        raise _TemplateFailed(
            f"template refused: {exc}", _template_line(exc.__traceback__), SIMPLER
        ) from None
    except RecursionError:
        raise _TemplateFailed(
            "template error: a macro or include calls itself without end",
            hint="give the recursion a condition that ends it",
        ) from None
    except SecurityError as exc:
        raise _TemplateFailed(
            f"template error: not allowed in a template: {exc}",
            _template_line(exc.__traceback__),
            "templates see the statement's data only (docs/publishing.md)",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise _TemplateFailed(
            f"template syntax error: {exc.message}",
            exc.lineno,
            "fix the template; the syntax is Jinja2's (https://jinja.palletsprojects.com)",
        ) from None
    except jinja2.UndefinedError as exc:
        raise _TemplateFailed(
            f"template error: {exc.message}",
            _template_line(exc.__traceback__),
            "docs/publishing.md lists the names a template can use",
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise _TemplateFailed(
            f"template error: {exc}",
            _template_line(exc.__traceback__),
            "fix the template at this line",
        ) from None


def _template_line(traceback: TracebackType | None) -> int | None:
    """Jinja2 rewrites tracebacks so that template frames carry the template's line."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == TEMPLATE_NAME:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


_BLANK_RUNS = re.compile(r"\n{3,}")


def tidy_blank_lines(text: str) -> str:
    """Templates leave runs of blank lines where optional parts are missing; keep one."""
    return _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
