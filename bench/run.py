"""``make bench``: time every command of bench/cases.py as a whole process at 1k, 10k and 100k.

Prints a Markdown table (median and max wall time, peak memory of the child, the issue's target
and whether it is met) and writes it with the machine's description to bench/results.md.
See docs/benchmarks.md for how to read it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
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
from bench.cases import CASES, Case

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
RESULTS = BENCH / "results.md"
FINDINGS = BENCH / "findings.md"
DUPES_RESULTS = BENCH / "results-dupes.md"  # written just before by bench/dupes_scale.py
PYTHON = Path(sys.executable)
ENDORSE = PYTHON.parent / "endorse"
RUNS = {"": 10, "1k": 5, "10k": 3, "100k": 3, "300k": 1}
CAP_SECONDS = 60.0  # a run this slow is recorded once and not repeated
REPEAT_BELOW = 15.0  # a run slower than this is not repeated (keeps make bench under 10 min)
MEMORY_LIMIT_KB = 1024 * 1024
PROBE_SIZE = 50
IMPORT_ROWS = 10_000
NOT_AVAILABLE = ("No such command", "No such option", "Invalid value for '--format'")

PARSE_SCRIPT = """\
import pathlib, sys
import {module} as toml
for path in sorted(pathlib.Path("signatories").rglob("*.toml")):
    toml.loads(path.read_text(encoding="utf-8"))
"""
REFERENCES: list[tuple[str, tuple[str, ...], bool]] = [
    # (name, arguments after python, reads the dataset)
    ("python -c pass", ("-c", "pass"), False),
    ("import typer, rich, pydantic", ("-c", "import typer, rich, pydantic"), False),
    ("parse with tomllib", ("-c", PARSE_SCRIPT.format(module="tomllib")), True),
    ("parse with tomli", ("-c", PARSE_SCRIPT.format(module="tomli")), True),
]
IMPORT_COST = "import typer, rich, pydantic"
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

    def run(self, argv: list[str], cwd: Path, cap: float) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        env = {k: v for k, v in os.environ.items() if k != "ENDORSE_ROOT"}
        with tempfile.NamedTemporaryFile(prefix="endorse-bench-", suffix=".err") as err:
            request = {"argv": argv, "cwd": str(cwd), "cap": cap, "env": env, "stderr": err.name}
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


def run_once(argv: list[str], cwd: Path, cap: float = CAP_SECONDS) -> Sample:
    """One whole process: wall time from spawn to exit, CPU time and peak RSS of that child."""
    global _LAUNCHER
    if _LAUNCHER is None:
        _LAUNCHER = Launcher()
    answer = _LAUNCHER.run(argv, cwd, cap)
    killed = answer["seconds"] >= cap and answer["code"] < 0
    return Sample(
        answer["seconds"],
        answer["cpu"],
        answer["peak_kb"],
        answer["code"],
        answer["stderr"],
        killed,
    )


def measure(row: Row, argv: list[str], cwd: Path, runs: int, restore: Restorer | None) -> Row:
    for _ in range(runs):
        sample = run_once(argv, cwd)
        if restore:
            restore()
        row.samples.append(sample)
        if sample.killed or sample.seconds > REPEAT_BELOW:
            break
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
    """The generated project for one size and layout, written again only when stale."""
    root = OUT / f"{label}-{layout}"
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


def argv_for(case: Case, csv: Path, tmp: Path) -> list[str]:
    values = {"slug": generate.SLUG, "csv": str(csv), "tmp": str(tmp)}
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
    sample = run_once(argv_for(case, csv, tmp), cwd, cap=CAP_SECONDS)
    if restore:
        restore()
    if sample.code in case.ok:
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
        reasons = {case.name: probe(case, csv, tmp) for case in cases}
        for case in cases:
            if reasons[case.name] or not case.sizes:
                # A command that is not available gets one row, not one per size and layout.
                row = Row(case.name, case=case, unavailable=reasons[case.name])
                if row.unavailable is None:
                    log(f"endorse {case.name}")
                    measure(row, argv_for(case, csv, tmp), BENCH, RUNS[""], None)
                rows.append(row)
        for label in sizes:
            count = generate.SIZES[label]
            for layout in generate.LAYOUTS:
                if not any(label in c.sizes and layout in c.layouts for c in cases):
                    continue  # 300k is written only as one list file, for the growth rows
                root = dataset(label, count, layout)
                for name, arguments, reads in REFERENCES:
                    if reads:
                        argv = [str(PYTHON), *arguments]
                        rows.append(
                            measure(Row(name, label, layout), argv, root, RUNS[label], None)
                        )
                work: Restorer | None = None
                for case in cases:
                    if reasons[case.name] or label not in case.sizes or layout not in case.layouts:
                        continue
                    row = Row(case.name, label, layout, case=case)
                    rows.append(row)
                    log(f"endorse {case.name} at {label} ({layout})")
                    cwd, restore = root, None
                    if case.writes:
                        work = work or Restorer(root, OUT / f"work-{label}-{layout}")
                        cwd, restore = work.work, work
                    measure(row, argv_for(case, csv, tmp), cwd, RUNS[label], restore)
                if work:
                    shutil.rmtree(work.work)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def _seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def verdict(row: Row, import_cost: float) -> tuple[str, str]:
    """The target that applies to this row, and 'met' or 'MISSED' (or why it has none)."""
    if row.unavailable:
        return "", row.unavailable
    failure = row.failure()
    if failure:
        return "", failure
    if row.case is None:
        return "", ""
    killed = any(s.killed for s in row.samples)
    if not row.case.sizes:
        target = f"< {_seconds(import_cost)} (import cost)"
        return target, "met" if row.median < import_cost and not killed else "MISSED"
    if row.size == "1k":
        limit = 1.5 * import_cost
        return f"<= {_seconds(limit)} (1.5x import)", (
            "met" if row.median <= limit and not killed else "MISSED"
        )
    if row.size == "100k":
        parts, missed = ["<= 1 GB"], row.peak_kb > MEMORY_LIMIT_KB or killed
        if row.case.limit_100k is not None:
            parts.insert(0, f"<= {row.case.limit_100k:g} s")
            missed = missed or row.median > row.case.limit_100k
        return ", ".join(parts), "MISSED" if missed else "met"
    return "", ""


def table(rows: list[Row]) -> str:
    import_rows = [r for r in rows if r.name == IMPORT_COST and r.samples]
    import_cost = import_rows[0].median if import_rows else float("nan")
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---:" if c in NUMERIC else "---" for c in COLUMNS) + " |",
    ]
    for row in rows:
        target, outcome = verdict(row, import_cost)
        name = f"`endorse {row.name}`" if row.case else f"*{row.name}*"
        if not row.samples:
            cells = ["", "", "", "", "", ""]
        else:
            killed = any(s.killed for s in row.samples)
            median = f">{CAP_SECONDS:g} s" if killed else _seconds(row.median)
            cells = [
                str(len(row.samples)),
                median,
                f">{CAP_SECONDS:g} s" if killed else _seconds(row.worst),
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


def report(rows: list[Row], sizes: list[str], elapsed: float) -> str:
    parts = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py); see docs/benchmarks.md for how to read it.",
        "",
        machine(),
        f"- sizes: {', '.join(sizes) or 'none'}; whole run took {elapsed:.0f} s",
        "",
        table(rows),
    ]
    if DUPES_RESULTS.is_file():
        parts += [DUPES_RESULTS.read_text(encoding="utf-8")]
    if FINDINGS.is_file():
        parts += [FINDINGS.read_text(encoding="utf-8")]
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k only, for development")
    parser.add_argument("--sizes", default=",".join(generate.SIZES), help="e.g. 1k,10k")
    parser.add_argument("--only", help="run only the commands whose name contains this")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the table")
    args = parser.parse_args()
    sizes = ["1k"] if args.quick else [s for s in args.sizes.split(",") if s]
    unknown = [s for s in sizes if s not in generate.SIZES]
    if unknown:
        parser.error(f"unknown size {', '.join(unknown)}; choose from {', '.join(generate.SIZES)}")
    if not ENDORSE.exists():
        parser.error(f"{ENDORSE} not found: run bench/run.py with the venv's python (make bench)")
    started = time.perf_counter()
    rows = run(sizes, args.only)
    text = report(rows, sizes, time.perf_counter() - started)
    if _LAUNCHER:
        _LAUNCHER.close()
    print(table(rows))
    args.output.write_text(text, encoding="utf-8")
    log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
