"""A cache of parsed and validated signatory files that cannot lie.

The user's cache folder (``~/.cache/endorse/``, or ``$XDG_CACHE_HOME/endorse/``) holds, for
each signatory file endorse has read, the parsed TOML and the validated tables, under a name
derived from the file's text (sha256), the endorse version and the Python version: an edited
file, another endorse or another Python simply looks up another name. Entries are named by
content, so projects share them safely. The cache lives outside every project: a repository
cannot plant a file, a link or a pipe among the entries (a project's own ``.endorse-cache/``,
where endorse kept them before, is neither read nor written any more). An entry is used only when

- its signature (HMAC-SHA256 with a key kept outside the project, in the user's cache folder)
  matches, so an entry committed to a repository, copied from another machine, truncated or
  edited by hand is ignored, never trusted;
- it names the same text hash and versions it is stored under;
- it decodes to the shapes written here (plain JSON; nothing is unpickled or executed), with
  every field of each model present.

Only files of at least MIN_CACHED_CHARS are stored. A table that failed validation is stored
as None and validated again on every read, so its problems are reported exactly as without the
cache; the file's other problems (its own keys, a public contact) are found again from the
parsed data, which is cheap. The name of an entry also depends on the source of the code that
parses and validates (format/ and project/), so a development checkout never reads entries an
older version of that code made. ``--no-cache`` or
``ENDORSE_NO_CACHE=1`` turns the cache off; a cache that cannot be written (a read-only
checkout) is silently skipped.

The same signed entries also hold computed findings (``stored_findings``/``keep_findings``,
under ``findings/``), keyed by a digest of everything the computation read: check/findings.py
keeps the duplicate engine's groups there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import hmac
import json
import os
import secrets
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from endorse import __version__
from endorse.errors import EndorseError
from endorse.format.problems import Problem
from endorse.format.tomlsource import MAX_FILE_BYTES, TomlSource, load, parse, read_bytes
from endorse.project.files import PRIVATE_MODE, replace_file

if TYPE_CHECKING:
    from pydantic import BaseModel

    from endorse.format.models import Distinct, Signatory

LEGACY_FOLDER = ".endorse-cache"  # where entries were kept in the project; never read now
ENTRIES_FOLDER = "entries"
NO_CACHE_ENV = "ENDORSE_NO_CACHE"
KEY_ENV = "ENDORSE_CACHE_KEY_DIR"  # where the signing key lives; tests point it at tmp_path
FORMAT = 2  # bump when the shape of an entry changes
# Below this size tomli parses a file faster than an entry is opened, checked and decoded
# (measured: 10,000 one-signer files load in 1.4 s CPU parsed, 1.7 s from entries).
MIN_CACHED_CHARS = 64 * 1024

_disabled_by_option = False
_key: bytes | None = None


def use_cache(wanted: bool) -> None:
    """``--no-cache`` (False): neither read nor write the cache in this process."""
    global _disabled_by_option
    _disabled_by_option = not wanted


def enabled() -> bool:
    return not _disabled_by_option and os.environ.get(NO_CACHE_ENV, "") in ("", "0")


_storing = True


@contextlib.contextmanager
def read_only() -> Iterator[None]:
    """Read entries but store none: for a text about to be replaced (the write path)."""
    global _storing
    before, _storing = _storing, False
    try:
        yield
    finally:
        _storing = before


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _tag() -> str:
    return f"{FORMAT}-{__version__}-{sys.implementation.cache_tag}-{sys.version}-{_code()}"


@functools.cache
def _code() -> str:
    """A digest of the source that parses, validates and loads (format/ and project/)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("format/*.py"), *package.glob("project/*.py")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _entry_path(digest: str) -> Path:
    name = hashlib.sha256(f"{_tag()}\n{digest}".encode()).hexdigest()
    return cache_folder() / ENTRIES_FOLDER / name[:2] / f"{name}.json"


def cache_folder() -> Path:
    """The user's endorse cache: the signing key, then the entries (never inside a project)."""
    chosen = os.environ.get(KEY_ENV) or os.environ.get("XDG_CACHE_HOME")
    return Path(chosen) / "endorse" if chosen else Path.home() / ".cache" / "endorse"


def _signing_key(*, create: bool) -> bytes | None:
    """A per-user secret: without it nobody can forge an entry that this user will accept."""
    global _key
    if _key is not None:
        return _key
    path = cache_folder() / "cache-key"
    try:
        key = bytes.fromhex(read_bytes(path, limit=256, follow_links=False).decode("ascii"))
        if len(key) == 32:
            _key = key
            return key
    except (EndorseError, ValueError):
        pass
    if not create:
        return None
    key = secrets.token_bytes(32)
    try:
        replace_file(
            path, key.hex().encode("ascii"), within=None, mode=PRIVATE_MODE, make_folder=True
        )
    except (OSError, EndorseError):
        return None
    _key = key
    return key


def _signature(key: bytes, payload: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


# The only dates a valid signatory table can hold (strict validation). In an entry, a date is
# written as its ISO text and read back as a date only in these fields of a signatory table;
# a file with a date anywhere else, or with text in one of these fields, is not cached.
DATE_FIELDS = ("added", "withdrawn", "reinstated")


def _encode(value: object) -> object:
    if type(value) is dt.date:
        return value.isoformat()
    raise TypeError(f"not cached: {type(value).__name__}")


def _dates_back(table: dict[str, Any]) -> None:
    for name in DATE_FIELDS:
        if table.get(name) is not None:
            table[name] = dt.date.fromisoformat(table[name])


def _dates_in(table: dict[str, Any]) -> int | None:
    """How many dates ``_dates_back`` must restore in ``table``; None when it cannot be exact."""
    found = 0
    for name in DATE_FIELDS:
        value = table.get(name)
        if type(value) is dt.date:
            found += 1
        elif value is not None:
            return None
    return found


def _plain(model: Signatory | Distinct | None) -> list[Any] | None:
    return None if model is None else [sorted(model.model_fields_set), dict(model.__dict__)]


M = TypeVar("M", bound="BaseModel")


def _construct(
    model: type[M], fields: Collection[str], fields_set: list[str], values: dict[str, Any]
) -> M:
    """What ``model_construct`` does, without its per-field default loop (ten times faster):
    only for values this module wrote from a validated instance, every field present."""
    if values.keys() != fields:
        raise ValueError("fields differ")
    instance = model.__new__(model)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", set(fields_set))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


@dataclass
class Validated:
    """What validating a signatory file's tables made, table by table: the model, or None for
    a table that failed validation (it is validated again, so that its problems are reported),
    and the line of each table's header."""

    signatories: list[Signatory | None]
    signatory_lines: list[int | None]
    distinct: list[Distinct | None]
    distinct_lines: list[int | None]


def load_signatory_file(
    path: Path, *, within: Path | None, preloaded: TomlSource | Problem | None = None
) -> tuple[TomlSource | Problem, Validated | None]:
    """Read ``path`` and take its parse and validation from the cache when an entry for the
    same text is there; else parse it (or take ``preloaded``, what ``load`` already made of it
    in another process). The second value is None when not cached."""
    if preloaded is not None:
        return preloaded, None
    hit: Validated | None = None

    def parse_or_reuse(shown: Path, text: str) -> TomlSource | Problem:
        nonlocal hit
        found = _cached(within, text)
        if found is None:
            return parse(shown, text)
        data, hit = found
        return TomlSource(path=shown, text=text, data=data)

    return load(path, within=within, parser=parse_or_reuse), hit


def store_validated(root: Path | None, source: TomlSource, validated: Validated) -> None:
    """Cache what validating ``source`` made, table by table: no second validation."""
    if not _storing or root is None or not _worth_caching(root, source.text):
        return
    _store(root, source, validated)


def _worth_caching(root: Path | None, text: str) -> bool:
    return root is not None and len(text) >= MIN_CACHED_CHARS and enabled()


def _cached(root: Path | None, text: str) -> tuple[dict[str, Any], Validated] | None:
    if root is None or not _worth_caching(root, text):
        return None
    digest = text_hash(text)
    payload = _read_signed(_entry_path(digest))
    if payload is None:
        return None
    from endorse.format.models import Distinct, Signatory

    try:
        entry = json.loads(payload)
        if entry["tag"] != _tag() or entry["text"] != digest:
            return None
        data = entry["data"]
        for table in data.get("signatory", ()):
            _dates_back(table)
        signatories: list[Signatory | None] = []
        signatory_fields = Signatory.model_fields.keys()
        distinct_fields = Distinct.model_fields.keys()
        for stored in entry["signatory"]:
            if stored is None:
                signatories.append(None)
                continue
            fields, values = stored
            _dates_back(values)
            signatories.append(_construct(Signatory, signatory_fields, fields, values))
        validated = Validated(
            signatories=signatories,
            signatory_lines=_lines(entry["signatory_lines"], len(signatories)),
            distinct=[
                None if stored is None else _construct(Distinct, distinct_fields, *stored)
                for stored in entry["distinct"]
            ],
            distinct_lines=_lines(entry["distinct_lines"], len(entry["distinct"])),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return (data, validated) if isinstance(data, dict) else None


def _lines(stored: Any, count: int) -> list[int | None]:
    if not isinstance(stored, list) or len(stored) != count:
        raise ValueError("lines differ")
    if not all(line is None or type(line) is int for line in stored):
        raise ValueError("not lines")
    return stored


def _store(root: Path | None, source: TomlSource, validated: Validated) -> None:
    """Keep what validating a file made; any failure to write leaves the cache as it was."""
    if root is None or not _worth_caching(root, source.text):
        return
    tables = source.data.get("signatory", [])
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        return
    expected = 0
    for table in tables:
        found = _dates_in(table)
        if found is None:
            return  # text where a date is read back: decoding could not tell them apart
        expected += found
    for signatory in validated.signatories:
        if signatory is not None:
            found = _dates_in(signatory.__dict__)
            if found is None:
                return
            expected += found
    digest = text_hash(source.text)
    dates = 0

    def encode(value: object) -> object:
        nonlocal dates
        dates += 1
        return _encode(value)

    try:
        payload = json.dumps(
            {
                "tag": _tag(),
                "text": digest,
                "signatory": [_plain(signatory) for signatory in validated.signatories],
                "signatory_lines": validated.signatory_lines,
                "distinct": [_plain(pair) for pair in validated.distinct],
                "distinct_lines": validated.distinct_lines,
                "data": source.data,
            },
            ensure_ascii=False,
            default=encode,
            separators=(",", ":"),
        ).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return  # a value JSON cannot carry exactly (a datetime, a time): not cached
    if dates != expected:
        return  # a date outside the fields that decoding turns back into dates: not cached
    _write_signed(_entry_path(digest), payload)


# An entry holds a file's data twice (parsed, validated) as JSON: a few times the file's size.
MAX_ENTRY_BYTES = 4 * MAX_FILE_BYTES


def _read_signed(path: Path) -> bytes | None:
    """The payload of an entry this user signed; None for anything else (a link, a pipe, a
    device or a file over MAX_ENTRY_BYTES is not even read)."""
    key = _signing_key(create=False)
    if key is None:
        return None
    try:
        raw = read_bytes(path, limit=MAX_ENTRY_BYTES, follow_links=False)
    except EndorseError:
        return None
    signature, _, payload = raw.partition(b"\n")
    if not hmac.compare_digest(signature, _signature(key, payload).encode("ascii")):
        return None
    return payload


def _write_signed(path: Path, payload: bytes) -> None:
    """Write atomically (``project.files``: a temporary name from tempfile, never through a
    link); any failure to write leaves the cache as it was."""
    key = _signing_key(create=True)
    if key is None:
        return
    signed = _signature(key, payload).encode("ascii") + b"\n" + payload
    try:
        replace_file(path, signed, within=None, mode=PRIVATE_MODE, durable=False, make_folder=True)
    except (OSError, EndorseError):
        return


FINDINGS_FOLDER = "findings"


def _findings_path(key: str) -> Path:
    name = hashlib.sha256(f"{_tag()}\nfindings\n{key}".encode()).hexdigest()
    return cache_folder() / FINDINGS_FOLDER / f"{name}.json"


def stored_findings(root: Path, key: str) -> Any | None:
    """What ``keep_findings`` stored under ``key`` (a digest of everything the computation
    read), if this user signed it for this endorse and this Python; else None."""
    if not enabled():
        return None
    payload = _read_signed(_findings_path(key))
    if payload is None:
        return None
    try:
        entry = json.loads(payload)
        if entry["tag"] != _tag() or entry["key"] != key:
            return None
        return entry["value"]
    except (ValueError, KeyError, TypeError):
        return None


def keep_findings(root: Path, key: str, value: object) -> None:
    """Store ``value`` (plain JSON: lists, strings, numbers) under ``key``."""
    if not enabled():
        return
    try:
        payload = json.dumps(
            {"tag": _tag(), "key": key, "value": value},
            ensure_ascii=False,
            allow_nan=False,
            separators=(",", ":"),
        ).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return
    _write_signed(_findings_path(key), payload)
