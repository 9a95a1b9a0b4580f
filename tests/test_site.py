"""``endorse site``: the public page's files, counts, numbers, links, languages and privacy."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from endorse.project.load import load_project
from endorse.project.model import LoadedStatement
from endorse.render import language
from endorse.render import site as site_module
from endorse.render.document import build_document
from endorse.render.formats import render
from endorse.render.site import build_site, description, repository_url
from endorse.render.stats import compute
from tests.conftest import Invoke, git

SLUG = "cambodia-2021"
CONTACT = "secret.person.7f3a@contact.example"
FORM = Path(".github") / "ISSUE_TEMPLATE" / f"sign-{SLUG}.yml"
QUICK = ("json", "csv")  # the downloads that need no optional extra and take no time


class Page(HTMLParser):
    """What a test reads off a page: rows, counts, links, meta tags and every URL attribute."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, str, str | None, str]] = []  # group, kind, value, text
        self.groups: dict[str, str] = {}  # id: count as printed
        self.countries: dict[str, str] = {}
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str | None]] = []  # every <a>
        self.urls: list[str] = []  # every href/src/action/content with a scheme
        self.html_lang: str | None = None
        self.name_langs: list[str | None] = []
        self._section: str | None = None
        self._list = ""
        self._row: list[str] | None = None
        self._cell: tuple[dict[str, str], str] | None = None
        self._counts_row: tuple[str, str] | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("href", "src", "action", "content", "poster", "data"):
            value = found.get(key) or ""
            if re.match(r"\s*(https?:)?//", value):
                self.urls.append(value.strip())
        if tag == "html":
            self.html_lang = found.get("lang")
        elif tag == "meta" and (found.get("property") or found.get("name")):
            self.meta[found.get("property") or found.get("name") or ""] = found.get("content") or ""
        elif tag == "a":
            self.links.append(found)
        elif tag == "section" and (found.get("id") or "").startswith("group-"):
            self._section = (found.get("id") or "").removeprefix("group-")
        elif tag in ("ol", "ul") and self._section:
            self._list = tag
        elif tag == "li" and "data-row" in found:
            self._row = []
            self._text = []
        elif tag == "span" and self._row is not None and found.get("class") == "name":
            self.name_langs.append(found.get("lang"))
        elif tag == "tr" and ("data-group" in found or "data-country" in found):
            kind = "group" if "data-group" in found else "country"
            self._counts_row = (kind, found.get("data-group") or found.get("data-country") or "")
        elif tag == "td" and self._counts_row:
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._row is not None:
            assert self._section is not None
            text = " ".join("".join(self._text).split())
            number, dot, name = text.partition(". ")  # a numbered list writes "12. Name"
            if self._list == "ol" and dot:
                self.rows.append((self._section, self._list, number, name))
            else:
                self.rows.append((self._section, self._list, None, text))
            self._row = None
        elif tag == "td" and self._counts_row:
            kind, key = self._counts_row
            (self.groups if kind == "group" else self.countries)[key] = "".join(self._text)
            self._counts_row = None

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def loaded_of(project: Path, *, private: bool = True) -> LoadedStatement:
    return load_project(project, private=private).get(SLUG)


def pages(project: Path, **options: object) -> dict[str, str | bytes]:
    options.setdefault("downloads", QUICK)
    return build_site(loaded_of(project), **options).files  # type: ignore[arg-type]


def text(files: dict[str, str | bytes], path: str) -> str:
    value = files[path]
    assert isinstance(value, str)
    return value


def test_the_site_has_a_page_per_language_and_the_downloads_it_links(project: Path) -> None:
    files = pages(project)

    assert sorted(files) == [
        f"{SLUG}.csv",
        f"{SLUG}.json",
        "index.html",
        f"km/{SLUG}.json",
        "km/index.html",
    ]
    english, khmer = Page(text(files, "index.html")), Page(text(files, "km/index.html"))
    assert [a["href"] for a in english.links if "download" in a] == [f"{SLUG}.json", f"{SLUG}.csv"]
    assert [a["href"] for a in khmer.links if "download" in a] == [
        f"{SLUG}.json",
        f"../{SLUG}.csv",
    ]
    # Downloads are the writers' own output: render's JSON, list's CSV of confirmed entries.
    loaded = loaded_of(project)
    assert files[f"{SLUG}.json"] == render(build_document(loaded), "json")
    assert files[f"km/{SLUG}.json"] == render(build_document(loaded, lang="km"), "json")
    csv_text = text(files, f"{SLUG}.csv")
    assert csv_text.splitlines()[0] == (
        "\ufeffgroup,number,name,acronym,note,kind,country,added"
    )  # list's columns less status, withdrawal and aliases: only what the statement prints
    assert csv_text.count("\n") == 1 + compute(loaded).confirmed


def test_numbers_and_order_are_renders(project: Path) -> None:
    """Each row writes its printed number: a search that hides rows keeps them."""
    signatories = project / "signatories" / f"{SLUG}.toml"
    with signatories.open("a", encoding="utf-8") as handle:
        handle.write('\n[[signatory]]\nname = "Pending Org"\ngroup = "endorsers"\n')
        handle.write('status = "pending"\n')
    files = pages(project)
    loaded = loaded_of(project)
    for lang, path in ((None, "index.html"), ("km", "km/index.html")):
        document = build_document(loaded, lang=lang)
        expected = [
            (section.group_id, language.number(item.number, lang or "en"), item.display_name)
            for section in document.sections
            if section.style != "sentence"
            for item in section.items
        ]
        rows = Page(text(files, path)).rows
        assert [(group, value, name.split(" – ")[0]) for group, _, value, name in rows] == expected
    assert "Pending Org" not in text(files, "index.html")


def test_counts_are_stats_counts_in_both_languages(project: Path) -> None:
    files = pages(project)
    figures = compute(loaded_of(project))
    english = Page(text(files, "index.html"))
    assert english.groups == {key: str(value) for key, value in figures.by_group.items()}
    assert english.countries == {
        ("" if key == "(no country)" else key) or "(no country)": str(value)
        for key, value in figures.by_country.items()
    }
    assert f'Signatories: <span class="total">{figures.confirmed}</span>' in text(
        files, "index.html"
    )
    khmer = Page(text(files, "km/index.html"))
    digits = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
    assert khmer.groups == {k: str(v).translate(digits) for k, v in figures.by_group.items()}
    assert figures.by_group == {"organizers": 7, "speakers": 2, "endorsers": 24, "networks": 1}


def test_no_contact_ever_even_when_the_loaded_statement_holds_one(project: Path) -> None:
    (project / "signatories" / f"{SLUG}.private.toml").write_text(
        f'schema = 1\n\n[[signatory]]\nname = "Save the Children"\ncontact = "{CONTACT}"\n',
        encoding="utf-8",
    )
    public = project / "signatories" / f"{SLUG}.toml"
    elsewhere = 'name = "This Life Cambodia"\ncontact = "public.slip@contact.example"\n'
    public.write_text(
        public.read_text(encoding="utf-8").replace('name = "This Life Cambodia"\n', elsewhere),
        encoding="utf-8",
    )
    loaded = loaded_of(project)  # merged with the private file, as render loads it
    assert any(entry.signatory.contact == CONTACT for entry in loaded.entries)
    assert any(e.signatory.contact == "public.slip@contact.example" for e in loaded.entries)
    files = build_site(loaded).files  # every download the machine can make
    for path, data in files.items():
        contents = [data.encode("utf-8") if isinstance(data, str) else data]
        if path.endswith(".docx"):
            with zipfile.ZipFile(io.BytesIO(contents[0])) as archive:
                contents += [archive.read(name) for name in archive.namelist()]
        for contact in (CONTACT, "public.slip@contact.example"):
            assert all(contact.encode() not in blob for blob in contents), (path, contact)
    assert "contact" not in text(files, f"{SLUG}.csv").splitlines()[0]


def test_the_command_never_reads_the_private_file(project: Path, cli: Invoke) -> None:
    (project / "signatories" / f"{SLUG}.private.toml").write_text(
        f'schema = 1\n\n[[signatory]]\nname = "Save the Children"\ncontact = "{CONTACT}"\n',
        encoding="utf-8",
    )
    cli("site", SLUG, "-o", "out")
    written = [path for path in (project / "out").rglob("*") if path.is_file()]
    assert len(written) >= 5
    for path in written:
        data = path.read_bytes()
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                data += b"".join(archive.read(name) for name in archive.namelist())
        assert CONTACT.encode() not in data, path
    # The private file is not even parsed: one that does not parse changes nothing.
    (project / "signatories" / f"{SLUG}.private.toml").write_text("not [ toml", encoding="utf-8")
    cli("site", SLUG, "-o", "out", "--download", "json")


def test_sign_link_only_while_the_statement_takes_signatures(
    open_project: Path, cli: Invoke
) -> None:
    (open_project / FORM).parent.mkdir(parents=True)
    (open_project / FORM).write_text("name: Sign\n", encoding="utf-8")
    repository = ("--repo-url", "https://github.com/o/r")
    cli("site", SLUG, "-o", "out", "--download", "json", *repository)
    assert "Sign this statement" in (open_project / "out" / "index.html").read_text("utf-8")

    statement = open_project / "statements" / f"{SLUG}.toml"
    source = statement.read_text(encoding="utf-8")
    statement.write_text(source.replace('status = "open"', 'status = "closed"'), "utf-8")
    result = cli("site", SLUG, "-o", "out", "--download", "json", *repository)
    assert result.stderr == "endorse: note: no Sign link: the statement is closed\n"
    assert "Sign this statement" not in (open_project / "out" / "index.html").read_text("utf-8")

    statement.write_text(source.replace("\nlang = ", "\ndeadline = 2021-05-01\nlang = "), "utf-8")
    result = cli("site", SLUG, "-o", "out", "--download", "json", *repository)
    assert result.stderr == (
        "endorse: note: no Sign link: the statement took signatures until 2021-05-01\n"
    )


def test_sign_link_only_with_a_form_and_a_repository(open_project: Path, cli: Invoke) -> None:
    project = open_project
    sign = "Sign this statement"
    cli("site", SLUG, "-o", "out", "--download", "json")
    assert sign not in (project / "out" / "index.html").read_text(encoding="utf-8")

    (project / FORM).parent.mkdir(parents=True)
    (project / FORM).write_text("name: Sign\n", encoding="utf-8")
    result = cli("site", SLUG, "-o", "out", "--download", "json")  # no git remote: no link
    assert "endorse: note: no Sign link:" in result.stderr
    assert sign not in (project / "out" / "index.html").read_text(encoding="utf-8")

    git(project, "init", "-q")
    git(project, "remote", "add", "origin", "git@github.com:coalition/letters.git")
    result = cli("site", SLUG, "-o", "out", "--download", "json")
    assert result.stderr == ""
    url = f"https://github.com/coalition/letters/issues/new?template=sign-{SLUG}.yml"
    for page in ("index.html", "km/index.html"):
        links = Page((project / "out" / page).read_text(encoding="utf-8")).links
        assert [a["href"] for a in links if a.get("class") == "sign-button"] == [url]

    cli("site", SLUG, "-o", "out", "--download", "json", "--repo-url", "https://github.com/o/r/")
    html = (project / "out" / "index.html").read_text(encoding="utf-8")
    assert f'href="https://github.com/o/r/issues/new?template=sign-{SLUG}.yml"' in html


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("git@github.com:o/r.git", "https://github.com/o/r"),
        ("https://github.com/o/r.git\n", "https://github.com/o/r"),
        ("https://token@github.com/o/r", "https://github.com/o/r"),
        ("ssh://git@github.com/o/r.git", "https://github.com/o/r"),
        ("/srv/git/letters.git", None),
        ('https://github.com/o/r"><script>', None),
        ("", None),
    ],
)
def test_repository_url_from_a_remote(remote: str, expected: str | None) -> None:
    assert repository_url(remote) == expected


def test_khmer_page_and_the_language_switch_both_ways(project: Path) -> None:
    files = pages(project)
    english, khmer = Page(text(files, "index.html")), Page(text(files, "km/index.html"))
    assert (english.html_lang, khmer.html_lang) == ("en", "km")
    assert {"href": "km/index.html", "hreflang": "km", "lang": "km"} in english.links
    assert {"href": "../index.html", "hreflang": "en", "lang": "en"} in khmer.links
    # Names left as written (no name_km) are English inside the Khmer page; not in English.
    assert set(khmer.name_langs) == {"en"}
    assert set(english.name_langs) == {None}
    assert "សេចក្តីថ្លែងការណ៍រួម" in text(files, "km/index.html")


def give_a_khmer_name(project: Path) -> None:
    """Save the Children gets a name_km: the Khmer page prints it, searchable by the English."""
    signatories = project / "signatories" / f"{SLUG}.toml"
    source = signatories.read_text(encoding="utf-8")
    khmer = 'name = "Save the Children"\nname_km = "សង្គ្រោះកុមារ"\n'
    signatories.write_text(source.replace('name = "Save the Children"\n', khmer), encoding="utf-8")


def test_a_khmer_name_is_searchable_by_its_english_one(project: Path) -> None:
    give_a_khmer_name(project)
    khmer = text(pages(project), "km/index.html")
    assert (
        '<li data-row data-also="Save the Children"><span class="n">១.</span> '
        '<span class="name">សង្គ្រោះកុមារ</span>' in khmer
    )


def test_open_graph_tags(project: Path) -> None:
    files = pages(project)
    meta = Page(text(files, "index.html")).meta
    document = build_document(loaded_of(project))
    assert meta["og:title"] == document.title
    assert meta["og:type"] == "website"
    assert meta["og:description"] == description(document)
    assert meta["og:description"].startswith("We, the undersigned organizations, congratulate")
    assert len(meta["og:description"]) <= 301
    assert "og:url" not in meta

    files = pages(project, base_url="https://coalition.example/letter/")
    assert Page(text(files, "index.html")).meta["og:url"] == "https://coalition.example/letter/"
    assert Page(text(files, "km/index.html")).meta["og:url"] == (
        "https://coalition.example/letter/km/"
    )


def test_no_request_leaves_the_page(project: Path) -> None:
    """No script, style, font or image from the net: every address in an attribute is the
    Sign link, and the addresses in the text are the statement's own."""
    (project / FORM).parent.mkdir(parents=True)
    sign = f"https://github.com/o/r/issues/new?template=sign-{SLUG}.yml"
    files = pages(project, sign=sign)
    statement = (project / "statements" / f"{SLUG}.toml").read_text(encoding="utf-8")
    for path in ("index.html", "km/index.html"):
        html = text(files, path)
        assert Page(html).urls == [sign]
        for url in re.findall(r"https?://[^\s<>\"'&]+", html):
            assert url == sign or url in statement, url
        assert "@import" not in html and "url(" not in html
        assert re.search(r'src="(?!data:)', html) is None
        assert "default-src 'none'" in html  # the browser refuses any other request


def test_script_is_allowed_by_its_hash_only(project: Path) -> None:
    import base64
    import hashlib

    html = text(pages(project), "index.html")
    script = re.search(r"<script>(.*?)</script>", html, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in html


def test_names_are_escaped(project: Path) -> None:
    signatories = project / "signatories" / f"{SLUG}.toml"
    with signatories.open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[[signatory]]\nname = "<script>alert(1)</script> Evil"\ngroup = "endorsers"\n'
        )
    html = text(pages(project), "index.html")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Evil" in html
    assert html.count("<script>") == 1


def test_last_update_is_the_latest_date_in_the_files(project: Path) -> None:
    html = text(pages(project), "index.html")
    assert 'Last updated: <time datetime="2021-05-05">5 May 2021</time>' in html
    signatories = project / "signatories" / f"{SLUG}.toml"
    with signatories.open("a", encoding="utf-8") as handle:
        handle.write('\n[[signatory]]\nname = "Late Org"\ngroup = "endorsers"\n')
        handle.write("added = 2021-06-01\n")
    assert '<time datetime="2021-06-01">1 June 2021</time>' in text(pages(project), "index.html")


def test_a_missing_extra_leaves_its_download_out_and_says_so(
    project: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site_module, "available", lambda format: format not in ("pdf", "docx"))
    built = build_site(loaded_of(project))
    assert built.skipped == {"pdf": "pdf", "docx": "docx"}
    assert not any(path.endswith((".pdf", ".docx")) for path in built.files)
    assert ".pdf" not in text(built.files, "index.html")

    result = cli("site", SLUG, "-o", "out")
    assert result.stderr == (
        "endorse: note: no pdf download: it needs endorse[pdf], which is not installed "
        "(pip install 'endorse[pdf]'; or leave it out with --download)\n"
        "endorse: note: no docx download: it needs endorse[docx], which is not installed "
        "(pip install 'endorse[docx]'; or leave it out with --download)\n"
    )
    assert not (project / "out" / f"{SLUG}.pdf").exists()


def test_command_writes_and_rewrites_the_site(project: Path, cli: Invoke) -> None:
    result = cli("site", SLUG, "-o", "out", "--download", "json", "--download", "csv")
    assert result.stdout == (
        f"wrote the site of '{SLUG}' to out: index.html, km/index.html and 3 downloads\n"
    )
    index = project / "out" / "index.html"
    index.write_text("stale", encoding="utf-8")
    cli("site", SLUG, "-o", "out", "--download", "json", "--download", "csv")
    assert index.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(
        p.relative_to(project / "out").as_posix() for p in (project / "out").rglob("*.*")
    ) == [
        f"{SLUG}.csv",
        f"{SLUG}.json",
        "index.html",
        f"km/{SLUG}.json",
        "km/index.html",
    ]


def test_command_refuses_a_folder_that_is_a_symbolic_link(
    project: Path, cli: Invoke, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "out").symlink_to(elsewhere)
    result = cli("site", SLUG, "-o", "out", code=1)
    assert result.stderr == (
        "endorse: error: out: will not write the site here: the folder is a symbolic link\n"
        "  name the real folder, or a new one\n"
    )
    assert list(elsewhere.iterdir()) == []

    (project / "site").mkdir()
    (project / "site" / "km").symlink_to(elsewhere)
    result = cli("site", SLUG, "-o", "site", "--download", "json", code=1)
    assert "site/km: will not write the site here: the folder is a symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []
    assert [path.name for path in (project / "site").iterdir()] == ["km"]  # nothing written


def test_command_refuses_a_page_that_is_a_symbolic_link(
    project: Path, cli: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "victim.txt"
    target.write_text("keep", encoding="utf-8")
    (project / "out").mkdir()
    (project / "out" / "index.html").symlink_to(target)
    result = cli("site", SLUG, "-o", "out", "--download", "json", code=1)
    assert "will not write over this: it is a symbolic link" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"


def test_command_refuses_a_file_as_the_folder(project: Path, cli: Invoke) -> None:
    (project / "out").write_text("x", encoding="utf-8")
    result = cli("site", SLUG, "-o", "out", code=2)
    assert "Directory 'out' is a file" in result.stderr
    (project / "site").mkdir()
    (project / "site" / "km").write_text("x", encoding="utf-8")
    result = cli("site", SLUG, "-o", "site", "--download", "json", code=1)
    assert "site/km: will not write the site here: it is not a folder" in result.stderr
    assert [path.name for path in (project / "site").iterdir()] == ["km"]  # nothing written


def test_command_refuses_while_an_entry_has_errors(project: Path, cli: Invoke) -> None:
    signatories = project / "signatories" / f"{SLUG}.toml"
    with signatories.open("a", encoding="utf-8") as handle:
        handle.write('\n[[signatory]]\nname = "Broken Org"\ngroup = "endorsers"\ncountry = "ZZ"\n')
    result = cli("site", SLUG, "-o", "out", code=1)
    assert "'Broken Org'" in result.stderr
    assert f"'{SLUG}' not printed, so that nothing written is left out" in result.stderr
    assert not (project / "out").exists()

    result = cli("site", SLUG, "-o", "out", "--download", "json", "--allow-invalid")
    assert "endorse: warning:" in result.stderr and "left out 'Broken Org'" in result.stderr
    assert "Broken Org" not in (project / "out" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--repo-url", "github.com/o/r"), "--repo-url takes a web address, not 'github.com/o/r'"),
        (("--base-url", "javascript:alert(1)"), "--base-url takes a web address"),
        (("--download", "epub"), "Invalid value for '--download'"),
    ],
)
def test_usage_errors(project: Path, cli: Invoke, args: tuple[str, ...], message: str) -> None:
    result = cli("site", SLUG, "-o", "out", *args, code=2)
    assert message in result.stderr
    assert not (project / "out").exists()


def test_unknown_statement_is_a_usage_error(project: Path, cli: Invoke) -> None:
    cli("site", "nope", "-o", "out", code=2)


@pytest.mark.slow
def test_ten_thousand_signatories(tmp_path: Path) -> None:
    from bench import generate

    generate.write_dataset(tmp_path / "big", 10_000, "list")
    loaded = load_project(tmp_path / "big").get(generate.SLUG)
    files = build_site(loaded, downloads=QUICK).files
    page = Page(text(files, "index.html"))
    figures = compute(loaded)
    listed = [s for s in build_document(loaded).sections if s.style != "sentence"]
    assert len(page.rows) == sum(len(section.items) for section in listed) > 9_000
    assert page.groups == {key: str(value) for key, value in figures.by_group.items()}


def test_a_statement_nobody_signed_yet(
    tmp_path: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "statements").mkdir()
    (tmp_path / "statements" / "empty.toml").write_text(
        'schema = 1\ntitle = "Lettre"\nstatus = "open"\nlang = "fr"\nbody = "Nous."\n\n'
        '[[groups]]\nid = "all"\nheading = "Signé par :"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    cli("site", "empty", "-o", "out", "--download", "json")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    page = Page(html)
    assert page.html_lang == "fr" and page.rows == [] and page.groups == {"all": "0"}
    assert 'id="search-box"' not in html and "by-country" not in html.split("</style>")[1]
    assert "Last updated" not in html  # no date anywhere in the files
