"""The benchmark's data generator: deterministic, and its projects load in `endorse check`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from bench import generate

from endorse.check.run import check_project
from endorse.project.load import load_project


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


@pytest.mark.parametrize("layout", generate.LAYOUTS)
def test_same_seed_same_files(tmp_path: Path, layout: str) -> None:
    generate.write_dataset(tmp_path / "a", 50, layout)
    generate.write_dataset(tmp_path / "b", 50, layout)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_another_seed_other_names() -> None:
    assert [s.name for s in generate.signers(50, seed=1)] != [
        s.name for s in generate.signers(50, seed=2)
    ]


@pytest.mark.parametrize("layout", generate.LAYOUTS)
def test_check_loads_every_signatory(tmp_path: Path, layout: str) -> None:
    generate.write_dataset(tmp_path, 50, layout)
    project = load_project(tmp_path)
    report = check_project(project)
    assert len(project.get(generate.SLUG).entries) == 50
    # The only problems are the injected exact repeats (same name after folding), and the
    # contacts the generator writes into the public file, as a careless coalition would.
    assert {problem.code for problem in report.problems} <= {"E301", "W211"}


def test_known_share_of_near_duplicates() -> None:
    signers = generate.signers(1000)
    kinds = [s.duplicate_kind for s in signers if s.duplicate_kind]
    assert len(signers) == 1000
    assert len(kinds) == 20
    assert set(kinds) == set(generate.DUPLICATE_KINDS)


def test_import_csv_has_form_header_and_rows(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    generate.write_import_csv(path, 30, against=[50])
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 30
    assert list(rows[0]) == generate.CSV_HEADER


def test_wide_names_make_room_for_big_datasets(monkeypatch: pytest.MonkeyPatch) -> None:
    narrow = generate.signers(2_000)
    monkeypatch.setattr(generate, "WIDE_NAMES_ABOVE", 1_000)
    wide = generate.signers(2_000)
    assert len(wide) == 2_000
    originals = [s.name for s in wide if s.duplicate_of is None]
    assert len({generate.fold(name) for name in originals}) == len(originals)
    people = [s.name for s in wide if s.kind == "individual" and s.duplicate_of is None]
    assert sum(len(name.split()) == 4 for name in people) > len(people) // 5
    assert [s.name for s in narrow] != [s.name for s in wide]
