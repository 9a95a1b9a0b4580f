"""The benchmark runner's restore step: a writing command never changes the next run's input."""

from __future__ import annotations

from pathlib import Path

from bench import generate
from bench.run import Restorer


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


def test_restorer_undoes_added_and_changed_files(tmp_path: Path) -> None:
    pristine, work = tmp_path / "pristine", tmp_path / "work"
    generate.write_dataset(pristine, 20, "files")
    restore = Restorer(pristine, work)
    folder = work / "signatories" / generate.SLUG
    (folder / "new-signer.toml").write_text("schema = 1\n", encoding="utf-8")
    changed = sorted(folder.glob("*.toml"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n# appended\n", encoding="utf-8")
    (work / "signatories" / f"{generate.SLUG}.toml").write_text("schema = 1\n", encoding="utf-8")
    restore()
    assert _files(work) == _files(pristine)
