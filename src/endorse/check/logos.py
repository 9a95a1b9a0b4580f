"""Signatories' logos (E8xx): each names a PNG, JPEG or SVG file under logos/ that can be read."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from endorse.format.models import LOGO_FOLDER, LOGO_MAX_BYTES, LOGO_TYPES
from endorse.format.problems import Problem
from endorse.project.model import Entry, LoadedStatement

# What the first bytes of each type look like, so a misnamed or broken file is caught here.
_SIGNATURES = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
_SVG_PROBE = 2048
# A logo prints about 3 cm wide; a picture far larger than print needs only bloats the files.
LOGO_MAX_PIXELS = 4000


def check_logos(loaded: LoadedStatement, root: Path) -> list[Problem]:
    problems = []
    for entry in loaded.entries:
        logo = entry.signatory.logo
        if logo is not None:
            problem = _logo_problem(entry, logo, root)
            if problem is not None:
                problems.append(problem)
    return problems


def _problem(code: str, message: str, entry: Entry, hint: str) -> Problem:
    return Problem(code, message, path=entry.path, line=entry.line, hint=hint)


def _logo_problem(entry: Entry, logo: str, root: Path) -> Problem | None:
    name = entry.signatory.name
    parts = PurePosixPath(logo).parts
    if len(parts) < 2 or parts[0] != LOGO_FOLDER or ".." in parts or "\\" in logo:
        return _problem(
            "E805",
            f"logo '{logo}' of '{name}' is not in the {LOGO_FOLDER}/ folder",
            entry,
            f"put the file in {LOGO_FOLDER}/ at the project's root and write "
            f'logo = "{LOGO_FOLDER}/<file>"',
        )
    suffix = PurePosixPath(logo).suffix.lower()
    mime = LOGO_TYPES.get(suffix)
    if mime is None:
        return _problem(
            "E803",
            f"logo '{logo}' of '{name}' is not a PNG, JPEG or SVG file",
            entry,
            "save the logo as .png, .jpg or .svg (PNG or JPEG also shows in Word)",
        )
    path = root / logo
    if not path.is_file():
        return _problem(
            "E801",
            f"logo '{logo}' of '{name}' does not exist",
            entry,
            f"add the file to {LOGO_FOLDER}/ (names are case-sensitive), or fix the path",
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            start = handle.read(_SVG_PROBE)
    except OSError as exc:
        return _problem(
            "E802",
            f"logo '{logo}' of '{name}' cannot be read: {exc.strerror}",
            entry,
            "check the file's permissions",
        )
    if size > LOGO_MAX_BYTES:
        return _problem(
            "E804",
            f"logo '{logo}' of '{name}' is {size:,} bytes; the limit is {LOGO_MAX_BYTES:,}",
            entry,
            "shrink it (a logo prints about 3 cm wide: 600 pixels are plenty) or use SVG",
        )
    if not _looks_like(start, mime):
        return _problem(
            "E802",
            f"logo '{logo}' of '{name}' is not a readable {suffix[1:].upper()} image",
            entry,
            "open and re-save it in an image editor, or give it the suffix of its real type",
        )
    width, height = _png_size(start) if mime == "image/png" else (0, 0)
    if max(width, height) > LOGO_MAX_PIXELS:
        return _problem(
            "E804",
            f"logo '{logo}' of '{name}' is {width} × {height} pixels; the limit is "
            f"{LOGO_MAX_PIXELS} a side",
            entry,
            "scale it down (600 pixels wide are plenty for print) or use SVG",
        )
    return None


def _png_size(start: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (the IHDR chunk right after the signature)."""
    if len(start) < 24 or start[12:16] != b"IHDR":
        return 0, 0
    return int.from_bytes(start[16:20], "big"), int.from_bytes(start[20:24], "big")


def _looks_like(start: bytes, mime: str) -> bool:
    if mime == "image/svg+xml":
        return b"<svg" in start
    return start.startswith(_SIGNATURES[mime])
