"""`endorse distinct`: record a reviewed pair of look-alike names as different signers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from endorse.edit.signers import entry_named, is_live
from endorse.edit.store import LOCK_WAIT_SECONDS, editing
from endorse.errors import EndorseError, WriteRefused, location
from endorse.format.models import Distinct
from endorse.format.validation import describe
from endorse.project.names import fold
from endorse.project.paths import list_file, relative


@dataclass(frozen=True)
class Recorded:
    names: tuple[str, str]
    path: Path
    line: int


def record_distinct(
    root: Path,
    slug: str,
    first: str,
    second: str,
    *,
    reason: str | None = None,
    wait: float = LOCK_WAIT_SECONDS,
) -> Recorded:
    with editing(root, slug, wait=wait) as edit:
        loaded = edit.loaded
        loaded.require()
        target = list_file(root, slug)
        shown = relative(target, root)
        one = entry_named(loaded, first, prefer=is_live)
        other = entry_named(loaded, second, prefer=is_live)
        if one is other:
            raise WriteRefused(
                f"'{first}' and '{second}' are the same entry ({one.location})",
                path=shown,
                hint="give the names of two different entries",
            )
        names = (one.signatory.name, other.signatory.name)
        pair = {fold(name) for name in names}
        for recorded in loaded.distinct:
            if {fold(name) for name in recorded.distinct.names} >= pair:
                where = location(recorded.path, recorded.line)
                raise WriteRefused(
                    f"'{names[0]}' and '{names[1]}' are already recorded as distinct ({where})",
                    path=shown,
                )
        data: dict[str, Any] = {"names": list(names)}
        if reason and reason.strip():
            data["reason"] = reason.strip()
        try:
            Distinct.model_validate(data)
        except ValidationError as exc:
            problem = describe(exc, Distinct)[0]
            raise EndorseError(f"not recorded: {problem.message}", path=shown) from None
        line = edit.append(target, "distinct", [data])
        return Recorded(names, shown, line)
