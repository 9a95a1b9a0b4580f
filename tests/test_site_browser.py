"""The public page in a real browser: search, counts, downloads, a phone's width, Khmer."""

from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from endorse.project.load import load_project
from endorse.render.stats import compute
from tests.conftest import Invoke
from tests.test_browser import CHROMIUM, VisibleText, dump_dom
from tests.test_site import give_a_khmer_name

# CI installs chromium and sets ENDORSE_REQUIRE_BROWSER, so there a missing browser fails.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None and not os.environ.get("ENDORSE_REQUIRE_BROWSER"),
        reason="needs Debian's chromium (apt-get install chromium); .ci/run installs it",
    ),
]
SLUG = "cambodia-2021"

# Chromium's headless window is at least 500 px wide, so the page is measured in a 360 px
# frame; the frame's document is the page (srcdoc), its links resolve from the page's folder.
# The search is typed as a person would (an input event), then read after the pause.
HARNESS = """<!DOCTYPE html><html><body>
<iframe id="phone" style="width:360px;height:800px;border:0" srcdoc="{page}"></iframe>
<script>
const out = (name, value) => document.body.setAttribute("data-" + name, String(value));
document.getElementById("phone").addEventListener("load", () => {{
  const frame = document.getElementById("phone").contentWindow;
  const page = frame.document;
  const visible = () => Array.from(page.querySelectorAll("li[data-row]"))
    .filter((row) => row.getClientRects().length > 0).length;
  out("viewport-width", frame.innerWidth);
  out("scroll-width", page.scrollingElement.scrollWidth);
  out("rows", visible());
  out("search-shown", !page.getElementById("search-box").hidden);
  out("label-for", page.querySelector("label").htmlFor);
  out("groups", JSON.stringify(Array.from(page.querySelectorAll("tr[data-group]"))
    .map((row) => [row.dataset.group, row.querySelector("td").textContent])));
  out("countries", JSON.stringify(Array.from(page.querySelectorAll("tr[data-country]"))
    .map((row) => [row.dataset.country, row.querySelector("td").textContent])));
  out("downloads", JSON.stringify(Array.from(page.querySelectorAll("a[download]"))
    .map((link) => link.href)));
  out("title-width", page.querySelector("h1").getBoundingClientRect().width);
  out("title-height", page.querySelector("h1").getBoundingClientRect().height);
  const input = page.getElementById("search");
  input.value = {query};
  input.dispatchEvent(new frame.Event("input"));
  setTimeout(() => {{
    out("found", visible());
    out("found-names", JSON.stringify(Array.from(page.querySelectorAll("li[data-row]"))
      .filter((row) => row.getClientRects().length > 0)
      .map((row) => row.querySelector(".name").textContent)));
    out("status", page.getElementById("search-status").textContent);
    out("sections-hidden", page.querySelectorAll("section[data-list][hidden]").length);
    input.value = "";
    input.dispatchEvent(new frame.Event("input"));
    setTimeout(() => {{ out("cleared", visible()); out("done", "yes"); }}, 600);
  }}, 600);
}});
</script>
</body></html>
"""


def measure(page: Path, query: str, profile: Path) -> dict[str, str]:
    """Open the page in the harness and return what it measured."""
    import json

    harness = page.parent / "harness.html"
    harness.write_text(
        HARNESS.format(
            page=html.escape(page.read_text(encoding="utf-8"), quote=True),
            query=json.dumps(query),
        ),
        encoding="utf-8",
    )
    dom = dump_dom(harness, profile, "--virtual-time-budget=10000")
    harness.unlink()

    seen = VisibleText()
    seen.feed(dom)
    measured = {k.removeprefix("data-"): v or "" for k, v in seen.body_attributes.items()}
    assert measured.get("done") == "yes", dom[-2000:]
    return measured


def build(project: Path, cli: Invoke) -> Path:
    give_a_khmer_name(project)
    signatories = project / "signatories" / f"{SLUG}.toml"
    source = signatories.read_text(encoding="utf-8")
    source += '\n[[signatory]]\nname = "Asociación Pro Niñez"\ngroup = "endorsers"\n'
    signatories.write_text(source, encoding="utf-8")
    cli("site", SLUG, "-o", "out")
    return project / "out"


def test_english_page_in_chromium(project: Path, cli: Invoke, tmp_path: Path) -> None:
    out = build(project, cli)
    figures = compute(load_project(project).get(SLUG))
    seen = measure(out / "index.html", "cambodian CENTER", tmp_path / "profile")

    assert seen["viewport-width"] == "360"
    assert int(seen["scroll-width"]) <= 360
    assert seen["search-shown"] == "true" and seen["label-for"] == "search"
    total_rows = int(seen["rows"])
    assert total_rows == figures.confirmed - figures.by_group["networks"]  # a sentence, no list
    # Search: words in any case, every one must match; the others hide, numbers stay.
    import json

    assert json.loads(seen["found-names"]) == [
        "Cambodian Center for Human Rights",
        "Cambodian Center for the Protection of Children's Rights",
    ]
    assert seen["status"] == f"2 of {total_rows} shown"
    assert seen["sections-hidden"] == "2"  # organizers and speakers have no match
    assert seen["cleared"] == str(total_rows)
    # Counts as stats counts them.
    assert dict(json.loads(seen["groups"])) == {k: str(v) for k, v in figures.by_group.items()}
    assert dict(json.loads(seen["countries"])) == {k: str(v) for k, v in figures.by_country.items()}
    # Every download link leads to a file that was written.
    links = json.loads(seen["downloads"])
    assert len(links) == 4 if (out / f"{SLUG}.pdf").exists() else len(links) >= 2
    for link in links:
        address = urlparse(link)
        assert address.scheme == "file"
        assert Path(unquote(address.path)).is_file(), link


def test_accents_fold_in_the_search(project: Path, cli: Invoke, tmp_path: Path) -> None:
    out = build(project, cli)
    seen = measure(out / "index.html", "asociacion pro ninez", tmp_path / "profile")
    assert seen["found-names"] == '["Asociación Pro Niñez"]'


def test_khmer_page_in_chromium(project: Path, cli: Invoke, tmp_path: Path) -> None:
    out = build(project, cli)
    seen = measure(out / "km" / "index.html", "save the", tmp_path / "profile")
    assert int(seen["scroll-width"]) <= 360
    assert float(seen["title-width"]) > 0 and float(seen["title-height"]) > 0
    # The Khmer name is found by its English one.
    assert seen["found-names"] == '["សង្គ្រោះកុមារ"]'
    assert seen["status"] == "បង្ហាញ ១ ក្នុងចំណោម " + str(int(seen["rows"])).translate(
        str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
    )
    import json

    for link in json.loads(seen["downloads"]):
        assert Path(unquote(urlparse(link).path)).is_file(), link
