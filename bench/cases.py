"""What ``make bench`` runs: one row per command, in one table that is easy to adjust.

An argv template may use {slug} (the statement), {csv} (the 10,000-row import file) and {tmp}
(a scratch folder). Each command runs in the dataset's folder, so it finds the project by itself.
``sizes`` empty means the command does not read a project (run once, not per size).
``writes`` commands run on a copy that is restored after every run, so the file never grows.
``ok`` lists the exit codes of a normal run (1 is normal for "duplicates found" and the like).
``limit_100k`` is the issue's time target in seconds at 100,000 signatories (None: no target);
``limit`` a target in seconds at every size the case runs; ``memory_gb`` the peak memory target
where it is not 1 GB. ``cache``: "cold" runs with ENDORSE_NO_CACHE=1, "warm" after one untimed
run that fills the parse cache (~/.cache/endorse/), "" as it comes (the first run fills the cache).
NEXT_STEPS says, for a row that misses its target, what to do next: bench/run.py prints it under
the row's profile.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL_SIZES = ("1k", "10k", "100k")
SMALL = ("1k", "10k")
# The repository's own example (statements/, signatories/: 34 signatories), the start-up targets.
EXAMPLE = ("example",)
GROWTH = ("300k", "1M")
BOTH = ("list", "files")
ONE = ("list",)
# A name that resembles nothing in the generated data, so `add` really adds it.
NEW_NAME = "Xylophone Quokka Zeppelin Guild"
IMPORT_MAP = (
    *("--map", "name=Organisation name"),
    *("--map", "acronym=Acronym"),
    *("--map", "country=Country"),
    *("--map", "contact=Email"),
)


@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str, ...]
    sizes: tuple[str, ...] = ALL_SIZES
    layouts: tuple[str, ...] = BOTH
    ok: tuple[int, ...] = (0,)
    writes: bool = False
    limit_100k: float | None = None
    limit: float | None = None
    memory_gb: float | None = None
    cache: str = ""


# render and list refuse while check reports an error (issue 26), and the generated data holds
# known duplicates (E301): they run with --allow-invalid, which times the check they now include.
CASES: list[Case] = [
    Case("--version", ("--version",), sizes=(), layouts=()),
    Case("--help", ("--help",), sizes=(), layouts=()),
    # Start-up: every command on the example, <= 1.5x the import floor.
    Case("check", ("check",), sizes=(*EXAMPLE, *SMALL), ok=(0, 1)),
    Case("render text", ("render", "{slug}"), sizes=EXAMPLE, layouts=ONE),
    Case("list", ("list", "{slug}"), sizes=EXAMPLE, layouts=ONE),
    Case("stats", ("stats", "{slug}"), sizes=EXAMPLE, layouts=ONE),
    Case("dupes", ("dupes", "{slug}"), sizes=EXAMPLE, layouts=ONE, ok=(0, 1)),
    # At 100k, cold (no cache: CI on a fresh clone) and warm (the parse cache filled).
    Case("check (cold)", ("check",), sizes=("100k",), ok=(0, 1), cache="cold", limit_100k=3.0),
    Case("check (warm)", ("check",), sizes=("100k",), ok=(0, 1), cache="warm", limit_100k=1.5),
    Case(
        "add",
        ("add", "{slug}", NEW_NAME, "--group", "endorsers", "--country", "KH"),
        sizes=EXAMPLE + SMALL,
        writes=True,
    ),
    Case(
        "add (cold)",
        ("add", "{slug}", NEW_NAME, "--group", "endorsers", "--country", "KH"),
        sizes=("100k",),
        writes=True,
        cache="cold",
        limit_100k=3.0,
    ),
    Case(
        "add (warm)",
        ("add", "{slug}", NEW_NAME, "--group", "endorsers", "--country", "KH"),
        sizes=("100k",),
        writes=True,
        cache="warm",
        limit_100k=1.0,
    ),
    Case("dupes (cold)", ("dupes", "{slug}"), ok=(0, 1), cache="cold", limit_100k=10.0),
    # Growth past 100k (10k -> 100k -> 300k -> 1M, one list file), once each. 1M is also a target
    # of its own: dupes <= 60 s and <= 3 GB.
    Case("check (cold)", ("check",), sizes=GROWTH, layouts=ONE, ok=(0, 1), cache="cold"),
    Case(
        "dupes (cold)", ("dupes", "{slug}"), sizes=("300k",), layouts=ONE, ok=(0, 1), cache="cold"
    ),
    Case(
        "dupes (cold)",
        ("dupes", "{slug}"),
        sizes=("1M",),
        layouts=ONE,
        ok=(0, 1),
        cache="cold",
        limit=60.0,
        memory_gb=3.0,
    ),
    Case("render text", ("render", "{slug}", "--allow-invalid"), limit_100k=3.0),
    # Loading is what the layout changes, and render text already shows it for both layouts.
    Case(
        "render markdown",
        ("render", "{slug}", "--format", "markdown", "--allow-invalid"),
        layouts=ONE,
        limit_100k=3.0,
    ),
    Case(
        "render html",
        ("render", "{slug}", "--format", "html", "--allow-invalid"),
        layouts=ONE,
        limit_100k=3.0,
    ),
    Case(
        "render json",
        ("render", "{slug}", "--format", "json", "--allow-invalid"),
        layouts=ONE,
        limit_100k=3.0,
    ),
    # The list paragraphs are written as WordprocessingML and parsed once (issue 15): python-docx's
    # objects took over 60 s at 100k.
    Case(
        "render docx",
        (
            "render",
            "{slug}",
            "--format",
            "docx",
            "--output",
            "{tmp}/statement.docx",
            "--allow-invalid",
        ),
        layouts=ONE,
        limit_100k=10.0,
    ),
    # WeasyPrint lays out every page in memory; 100k names are about 2,000 pages.
    Case(
        "render pdf",
        (
            "render",
            "{slug}",
            "--format",
            "pdf",
            "--output",
            "{tmp}/statement.pdf",
            "--allow-invalid",
        ),
        sizes=("10k", "100k"),
        layouts=ONE,
    ),
    # The public page (issue 25): "built in a few seconds" at 10k; render html is its baseline.
    # PDF and Word are left out: their rows above measure them.
    Case(
        "site",
        ("site", "{slug}", "-o", "{tmp}/site", "--download", "json", "--download", "csv"),
        sizes=("10k",),
        layouts=ONE,
        limit=5.0,
    ),
    # Rich draws about 2,500 rows a second: 40 s at 100k, measured once and noted in findings.
    Case("list table", ("list", "{slug}", "--allow-invalid"), sizes=("1k", "10k"), layouts=ONE),
    Case("list json", ("list", "{slug}", "--format", "json", "--allow-invalid"), layouts=ONE),
    Case("list csv", ("list", "{slug}", "--format", "csv", "--allow-invalid"), layouts=ONE),
    # The import file has 10,000 rows whatever the statement's size: two sizes show the trend.
    Case(
        "import --dry-run",
        ("import", "{slug}", "{csv}", "--group", "endorsers", *IMPORT_MAP, "--dry-run"),
        sizes=("1k", "100k"),
        layouts=ONE,
        ok=(0, 1),
    ),
    Case(
        "import",
        ("import", "{slug}", "{csv}", "--group", "endorsers", *IMPORT_MAP),
        sizes=("1k", "100k"),
        layouts=ONE,
        ok=(0, 1),
        writes=True,
        limit_100k=5.0,
    ),
    # 20,000 rows "Row Org 1" ... "Row Org 20000": names that differ only by their number, which
    # once made the duplicate check of import quadratic and worse (4,000 rows took 63 s).
    Case(
        "import numbered",
        ("import", "{slug}", "{numbered}", "--group", "endorsers", "--map", "name=Name"),
        sizes=("1k",),
        layouts=ONE,
        ok=(0, 1),
        writes=True,
        limit=5.0,
    ),
]

# What to do about a row that misses its target, by "name size" (e.g. "check example") or else by
# case name. A human writes these after reading the profile; bench/run.py prints the profile and
# this line under the table.
STARTUP = (
    "start-up: the models (pydantic schema build) and the matching package (rapidfuzz, cleanco, "
    "vocabulary) are imported before anything is read; import each only where a command uses it."
)
NEXT_STEPS: dict[str, str] = {
    "--help": "Typer builds every command's parameters to print the list: register the commands "
    "lazily (a click Group whose get_command imports one module) or print the list from a table.",
    "--version": "answered in cli/entry.py before Typer is imported: what is left is the "
    "interpreter and endorse/__init__.py.",
    **{
        f"{name} {size}": STARTUP
        for name in (
            *("check", "render text", "list", "stats", "dupes", "add", "dupes (cold)"),
            *("render markdown", "render html", "render json", "render docx"),
            *("list table", "list json", "list csv"),
        )
        for size in ("example", "1k")
    },
    "check (cold)": "the duplicate engine (matching/index.py: keys per name, then judging) is "
    "about 8 s of it, loading 3 s: build the index's keys on both cores (as add's scan "
    "already does), and fewer typing-error keys per name; CI on a fresh clone has no cache.",
    "check (warm)": "findings and parse come from the cache; left: decoding the 48 MB parse entry "
    "(about 0.55 s: store only the validated values, not the parsed data too), the other "
    "check rules (about 0.9 s: hygiene and consistency walk every entry in Python) and writing "
    "the report (0.3 s).",
    "add (cold)": "loading 100,000 entries (tomli + pydantic, 3 s) before one append: read only "
    "the names the duplicate scan needs, and let the append proof skip validation of the rest.",
    "add (warm)": "loading from the cache (about 1.2 s) and the one-name scan (0.8 s on two "
    "cores): cache each entry's reduced words beside the parse so the scan is set look-ups.",
    "dupes (cold)": "the duplicate engine is about 8.5 s of it (bench/results-dupes.md), loading "
    "the rest: build the index on both cores and fewer masked keys per name (issue 13).",
    # One file per signer, 100k: written after reading the 2026-11-30 profiles.
    **{
        f"{name} 100k files": "reading 100,000 small files: the fork pool's results wait on "
        "pickling (about 7 s in lock waits under cProfile), then one entry per file is "
        "validated; keep a pack cache entry per folder keyed by every file's sha256, and hand "
        "back validated values instead of parsed data from the workers."
        for name in ("check (cold)", "check (warm)", "add (cold)", "add (warm)", "render text")
    },
    "dupes (cold) 100k files": "the duplicate engine (about 11 s, as in one list file) plus "
    "reading 100,000 files (see check (cold) in this layout).",
    "import numbered": "most of it is Rich drawing the table of 20,000 rows (15.8 s of 24 s "
    "under cProfile), also into a pipe: write plain aligned rows when stdout is not a "
    "terminal, as list and dupes do; the duplicate check itself is no longer quadratic.",
    "import": "building the duplicate index of every existing entry and row (at 100k about 18 s "
    "of 47 s under cProfile) and Rich drawing the 10,000-row table (11 s): query the existing "
    "entries through the scan as add does, and write plain rows into a pipe.",
    "import --dry-run": "as import: the duplicate index of every existing entry is built "
    "first, then Rich draws the table of rows.",
    "render text": "loading (2.8 s: the parse cache entry decoded by json, 0.65 s) and sorting "
    "by the Unicode collation key (2.6 s, pyuca in Python): cache the collation keys with the "
    "parse, and decode the cache with orjson. Since issue 26 render also runs check (the "
    "duplicate engine): cold, about 9 s more and 1 GB; warm, about 1 s more.",
    "render markdown": "as render text: loading and the collation sort.",
    "render html": "as render text: loading and the collation sort.",
    "render json": "as render text: loading and the collation sort; the JSON itself is orjson.",
    "render docx": "loading, then the WordprocessingML of 100,000 paragraphs: write it as text.",
    "render pdf": "WeasyPrint lays out some 2,000 pages in memory: no target; offer a page "
    "limit or a streamed writer if anyone needs a 100k-name PDF.",
    "site": "loading and the collation sort (as render html), then the page twice (Jinja2) "
    "and the JSON and CSV downloads: profile before changing any of them.",
    "list json": "loading and ordering 100,000 entries; the JSON itself is orjson.",
    "list csv": "loading and ordering 100,000 entries.",
}


def next_step(name: str, size: str, layout: str = "list") -> str:
    return (
        NEXT_STEPS.get(f"{name} {size} {layout}")
        or NEXT_STEPS.get(f"{name} {size}")
        or NEXT_STEPS.get(name)
        or "(none written yet)"
    )
