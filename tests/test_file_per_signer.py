"""`file_per_signer = true`: add and import both write signatories/<slug>/<name>.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke

SLUG = "cambodia-2021"


@pytest.fixture
def per_signer(open_project: Path) -> Path:
    path = open_project / "statements" / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n[[groups]]", "\nfile_per_signer = true\n\n[[groups]]", 1))
    return open_project


def test_import_writes_one_file_per_signer(per_signer: Path, cli: Invoke) -> None:
    before = (per_signer / "signatories" / f"{SLUG}.toml").read_bytes()
    form = per_signer / "form.csv"
    form.write_text(
        "name,group,contact\nOrg Alpha,endorsers,a@alpha.example\nOrg Beta,endorsers,\n"
    )
    cli("import", SLUG, str(form))
    folder = per_signer / "signatories" / SLUG
    assert sorted(p.name for p in folder.iterdir()) == ["org-alpha.toml", "org-beta.toml"]
    assert (
        (folder / "org-alpha.toml")
        .read_text()
        .startswith('schema = 1\n\n[[signatory]]\nname = "Org Alpha"\ngroup = "endorsers"\n')
    )
    assert (per_signer / "signatories" / f"{SLUG}.toml").read_bytes() == before
    private = (per_signer / "signatories" / f"{SLUG}.private.toml").read_text()
    assert 'contact = "a@alpha.example"' in private
    cli("check")


def test_add_and_import_agree_on_the_file(per_signer: Path, cli: Invoke) -> None:
    cli("add", SLUG, "Org Gamma", "--group", "endorsers")
    form = per_signer / "form.csv"
    form.write_text("name,group\nORG GAMMA,endorsers\n")
    result = cli("import", SLUG, str(form))
    assert "already present" in result.stdout
    assert [p.name for p in (per_signer / "signatories" / SLUG).iterdir()] == ["org-gamma.toml"]


def test_import_refuses_a_file_name_taken_in_the_same_batch(per_signer: Path, cli: Invoke) -> None:
    form = per_signer / "form.csv"
    form.write_text("name,group\nOrg Delta,endorsers\nOrg Delta!,endorsers\n")
    result = cli("import", SLUG, str(form))
    assert "as 'Org Delta' (row 2)" in result.stdout
