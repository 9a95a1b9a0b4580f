"""Labelled organisation names that nobody on this project wrote: the PatentsView assignee sets.

The NBER and UMass assignee benchmarks ship inside the PyPI wheel ``pv-evaluation`` 2.1.1
(GPL-3.0). The data is never committed: the bench downloads the wheel once with ``pip download``
into a cache (``$ENDORSE_BENCH_CACHE``, default ``~/.cache/endorse-bench``) and reads the CSV
files from it.

A cluster is one real assignee; its names are the different spellings of the ``organization``
column (trimmed). Only clusters of at most ``MAX_CLUSTER`` spellings are kept: a coalition's
list repeats a signer a few times, not thirty.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

WHEEL = "pv-evaluation==2.1.1"
WHEEL_FILE = "pv_evaluation-2.1.1-py3-none-any.whl"
SETS = {
    "NBER": "pv_evaluation/data/assignee/nber-subset-assignees-benchmark.csv",
    "UMass": "pv_evaluation/data/assignee/air-umass-assignees-benchmark.csv",
}
MAX_CLUSTER = 5


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "endorse-bench"
    return Path(os.environ.get("ENDORSE_BENCH_CACHE", default))


def wheel_path() -> Path:
    """The wheel, downloaded on first use (the only network access of the bench)."""
    folder = cache_dir()
    wheel = folder / WHEEL_FILE
    if not wheel.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", WHEEL, "--no-deps", "-d", str(folder)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return wheel


def clusters(which: str, *, max_size: int = MAX_CLUSTER) -> list[list[str]]:
    """The clusters of ``which`` ("NBER" or "UMass") with at most ``max_size`` spellings.

    A spelling found in two clusters would make its label ambiguous: it is dropped (none are,
    in 2.1.1). Order is the file's, so every run sees the same list.
    """
    with zipfile.ZipFile(wheel_path()) as wheel:
        text = wheel.read(SETS[which]).decode("utf-8")
    spellings: dict[str, dict[str, None]] = defaultdict(dict)
    for row in csv.DictReader(io.StringIO(text)):
        name = " ".join(row["organization"].split())
        if name:
            spellings[row["unique_id"]][name] = None
    owners: dict[str, int] = defaultdict(int)
    for names in spellings.values():
        for name in names:
            owners[name] += 1
    found = []
    for names in spellings.values():
        kept = [name for name in names if owners[name] == 1]
        if 1 <= len(kept) <= max_size:
            found.append(kept)
    return found


def half(name: str) -> int:
    """0 or 1, fixed per name: singletons split between the test set and the injection set."""
    return hashlib.sha256(name.encode("utf-8")).digest()[0] & 1


def singletons(which: str = "NBER") -> list[str]:
    return [names[0] for names in clusters(which) if len(names) == 1]
