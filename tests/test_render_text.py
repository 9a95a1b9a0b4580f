"""Plain-text rendering, starting with the real Cambodia 2021 statement."""

from __future__ import annotations

from pathlib import Path

from endorse.project.load import load_project
from endorse.render.document import build_document
from endorse.render.text import render_text
from tests.conftest import GOLDEN, Invoke


def comparable(text: str) -> list[str]:
    """Lines with runs of blank lines folded to one, and no blank lines at either end."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1]):
            lines.append(line.rstrip())
    while lines and not lines[-1]:
        lines.pop()
    return lines


def without_logo_caption(lines: list[str]) -> list[str]:
    """The seed carries a stray 'Save the Children' logo caption after the speakers' list."""
    caption = lines.index("Save the Children")
    assert lines[caption - 1] == "" and lines[caption + 1] == ""
    return lines[:caption] + lines[caption + 2 :]


def render(root: Path, slug: str) -> str:
    return render_text(build_document(load_project(root).get(slug)))


def test_example_reproduces_the_published_statement(project: Path) -> None:
    expected = without_logo_caption(comparable(GOLDEN.read_text(encoding="utf-8")))
    assert comparable(render(project, "cambodia-2021")) == expected


def test_render_command_prints_the_statement(project: Path, cli: Invoke) -> None:
    result = cli("render", "cambodia-2021")
    assert result.stdout == render(project, "cambodia-2021")
    assert result.stdout.startswith("Joint Statement of Civil Society Support")


def test_render_writes_output_file(project: Path, cli: Invoke) -> None:
    cli("render", "cambodia-2021", "--output", "out.txt")
    assert (project / "out.txt").read_text(encoding="utf-8") == render(project, "cambodia-2021")


def write(root: Path, signatories: str, groups: str | None = None) -> None:
    groups = groups or '[[groups]]\nid = "all"\nheading = "Signed by:"\n'
    (root / "statements" / "t.toml").write_text(
        f'schema = 1\ntitle = "T"\nbody = "Body."\n{groups}', encoding="utf-8"
    )
    (root / "signatories" / "t.toml").write_text(f"schema = 1\n{signatories}", encoding="utf-8")


def test_names_sort_without_regard_to_case_or_accents(project: Path) -> None:
    names = ["Zeta", "émile", "Eagle", "alpha", "Ömer", "Omega"]
    write(project, "".join(f'[[signatory]]\nname = "{n}"\n' for n in names))
    lists = render(project, "t").split("Signed by:\n\n")[1]
    assert lists == "1. alpha\n2. Eagle\n3. émile\n4. Omega\n5. Ömer\n6. Zeta\n"


def test_only_confirmed_signatories_are_printed(project: Path) -> None:
    write(
        project,
        '[[signatory]]\nname = "Kept"\n'
        '[[signatory]]\nname = "Waiting"\nstatus = "pending"\n'
        '[[signatory]]\nname = "Gone"\nstatus = "withdrawn"\n',
    )
    assert render(project, "t").endswith("Signed by:\n\n1. Kept\n")


def test_private_contact_never_renders(project: Path) -> None:
    write(project, '[[signatory]]\nname = "A"\ncontact = "secret@example.org"\n')
    assert "secret@example.org" not in render(project, "t")


def test_order_added_follows_dates_then_file_order(project: Path) -> None:
    write(
        project,
        '[[signatory]]\nname = "Late"\nadded = 2024-02-01\n'
        '[[signatory]]\nname = "Early"\nadded = 2024-01-01\n'
        '[[signatory]]\nname = "Undated"\n',
        groups='[[groups]]\nid = "all"\nheading = "Signed by:"\norder = "added"\n',
    )
    assert render(project, "t").endswith("1. Early\n2. Late\n3. Undated\n")


def test_sentence_group_joins_names_into_its_heading(project: Path) -> None:
    write(
        project,
        '[[signatory]]\nname = "A"\n[[signatory]]\nname = "B"\n[[signatory]]\nname = "C"\n',
        groups='[[groups]]\nid = "all"\nheading = "Also endorsed by {signatories}."\n'
        'style = "sentence"\n',
    )
    assert render(project, "t") == "T\n\nBody.\n\nAlso endorsed by A, B and C.\n"


def test_acronym_and_note_print_after_the_name(project: Path) -> None:
    write(project, '[[signatory]]\nname = "Long Name"\nacronym = "LN"\nnote = "host"\n')
    assert render(project, "t").endswith("1. Long Name (LN) – host\n")


def test_empty_groups_are_left_out(project: Path) -> None:
    write(project, "")
    assert render(project, "t") == "T\n\nBody.\n"
