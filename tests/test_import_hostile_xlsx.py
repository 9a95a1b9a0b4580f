"""Crafted .xlsx files end in a message naming the file, never a traceback, and the import
stays under 1 GiB of address space (issue 22): each is imported in a child process whose
RLIMIT_AS is 1 GiB."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.test_add import SLUG

LIMIT = 1 << 30
CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
sys.argv = ["endorse", *sys.argv[1:]]
from endorse.cli.entry import main
main()
"""


def workbook(folder: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Organisation name", "Email address"])
    sheet.append(["Org A", "a@org.example"])
    path = folder / "form.xlsx"
    book.save(path)
    return path


def replaced(path: Path, member: str, content: bytes) -> Path:
    """``path`` with one member's content replaced (or added), everything else as it was."""
    crafted = path.with_name("crafted.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(crafted, "w") as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info.filename), zipfile.ZIP_DEFLATED)
        target.writestr(member, content, zipfile.ZIP_DEFLATED)
    return crafted


def run(root: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD.format(limit=LIMIT),
            "import",
            SLUG,
            str(path),
            "--dry-run",
            "--group",
            "endorsers",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def sheet_with(cells: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + prolog
        + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + f"<sheetData>{cells}</sheetData></worksheet>"
    ).encode()


LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
    + "]>"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "member", "content", "why"),
    [
        (
            "entities",
            "xl/worksheets/sheet1.xml",
            sheet_with('<row r="1"><c r="A1" t="inlineStr"><is><t>&j;</t></is></c></row>', LAUGHS),
            "its XML declares entities, which endorse never expands",
        ),
        (
            "shared string index",
            "xl/worksheets/sheet1.xml",
            sheet_with('<row r="1"><c r="A1" t="s"><v>999</v></c></row>'),
            "IndexError",
        ),
        (
            "zip bomb",
            "xl/worksheets/sheet1.xml",
            sheet_with("<row/>" * 10) + b" " * (400 * 1024 * 1024),
            "would unpack",
        ),
        (
            "rows",
            "xl/worksheets/sheet1.xml",
            sheet_with("").replace(b"<sheetData>", b'<dimension ref="A1:B2000000"/><sheetData>'),
            "the sheet declares 2000000 rows",
        ),
    ],
)
def test_crafted_workbooks_are_refused_clearly(
    open_project: Path, tmp_path: Path, case: str, member: str, content: bytes, why: str
) -> None:
    path = replaced(workbook(tmp_path), member, content)
    done = run(open_project, path)
    assert done.returncode == 2, (case, done.stderr)
    assert done.stderr.startswith(f"endorse: error: {path}: not a readable .xlsx workbook ("), (
        case,
        done.stderr,
    )
    assert why in done.stderr
    assert "Traceback" not in done.stderr


def test_a_plain_workbook_still_reads_under_the_limit(open_project: Path, tmp_path: Path) -> None:
    done = run(open_project, workbook(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "dry run: would add 1" in done.stdout
