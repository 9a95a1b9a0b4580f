"""`endorse remove`: an entry added by mistake, gone before anyone saw it printed.

Only for an entry never published: while the statement is published, or when git shows a
published version of the statement that printed the entry, removal is refused and `withdraw`
named instead (a published list only ever marks a signer withdrawn). The entry's private
contact goes in the same atomic step, so that no contact outlives its signer.
"""

from __future__ import annotations

from pathlib import Path

from endorse.edit.signers import entry_named, private_index
from endorse.edit.store import LOCK_WAIT_SECONDS, Changed, editing
from endorse.errors import WriteRefused
from endorse.project.model import Entry
from endorse.project.names import fold
from endorse.project.paths import private_file, relative, signer_folder, statement_file


def remove(
    root: Path,
    slug: str,
    name: str,
    *,
    line: str | None = None,
    dry_run: bool = False,
    wait: float = LOCK_WAIT_SECONDS,
) -> Changed:
    with editing(root, slug, dry_run=dry_run, wait=wait) as edit:
        loaded = edit.loaded
        statement = loaded.require()
        entry = entry_named(loaded, name, line=line)
        shown = entry.signatory.name
        withdraw = f'endorse withdraw {slug} "{shown}"'
        if statement.status == "published":
            raise WriteRefused(
                f"not removed: statement '{slug}' is published, and '{shown}' with it",
                path=entry.path,
                line=entry.line,
                hint=f"a published signer is withdrawn, never removed: {withdraw}",
            )
        published = published_in_history(root, slug, entry)
        if published is not None:
            raise WriteRefused(
                f"not removed: '{shown}' was printed when statement '{slug}' was published "
                f"(commit {published[:12]})",
                path=entry.path,
                line=entry.line,
                hint=f"a published signer is withdrawn, never removed: {withdraw}",
            )
        path = root / entry.path
        done = [f"removed '{shown}' ({entry.location})"]
        _remove_contact(edit, entry, done)
        edit.remove_table(path, "signatory", entry.line)
        if path.parent == signer_folder(root, slug) and not set(edit.data(path)) - {"schema"}:
            edit.delete(path)  # not a file left holding only `schema = 1`
            done.append(f"deleted its file {entry.path}")
        return edit.changed(done)


def _remove_contact(edit: object, entry: Entry, done: list[str]) -> None:
    """The entry's private table goes too, unless another entry of its name reads it."""
    from endorse.edit.store import Edit

    assert isinstance(edit, Edit)
    index = private_index(edit, entry.signatory.name)
    if index is None:
        return
    same = fold(entry.signatory.name)
    if any(e is not entry and fold(e.signatory.name) == same for e in edit.loaded.entries):
        return
    path = private_file(edit.root, edit.loaded.slug)
    edit.remove_table(path, "signatory", edit.table_line(path, "signatory", index))
    done.append(f"removed its private fields ({relative(path, edit.root)})")


def published_in_history(root: Path, slug: str, entry: Entry) -> str | None:
    """The commit of a published version of the statement that listed the entry, if any.

    Outside a git work tree, or without git, there is no history to ask: None.
    """
    from endorse.project.git import in_work_tree, run_git
    from endorse.project.revision import GitFailed, read_revision

    if not in_work_tree(root):
        return None
    shown = relative(statement_file(root, slug), root).as_posix()
    done = run_git(root, "log", "--format=%H", "-G", r"^status *= *.published", "--", shown)
    if done is None or done.returncode != 0:
        return None
    wanted = fold(entry.signatory.name)
    for commit in done.stdout.decode("ascii", "replace").split():
        try:
            old = read_revision(root, commit).get(slug)
        except GitFailed:
            continue
        if old is None or old.status != "published":
            continue
        if any(fold(s.name) == wanted for s in old.signatories):
            return commit
    return None
