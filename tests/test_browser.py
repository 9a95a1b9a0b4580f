"""The HTML page in a real browser: every confirmed signatory shows, in order, as text."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from endorse.project.load import load_project
from endorse.render.document import build_document
from endorse.render.html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# CI installs chromium and sets ENDORSE_REQUIRE_BROWSER, so there a missing browser fails.
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("ENDORSE_REQUIRE_BROWSER"),
    reason="needs Debian's chromium (apt-get install chromium); .ci/run installs it",
)
EVIL = "<script>document.body.setAttribute('data-pwned', 'yes')</script> Evil & Co"


class VisibleText(HTMLParser):
    """The text a reader sees: no <script>, <style> or <head> content; list items apart."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.items: list[str] = []
        self.in_item = False
        self.text: list[str] = []
        self.body_attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self.hidden += 1
        elif tag == "li":
            self.in_item = True
            self.items.append("")
        elif tag == "body":
            self.body_attributes = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.hidden -= 1
        elif tag == "li":
            self.in_item = False

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.text.append(data)
        if self.in_item:
            self.items[-1] += data


def dump_dom(page: Path, profile: Path, *options: str) -> str:
    """The page's DOM after Chromium has parsed it and run whatever scripts it holds;
    ``options`` add to Chromium's (``--virtual-time-budget=MS`` lets timers run first)."""
    assert CHROMIUM is not None
    completed = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *options,
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_chromium_shows_every_confirmed_signatory_in_order(project: Path, tmp_path: Path) -> None:
    signatories = project / "signatories" / "cambodia-2021.toml"
    with signatories.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[[signatory]]\nname = "{EVIL}"\ngroup = "endorsers"\n')
        handle.write('\n[[signatory]]\nname = "Hidden Pending"\ngroup = "endorsers"\n')
        handle.write('status = "pending"\n')
    document = build_document(load_project(project).get("cambodia-2021"))
    page = tmp_path / "statement.html"
    page.write_text(render_html(document), encoding="utf-8")

    seen = VisibleText()
    seen.feed(dump_dom(page, tmp_path / "profile"))

    expected = [
        item.display_name + (f" – {item.note}" if item.note else "")
        for section in document.sections
        if section.style != "sentence"
        for item in section.items
    ]
    assert [" ".join(item.split()) for item in seen.items] == expected
    assert EVIL in expected  # the name is printed as written, script tags and all
    assert "data-pwned" not in seen.body_attributes
    visible = " ".join(" ".join(seen.text).split())
    assert "NGO Panel for the Global Study on Children Deprived of Liberty" in visible
    assert "Hidden Pending" not in visible


# Chromium's headless window is at least 500 px wide, so the page is measured in a 360 px frame.
PHONE = """<!DOCTYPE html><html><body>
<iframe id="phone" style="width:360px;height:800px;border:0" srcdoc="{page}"></iframe>
<script>
document.getElementById("phone").addEventListener("load", () => {{
  const frame = document.getElementById("phone").contentWindow;
  const inner = frame.document;
  const list = inner.querySelector("ol");
  const probe = inner.createElement("span");
  probe.textContent = "{marker}";
  probe.style.whiteSpace = "nowrap";
  list.querySelector("li").appendChild(probe);
  const body = document.body;
  body.setAttribute("data-viewport-width", frame.innerWidth);
  body.setAttribute("data-scroll-width", inner.documentElement.scrollWidth);
  body.setAttribute("data-marker-width", probe.getBoundingClientRect().width);
  body.setAttribute("data-list-padding", parseFloat(frame.getComputedStyle(list).paddingLeft));
  const dateline = inner.querySelector(".dateline");
  body.setAttribute("data-dateline-style", frame.getComputedStyle(dateline).fontStyle);
}});
</script>
</body></html>
"""


@pytest.mark.parametrize(("lang", "marker"), [("en", "100. "), ("km", "១០០. ")])
def test_phone_width_page_fits_and_markers_fit_three_digits(
    project: Path, tmp_path: Path, lang: str, marker: str
) -> None:
    """At 360 px nothing runs past the screen's edge, and a list's left padding holds '100.'."""
    import html

    document = build_document(load_project(project).get("cambodia-2021"), lang=lang)
    page = tmp_path / "phone.html"
    page.write_text(
        PHONE.format(page=html.escape(render_html(document), quote=True), marker=marker),
        encoding="utf-8",
    )

    seen = VisibleText()
    seen.feed(dump_dom(page, tmp_path / "profile"))
    measured = seen.body_attributes
    assert measured["data-viewport-width"] == "360"
    assert float(measured["data-scroll-width"] or 0) <= 360
    assert float(measured["data-marker-width"] or 0) <= float(measured["data-list-padding"] or 0)
    assert measured["data-dateline-style"] == ("normal" if lang == "km" else "italic")
