"""What ``make bench`` runs: one row per command, in one table that is easy to adjust.

An argv template may use {slug} (the statement), {csv} (the 10,000-row import file) and {tmp}
(a scratch folder). Each command runs in the dataset's folder, so it finds the project by itself.
``sizes`` empty means the command does not read a project (run once, not per size).
``writes`` commands run on a copy that is restored after every run, so the file never grows.
``ok`` lists the exit codes of a normal run (1 is normal for "duplicates found" and the like).
``limit_100k`` is the issue's time target in seconds at 100,000 signatories (None: no target).
"""

from __future__ import annotations

from dataclasses import dataclass

ALL_SIZES = ("1k", "10k", "100k")
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


CASES: list[Case] = [
    Case("--version", ("--version",), sizes=(), layouts=()),
    Case("--help", ("--help",), sizes=(), layouts=()),
    Case("check", ("check",), ok=(0, 1), limit_100k=3.0),
    Case(
        "add",
        ("add", "{slug}", NEW_NAME, "--group", "endorsers", "--country", "KH"),
        writes=True,
        limit_100k=1.0,
    ),
    Case("dupes", ("dupes", "{slug}"), ok=(0, 1), limit_100k=10.0),
    # Growth past 100k (1k -> 10k -> 100k -> 300k, one list file): once each, about 2 minutes
    # with the dataset. 1M (dupes alone 145 s, and its generation) would not fit in 10 minutes.
    Case("check", ("check",), sizes=("300k",), layouts=ONE, ok=(0, 1)),
    Case("dupes", ("dupes", "{slug}"), sizes=("300k",), layouts=ONE, ok=(0, 1)),
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
    ),
]
