"""`endorse add`: validated like `check`, refuses duplicates, appends without touching the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from endorse.edit.add import NewSignatory, add_signatory
from endorse.errors import WriteRefused
from endorse.matching import match_candidate
from endorse.project.load import load_project
from endorse.project.paths import signer_file_stem
from tests.conftest import Invoke

SLUG = "cambodia-2021"
SIGNATORIES = Path("signatories/cambodia-2021.toml")
STATEMENT = Path("statements/cambodia-2021.toml")
TODAY = dt.date(2025, 3, 1)


def test_add_appends_only_new_lines(open_project: Path) -> None:
    path = open_project / SIGNATORIES
    before = path.read_text(encoding="utf-8") + "# a comment the coalition wrote\n"
    path.write_text(before, encoding="utf-8")
    addition = add_signatory(
        open_project,
        SLUG,
        NewSignatory("Khmer Youth Association", group="endorsers", country="KH", acronym="KYA"),
        today=TODAY,
    )
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == (
        "\n[[signatory]]\n"
        'name = "Khmer Youth Association"\n'
        'acronym = "KYA"\n'
        'group = "endorsers"\n'
        'country = "KH"\n'
        "added = 2025-03-01\n"
    )
    assert (addition.path, addition.line) == (SIGNATORIES, before.count("\n") + 2)


def test_add_to_a_file_without_final_newline(open_project: Path) -> None:
    path = open_project / SIGNATORIES
    before = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(before, encoding="utf-8")
    add_signatory(open_project, SLUG, NewSignatory("New Org", group="endorsers"), today=TODAY)
    after = path.read_text(encoding="utf-8")
    assert after == before + '\n\n[[signatory]]\nname = "New Org"\ngroup = "endorsers"\n' + (
        "added = 2025-03-01\n"
    )


def test_cli_add_prints_where(open_project: Path, cli: Invoke) -> None:
    result = cli("add", SLUG, "New Org", "--group", "endorsers", "--alias", "NO")
    assert result.stdout == f"added 'New Org' to {SIGNATORIES}:174\n"
    entry = load_project(open_project).get(SLUG).entries[-1]
    assert (entry.signatory.aliases, entry.signatory.added) == (["NO"], dt.date.today())
    assert cli("check").stdout.startswith("ok: 1 statement, 35 signatories")


def test_dry_run_writes_nothing(open_project: Path, cli: Invoke) -> None:
    before = (open_project / SIGNATORIES).read_bytes()
    result = cli("add", SLUG, "New Org", "--group", "endorsers", "--dry-run")
    assert result.stdout.startswith(
        f"# would append to {SIGNATORIES} (nothing written)\n"
        '[[signatory]]\nname = "New Org"\ngroup = "endorsers"\n'
    )
    assert (open_project / SIGNATORIES).read_bytes() == before
    assert not (open_project / "signatories" / f".{SLUG}.lock").exists()


REFUSED = [
    (["   "], "not added: 'name' is empty; write the name as it should print"),
    (
        ["Org", "--country", "Camboda"],
        "not added: country: 'Camboda' is not a country name or ISO 3166 code; "
        "did you mean Cambodia (KH)?",
    ),
    (
        ["Org", "--contact", "org.example.org"],
        "not added: contact: not an e-mail address (like name@example.org; "
        "the value is not repeated: it is private)",
    ),
    (
        ["Org\x07"],
        "not added: name: contains control character U+0007 at character 4; "
        "retype the text without it",
    ),
    (
        ["Org\u202eA"],
        "not added: name: contains bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE at "
        "character 4; retype the text without it",
    ),
    (
        ["Save\u200bthe Children"],
        "not added: name: contains zero-width character U+200B ZERO WIDTH SPACE at character 5; "
        "retype the text without it",
    ),
    (
        ["Org", "--kind", "person"],
        "not added: kind: input should be 'organization' or 'individual'",
    ),
    (
        ["Org", "--country", "Camboda", "--kind", "person"],
        "not added: country: 'Camboda' is not a country name or ISO 3166 code; "
        "did you mean Cambodia (KH)?; kind: input should be 'organization' or 'individual'",
    ),
    (
        ["Org", "--status", "withdrawn"],
        "not added: a new signatory cannot start as withdrawn",
    ),
]


@pytest.mark.parametrize(("args", "message"), REFUSED)
def test_invalid_input_is_refused(
    open_project: Path, cli: Invoke, args: list[str], message: str
) -> None:
    before = (open_project / SIGNATORIES).read_bytes()
    result = cli("add", SLUG, *args, "--group", "endorsers", code=1)
    assert result.stderr.splitlines()[0] == f"endorse: error: {SIGNATORIES}: {message}"
    assert (open_project / SIGNATORIES).read_bytes() == before


def test_unknown_group_is_refused(open_project: Path, cli: Invoke) -> None:
    result = cli("add", SLUG, "Org", "--group", "donors", code=1)
    assert result.stderr == (
        f"endorse: error: {SIGNATORIES}: not added: group 'donors' does not exist in "
        f"statements/{SLUG}.toml\n"
        "  use one of: organizers, speakers, endorsers, networks\n"
    )


def test_group_is_required_when_there_are_several(open_project: Path, cli: Invoke) -> None:
    result = cli("add", SLUG, "Org", code=1)
    assert result.stderr.splitlines()[0] == (
        f"endorse: error: {SIGNATORIES}: not added: statements/{SLUG}.toml has several groups; "
        "say which one with --group"
    )


def test_an_acronym_alone_is_refused_as_a_likely_duplicate(open_project: Path, cli: Invoke) -> None:
    result = cli("add", SLUG, "ADHOC", "--group", "endorsers", code=1)
    assert result.stderr.startswith(
        f"endorse: error: {SIGNATORIES}: not added: 'ADHOC' is likely already a signatory: "
        "'Cambodian Human Rights and Development Association' ("
    )
    assert "acronym of" in result.stderr


def test_duplicate_names_the_existing_entry(open_project: Path, cli: Invoke) -> None:
    result = cli("add", SLUG, "save the  children!", "--group", "endorsers", code=1)
    assert result.stderr == (
        f"endorse: error: {SIGNATORIES}: not added: 'save the  children!' is likely already a "
        f"signatory: 'Save the Children' ({SIGNATORIES}:36; same after normalisation)\n"
        "  if it is a different signer, add it with --force and record the pair with "
        "'endorse distinct'\n"
    )
    cli("add", SLUG, "save the  children!", "--group", "endorsers", "--force")


def test_duplicate_of_an_alias_and_across_groups(open_project: Path) -> None:
    add_signatory(
        open_project, SLUG, NewSignatory("Org One", group="endorsers", aliases=("O.N.E",))
    )
    loaded = load_project(open_project).get(SLUG)
    candidate = loaded.entries[-1].signatory.model_copy(update={"name": "one", "aliases": []})
    assert [m.entry.signatory.name for m in match_candidate(loaded, candidate)] == ["Org One"]


def test_withdrawn_match_needs_force(open_project: Path, cli: Invoke) -> None:
    cli("withdraw", SLUG, "Save the Children")
    result = cli("add", SLUG, "Save the Children", "--group", "speakers", code=1)
    assert result.stderr == (
        f"endorse: error: {SIGNATORIES}: not added: 'Save the Children' matches "
        f"'Save the Children' ({SIGNATORIES}:36), which was withdrawn on {dt.date.today()}\n"
        "  add it again only if they asked to sign again: use --force\n"
    )
    cli("add", SLUG, "Save the Children", "--group", "speakers", "--force")


def test_published_statement_is_refused_without_force(project: Path, cli: Invoke) -> None:
    result = cli("add", SLUG, "Org", "--group", "endorsers", code=1)
    assert result.stderr == (
        f"endorse: error: {STATEMENT}: not added: statement '{SLUG}' is published\n"
        "  use --force to add to it anyway, or run 'endorse open'\n"
    )
    cli("add", SLUG, "Org", "--group", "endorsers", "--force")


def test_unparseable_file_is_left_alone(open_project: Path, cli: Invoke) -> None:
    path = open_project / SIGNATORIES
    broken = path.read_text(encoding="utf-8") + 'note = """never closed\n'
    path.write_text(broken, encoding="utf-8")
    result = cli("add", SLUG, "Org", "--group", "endorsers", code=1)
    assert result.stderr.startswith(f"endorse: error: {SIGNATORIES}:174: TOML syntax error")
    assert path.read_text(encoding="utf-8") == broken


def test_file_with_an_inline_array_is_left_alone(open_project: Path) -> None:
    path = open_project / SIGNATORIES
    inline = 'schema = 1\nsignatory = [{ name = "Org A", group = "endorsers" }]\n'
    path.write_text(inline, encoding="utf-8")
    with pytest.raises(WriteRefused, match="appending would leave the file unreadable"):
        add_signatory(open_project, SLUG, NewSignatory("Org B", group="endorsers"))
    assert path.read_text(encoding="utf-8") == inline


def test_contact_goes_to_the_private_file(open_project: Path, cli: Invoke) -> None:
    result = cli("add", SLUG, "Org", "--group", "endorsers", "--contact", "a@org.example")
    assert "contact kept in signatories/cambodia-2021.private.toml" in result.stdout
    assert "a@org.example" not in (open_project / SIGNATORIES).read_text(encoding="utf-8")
    private = (open_project / "signatories" / f"{SLUG}.private.toml").read_text(encoding="utf-8")
    assert private == 'schema = 1\n\n[[signatory]]\nname = "Org"\ncontact = "a@org.example"\n'


def test_file_per_signer(open_project: Path, cli: Invoke) -> None:
    result = cli("add", SLUG, "Médecins du Monde", "--group", "endorsers", "--file-per-signer")
    target = Path("signatories") / SLUG / "medecins-du-monde.toml"
    assert result.stdout == f"added 'Médecins du Monde' to {target}:3\n"
    assert (
        (open_project / target)
        .read_text(encoding="utf-8")
        .startswith('schema = 1\n\n[[signatory]]\nname = "Médecins du Monde"\n')
    )
    again = cli(
        "add",
        SLUG,
        "MÉDECINS DU MONDE",
        "--group",
        "endorsers",
        "--file-per-signer",
        "--force",
        code=1,
    )
    assert again.stderr.splitlines()[0] == (
        f"endorse: error: {target}: 'MÉDECINS DU MONDE' would go to {target}, which already "
        "exists; nothing was written"
    )
    assert cli("check").stdout.startswith("ok: 1 statement, 35 signatories")


def test_signer_file_stem_of_names_without_latin_letters() -> None:
    assert signer_file_stem("Ligue des droits (LICADHO)") == "ligue-des-droits-licadho"
    khmer = signer_file_stem("សម្ព័ន្ធខ្មែរ")
    assert khmer.startswith("signer-") and khmer == signer_file_stem("សម្ព័ន្ធខ្មែរ")
