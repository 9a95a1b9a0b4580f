"""Issue 22: what a repository holds can make endorse neither write outside the project nor read
a file from elsewhere into its output, whatever it plants where endorse writes or reads.

Every case asserts the exit status, the message or code, that no traceback was printed, and that
a sentinel folder outside the project is exactly as it was. The cases that would hang or exhaust
memory if a guard failed run in a child process under RLIMIT_AS = 1 GiB (tests/limits.py).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from endorse.edit.atomic import write_atomic
from endorse.errors import WriteRefused
from endorse.project import cache
from tests.conftest import Invoke
from tests.limits import run_bounded
from tests.test_render_publishing import png, with_logos

SLUG = "cambodia-2021"


@pytest.fixture
def outside(project: Path) -> Path:
    """A folder next to the project, holding a file a hostile repository would like to change."""
    folder = project.parent / "outside"
    folder.mkdir()
    (folder / "sentinel.sh").write_text("#!/bin/sh\necho harmless\n")
    (folder / "sentinel.sh").chmod(0o755)
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and mode: what must not change."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mode)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def no_traceback(*outputs: str) -> None:
    assert all("Traceback" not in output for output in outputs)


# --- writes --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [".cambodia-2021.holder.lock", ".cambodia-2021.lock"])
@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_a_planted_lock_or_holder_file_is_refused(
    open_project: Path, outside: Path, cli: Invoke, name: str, kind: str
) -> None:
    before = snapshot(outside)
    planted = open_project / "signatories" / name
    if kind == "link":
        planted.symlink_to(outside / "sentinel.sh")
    else:
        os.mkfifo(planted)
    listed = (open_project / "signatories" / f"{SLUG}.toml").read_bytes()
    result = cli("add", SLUG, "Org Alpha", "--group", "endorsers", code=1)
    what = "a symbolic link; endorse does not follow it" if kind == "link" else "not a regular"
    assert result.stderr.startswith(
        f"endorse: error: signatories/{name}: the lock file is {what}"
    ), result.stderr
    assert "nothing was written" in result.stderr
    no_traceback(result.stdout, result.stderr)
    assert snapshot(outside) == before
    assert (open_project / "signatories" / f"{SLUG}.toml").read_bytes() == listed


def test_a_per_signer_folder_linked_out_of_the_project_is_not_written(
    open_project: Path, outside: Path, cli: Invoke
) -> None:
    statement = open_project / "statements" / f"{SLUG}.toml"
    text = statement.read_text(encoding="utf-8")
    statement.write_text(text.replace("\n[[groups]]", "\nfile_per_signer = true\n\n[[groups]]", 1))
    (open_project / "signatories" / SLUG).symlink_to(outside, target_is_directory=True)
    before, private = snapshot(outside), open_project / "signatories" / f"{SLUG}.private.toml"
    result = cli(
        "add", SLUG, "Org Alpha", "--group", "endorsers", "--contact", "a@b.example", code=1
    )
    assert "leads outside the project" in result.stderr
    no_traceback(result.stdout, result.stderr)
    assert snapshot(outside) == before
    assert sorted(p.name for p in outside.iterdir()) == ["sentinel.sh"]
    assert not private.exists()  # refused before the first write: no contact without its signer


def test_write_atomic_refuses_a_folder_link_leaving_the_project(
    tmp_path: Path, outside: Path
) -> None:
    root = tmp_path / "project"
    (root / "site").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteRefused, match="leads outside the project") as refused:
        write_atomic(root / "site" / "page.html", "x", within=root)
    assert refused.value.path == Path("site")
    assert sorted(p.name for p in outside.iterdir()) == ["sentinel.sh"]
    # A link to a folder inside the project, and any folder outside it that the user names, are
    # fine: only a link that leaves the project is refused.
    (root / "real").mkdir()
    (root / "inner").symlink_to(root / "real", target_is_directory=True)
    write_atomic(root / "inner" / "page.html", "x", within=root)
    write_atomic(outside / "chosen.html", "x", within=root)
    assert (root / "real" / "page.html").read_text() == "x"


def test_a_folder_is_made_step_by_step_never_through_a_link(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "project"
    (root / "a").mkdir(parents=True)
    (root / "a" / "b").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteRefused):
        write_atomic(root / "a" / "b" / "c" / "new.toml", "x", within=root, make_folder=True)
    assert sorted(p.name for p in outside.iterdir()) == ["sentinel.sh"]


@pytest.mark.parametrize(
    "args",
    [
        ["render", SLUG, "-o", "site/out.html"],
        ["list", SLUG, "-o", "site/out.csv"],
        ["changes", SLUG, "--since", "HEAD", "-o", "site/out.txt"],
    ],
)
def test_an_output_through_a_folder_link_leaving_the_project_is_refused(
    project: Path, outside: Path, cli: Invoke, args: list[str]
) -> None:
    (project / "site").symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    if args[0] == "changes":
        from tests.conftest import git

        git(project, "init", "-q")
        git(project, "add", "-A")
        git(project, "commit", "-qm", "start")
    result = cli(*args, code=1)
    assert result.stderr.startswith("endorse: error: site: a symbolic link that leads outside")
    no_traceback(result.stdout, result.stderr)
    assert snapshot(outside) == before and len(list(outside.iterdir())) == 1


@pytest.mark.parametrize("args", [["render", SLUG, "-f", "text"], ["list", SLUG]])
def test_an_output_that_is_a_planted_link_is_refused(
    project: Path, outside: Path, cli: Invoke, args: list[str]
) -> None:
    (project / "out.txt").symlink_to(outside / "sentinel.sh")
    before = snapshot(outside)
    result = cli(*args, "-o", "out.txt", code=1)
    assert result.stderr.startswith(
        "endorse: error: out.txt: will not write over this: it is a symbolic link"
    ), result.stderr
    assert snapshot(outside) == before


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_outputs_with_contacts_are_readable_by_their_owner_only(project: Path, cli: Invoke) -> None:
    cli("list", SLUG, "--include-private", "-o", "private.csv")
    cli("list", SLUG, "--include-private", "-o", "private.txt", "-f", "table")
    cli("render", SLUG, "--include-private", "-f", "json", "-o", "private.json")
    cli("list", SLUG, "-o", "public.csv")
    assert [mode(project / name) for name in ("private.csv", "private.txt", "private.json")] == [
        0o600
    ] * 3
    assert mode(project / "public.csv") == 0o644
    # A file replaced keeps its mode, unless it now carries contacts.
    (project / "public.csv").chmod(0o640)
    cli("list", SLUG, "-o", "public.csv")
    assert mode(project / "public.csv") == 0o640
    cli("list", SLUG, "--include-private", "-o", "public.csv")
    assert mode(project / "public.csv") == 0o600


def test_rejected_rows_are_readable_by_their_owner_only(open_project: Path, cli: Invoke) -> None:
    form = open_project / "form.csv"
    form.write_text("name,group,contact\nOrg Alpha,nosuchgroup,a@alpha.example\n")
    cli("import", SLUG, str(form), "--rejects", "rejects.csv", code=1)
    assert "a@alpha.example" in (open_project / "rejects.csv").read_text()
    assert mode(open_project / "rejects.csv") == 0o600


def test_init_body_file_linked_out_of_the_project_is_refused(
    project: Path, outside: Path, cli: Invoke
) -> None:
    (project / "body.md").symlink_to(outside / "sentinel.sh")
    result = cli("init", "new", "--title", "New", "--body-file", "body.md", code=1)
    assert "body.md: a symbolic link that leads outside the project" in result.stderr
    assert not (project / "statements" / "new.toml").exists()
    # A file the user names outside the project is theirs to choose.
    cli("init", "new", "--title", "New", "--body-file", str(outside / "sentinel.sh"))
    assert "echo harmless" in (project / "statements" / "new.toml").read_text()


# --- the cache ------------------------------------------------------------------------------


@pytest.fixture
def user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    from tests.test_cache import own_cache

    monkeypatch.setattr(cache, "MIN_CACHED_CHARS", 0)
    return own_cache(monkeypatch, tmp_path)


@pytest.mark.parametrize("planted", ["link", "file", "entries"])
def test_a_planted_endorse_cache_is_neither_read_nor_written(
    project: Path, outside: Path, user_cache: Path, cli: Invoke, planted: str
) -> None:
    """The cache lives in the user's cache folder: whatever a repository commits under
    .endorse-cache/ (a link to elsewhere, a file, links named like entries) is never used."""
    legacy = project / cache.LEGACY_FOLDER
    if planted == "link":
        legacy.symlink_to(outside, target_is_directory=True)
    elif planted == "file":
        legacy.write_text("not a folder\n")
    else:
        for name in ("00", "findings", "ab"):
            (legacy / name).mkdir(parents=True)
            (legacy / name / "x.json").symlink_to(outside / "sentinel.sh")
    before, inside = snapshot(outside), snapshot(project)
    expected = cli("--no-cache", "check").stdout
    assert cli("check").stdout == cli("check").stdout == expected
    assert snapshot(outside) == before and snapshot(project) == inside
    assert list((user_cache / cache.ENTRIES_FOLDER).glob("*/*.json"))  # it did cache


def entry_of_example(project: Path) -> Path:
    text = (project / "signatories" / f"{SLUG}.toml").read_text(encoding="utf-8")
    path = cache._entry_path(cache.text_hash(text))
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("kind", ["link-to-sentinel", "link-to-dev-zero", "fifo", "folder"])
def test_a_cache_entry_that_is_no_file_is_neither_followed_nor_replaced(
    project: Path, outside: Path, user_cache: Path, cli: Invoke, kind: str
) -> None:
    expected = cli("--no-cache", "check").stdout
    cache._signing_key(create=True)
    entry = entry_of_example(project)
    if kind == "link-to-sentinel":
        entry.symlink_to(outside / "sentinel.sh")
    elif kind == "link-to-dev-zero":
        entry.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.mkdir()
    before = snapshot(outside)
    assert cli("check").stdout == expected  # neither hangs nor reads /dev/zero
    assert snapshot(outside) == before
    assert not entry.is_file() or entry.is_symlink()  # refused, not replaced


def test_a_huge_cache_entry_is_not_read(project: Path, user_cache: Path, cli: Invoke) -> None:
    expected = cli("--no-cache", "check").stdout
    cache._signing_key(create=True)
    entry = entry_of_example(project)
    with entry.open("wb") as handle:  # sparse: no disk used, yet larger than any entry may be
        handle.truncate(cache.MAX_ENTRY_BYTES + 1)
    assert cache._read_signed(entry) is None
    assert cli("check").stdout == expected


# --- reads into output ----------------------------------------------------------------------


def test_a_logo_linked_to_the_environment_is_never_embedded(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENDORSE_SECRET_TOKEN", "ghp_leaked")
    with_logos(project)
    logo = project / "logos" / "stc.png"
    logo.unlink()
    logo.symlink_to("/proc/self/environ")
    check = cli("check", "-f", "json", code=1)
    [problem] = json.loads(check.stdout)["problems"]
    assert (problem["code"], problem["file"]) == ("E806", f"signatories/{SLUG}.toml")
    assert "E806" in cli("render", SLUG, "-f", "html", code=1).stderr  # check's error refuses
    # --allow-invalid goes past check's errors, never past the logo reader's own refusal.
    for form in ("html", "markdown"):
        result = cli("render", SLUG, "-f", form, "--allow-invalid", code=1 if form == "html" else 0)
        assert "ghp_leaked" not in result.stdout and "data:image/png" not in result.stdout
    result = cli("render", SLUG, "-f", "html", "--allow-invalid", code=1)
    assert (
        "endorse: error: logos/stc.png: cannot use this logo: it is a symbolic link that leads "
        "outside the project (or to itself); endorse does not follow it "
        "(E806 logo-link-outside-project)"
    ) in result.stderr
    no_traceback(result.stdout, result.stderr)


def test_word_refuses_a_logo_check_refuses(project: Path, cli: Invoke) -> None:
    pytest.importorskip("docx")
    with_logos(project)
    (project / "logos" / "stc.png").write_bytes(png(5000, 2))
    assert "E804" in cli("check", code=1).stdout
    assert "E804" in cli("render", SLUG, "-o", "out.docx", code=1).stderr
    result = cli("render", SLUG, "-o", "out.docx", "--allow-invalid", code=1)
    assert "(E804 logo-too-large)" in result.stderr
    assert not (project / "out.docx").exists()


def test_a_safe_svg_and_valid_images_still_print(project: Path, cli: Invoke) -> None:
    with_logos(project)
    (project / "logos" / "tlc.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="4"/>'
        '<use xlink:href="#g"/></svg>'
    )
    cli("check")
    assert cli("render", SLUG, "-f", "html").stdout.count("data:image/") == 2


# --- memory and time: in a child under RLIMIT_AS = 1 GiB --------------------------------------


HOSTILE = {
    "logo-link-to-dev-zero": ("logos/stc.png", "/dev/zero", "E806"),
    "logo-fifo": ("logos/stc.png", "fifo", "E807"),
    "logo-sparse-4-gib": ("logos/stc.png", "sparse", "E804"),
    "statement-link-to-dev-zero": (f"statements/{SLUG}.toml", "/dev/zero", "E004"),
    "signatories-fifo": (f"signatories/{SLUG}.toml", "fifo", "E004"),
    "signatories-sparse-4-gib": (f"signatories/{SLUG}.toml", "sparse", "E005"),
    "statement-loop": (f"statements/{SLUG}.toml", "loop", "E006"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_are_reported_within_memory_and_time(
    project: Path, outside: Path, case: str
) -> None:
    where, what, code = HOSTILE[case]
    with_logos(project)
    path = project / where
    path.unlink()
    if what == "fifo":
        os.mkfifo(path)
    elif what == "sparse":
        with path.open("wb") as handle:
            handle.truncate(4 * 1024**3)
    elif what == "loop":
        path.symlink_to(path.name)
    else:
        path.symlink_to(what)
    before = snapshot(outside)
    done = run_bounded("check", "-f", "json", cwd=project)
    assert done.returncode == 1, done.stderr
    no_traceback(done.stdout, done.stderr)
    codes = {problem["code"] for problem in json.loads(done.stdout)["problems"]}
    assert code in codes
    rendered = run_bounded("render", SLUG, "-f", "html", cwd=project)
    assert rendered.returncode == 1 and "Traceback" not in rendered.stderr
    assert snapshot(outside) == before


def test_a_non_utf8_signer_file_name_keeps_every_report_format_valid(
    project: Path, cli: Invoke
) -> None:
    folder = project / "signatories" / SLUG
    folder.mkdir()
    (folder / os.fsdecode(b"\xffx.toml")).write_text(
        'schema = 1\n\n[[signatory]]\nname = "Org \\u0007"\nbogus = 1\n'
    )
    report = cli("check", "-f", "json", code=1).stdout
    report.encode("utf-8")  # no lone surrogate left: valid UTF-8
    [problem] = json.loads(report)["problems"]
    assert (problem["code"], problem["file"]) == ("E007", f"signatories/{SLUG}/\\udcffx.toml")
    for form in ("text", "github"):
        out = cli("check", "-f", form, code=1).stdout
        out.encode("utf-8")
        assert f"signatories/{SLUG}/\\udcffx.toml" in out
    refused = cli("render", SLUG, code=1).stderr  # nothing partial is printed
    assert refused.startswith(
        f"endorse: error: signatories/{SLUG}/\\udcffx.toml: what this part of the file holds: "
        "the file's name is not valid UTF-8"
    ), refused


@pytest.mark.slow
@pytest.mark.parametrize("what", ["/dev/zero", "fifo"])
def test_check_since_never_reads_a_planted_device_or_pipe(project: Path, what: str) -> None:
    """``--since`` compares each signatory file with its bytes at the revision: with the same
    names, it reads them again, through the one careful reader."""
    from tests.conftest import git

    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "start")
    listed = project / "signatories" / f"{SLUG}.toml"
    listed.unlink()
    if what == "fifo":
        os.mkfifo(listed)
    else:
        listed.symlink_to(what)
    done = run_bounded("check", "--since", "HEAD", "-f", "json", cwd=project)
    assert done.returncode == 1, done.stderr
    no_traceback(done.stdout, done.stderr)
    assert "E004" in {problem["code"] for problem in json.loads(done.stdout)["problems"]}


def test_shell_completion_never_reads_a_pipe_or_a_device(project: Path) -> None:
    """Tab completion reads statements for their group ids: through the one careful reader."""
    os.mkfifo(project / "statements" / "pipe.toml")
    (project / "statements" / "zero.toml").symlink_to("/dev/zero")
    program = (
        "from pathlib import Path; from endorse.cli.completion import group_ids; "
        "print(' '.join(group_ids(Path('.'))))"
    )
    done = run_bounded(cwd=project, seconds=10, program=program)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["endorsers", "networks", "organizers", "speakers"]


@pytest.mark.parametrize("folder", ["statements", "signatories"])
def test_a_project_folder_linked_elsewhere_is_not_even_listed(
    project: Path, outside: Path, cli: Invoke, folder: str
) -> None:
    """statements/ or signatories/ as a link to a folder elsewhere: E004 for the folder, and no
    name of a file there appears in any report."""
    elsewhere = outside / folder
    (project / folder).rename(elsewhere)
    (project / folder).symlink_to(elsewhere, target_is_directory=True)
    result = cli("check", "-f", "json", code=1)
    problems = json.loads(result.stdout)["problems"]
    assert (problems[0]["code"], problems[0]["file"]) == ("E004", folder)
    assert "cambodia-2021.toml" not in result.stdout


def test_image_headers_of_any_bytes_give_a_verdict_never_an_error(tmp_path: Path) -> None:
    """Whatever bytes a logo holds (a damaged PNG, a JPEG whose segments lie, XML of any
    shape), verify_logo answers with the bytes or a fault, never an exception."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from endorse.project.logos import LogoFault, verify_logo

    (tmp_path / "logos").mkdir()
    verdicts: list[str] = []
    headers = st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"<svg ", b"<?xml", b""])

    @settings(max_examples=300, deadline=None)
    @given(
        head=headers, tail=st.binary(max_size=200), suffix=st.sampled_from(["png", "jpg", "svg"])
    )
    def verdict(head: bytes, tail: bytes, suffix: str) -> None:
        (tmp_path / "logos" / f"x.{suffix}").write_bytes(head + tail)
        found = verify_logo(tmp_path, f"logos/x.{suffix}")
        verdicts.append(found.code if isinstance(found, LogoFault) else "ok")

    verdict()
    assert len(verdicts) >= 300 and {"E802"} <= set(verdicts)


@pytest.mark.parametrize(
    ("jpeg", "size"),
    [
        (b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc2\x00\x0b\x08\x00\x02\x00\x03\x01\x01\x11\x00", (3, 2)),
        (b"\xff\xd8\xff\xff\xc0\x00\x0b\x08\x01\x00\x02\x00\x01\x01\x11\x00", (512, 256)),
        (b"\xff\xd8\xff\xc4\x00\x04ab\xff\xc0\x00\x0b\x08\x00\x05\x00\x07\x01\x01\x11\x00", (7, 5)),
        (b"\xff\xd8\xff\xda\x00\x02\xff\xc0\x00\x0b\x08\x00\x05\x00\x07\x01\x01\x11\x00", None),
        (b"\xff\xd8\xff\xe0\xff\xff", None),
    ],
)
def test_jpeg_size_comes_from_the_first_frame_header(
    jpeg: bytes, size: tuple[int, int] | None
) -> None:
    """Progressive (C2) counts as a frame, fill bytes are skipped, DHT (C4) is not a frame, a
    scan before any frame means no size, and a length that overruns the data means none."""
    from endorse.project.logos import _jpeg_size

    assert _jpeg_size(jpeg) == size


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize(
    ("inside", "danger"),
    [
        ('<rect fill="url(#g)" style="fill: url( \'#g\' )"/>', None),
        ('<use href="#g"/><a xlink:href=" #top"><rect/></a>', None),
        ("<rect style=\"fill: url('https://example.org/x')\"/>", "loads a file from its CSS"),
        ('<use href="other.svg#g"/>', "refers to another file or address"),
        ('<image xlink:href="data:image/svg+xml;base64,PHN2Zz4="/>', "refers to another file"),
        ('<a href="javascript:alert(1)"><rect/></a>', "refers to another file or address"),
        ('<set attributeName="xlink:href" to="https://x"/>', "changes a reference as it"),
        ('<rect onclick="x()"/>', "has an event handler (onclick)"),
        ("<SCRIPT>1</SCRIPT>", "holds a <script> element"),
        ('<g xml:base="https://example.org/"><use href="#a"/></g>', "refers to another file"),
    ],
)
def test_svg_danger_names_what_runs_or_loads(inside: str, danger: str | None) -> None:
    from endorse.project.logos import svg_danger

    found = svg_danger(SVG.format(inside).encode())
    assert found == danger if danger is None else (found or "").startswith(danger)


def test_an_svg_hiding_url_behind_a_css_escape_is_refused() -> None:
    from endorse.project.logos import svg_danger

    hidden = SVG.format("<style>rect { fill: u\\72l(https://example.org/x) }</style>")
    assert svg_danger(hidden.encode()) == "loads a style sheet or a file from its CSS"


def test_the_memory_bound_of_the_child_holds(tmp_path: Path) -> None:
    """The limit the hostile tests rely on: a child that wants 2 GiB does not get it."""
    done = run_bounded(cwd=tmp_path, program="b = bytearray(2 * 1024**3); print(len(b))")
    assert done.returncode != 0 and "MemoryError" in done.stderr
