"""A signatory's logo, read and verified in one place: ``check`` reports what this finds (E8xx)
and ``render`` refuses to embed a logo this finds anything wrong with.

A logo is a file the repository names, so a pull request controls it. It is read like every such
file (``read_bytes`` with the project as its bound): never through a link that leaves the project,
never a device or a pipe, never more than LOGO_MAX_BYTES. Its real type is told from its bytes,
never from its suffix; its size in pixels is read from its header for every type; an SVG
is refused when it holds anything that runs or loads (a script, an event handler, a
foreignObject, a reference to another file or address, a DOCTYPE or an entity).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from endorse.errors import EndorseError
from endorse.format.models import LOGO_FOLDER, LOGO_MAX_BYTES, LOGO_TYPES
from endorse.format.problems import CODES
from endorse.format.tomlsource import UnreadableFile, read_bytes

# A logo prints about 3 cm wide; a picture far larger than print needs only bloats the files.
LOGO_MAX_PIXELS = 4000

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_NAMES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/svg+xml": "SVG"}


@dataclass(frozen=True)
class LogoFault:
    """What is wrong with a logo: its code, what follows "logo 'X' of 'NAME' ", and a hint."""

    code: str
    detail: str
    hint: str


def verify_logo(root: Path, logo: str) -> bytes | LogoFault:
    """The bytes of ``logo`` (a path like ``logos/x.png`` from a signatory table) when it is a
    safe image of the type its suffix says, within every limit; else what is wrong."""
    parts = PurePosixPath(logo).parts
    if len(parts) < 2 or parts[0] != LOGO_FOLDER or ".." in parts or "\\" in logo:
        return LogoFault(
            "E805",
            f"is not in the {LOGO_FOLDER}/ folder",
            f"put the file in {LOGO_FOLDER}/ at the project's root and write "
            f'logo = "{LOGO_FOLDER}/<file>"',
        )
    suffix = PurePosixPath(logo).suffix.lower()
    mime = LOGO_TYPES.get(suffix)
    if mime is None:
        return LogoFault(
            "E803",
            "is not a PNG, JPEG or SVG file",
            "save the logo as .png, .jpg or .svg (PNG or JPEG also shows in Word)",
        )
    path = root / logo
    if not os.path.lexists(path):
        return LogoFault(
            "E801",
            "does not exist",
            f"add the file to {LOGO_FOLDER}/ (names are case-sensitive), or fix the path",
        )
    try:
        data = read_bytes(path, within=root, limit=LOGO_MAX_BYTES)
    except UnreadableFile as exc:
        return _unreadable(exc, path)
    found = _sniff(data)
    if found != mime:
        real = f"; its bytes are {_NAMES[found]}" if found in _NAMES else ""
        return LogoFault(
            "E802",
            f"is not a readable {_NAMES[mime]} image{real}",
            "open and re-save it in an image editor, or give it the suffix of its real type",
        )
    if mime == "image/svg+xml":
        unsafe = svg_danger(data)
        if unsafe is not None:
            return LogoFault(
                "E808",
                f"is an SVG that {unsafe}; endorse does not embed it",
                "export the logo again as plain SVG (no scripts, links or embedded files), "
                "or save it as PNG",
            )
        return data
    size = _png_size(data) if mime == "image/png" else _jpeg_size(data)
    if size is None:
        return LogoFault(
            "E802",
            f"is not a readable {_NAMES[mime]} image (its header is damaged)",
            "open and re-save it in an image editor",
        )
    width, height = size
    if max(width, height) > LOGO_MAX_PIXELS:
        return LogoFault(
            "E804",
            f"is {width} × {height} pixels; the limit is {LOGO_MAX_PIXELS} a side",
            "scale it down (600 pixels wide are plenty for print) or use SVG",
        )
    return data


def read_logo(root: Path, logo: str) -> bytes:
    """The bytes ``render`` embeds; a logo ``check`` finds anything wrong with is refused."""
    found = verify_logo(root, logo)
    if isinstance(found, LogoFault):
        raise EndorseError(
            f"cannot use this logo: it {found.detail} ({found.code} {CODES[found.code]})",
            path=Path(logo),
            hint=f"{found.hint}; 'endorse check' lists every logo problem",
        )
    return found


def _unreadable(exc: UnreadableFile, path: Path) -> LogoFault:
    if exc.kind in ("outside", "loop"):
        return LogoFault(
            "E806",
            "is a symbolic link that leads outside the project (or to itself); "
            "endorse does not follow it",
            "replace the link with the image file itself",
        )
    if exc.kind == "special":
        return LogoFault(
            "E807",
            "is not a regular file (a device, a pipe or a folder)",
            "replace it with the image file itself",
        )
    if exc.kind == "large":
        return LogoFault(
            "E804",
            f"is over {LOGO_MAX_BYTES:,} bytes, the limit",
            "shrink it (a logo prints about 3 cm wide: 600 pixels are plenty) or use SVG",
        )
    return LogoFault("E802", f"cannot be read: {exc.message}", "check the file's permissions")


def _sniff(data: bytes) -> str | None:
    """The image type the bytes hold, whatever the file's name says."""
    if data.startswith(_PNG):
        return "image/png"
    if data.startswith(_JPEG):
        return "image/jpeg"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.lower().startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")) and b"<svg" in data:
        return "image/svg+xml"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the IHDR chunk, which the PNG standard puts first, 13 bytes long."""
    if len(data) < 33 or data[8:16] != b"\x00\x00\x00\x0dIHDR":
        return None
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return (width, height) if width and height else None


# Start-of-frame markers (baseline, progressive, lossless, arithmetic...): all but DHT (C4),
# JPG (C8) and DAC (CC), which share the range.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset(range(0xD0, 0xD8)) | {0x01}  # RSTn, TEM: no length follows


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame segment, walking the segments from SOI;
    None when the frame comes after the scan, or the segments do not add up."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in _STANDALONE:
            at += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, or a scan before any frame
            return None
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if length < 2:
            return None
        if marker in _SOF:
            if length < 7 or at + 9 > len(data):
                return None
            height = int.from_bytes(data[at + 5 : at + 7], "big")
            width = int.from_bytes(data[at + 7 : at + 9], "big")
            return (width, height) if width and height else None
        at += 2 + length
    return None


_SVG_REFUSED_TAGS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler"})
_REFERENCE_ATTRIBUTES = frozenset({"href", "src", "xml:base"})
# url(...) that is not a reference inside the file (url(#id), url( '#id' )), or an @import.
_CSS_REFERENCE = re.compile(r"@import|url\s*\((?!\s*['\"]?\s*#)", re.IGNORECASE)


def svg_danger(data: bytes) -> str | None:
    """What makes an SVG unsafe to embed (in words, for the message); None when it is safe.

    Parsed without any DTD: a DOCTYPE (where entities are declared) is refused before parsing.
    """
    import xml.etree.ElementTree as ElementTree

    lowered = data.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        return "declares a DOCTYPE or an entity"
    if b"<?xml-stylesheet" in lowered:
        return "loads a style sheet"
    try:
        tree = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "is not well-formed XML"
    except RecursionError:
        return "is nested too deeply"
    if _local(tree.tag) != "svg":
        return "does not start with <svg>"
    for element in tree.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag in _SVG_REFUSED_TAGS:
            return f"holds a <{tag}> element"
        if tag == "style" and _css_danger(element.text or ""):
            return "loads a style sheet or a file from its CSS"
        for name, value in element.attrib.items():
            attribute = _local(name)
            if attribute.startswith("on"):
                return f"has an event handler ({attribute})"
            if attribute in _REFERENCE_ATTRIBUTES and not value.strip().startswith("#"):
                return "refers to another file or address"
            if _css_danger(value):
                return "loads a file from its CSS"
            if attribute == "attributename" and value.strip().lower().endswith("href"):
                return "changes a reference as it animates"
    return None


def _css_danger(text: str) -> bool:
    """A url() or @import, also when written with CSS escapes (``u\\72l(``): any backslash."""
    return "\\" in text or _CSS_REFERENCE.search(text) is not None


def _local(name: str) -> str:
    """A tag or attribute name without its namespace, lowercase."""
    local = name.rsplit("}", 1)[-1].lower()
    return "xml:base" if name == "{http://www.w3.org/XML/1998/namespace}base" else local
