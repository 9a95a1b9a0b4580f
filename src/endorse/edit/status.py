"""`endorse open`, `close` and `publish`: where a statement is in its life (its ``status``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from endorse.edit.store import LOCK_WAIT_SECONDS, Changed, editing
from endorse.errors import WriteRefused

# The status each command sets, and what it means for people.
STATUSES = {
    "open": "takes signatures",
    "closed": "takes no more signatures",
    "published": "is published: its text is frozen",
}


def set_status(
    root: Path,
    slug: str,
    status: str,
    *,
    deadline: dt.date | None = None,
    force: bool = False,
    dry_run: bool = False,
    wait: float = LOCK_WAIT_SECONDS,
) -> Changed:
    """Set the statement's status (and deadline); publishing refuses pending entries or problems."""
    from endorse.check.run import check_project
    from endorse.project.load import load_project

    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
        loaded = edit.loaded
        statement = loaded.require()
        if deadline is not None:
            if deadline == statement.deadline and statement.status == status:
                raise WriteRefused(
                    f"statement '{slug}' is already {status} until {deadline}; nothing was written",
                    path=loaded.path,
                )
            edit.set_top_keys(root / loaded.path, {"status": status, "deadline": deadline})
            return edit.changed(
                [f"statement '{slug}' {STATUSES[status]} until {deadline} (was {statement.status})"]
            )
        if statement.status == status:
            raise WriteRefused(
                f"statement '{slug}' is already {status}; nothing was written", path=loaded.path
            )
        if status == "published" and not force:
            pending = [e for e in loaded.entries if e.signatory.status == "pending"]
            if pending:
                where = "; ".join(f"'{e.signatory.name}' ({e.location})" for e in pending[:3])
                more = f" and {len(pending) - 3} more" if len(pending) > 3 else ""
                raise WriteRefused(
                    f"not published: {len(pending)} pending: {where}{more}",
                    path=loaded.path,
                    hint=f"confirm them ('endorse confirm {slug} --all-pending') or withdraw "
                    "them, or publish anyway with --force",
                )
            errors = check_project(load_project(root, only=[slug])).errors
            if errors:
                first = errors[0]
                raise WriteRefused(
                    f"not published: 'endorse check' finds {len(errors)} error(s), the first: "
                    f"{first.message}",
                    path=first.path or loaded.path,
                    line=first.line,
                    hint="fix them (run 'endorse check'), or publish anyway with --force",
                )
        edit.set_top_keys(root / loaded.path, {"status": status})
        was = statement.status
        return edit.changed([f"statement '{slug}' {STATUSES[status]} (was {was})"])
