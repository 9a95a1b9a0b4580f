"""`endorse withdraw`: mark the entry withdrawn in place, never delete it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from endorse.edit.signers import entry_named, is_live
from endorse.edit.store import LOCK_WAIT_SECONDS, editing
from endorse.errors import EndorseError, WriteRefused
from endorse.format.models import Signatory
from endorse.format.validation import describe


@dataclass(frozen=True)
class Withdrawal:
    name: str
    path: Path
    line: int | None
    date: dt.date


def withdraw(
    root: Path,
    slug: str,
    name: str,
    *,
    reason: str | None = None,
    line: str | None = None,
    today: dt.date | None = None,
    wait: float = LOCK_WAIT_SECONDS,
) -> Withdrawal:
    today = today or dt.date.today()
    with editing(root, slug, wait=wait) as edit:
        loaded = edit.loaded
        loaded.require()
        entry = entry_named(loaded, name, line=line, prefer=is_live)
        signatory = entry.signatory
        if signatory.status == "withdrawn":
            when = f" on {signatory.withdrawn}" if signatory.withdrawn else ""
            raise WriteRefused(
                f"'{signatory.name}' was already withdrawn{when}; nothing was written",
                path=entry.path,
                line=entry.line,
            )
        updates: dict[str, Any] = {"status": "withdrawn", "withdrawn": today}
        if reason and reason.strip():
            updates["withdrawn_reason"] = reason.strip()
        try:
            Signatory.model_validate({**signatory.model_dump(exclude_none=True), **updates})
        except ValidationError as exc:
            problem = describe(exc, Signatory)[0]
            raise EndorseError(
                f"not withdrawn: {problem.message}", path=entry.path, line=entry.line
            ) from None
        edit.set_keys(root / entry.path, "signatory", entry.line, updates)
        return Withdrawal(signatory.name, entry.path, entry.line, today)
