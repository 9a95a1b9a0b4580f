"""`endorse add`: one signatory, validated like `check` does, refused when a likely duplicate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from endorse.edit.signers import (
    Invalid,
    NewSignatory,
    build_signatory,
    duplicate_reason,
    require_open,
    signatory_table,
    text_warnings,
    write_signatories,
)
from endorse.edit.store import LOCK_WAIT_SECONDS, editing, table_text
from endorse.errors import WriteRefused
from endorse.format.models import Signatory
from endorse.matching import match_candidate
from endorse.project.paths import list_file, relative

__all__ = ["Addition", "NewSignatory", "add_signatory"]


@dataclass(frozen=True)
class Addition:
    """What was (or, in a dry run, would be) written."""

    signatory: Signatory
    path: Path  # shown path, relative to the root where possible
    line: int
    text: str
    private_path: Path | None = None
    private_text: str | None = None
    written: bool = True
    warnings: tuple[str, ...] = ()  # what check would warn about (W4xx); refused with strict


def add_signatory(
    root: Path,
    slug: str,
    wanted: NewSignatory,
    *,
    force: bool = False,
    dry_run: bool = False,
    file_per_signer: bool = False,
    today: dt.date | None = None,
    wait: float = LOCK_WAIT_SECONDS,
    strict: bool = False,
) -> Addition:
    """Validate, refuse duplicates, then write under the statement's lock."""
    today = today or dt.date.today()
    # Loaded again under the lock: another writer may have added this very name meanwhile.
    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
        loaded = edit.loaded
        statement = loaded.require()
        shown_list = relative(list_file(root, slug), root)
        try:
            signatory, contact = build_signatory(wanted, statement, slug, today=today)
        except Invalid as error:
            raise Invalid(f"not added: {error.message}", path=shown_list, hint=error.hint) from None
        warnings = tuple(text_warnings(signatory, shown_list))
        if strict and warnings:
            raise WriteRefused(
                f"not added: {warnings[0]}",
                path=shown_list,
                hint="retype the name as check would accept it, or add it without --strict "
                "(check --strict would then fail on it)",
            )
        if not force:
            require_open(
                loaded, hint="use --force to add to it anyway, or run 'endorse open'", today=today
            )
            matches = match_candidate(loaded, signatory)
            if matches:
                message, hint = duplicate_reason(signatory, matches)
                raise WriteRefused(f"not added: {message}", path=shown_list, hint=hint)
        [written] = write_signatories(edit, [(signatory, contact)], file_per_signer=file_per_signer)
        private = next((p for p in edit.paths if p != written.path), None)
        return Addition(
            signatory=signatory,
            path=edit.shown(written.path),
            line=written.line,
            text=table_text("signatory", signatory_table(signatory)),
            private_path=edit.shown(private) if private else None,
            private_text=edit.text_of(private) if private else None,
            written=not dry_run,
            warnings=warnings,
        )
