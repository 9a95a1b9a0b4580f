"""Where a project keeps its files: one place names every path endorse reads or writes."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from endorse.errors import UsageError
from endorse.format.tomlsource import read_folder

STATEMENTS = "statements"
SIGNATORIES = "signatories"
ROOT_ENV = "ENDORSE_ROOT"
PRIVATE_SUFFIX = ".private.toml"

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NUMBERED = re.compile(r"^(?P<base>.+?)-\d+$")
MAX_LENGTH = 80


def find_root(explicit: Path | None = None, start: Path | None = None) -> Path:
    """``--root``, else ENDORSE_ROOT, else the nearest folder upwards holding statements/,
    no further up than the git repository the search starts in (``endorse init`` in a new
    repository starts a project there, never in a project that happens to lie above it)."""
    chosen = explicit or (Path(os.environ[ROOT_ENV]) if os.environ.get(ROOT_ENV) else None)
    if chosen is not None:
        if not (chosen / STATEMENTS).is_dir():
            raise UsageError(
                f"no {STATEMENTS}/ folder in {chosen}",
                hint="point --root (or ENDORSE_ROOT) at the folder that holds statements/",
            )
        return chosen
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / STATEMENTS).is_dir():
            return folder
        if (folder / ".git").exists():
            break  # a project never reaches beyond its git repository into another one
    raise UsageError(
        f"no {STATEMENTS}/ folder in {here} or any folder above it",
        hint="run endorse inside a project, pass --root DIR, or create one with 'endorse init'",
    )


def relative(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def no_such_statement(root: Path, slug: str) -> UsageError:
    """The error for a slug that names no statement, listing the ones there are."""
    folder = root / STATEMENTS
    known = sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []
    return UsageError(
        f"no statement '{slug}'",
        path=folder,
        hint="statements here: " + (", ".join(known) or "none yet"),
    )


def statement_file(root: Path, slug: str) -> Path:
    return root / STATEMENTS / f"{slug}.toml"


def list_file(root: Path, slug: str) -> Path:
    """The statement's signatory list: signatories/<slug>.toml."""
    return root / SIGNATORIES / f"{slug}.toml"


def signer_folder(root: Path, slug: str) -> Path:
    """Where one-file-per-signer statements keep their files: signatories/<slug>/."""
    return root / SIGNATORIES / slug


def private_file(root: Path, slug: str) -> Path:
    """The git-ignored file of private fields: signatories/<slug>.private.toml."""
    return root / SIGNATORIES / f"{slug}{PRIVATE_SUFFIX}"


def journal_file(root: Path, slug: str) -> Path:
    """What a write to several files will do, kept until all of them are written: a write
    killed halfway is finished from it. It may hold contacts, so it ends like a private file
    (git-ignored, readable by its owner only)."""
    return root / SIGNATORIES / f".{slug}.journal{PRIVATE_SUFFIX}"


def signatory_paths(root: Path, slug: str) -> list[Path]:
    """The list file first, then one-file-per-signer files in name order."""
    paths = []
    single = list_file(root, slug)
    # Anything named like a signatory file but a folder is read, and refused there if it is a
    # device, a pipe or a dangling link: skipping it would publish a list without its signers.
    if single.exists() or single.is_symlink():
        paths.append(single)
    per_signer = signer_folder(root, slug)
    if per_signer.is_dir():
        # A sub-folder is listed too, and refused when read: its files would be skipped.
        listed = read_folder(per_signer, within=root)  # never a folder elsewhere, by a link
        paths.extend(p for p in listed if p.suffix == ".toml" or p.is_dir())
    return paths


def signer_file_stem(name: str) -> str:
    """ASCII, lowercase, hyphens: the same on every file system, and case never tells two apart.

    A name with no Latin letters (Khmer, say) gets a stable hash of its text instead.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:MAX_LENGTH].rstrip("-")
    if stem:
        return stem
    digest = hashlib.sha256(unicodedata.normalize("NFC", name).casefold().encode()).hexdigest()
    return f"signer-{digest[:12]}"


def named_for(stem: str, name: str) -> bool:
    """Whether a one-file-per-signer file named ``stem`` fits a signer named ``name``: its
    ``signer_file_stem``, or that and a number (``org-2``) when two signers share the name."""
    expected = signer_file_stem(name)
    numbered = _NUMBERED.match(stem)
    return stem == expected or (numbered is not None and numbered["base"] == expected)
