"""A template from a pull request gets a message for every mistake, and cannot run unbounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.render import templates
from tests.conftest import Invoke

CASES = {
    "{{ 'x' * 1000000000 }}": "template refused: repeating a value 1,000,000,000 times would "
    "make more than 10,000,000 items",
    "{{ 10 ** 10000000 }}": "template refused: '** 10000000': exponents above 1000 are refused",
    "{% macro r(n) %}{{ r(n) }}{% endmacro %}{{ r(1) }}": "template error: a macro or include "
    "calls itself without end",
    "{{ '{0}'.format_map(title) }}": "template error: tuple index out of range",
    "{{ '{0.__class__}'.format(title) }}": "template error: not allowed in a template: access "
    "to attribute '__class__' of 'str' object is unsafe.",
    "{{ title.__class__.__mro__ }}": "template error: not allowed in a template: access to "
    "attribute '__class__' of 'str' object is unsafe.",
    "{% for g in groups %}{{ g.nothing }}": "template syntax error: Unexpected end of template. "
    "Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that "
    "needs to be closed is 'for'.",
}


@pytest.mark.parametrize("source", sorted(CASES))
def test_every_template_mistake_gets_a_message(project: Path, cli: Invoke, source: str) -> None:
    (project / "t.txt.j2").write_text(source, encoding="utf-8")
    result = cli("render", "cambodia-2021", "--template", "t.txt.j2", code=1)
    first = result.stderr.splitlines()[0]
    assert first.startswith("endorse: error: t.txt.j2")
    assert first.endswith(CASES[source])


def test_a_template_that_never_ends_is_stopped(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templates, "MAX_SECONDS", 0.5)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    (project / "t.txt.j2").write_text(loops, encoding="utf-8")
    result = cli("render", "cambodia-2021", "--template", "t.txt.j2", code=1)
    assert "template refused: rendering took more than 0.5 s" in result.stderr


def test_output_beyond_the_limit_is_refused(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templates, "MAX_OUTPUT_CHARACTERS", 1000)
    (project / "t.txt.j2").write_text("{% for i in range(5000) %}xx{% endfor %}")
    result = cli("render", "cambodia-2021", "--template", "t.txt.j2", code=1)
    assert "template refused: the output passed 1,000 characters" in result.stderr


def test_an_ordinary_template_still_renders(project: Path, cli: Invoke) -> None:
    (project / "t.txt.j2").write_text("{{ title | upper }} {{ 2 ** 10 }} {{ '-' * 3 }}")
    assert cli("render", "cambodia-2021", "--template", "t.txt.j2").stdout.endswith(
        "CAMBODIA 1024 ---"
    )


# Every filter and operator that makes a string, asked for more than memory holds. Each runs in
# `endorse render` under RLIMIT_AS = 1 GiB: refused with a message, never a traceback.
HUGE = {
    "center": ("{{ 'x'|center(2000000000) }}", "MiB of memory a template may use"),
    "percent": ("{{ '%2000000000s' % 'x' }}", "MiB of memory a template may use"),
    "format": ("{{ '{:2000000000}'.format('x') }}", "MiB of memory a template may use"),
    "format filter": ("{{ '%2000000000s'|format('x') }}", "MiB of memory a template may use"),
    "replace": (
        "{{ ('x' * 9000000)|replace('x', 'x' * 9000000) }}",
        "MiB of memory a template may use",
    ),
    "join": ("{{ (['x' * 9000000] * 1000)|join('') }}", "MiB of memory a template may use"),
    "indent": (
        "{{ ('x\n' * 4000000)|indent(1000) }}",
        "MiB of memory a template may use",
    ),
    "tilde": (
        "{% set s = 'x' * 9000000 %}{% set t = s ~ s ~ s ~ s ~ s ~ s %}{{ t ~ t ~ t ~ t }}",
        "the output passed 50,000,000 characters",
    ),
    "ljust": ("{{ 'x'.ljust(2000000000) }}", "MiB of memory a template may use"),
    "range": ("{{ range(100000000)|list }}", "The sandbox blocks ranges larger than MAX_RANGE"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(HUGE))
def test_no_filter_escapes_the_memory_bound(project: Path, case: str) -> None:
    from tests.limits import run_bounded

    source, message = HUGE[case]
    (project / "t.txt.j2").write_text(source, encoding="utf-8")
    done = run_bounded("render", "cambodia-2021", "--template", "t.txt.j2", cwd=project, seconds=60)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith("endorse: error: t.txt.j2")
    assert message in first


def test_a_child_that_dies_is_reported(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that dies (here: no memory to start) leaves no answer: the message says why."""
    monkeypatch.setattr(templates, "MAX_MEMORY", 8 * 1024 * 1024)  # too little to start
    (project / "t.txt.j2").write_text("{{ title }}")
    result = cli("render", "cambodia-2021", "--template", "t.txt.j2", code=1)
    assert result.stderr.splitlines()[0] == (
        "endorse: error: t.txt.j2: template refused: rendering stopped, out of memory "
        "(8 MiB) or of time (30 s)"
    )
