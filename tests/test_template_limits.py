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
