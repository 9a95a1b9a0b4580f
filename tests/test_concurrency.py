"""Fifty `endorse add` processes at once: every one lands and the file always parses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import tomli

from endorse.edit.init import init_statement

WRITERS = 50


@pytest.mark.slow
def test_fifty_concurrent_adds_all_land(tmp_path: Path) -> None:
    init_statement(tmp_path, "letter", "Letter")
    environment = {**os.environ, "ENDORSE_ROOT": str(tmp_path)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "endorse", "add", "letter", f"Organisation number {n}"],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(WRITERS)
    ]
    failures = []
    for writer in writers:
        _out, err = writer.communicate(timeout=120)
        if writer.returncode != 0:
            failures.append(err.decode())
    assert failures == []
    data = tomli.loads((tmp_path / "signatories" / "letter.toml").read_text(encoding="utf-8"))
    names = sorted(entry["name"] for entry in data["signatory"])
    assert names == sorted(f"Organisation number {n}" for n in range(WRITERS))
    leftovers = [p.name for p in (tmp_path / "signatories").iterdir() if p.suffix == ".tmp"]
    assert leftovers == []
