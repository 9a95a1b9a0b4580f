"""Issue 17's property: whatever is written, every name is either printed or reported.

For any project (hypothesis-generated, some entries broken in the ways people break them), the
names ``render --allow-invalid`` prints and the names it reports as left out are, together,
exactly the names written, and never overlap; without ``--allow-invalid``, ``render`` prints
nothing as soon as one is left out.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from endorse.check.run import check_project
from endorse.cli.app import app
from endorse.project.load import load_project
from endorse.project.order import left_out, printable
from endorse.render.document import build_document

STATEMENT = """schema = 1
title = "Letter"
status = "open"

[[groups]]
id = "first"
heading = "Prepared by:"

[[groups]]
id = "second"
heading = "Signed by:"
"""
# How people break an entry: each adds lines to the table (or changes its name), or nothing.
BREAKAGES = {
    "none": "",
    "country name": 'country = "Cambodia"\n',
    "key typo": 'contry = "KH"\n',
    "unknown group": 'group = "thrid"\n',
    "no group": None,  # a statement with two groups needs one
    "quoted date": 'added = "2021-05-05"\n',
    "zero-width space": "\u200b",
    "bidi control": "\u202e",
    "decomposed accent": "e\u0301",
    "bad status": 'status = "signed"\n',
}
NAMES = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzÉé'’-"), min_size=1, max_size=8)
ENTRIES = st.lists(
    st.tuples(NAMES, st.sampled_from(sorted(BREAKAGES))),
    min_size=1,
    max_size=8,
    unique_by=lambda pair: pair[0],
)
examples = {"count": 0, "broken": 0}


def table(word: str, breakage: str) -> tuple[str, str]:
    """The [[signatory]] table and the name as written in it."""
    name = f"Org {word}"
    extra = BREAKAGES[breakage]
    if breakage in {"zero-width space", "bidi control", "decomposed accent"}:
        name = f"Org {extra}{word}"
        extra = ""
    group = "" if breakage in {"no group", "unknown group"} else 'group = "second"\n'
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'[[signatory]]\nname = "{escaped}"\n{group}{extra or ""}\n', name


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ENTRIES)
def every_written_name_is_printed_or_reported(entries: list[tuple[str, str]]) -> None:
    examples["count"] += 1
    root = Path(tempfile.mkdtemp())
    try:
        (root / "statements").mkdir()
        (root / "signatories").mkdir()
        (root / "statements" / "letter.toml").write_text(STATEMENT, encoding="utf-8")
        tables = [table(word, breakage) for word, breakage in entries]
        text = "schema = 1\n\n" + "".join(t for t, _ in tables)
        (root / "signatories" / "letter.toml").write_text(text, encoding="utf-8")
        written = {name for _, name in tables}

        loaded = load_project(root).get("letter")
        missing = left_out(loaded)
        reported = {item.name for item in missing}
        document = build_document(printable(loaded))
        printed = {item.name for section in document.sections for item in section.items}
        assert printed | reported == written
        assert not printed & reported
        assert all(item.kind == "entry" for item in missing)

        # Besides, render refuses what check reports as errors (issue 26): a repeated name.
        errors = check_project(load_project(root)).errors
        runner = CliRunner()
        refused = runner.invoke(app, ["render", "letter", "--root", str(root)])
        assert refused.exit_code == (1 if missing or errors else 0)
        assert (refused.stdout == "") == bool(missing or errors)
        if missing:
            examples["broken"] += 1
            allowed = runner.invoke(
                app, ["render", "letter", "--root", str(root), "--allow-invalid", "-f", "json"]
            )
            assert allowed.exit_code == 0
            shown = {
                entry["name"]
                for group in json.loads(allowed.stdout)["groups"]
                for entry in group["signatories"]
            }
            assert shown == printed
            warnings = allowed.stderr.splitlines()
            assert sum(": left out '" in line for line in warnings) == len(missing)
            assert all(line.startswith("endorse: warning: ") for line in warnings)
    finally:
        shutil.rmtree(root)


def test_every_written_name_is_printed_or_reported() -> None:
    every_written_name_is_printed_or_reported()
    assert examples["count"] >= 100
    assert examples["broken"] >= 50
