"""`endorse open`, `close` and `publish`: where a statement is in its life (its ``status``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from endorse.edit.init import BODY_PLACEHOLDER
from endorse.edit.store import LOCK_WAIT_SECONDS, Changed, editing
from endorse.errors import WriteRefused
from endorse.project.model import LoadedStatement

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
        if status == "published":
            require_text_and_date(loaded)
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
            require_dated_before(loaded)
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


def require_text_and_date(loaded: LoadedStatement) -> None:
    """What no coalition means to publish, even with --force, each with the command that fixes
    it: the body `init` wrote, and no date."""
    statement = loaded.require()
    slug = loaded.slug
    if statement.body.strip() == BODY_PLACEHOLDER:
        raise WriteRefused(
            "not published: the body is still the placeholder 'endorse init' wrote",
            path=loaded.path,
            hint=f"write the text in a file, then 'endorse statement {slug} --body-file FILE'",
        )
    if statement.date is None:
        raise WriteRefused(
            "not published: the statement has no date",
            path=loaded.path,
            hint=f"give it one: 'endorse statement {slug} --date YYYY-MM-DD'",
        )


def require_dated_before(loaded: LoadedStatement) -> None:
    """Entries added after the statement's date (check's E602 once published), with the two
    commands that fix them."""
    statement = loaded.require()
    slug = loaded.slug
    if statement.date is None:
        return
    late = [
        e
        for e in loaded.entries
        if e.signatory.added is not None and e.signatory.added > statement.date
    ]
    if late:
        first = late[0]
        more = f" and {len(late) - 1} more" if len(late) > 1 else ""
        raise WriteRefused(
            f"not published: '{first.signatory.name}' ({first.location}){more} added after "
            f"the statement's date {statement.date}",
            path=loaded.path,
            hint=f'correct the day they signed (\'endorse edit {slug} "{first.signatory.name}" '
            f"--added YYYY-MM-DD') or the statement's date ('endorse statement {slug} --date "
            "YYYY-MM-DD'), or publish anyway with --force",
        )
