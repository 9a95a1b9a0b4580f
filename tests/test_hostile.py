"""Whatever a pull request or a CSV holds: no traceback, no hang, no escape, bounded memory.

Mutations of the example (every kind applied at many lines of both files) and hostile CSV
files extend the hand-written corpus in tests/data/broken/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from endorse.cli.app import app
from endorse.format.problems import CODES
from tests.conftest import REPO
from tests.limits import run_bounded

FILES = ["statements/cambodia-2021.toml", "signatories/cambodia-2021.toml"]
MUTATIONS = {
    "drop": lambda line: "",
    "repeat": lambda line: line + line,
    "truncate": lambda line: line[: len(line) // 2] + "\n",
    "stray quote": lambda line: line.rstrip("\n") + '"\n',
    "nul": lambda line: line.replace("=", "= \x00", 1),
    "bidi": lambda line: line.replace('"', '"\u202e', 1),
    "escape": lambda line: line.replace('"', '"\x1b[31m::error::', 1),
    "table": lambda line: "[[signatory]]\n",
    "huge": lambda line: line.replace('"', '"' + "A" * 5000, 1),
    "conflict": lambda line: "<<<<<<< HEAD\n" + line + "=======\n>>>>>>> branch\n",
}
EVERY_NTH_LINE = 7


def mutants() -> list[tuple[str, int, str]]:
    found = []
    for name in FILES:
        count = len((REPO / name).read_text(encoding="utf-8").splitlines())
        for number in range(0, count, EVERY_NTH_LINE):
            found += [(name, number, kind) for kind in MUTATIONS]
    return found


MUTANTS = mutants()


def test_the_mutations_are_many() -> None:
    assert len(MUTANTS) >= 300


@pytest.mark.slow
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_no_mutation_of_the_example_escapes(tmp_path: Path, mutation: str) -> None:
    runner = CliRunner()
    seen_codes: set[str] = set()
    for name, number, kind in (m for m in MUTANTS if m[2] == mutation):
        root = tmp_path / f"{Path(name).parent}-{number}-{kind.replace(' ', '-')}"
        for folder in ("statements", "signatories"):
            (root / folder).mkdir(parents=True)
        for other in FILES:
            (root / other).write_bytes((REPO / other).read_bytes())
        lines = (REPO / name).read_text(encoding="utf-8").splitlines(keepends=True)
        lines[number] = MUTATIONS[kind](lines[number])
        (root / name).write_text("".join(lines), encoding="utf-8")
        where = f"{name}:{number + 1} {kind}"
        checked = runner.invoke(app, ["check", "--format", "json", "--root", str(root)])
        assert (checked.exit_code in (0, 1) and checked.exception in (None,)) or isinstance(
            checked.exception, SystemExit
        ), f"{where}: {checked.exception!r}"
        assert "\x1b" not in checked.stdout, where
        for problem in json.loads(checked.stdout)["problems"]:
            assert problem["code"] in CODES and problem["file"], (where, problem)
            seen_codes.add(problem["code"])
        for command in (["render", "cambodia-2021"], ["list", "cambodia-2021"]):
            shown = runner.invoke(app, [*command, "--root", str(root)])
            assert shown.exception is None or isinstance(shown.exception, SystemExit), (
                f"{where} {command[0]}: {shown.exception!r}"
            )
            assert "\x1b" not in shown.stdout + shown.stderr, where
    assert seen_codes, "every kind of mutation makes check report something somewhere"


HOSTILE_CSV = {
    "nul bytes": b"name,group\nOrg\x00A,endorsers\n",
    "escape in header": b"name,\x1b[31m::error::x\ngood,1\n",
    "line break in header": b'name,"a\n::stop-commands::x"\nOrg,1\n',
    "bidi in name": "name\nOrg \u202eA\n".encode(),
    "huge cell": b"name\n" + b"A" * 200_000 + b"\n",
    "many columns": b"name," + b",".join(b"c%d" % n for n in range(20_000)) + b"\nOrg\n",
    "latin-1": "name\nCaf\xe9\n".encode("latin-1"),
    "formula": b'name\n=HYPERLINK("http://x")\n',
    "only a header": b"name\n",
    "empty": b"",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_CSV))
def test_a_hostile_csv_gets_a_message(open_project: Path, case: str) -> None:
    form = open_project / "form.csv"
    form.write_bytes(HOSTILE_CSV[case])
    result = CliRunner().invoke(app, ["import", "cambodia-2021", str(form), "--group", "endorsers"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2)
    output = result.stdout + result.stderr
    assert "\x1b" not in output
    assert not [line for line in output.splitlines() if line.startswith("::")]


@pytest.mark.parametrize("kind", ["long names", "dev zero"])
def test_hostile_files_stay_within_a_gib_and_a_minute(open_project: Path, kind: str) -> None:
    listing = open_project / "signatories" / "cambodia-2021.toml"
    if kind == "long names":
        names = "".join(f'\n[[signatory]]\nname = "{n}{"x" * 10_000}"\n' for n in range(100))
        listing.write_text(listing.read_text() + names)
    else:
        listing.unlink()
        listing.symlink_to("/dev/zero")
    for command in (["check"], ["render", "cambodia-2021"], ["dupes"]):
        done = run_bounded(*command, cwd=open_project)
        assert "Traceback" not in done.stderr, done.stderr[-2000:]
        assert "MemoryError" not in done.stderr
