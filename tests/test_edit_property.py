"""Any sequence of write commands on a file endorse wrote leaves it parseable, keeps every
comment, and changes only the keys each command is about (a refused command: nothing)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endorse.check.run import check_project
from endorse.edit.add import NewSignatory, add_signatory
from endorse.edit.confirm import confirm
from endorse.edit.edit_entry import Corrections, edit_entry
from endorse.edit.init import init_statement
from endorse.edit.merge import merge
from endorse.edit.move import move
from endorse.edit.reinstate import reinstate
from endorse.edit.status import set_status
from endorse.edit.withdraw import withdraw
from endorse.errors import EndorseError
from endorse.format.tomlsource import scan
from endorse.project.load import load_project

SLUG = "letter"
TODAY = dt.date(2025, 6, 1)
LIST = Path("signatories/letter.toml")
PRIVATE = Path("signatories/letter.private.toml")
STATEMENT = Path("statements/letter.toml")
GROUPS = (("organizers", "Organizers"), ("endorsers", "Endorsers"))

WORDS = st.sampled_from(
    ["Alpha", "Beta", "Gamma", "Aid", "Rights", "សមាគម", 'say "hi"', "#1", "back\\slash", "[[x]]"]
)
NAMES = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
SIGNERS = st.lists(
    st.tuples(NAMES, st.lists(NAMES, max_size=2), st.booleans(), st.booleans()),
    min_size=2,
    max_size=5,
)
AT = st.integers(0, 50)
COMMANDS = st.lists(
    st.one_of(
        st.tuples(st.just("rename"), AT, NAMES),
        st.tuples(st.just("alias"), AT, NAMES),
        st.tuples(st.just("note"), AT, st.sampled_from(["", "a note", 'x "q" # y'])),
        st.tuples(st.just("added"), AT, st.dates(dt.date(2020, 1, 1), dt.date(2025, 1, 1))),
        st.tuples(st.just("move"), AT, st.sampled_from([g for g, _ in GROUPS])),
        st.tuples(st.just("withdraw"), AT, st.none()),
        st.tuples(st.just("reinstate"), AT, st.none()),
        st.tuples(st.just("confirm"), AT, st.none()),
        st.tuples(st.just("merge"), AT, AT),
        st.tuples(st.just("status"), AT, st.sampled_from(["open", "closed"])),
    ),
    min_size=1,
    max_size=6,
)
# The keys of the entry each command may change (merge: of the kept entry; the other goes).
ALLOWED = {
    "rename": {"name", "aliases"},
    "alias": {"aliases"},
    "note": {"note"},
    "added": {"added"},
    "move": {"group"},
    "withdraw": {"status", "withdrawn", "withdrawn_reason"},
    "reinstate": {"status", "reinstated"},
    "confirm": {"status", "confirmed"},
    "merge": {"aliases", "acronym", "note", "country", "added"},
}
TAG = re.compile(r"# c[0-9]+\b")


def commented(text: str, every: int) -> str:
    """The file endorse wrote, with a comment above each table and after some values."""
    out = []
    for number, line in enumerate(text.splitlines(keepends=True)):
        if line.startswith("[[signatory]]"):
            out.append(f"# c{number} about what follows\n")
        elif number % every == 0 and not line.rstrip().endswith(("[", "=")) and line.strip():
            line = line.rstrip("\n") + f"  # c{number}\n"
        out.append(line)
    return "".join(out)


def state(root: Path) -> dict[Path, str]:
    return {p: (root / p).read_text(encoding="utf-8") for p in (LIST, PRIVATE, STATEMENT)}


def contacts(text: str) -> list[str]:
    tables = tomli.loads(text).get("signatory", [])
    found = [t["contact"] for t in tables if "contact" in t]
    return sorted(found + [c for t in tables for c in t.get("contacts", [])])


def run(root: Path, command: tuple[str, Any, Any]) -> tuple[int, int | None]:
    """Carry out one command on the entries it picks; (target, other) indexes in the list."""
    kind, at, value = command
    entries = load_project(root).get(SLUG).entries
    target = at % len(entries)
    name, line = entries[target].signatory.name, str(entries[target].line)
    common: dict[str, Any] = {"line": line}
    if kind == "status":
        set_status(root, SLUG, value)
    elif kind in ("rename", "alias", "note", "added"):
        field = {"rename": "name", "alias": "add_aliases", "note": "note", "added": "added"}[kind]
        given = (value,) if kind == "alias" else value
        edit_entry(root, SLUG, name, Corrections(**{field: given}), force=True, **common)
    elif kind == "move":
        move(root, SLUG, name, value, **common)
    elif kind == "withdraw":
        withdraw(root, SLUG, name, today=TODAY, **common)
    elif kind == "reinstate":
        reinstate(root, SLUG, name, today=TODAY, **common)
    elif kind == "confirm":
        confirm(root, SLUG, [name], **common)
    else:
        other = value % len(entries)
        other_name, other_line = entries[other].signatory.name, str(entries[other].line)
        merge(root, SLUG, name, other_name, keep_line=line, other_line=other_line, today=TODAY)
        return target, other
    return target, None


def table_tags(text: str, index: int) -> set[str]:
    """The comments inside the ``index``-th signatory table (they go with it in a merge)."""
    first, last = scan(text).span(("signatory", index))
    return set(TAG.findall("".join(text.splitlines(keepends=True)[first - 1 : last])))


def check_one(root: Path, command: tuple[str, Any, Any]) -> bool:
    before = state(root)
    try:
        target, other = run(root, command)
    except EndorseError:
        assert state(root) == before  # refused: nothing written
        return False
    after = state(root)
    old = tomli.loads(before[LIST])
    new = tomli.loads(after[LIST])  # parseable
    tomli.loads(after[STATEMENT])
    # every comment is kept (but those inside a table a merge removed)
    gone = table_tags(before[LIST], other) if other is not None else set()
    assert set(TAG.findall(before[LIST])) - gone <= set(TAG.findall(after[LIST]))
    assert TAG.findall(before[STATEMENT]) == TAG.findall(after[STATEMENT])
    # only the intended keys changed
    kind = command[0]
    if kind == "status":
        changed = {k for k in {*old, *new} if old.get(k) != new.get(k)}
        assert before[LIST] == after[LIST]
        statement_old, statement_new = tomli.loads(before[STATEMENT]), tomli.loads(after[STATEMENT])
        assert {k for k in statement_old if statement_old[k] != statement_new.get(k)} <= {"status"}
        return True
    assert before[STATEMENT] == after[STATEMENT]
    assert {k: v for k, v in old.items() if k != "signatory"} == {
        k: v for k, v in new.items() if k != "signatory"
    }
    tables_old, tables_new = old["signatory"], new["signatory"]
    if other is not None:
        del tables_old[other]
        target -= other < target
    assert len(tables_old) == len(tables_new)
    for index, (was, now) in enumerate(zip(tables_old, tables_new, strict=True)):
        changed = {k for k in {*was, *now} if was.get(k) != now.get(k)}
        allowed = ALLOWED[kind] | (
            {k for k in changed if k.startswith("name_")} if other else set()
        )
        assert changed <= (allowed if index == target else set()), (command, index, changed)
    # no contact is lost, and each stays with its signer
    assert set(contacts(before[PRIVATE])) <= set(contacts(after[PRIVATE]))
    codes = {p.code for p in check_project(load_project(root)).problems}
    assert "E220" not in codes and "E221" not in codes
    return True


MIN_DONE = 150  # commands carried out (not refused) over all examples


@pytest.mark.slow
def test_any_sequence_of_edits_keeps_comments_and_changes_only_its_keys() -> None:
    done: list[bool] = []

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(signers=SIGNERS, commands=COMMANDS, every=st.integers(1, 3))
    def edits(
        signers: list[tuple[str, list[str], bool, bool]],
        commands: list[tuple[str, Any, Any]],
        every: int,
    ) -> None:
        root = Path(tempfile.mkdtemp())
        try:
            init_statement(root, SLUG, "Letter", groups=GROUPS)
            for number, (name, aliases, contact, pending) in enumerate(signers):
                wanted = NewSignatory(
                    f"{name} {number}",
                    group="endorsers",
                    aliases=tuple(aliases),
                    contact=f"c{number}@org.example" if contact else None,
                    status="pending" if pending else None,
                )
                add_signatory(root, SLUG, wanted, force=True, today=dt.date(2020, 1, 1))
            for path in (LIST, STATEMENT):
                (root / path).write_text(
                    commented((root / path).read_text(encoding="utf-8"), every), "utf-8"
                )
            if not (root / PRIVATE).exists():
                (root / PRIVATE).write_text("schema = 1\n", encoding="utf-8")
            tomli.loads((root / LIST).read_text(encoding="utf-8"))
            for command in commands:
                done.append(check_one(root, command))
        finally:
            shutil.rmtree(root)

    edits()
    assert done.count(True) >= MIN_DONE, f"only {done.count(True)} edits were carried out"
