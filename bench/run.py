"""``make bench``: time every command of bench/cases.py as a whole process, from the bundled
example through 1k, 10k and 100k to the growth rows at 300k and 1M.

Prints a Markdown table (median and max wall time, CPU, peak memory of the child, the issue's
target and whether it is met), then for every missed row its profile (cProfile, or
``-X importtime`` for start-up rows) and the next step, and writes it all with the machine's
description to bench/results.md. See docs/benchmarks.md for how to read it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate
from bench.cases import CASES, Case, next_step

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
RESULTS = BENCH / "results.md"
FINDINGS = BENCH / "findings.md"
DUPES_RESULTS = BENCH / "results-dupes.md"  # written just before by bench/dupes_scale.py
PYTHON = Path(sys.executable)
ENDORSE = PYTHON.parent / "endorse"
REPO = BENCH.parent
RUNS = {"": 10, "example": 10, "1k": 5, "10k": 3, "100k": 3, "300k": 1, "1M": 1}
# The sizes in the order they run; "example" is the repository's own statement (34 signatories).
SIZE_COUNTS = {"example": 0, **generate.SIZES}
EXAMPLE_SLUG = "cambodia-2021"
CAP_SECONDS = 60.0  # a run is stopped after this long (shown as >60 s)
CAP_BY_SIZE = {"300k": 180.0, "1M": 400.0}  # the growth rows are allowed to take longer
REPEAT_BELOW = 15.0  # a run slower than this is not repeated (keeps make bench under 10 min)
MEMORY_LIMIT_KB = 1024 * 1024
PROBE_SIZE = 50
PROBE_CAP = 10.0  # a probe still running by then is a slow command, not a missing one
IMPORT_ROWS = 10_000
NUMBERED_ROWS = 20_000
# Issue 23 (duplicate detection by kind) bounds what the engine it made may cost at 100k in one
# list file: no slower than before it (its `dupes` bound, 10 s, is the row's own target already).
# The row's own target (issues 6 and 16) is stricter.
ISSUE_23_100K = {"check (cold)": 12.0}
PROFILE_LINES = 12
PROFILE_ABOVE_SECONDS = 120.0  # slower rows are not profiled again (1M: see 300k's profile)
NOT_AVAILABLE = ("No such command", "No such option", "Invalid value for '--format'")

PARSE_SCRIPT = """\
import pathlib, sys
import {module} as toml
for path in sorted(pathlib.Path("signatories").rglob("*.toml")):
    toml.loads(path.read_text(encoding="utf-8"))
"""
# What any endorse command must pay with this stack: Typer parses one option and pydantic builds
# and validates one small model. The start-up rows cannot go below it without leaving the stack.
MINIMAL_STACK = """\
import typer, pydantic
class Entry(pydantic.BaseModel):
    name: str
    country: str | None = None
app = typer.Typer(add_completion=False)
@app.command()
def main(name: str = "x") -> None:
    Entry(name=name)
app(["--name", "y"], standalone_mode=False)
"""
REFERENCES: list[tuple[str, tuple[str, ...], bool]] = [
    # (name, arguments after python, reads the dataset)
    ("python -c pass", ("-c", "pass"), False),
    ("import typer, rich, pydantic", ("-c", "import typer, rich, pydantic"), False),
    ("minimal stack: one Typer command, one pydantic model", ("-c", MINIMAL_STACK), False),
    ("parse with tomllib", ("-c", PARSE_SCRIPT.format(module="tomllib")), True),
    ("parse with tomli", ("-c", PARSE_SCRIPT.format(module="tomli")), True),
]
IMPORT_COST = "import typer, rich, pydantic"
TOMLI_FLOOR = "parse with tomli"
COLUMNS = ("command", "size", "layout", "runs", "median", "max", "cpu", "x import", "peak RSS")
COLUMNS += ("target", "verdict")
NUMERIC = frozenset({"runs", "median", "max", "cpu", "x import", "peak RSS"})


@dataclass
class Sample:
    seconds: float
    cpu: float
    peak_kb: int
    code: int
    stderr: str
    killed: bool = False


@dataclass
class Row:
    name: str
    size: str = ""
    layout: str = ""
    samples: list[Sample] = field(default_factory=list)
    unavailable: str | None = None
    case: Case | None = None
    cwd: Path | None = None  # where it ran and with what, so that a missed row can be profiled
    argv: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def worst(self) -> float:
        return max(s.seconds for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def peak_kb(self) -> int:
        return max(s.peak_kb for s in self.samples)

    def failure(self) -> str | None:
        ok = self.case.ok if self.case else (0,)
        for sample in self.samples:
            if sample.killed:
                return None
            if sample.code not in ok:
                first = sample.stderr.strip().splitlines()[-1:] or [""]
                return f"FAILED (exit {sample.code}: {first[0][:60]})"
        return None


class Launcher:
    """The small helper process (bench/launcher.py) that spawns and waits for each command."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [str(PYTHON), "-S", str(BENCH / "launcher.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(
        self,
        argv: list[str],
        cwd: Path,
        cap: float,
        extra_env: dict[str, str] | None = None,
        interrupt: bool = False,
    ) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        env = {k: v for k, v in os.environ.items() if k not in ("ENDORSE_ROOT", "ENDORSE_NO_CACHE")}
        env.update(extra_env or {})
        with tempfile.NamedTemporaryFile(prefix="endorse-bench-", suffix=".err") as err:
            request = {
                **{"argv": argv, "cwd": str(cwd), "cap": cap, "env": env, "stderr": err.name},
                "interrupt": interrupt,
            }
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer: dict[str, Any] = json.loads(self.process.stdout.readline())
            answer["stderr"] = Path(err.name).read_text(encoding="utf-8", errors="replace")
        return answer

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait()


_LAUNCHER: Launcher | None = None


def run_once(
    argv: list[str],
    cwd: Path,
    cap: float = CAP_SECONDS,
    env: dict[str, str] | None = None,
    interrupt: bool = False,
) -> Sample:
    """One whole process: wall time from spawn to exit, CPU time and peak RSS of that child.
    At `cap` the child is killed, or with `interrupt` sent SIGINT (a profiler then still writes
    what it saw)."""
    global _LAUNCHER
    if _LAUNCHER is None:
        _LAUNCHER = Launcher()
    answer = _LAUNCHER.run(argv, cwd, cap, env, interrupt)
    killed = answer["seconds"] >= cap and answer["code"] < 0
    return Sample(
        answer["seconds"],
        answer["cpu"],
        answer["peak_kb"],
        answer["code"],
        answer["stderr"],
        killed,
    )


def cache_env(case: Case | None) -> dict[str, str]:
    return {"ENDORSE_NO_CACHE": "1"} if case and case.cache == "cold" else {}


def measure(
    row: Row,
    argv: list[str],
    cwd: Path,
    runs: int,
    restore: Restorer | None,
    cap: float = CAP_SECONDS,
) -> Row:
    env = cache_env(row.case)
    if row.case and row.case.cache == "warm":
        run_once(argv, cwd, cap, env)  # untimed: fills the parse cache (~/.cache/endorse/)
        if restore:
            restore()
    for _ in range(runs):
        sample = run_once(argv, cwd, cap, env)
        if restore:
            restore()
        row.samples.append(sample)
        if sample.killed or sample.seconds > REPEAT_BELOW:
            break
    # Progress, so that an interrupted run still says what it measured.
    log(
        f"  {row.name} {row.size}: median {_seconds(row.median)}, cpu {_seconds(row.cpu)}, "
        f"peak {row.peak_kb / 1024:.0f} MB, exit {row.samples[-1].code}"
    )
    return row


class Restorer:
    """Undo a writing command: remove files it created, copy back files it changed."""

    def __init__(self, pristine: Path, work: Path) -> None:
        self.pristine, self.work = pristine, work
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(pristine, work)

    def __call__(self) -> None:
        for folder in ("statements", "signatories"):
            self._sync(self.pristine / folder, self.work / folder)

    def _sync(self, source: Path, target: Path) -> None:
        wanted = {entry.name: entry for entry in os.scandir(source)}
        for entry in os.scandir(target):
            original = wanted.get(entry.name)
            if original is None:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
            elif original.is_dir():
                self._sync(Path(original.path), Path(entry.path))
            else:
                mine, theirs = entry.stat(), original.stat()
                if (mine.st_size, mine.st_mtime_ns) != (theirs.st_size, theirs.st_mtime_ns):
                    shutil.copy2(original.path, entry.path)
        for name, original in wanted.items():
            if not (target / name).exists():
                if original.is_dir():
                    shutil.copytree(original.path, target / name)
                else:
                    shutil.copy2(original.path, target / name)


def dataset(label: str, count: int, layout: str) -> Path:
    """The generated project for one size and layout, written again only when stale; for
    "example", a fresh copy of the repository's own statement and signatories."""
    root = OUT / f"{label}-{layout}"
    if label == "example":
        if root.exists():
            shutil.rmtree(root)
        for folder in ("statements", "signatories"):
            shutil.copytree(
                REPO / folder, root / folder, ignore=shutil.ignore_patterns("*.private.toml")
            )
        # The example is published; reopened, `add` adds instead of refusing.
        statement = root / "statements" / f"{EXAMPLE_SLUG}.toml"
        text = statement.read_text(encoding="utf-8")
        statement.write_text(text.replace('status = "published"', 'status = "open"'), "utf-8")
        return root
    stamp = root / ".bench-stamp"
    wanted = f"{generate.GENERATOR_VERSION} {generate.SEED} {count} {layout}"
    if not (stamp.is_file() and stamp.read_text() == wanted):
        log(f"generating {count} signatories ({layout}) in {root.relative_to(BENCH.parent)}")
        generate.write_dataset(root, count, layout)
        stamp.write_text(wanted)
    return root


def import_csv() -> Path:
    path = OUT / "import-10k.csv"
    stamp = OUT / ".import-stamp"
    wanted = f"{generate.GENERATOR_VERSION} {generate.SEED} {IMPORT_ROWS}"
    if not (path.is_file() and stamp.is_file() and stamp.read_text() == wanted):
        log(f"generating the {IMPORT_ROWS}-row import CSV")
        generate.write_import_csv(path, IMPORT_ROWS)
        stamp.write_text(wanted)
    return path


def too_large(root: Path) -> str | None:
    """Why endorse would refuse this dataset unread (E005: a file over 64 MiB), or None.

    A run would then take a second and exit as if the list were empty (dupes even says "ok"):
    a row that reads as "met" but measured nothing."""
    from endorse.format.tomlsource import MAX_FILE_BYTES

    for path in sorted((root / "signatories").glob("*.toml")):
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return (
                f"not measurable: {path.name} is {size / 2**20:.0f} MiB, over the "
                f"{MAX_FILE_BYTES / 2**20:.0f} MiB endorse reads (E005)"
            )
    return None


def numbered_csv() -> Path:
    path = OUT / f"numbered-{NUMBERED_ROWS}.csv"
    if not path.is_file():
        generate.write_numbered_csv(path, NUMBERED_ROWS)
    return path


def argv_for(case: Case, csv: Path, tmp: Path, size: str = "") -> list[str]:
    values = {
        "slug": EXAMPLE_SLUG if size == "example" else generate.SLUG,
        "csv": str(csv),
        "numbered": str(numbered_csv()),
        "tmp": str(tmp),
    }
    return [str(ENDORSE), *(part.format(**values) for part in case.argv)]


def probe(case: Case, csv: Path, tmp: Path) -> str | None:
    """Run the command once on a tiny project: why it cannot be benchmarked, or None."""
    layout = case.layouts[0] if case.layouts else "list"
    pristine = dataset("probe", PROBE_SIZE, layout)
    cwd = pristine
    restore = None
    if case.writes:
        cwd = OUT / "work-probe"
        restore = Restorer(pristine, cwd)
    sample = run_once(argv_for(case, csv, tmp), cwd, cap=PROBE_CAP, env=cache_env(case))
    if restore:
        restore()
    if sample.code in case.ok or sample.killed:
        return None
    said = sample.stderr.strip()
    if sample.code == 2 and any(marker in said for marker in NOT_AVAILABLE):
        return "not available"
    last = said.splitlines()[-1] if said else ""
    return f"not available (probe exit {sample.code}: {last[:60]})"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(sizes: list[str], only: str | None) -> list[Row]:
    csv = import_csv()
    tmp = Path(tempfile.mkdtemp(prefix="endorse-bench-"))
    rows: list[Row] = []
    try:
        for name, arguments, reads in REFERENCES:
            if not reads:
                rows.append(measure(Row(name), [str(PYTHON), *arguments], BENCH, RUNS[""], None))
        cases = [c for c in CASES if only is None or only in c.name]
        reasons: dict[str, str | None] = {}
        for case in cases:
            if case.name not in reasons:
                reasons[case.name] = probe(case, csv, tmp)
        for case in cases:
            if reasons[case.name] or not case.sizes:
                # A command that is not available gets one row, not one per size and layout.
                row = Row(case.name, case=case, unavailable=reasons[case.name])
                if row.unavailable is None:
                    log(f"endorse {case.name}")
                    argv = argv_for(case, csv, tmp)
                    measure(row, argv, BENCH, RUNS[""], None)
                    row.cwd, row.argv = BENCH, argv
                rows.append(row)
        for label in sizes:
            count = SIZE_COUNTS[label]
            for layout in generate.LAYOUTS:
                if label == "example" and layout != "list":
                    continue  # the example has one list file
                if not any(label in c.sizes and layout in c.layouts for c in cases):
                    continue  # 300k and 1M are written only as one list file, for growth rows
                root = dataset(label, count, layout)
                for name, arguments, reads in REFERENCES:
                    if reads:
                        argv = [str(PYTHON), *arguments]
                        cap = CAP_BY_SIZE.get(label, CAP_SECONDS)
                        rows.append(
                            measure(Row(name, label, layout), argv, root, RUNS[label], None, cap)
                        )
                work: Restorer | None = None
                refused = too_large(root)
                for case in cases:
                    if reasons[case.name] or label not in case.sizes or layout not in case.layouts:
                        continue
                    if refused:
                        rows.append(Row(case.name, label, layout, case=case, unavailable=refused))
                        continue
                    row = Row(case.name, label, layout, case=case)
                    rows.append(row)
                    log(f"endorse {case.name} at {label} ({layout})")
                    cwd, restore = root, None
                    if case.writes:
                        work = work or Restorer(root, OUT / f"work-{label}-{layout}")
                        cwd, restore = work.work, work
                    argv = argv_for(case, csv, tmp, label)
                    cap = CAP_BY_SIZE.get(label, CAP_SECONDS)
                    measure(row, argv, cwd, RUNS[label], restore, cap)
                    row.cwd, row.argv = root, argv
                if work:
                    shutil.rmtree(work.work)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def _seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


@dataclass
class Floors:
    """The reference rows of this run that targets are relative to."""

    import_cost: float
    tomli: dict[tuple[str, str], float]

    @classmethod
    def of(cls, rows: list[Row]) -> Floors:
        import_rows = [r for r in rows if r.name == IMPORT_COST and r.samples]
        tomli = {(r.size, r.layout): r.median for r in rows if r.name == TOMLI_FLOOR and r.samples}
        return cls(import_rows[0].median if import_rows else float("nan"), tomli)


def verdict(row: Row, floors: Floors) -> tuple[str, str]:
    """The target that applies to this row, and 'met' or 'MISSED' (or why it has none)."""
    if row.unavailable:
        return "", row.unavailable
    failure = row.failure()
    if failure:
        return "", failure
    case = row.case
    if case is None:
        return "", ""
    killed = any(s.killed for s in row.samples)
    import_cost = floors.import_cost
    if not case.sizes:
        target = f"< {_seconds(import_cost)} (import cost)"
        return target, "met" if row.median < import_cost and not killed else "MISSED"
    parts: list[str] = []
    missed = killed
    if case.limit is not None:
        parts.append(f"<= {case.limit:g} s")
        missed = missed or row.median > case.limit
    elif row.size in ("example", "1k"):
        limit = 1.5 * import_cost
        parts.append(f"<= {_seconds(limit)} (1.5x import)")
        missed = missed or row.median > limit
    elif row.size == "100k" and row.layout == "files":
        if case.cache == "warm":
            parts.append("<= 2 s (warm)")
            missed = missed or row.median > 2.0
        else:
            floor = floors.tomli.get((row.size, row.layout), float("nan"))
            parts.append(f"<= {_seconds(1.5 * floor)} (1.5x tomli)")
            missed = missed or not row.median <= 1.5 * floor
    elif row.size == "100k" and case.limit_100k is not None:
        parts.append(f"<= {case.limit_100k:g} s")
        missed = missed or row.median > case.limit_100k
    memory_gb = case.memory_gb or (1.0 if row.size == "100k" else None)
    if memory_gb is not None:
        parts.append(f"<= {memory_gb:g} GB")
        missed = missed or row.peak_kb > memory_gb * MEMORY_LIMIT_KB
    if not parts:
        return "", ""
    issue_23 = ISSUE_23_100K.get(case.name) if (row.size, row.layout) == ("100k", "list") else None
    if issue_23 is not None:
        # The verdict column stays the stricter target's; issue 23's own is said beside it.
        met = not killed and row.median <= issue_23
        parts.append(f"issue 23: <= {issue_23:g} s {'met' if met else 'MISSED'}")
    return ", ".join(parts), "MISSED" if missed else "met"


def table(rows: list[Row]) -> str:
    floors = Floors.of(rows)
    import_cost = floors.import_cost
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---:" if c in NUMERIC else "---" for c in COLUMNS) + " |",
    ]
    for row in rows:
        target, outcome = verdict(row, floors)
        name = f"`endorse {row.name}`" if row.case else f"*{row.name}*"
        if not row.samples:
            cells = ["", "", "", "", "", ""]
        else:
            killed = any(s.killed for s in row.samples)
            cap = CAP_BY_SIZE.get(row.size, CAP_SECONDS)
            median = f">{cap:g} s" if killed else _seconds(row.median)
            cells = [
                str(len(row.samples)),
                median,
                f">{cap:g} s" if killed else _seconds(row.worst),
                _seconds(row.cpu),
                f"{row.median / import_cost:.1f}",
                f"{row.peak_kb / 1024:.0f} MB",
            ]
        lines.append(
            "| "
            + " | ".join([name, row.size or "-", row.layout or "-", *cells, target, outcome])
            + " |"
        )
    return "\n".join(lines) + "\n"


def missed_rows(rows: list[Row]) -> list[Row]:
    floors = Floors.of(rows)
    return [row for row in rows if verdict(row, floors)[1] == "MISSED"]


def is_startup(row: Row) -> bool:
    """Rows whose target is relative to the import cost: their profile is -X importtime."""
    no_limit = row.case is None or row.case.limit is None
    return row.size in ("", "example") or (row.size == "1k" and no_limit)


def _short(path: str) -> str:
    for marker in ("/site-packages/", "/src/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def cprofile_summary(path: Path) -> str:
    """The top functions by cumulative and by own time, endorse's and the libraries'."""
    stats = pstats.Stats(str(path))
    entries = []
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, line, function), (_, calls, own, cumulative, _) in table.items():
        where = f"{_short(filename)}:{line}({function})" if line else function
        entries.append((cumulative, own, calls, where))
    total = max((e[0] for e in entries), default=0.0)
    skip = re.compile(
        r"runpy|<frozen|typer/|click/|cli/app.py|cli/entry.py|__main__|builtins.exec>|<string>"
    )
    lines = [f"total {total:.2f} s under cProfile", "", "by cumulative time:"]
    shown = [e for e in sorted(entries, reverse=True) if not skip.search(e[3])][:PROFILE_LINES]
    lines += [f"  {c:7.2f} s  {o:6.2f} s own  {n:>9} calls  {w}" for c, o, n, w in shown]
    lines += ["", "by own time:"]
    by_own = sorted(entries, key=lambda e: e[1], reverse=True)[:PROFILE_LINES]
    lines += [f"  {o:7.2f} s own  {c:6.2f} s cum  {n:>9} calls  {w}" for c, o, n, w in by_own]
    return "\n".join(lines)


IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def importtime_summary(stderr: str) -> str:
    """The heaviest imports (cumulative, top-level of each chain) and the heaviest by own time."""
    found = []
    for match in IMPORT_LINE.finditer(stderr):
        own, cumulative, indent, module = match.groups()
        found.append((int(cumulative) / 1000, int(own) / 1000, len(indent) // 2, module))
    if not found:
        return "(no -X importtime output)"
    total = sum(own for _, own, _, _ in found)
    lines = [f"{total:.0f} ms importing {len(found)} modules", "", "largest by cumulative time:"]
    outer = sorted((f for f in found if f[2] <= 1), reverse=True)[:PROFILE_LINES]
    lines += [f"  {c:7.1f} ms  {m}" for c, _, _, m in outer]
    lines += ["", "largest by own time:"]
    own_first = sorted(found, key=lambda f: f[1], reverse=True)[:PROFILE_LINES]
    lines += [f"  {o:7.1f} ms own  {m}" for _, o, _, m in own_first]
    return "\n".join(lines)


def profile(row: Row) -> str:
    """Run a missed row once more under cProfile (or -X importtime at start-up): the text."""
    assert row.case and row.cwd and row.argv
    if row.median > PROFILE_ABOVE_SECONDS:
        return f"not profiled again (over {PROFILE_ABOVE_SECONDS:g} s): see the smaller sizes"
    cwd, work = row.cwd, None
    if row.case.writes:
        work = Restorer(row.cwd, OUT / "work-profile")
        cwd = work.work
    # A row that was stopped at its cap is profiled for as long, then interrupted: the profile of
    # its first minute still shows where the time goes.
    killed = any(s.killed for s in row.samples)
    cap = CAP_BY_SIZE.get(row.size, CAP_SECONDS) * (1 if killed else 3)
    with tempfile.TemporaryDirectory(prefix="endorse-profile-") as folder:
        if is_startup(row):
            argv = [str(PYTHON), "-X", "importtime", "-m", "endorse", *row.argv[1:]]
            sample = run_once(argv, cwd, cap, cache_env(row.case))
            text = importtime_summary(sample.stderr)
        else:
            out = Path(folder) / "profile.out"
            argv = [str(PYTHON), "-m", "cProfile", "-o", str(out), "-m", "endorse", *row.argv[1:]]
            sample = run_once(argv, cwd, cap, cache_env(row.case), interrupt=True)
            text = cprofile_summary(out) if out.is_file() else f"no profile written in {cap:g} s"
            if sample.seconds >= cap:
                text = f"interrupted after {cap:g} s; what it did until then:\n\n{text}"
    if work:
        shutil.rmtree(work.work)
    return text


def profiles(rows: list[Row]) -> str:
    """Under the table: for every missed row, why (its profile) and the next step."""
    missed = [row for row in missed_rows(rows) if row.case and row.argv]
    if not missed:
        return ""
    floors = Floors.of(rows)
    parts = ["## Why each missed row misses", ""]
    for row in missed:
        assert row.case
        log(f"profiling endorse {row.name} {row.size} {row.layout}".rstrip())
        target = verdict(row, floors)[0]
        where = ", ".join(part for part in (row.size, row.layout) if part)
        heading = f"### `endorse {row.name}`" + (f" ({where})" if where else "")
        measured = f"median {_seconds(row.median)}, cpu {_seconds(row.cpu)}, "
        measured += f"peak {row.peak_kb / 1024:.0f} MB; target {target}"
        parts += [heading, "", measured, "", "```", profile(row), "```", ""]
        parts += [f"Next step: {next_step(row.case.name, row.size, row.layout)}", ""]
    return "\n".join(parts)


def _output(argv: list[str]) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "unknown"


def machine() -> str:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, ValueError, IndexError):
        memory = "unknown"
    commit = _output(["git", "-C", str(BENCH), "describe", "--always", "--dirty"])
    return "\n".join(
        [
            f"- date: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
            f"- machine: {cpu}, {os.cpu_count()} cores, {memory} RAM, {platform.platform()}",
            f"- Python {platform.python_version()} ({PYTHON})",
            f"- {_output([str(ENDORSE), '--version'])} at commit {commit}",
        ]
    )


def report(rows: list[Row], sizes: list[str], elapsed: float, why: str) -> str:
    parts = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py); see docs/benchmarks.md for how to read it.",
        "",
        machine(),
        f"- sizes: {', '.join(sizes) or 'none'}; whole run took {elapsed:.0f} s",
        "",
        table(rows),
        why,
    ]
    if DUPES_RESULTS.is_file():
        parts += [DUPES_RESULTS.read_text(encoding="utf-8")]
    if FINDINGS.is_file():
        parts += [FINDINGS.read_text(encoding="utf-8")]
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the example and 1k, for development")
    parser.add_argument("--sizes", default=",".join(SIZE_COUNTS), help="e.g. example,1k,10k")
    parser.add_argument("--only", help="run only the commands whose name contains this")
    parser.add_argument(
        "--no-profiles", action="store_true", help="do not profile the rows that miss"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the table")
    args = parser.parse_args()
    sizes = ["example", "1k"] if args.quick else [s for s in args.sizes.split(",") if s]
    unknown = [s for s in sizes if s not in SIZE_COUNTS]
    if unknown:
        parser.error(f"unknown size {', '.join(unknown)}; choose from {', '.join(SIZE_COUNTS)}")
    if not ENDORSE.exists():
        parser.error(f"{ENDORSE} not found: run bench/run.py with the venv's python (make bench)")
    started = time.perf_counter()
    rows = run(sizes, args.only)
    why = "" if args.no_profiles else profiles(rows)
    text = report(rows, sizes, time.perf_counter() - started, why)
    if _LAUNCHER:
        _LAUNCHER.close()
    print(table(rows))
    print(why)
    args.output.write_text(text, encoding="utf-8")
    log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
