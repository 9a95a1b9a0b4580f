"""`endorse withdraw`: mark the entry withdrawn in place, never delete it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from endorse.edit.signers import entry_named, is_live
from endorse.edit.store import LOCK_WAIT_SECONDS, Changed, editing
from endorse.errors import EndorseError, WriteRefused
from endorse.format.models import Signatory
from endorse.format.validation import describe


def withdraw(
    root: Path,
    slug: str,
    name: str,
    *,
    reason: str | None = None,
    line: str | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
    wait: float = LOCK_WAIT_SECONDS,
) -> Changed:
    """Mark the entry withdrawn today; the diff shows it, like every other edit."""
    today = today or dt.date.today()
    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
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
        return edit.changed([f"withdrew '{signatory.name}' on {today} ({entry.location})"])
