"""What ``make bench`` runs: one row per command, in one table that is easy to adjust.

An argv template may use {slug} (the statement), {csv} (the 10,000-row import file) and {tmp}
(a scratch folder). Each command runs in the dataset's folder, so it finds the project by itself.
``sizes`` empty means the command does not read a project (run once, not per size).
``writes`` commands run on a copy that is restored after every run, so the file never grows.
``ok`` lists the exit codes of a normal run (1 is normal for "duplicates found" and the like).
``limit_100k`` is the issue's time target in seconds at 100,000 signatories (None: no target);
``limit`` a target in seconds at every size the case runs; ``memory_gb`` the peak memory target
where it is not 1 GB. ``cache``: "cold" runs with ENDORSE_NO_CACHE=1, "warm" after one untimed
run that fills .endorse-cache/, "" as it comes (the first run fills the cache).
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


CASES: list[Case] = [
    Case("--version", ("--version",), sizes=(), layouts=()),
    Case("--help", ("--help",), sizes=(), layouts=()),
    # Start-up: every command on the example, <= 1.5x the import floor.
    Case("check", ("check",), sizes=(*EXAMPLE, *SMALL), ok=(0, 1)),
    Case("render text", ("render", "{slug}"), sizes=EXAMPLE, layouts=ONE),
    Case("list", ("list", "{slug}"), sizes=EXAMPLE, layouts=ONE),
    Case("stats", ("stats", "{slug}"), sizes=EXAMPLE, layouts=ONE),
    Case("dupes", ("dupes", "{slug}"), sizes=EXAMPLE, layouts=ONE, ok=(0, 1)),
    # At 100k, cold (no cache: CI on a fresh clone) and warm (.endorse-cache/ filled).
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
    Case("render text", ("render", "{slug}"), limit_100k=3.0),
    # Loading is what the layout changes, and render text already shows it for both layouts.
    Case(
        "render markdown",
        ("render", "{slug}", "--format", "markdown"),
        layouts=ONE,
        limit_100k=3.0,
    ),
    Case("render html", ("render", "{slug}", "--format", "html"), layouts=ONE, limit_100k=3.0),
    Case("render json", ("render", "{slug}", "--format", "json"), layouts=ONE, limit_100k=3.0),
    # The list paragraphs are written as WordprocessingML and parsed once (issue 15): python-docx's
    # objects took over 60 s at 100k.
    Case(
        "render docx",
        ("render", "{slug}", "--format", "docx", "--output", "{tmp}/statement.docx"),
        layouts=ONE,
        limit_100k=10.0,
    ),
    # WeasyPrint lays out every page in memory; 100k names are about 2,000 pages.
    Case(
        "render pdf",
        ("render", "{slug}", "--format", "pdf", "--output", "{tmp}/statement.pdf"),
        sizes=("10k", "100k"),
        layouts=ONE,
    ),
    # Rich draws about 2,500 rows a second: 40 s at 100k, measured once and noted in findings.
    Case("list table", ("list", "{slug}"), sizes=("1k", "10k"), layouts=ONE),
    Case("list json", ("list", "{slug}", "--format", "json"), layouts=ONE),
    Case("list csv", ("list", "{slug}", "--format", "csv"), layouts=ONE),
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
            *("check", "render text", "list", "stats", "dupes", "add", "import --dry-run"),
            *("render markdown", "render html", "render json", "render docx"),
            *("list table", "list json", "list csv"),
        )
        for size in ("example", "1k")
    },
    "check (cold)": "the duplicate index (matching/index.py: _index, add_group) is most of it: "
    "build it on both cores or cache it with the parsed file (issue 13's engine rewrite).",
    "check (warm)": "the cache holds the parsed file but not the duplicate index, which is rebuilt "
    "on every run: cache the index keyed by the file's hash.",
    "add (cold)": "loading (tomli + pydantic) and re-reading the file to prove the append: parse "
    "once and reuse it (part 2, project/load.py and edit/).",
    "add (warm)": "the append proof re-parses the file; verify only the appended bytes.",
    "dupes (cold)": "the duplicate index and pairing (matching/index.py) grow as n^1.2: fewer "
    "masked keys per name, and both cores for the index (issue 13).",
    "render text": "loading dominates (tomli + pydantic); the cache helps only files >= 64 KiB.",
    "render markdown": "loading dominates (tomli + pydantic), as for render text.",
    "render html": "loading dominates (tomli + pydantic), as for render text.",
    "render json": "loading dominates (tomli + pydantic); the JSON itself is orjson (0.15 s).",
    "render docx": "loading, then the WordprocessingML of 100,000 paragraphs: write it as text.",
    "render pdf": "WeasyPrint lays out some 2,000 pages in memory: no target; offer a page "
    "limit or a streamed writer if anyone needs a 100k-name PDF.",
    "list json": "loading and ordering 100,000 entries; the JSON itself is orjson.",
    "list csv": "loading and ordering 100,000 entries.",
    "import --dry-run": "as import: the 100,000 existing entries are loaded and checked first.",
    "import": "import loads and checks all 100,000 existing entries before adding 10,000 rows.",
    "import numbered": "numbered names share every word but the number: key the duplicate check "
    "on the number too, so 'Row Org 12' and 'Row Org 13' never form a pair to judge.",
}


def next_step(name: str, size: str) -> str:
    return NEXT_STEPS.get(f"{name} {size}") or NEXT_STEPS.get(name) or "(none written yet)"
