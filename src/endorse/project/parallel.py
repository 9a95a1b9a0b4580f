"""Reading many one-signer files on every core.

Parsing 100,000 small TOML files is seconds of pure Python per core; the files are independent,
so above PARALLEL_FILES they are read and parsed by a pool of processes, each running the very
same ``tomlsource.load`` (same refusals, same problems), and handed back in the same order.
Validation and everything after it stays in the main process, so the output cannot differ.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from endorse.format.problems import Problem
from endorse.format.tomlsource import TomlSource, load

PARALLEL_FILES = 2_000  # below this, starting the workers costs more than it saves
PARALLEL_ENV = "ENDORSE_JOBS"  # "1" keeps everything in one process


def workers() -> int:
    chosen = os.environ.get(PARALLEL_ENV, "")
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _load_chunk(paths: Sequence[Path], within: Path | None) -> list[TomlSource | Problem]:
    return [load(path, within=within) for path in paths]


def load_many(paths: Sequence[Path], *, within: Path | None) -> dict[Path, TomlSource | Problem]:
    """Each path's ``load`` result, computed on every core when there are enough files; an
    empty answer means "load them one by one" (few files, one core, or no fork)."""
    jobs = workers()
    if len(paths) < PARALLEL_FILES or jobs < 2:
        return {}
    if "fork" not in multiprocessing.get_all_start_methods():
        return {}  # spawning re-imports endorse in each worker: not worth it
    chunk = max(1, -(-len(paths) // (jobs * 4)))
    chunks = [paths[start : start + chunk] for start in range(0, len(paths), chunk)]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            results = pool.map(_load_chunk, chunks, [within] * len(chunks))
            loaded = [source for part in results for source in part]
    except (OSError, RuntimeError):
        return {}  # no processes to be had: the caller reads them itself
    return dict(zip(paths, loaded, strict=True))
