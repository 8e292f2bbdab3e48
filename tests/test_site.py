"""The built course as a visitor meets it: strict builds, accessibility, privacy, sub-path links."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from accessibility import scan_pages
from conftest import BuiltSite, MakeSite


def site_pages(built: BuiltSite) -> list[str]:
    """URL paths (relative to the site root) of every HTML page a visitor can reach."""
    pages = []
    for html in sorted(built.site_dir.rglob("index.html")):
        relative = html.parent.relative_to(built.site_dir).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


class _References(HTMLParser):
    """Collects every URL a page points at: links, scripts, styles, images, sources."""

    ATTRIBUTES: ClassVar[dict[str, str]] = {
        "a": "href",
        "link": "href",
        "script": "src",
        "img": "src",
        "source": "src",
        "iframe": "src",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = self.ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append(value)


def test_a_broken_internal_link_fails_the_strict_build(make_site: MakeSite) -> None:
    built = make_site({"content/index.md": "# Home\n\nSee [the plan](plan.md).\n"}, config={"plugins": ["search"]})

    assert not built.ok
    assert "Aborted with 1 warnings in strict mode!" in (built.error or "")
    assert (
        "Doc file 'index.md' contains a link 'plan.md', but the target is not found among documentation files."
        in built.warnings
    )


def test_a_broken_anchor_fails_the_strict_build(make_site: MakeSite) -> None:
    built = make_site(
        {"content/index.md": "# Home\n\nSee [the plan](other.md#nowhere).\n", "content/other.md": "# Other\n"},
        config={"plugins": ["search"], "validation": {"anchors": "warn"}},
    )

    assert not built.ok
    assert (
        "Doc file 'index.md' contains a link 'other.md#nowhere', but the doc 'other.md' does not contain an anchor '#nowhere'."
        in built.warnings
    )


def test_the_course_builds_strictly_with_every_page(built_site: BuiltSite) -> None:
    pages = site_pages(built_site)
    for expected in ["", "start/", "support/", "privacy/", "about/", "printables/"]:
        assert expected in pages
    assert sum(p.startswith("lessons/") for p in pages) == 6


def test_every_internal_link_and_asset_resolves_under_a_sub_path(built_site: BuiltSite, course_url: str) -> None:
    checked: set[str] = set()
    broken: list[str] = []
    for page_path in site_pages(built_site):
        page_url = course_url + page_path
        html = urllib.request.urlopen(page_url).read().decode("utf-8")
        parser = _References()
        parser.feed(html)
        for reference in parser.urls:
            target = urljoin(page_url, reference).split("#", 1)[0]
            if urlsplit(target).netloc != urlsplit(course_url).netloc or target in checked:
                continue
            checked.add(target)
            try:
                urllib.request.urlopen(target).close()
            except urllib.error.HTTPError as error:
                broken.append(f"{page_path or '/'} -> {reference} ({error.code})")
    assert not broken, "\n".join(broken)
    assert any(url.endswith(".pdf") for url in checked), "no PDF download was linked from any page"
    assert len(checked) > 30


def test_the_sub_path_server_refuses_paths_outside_it(course_url: str) -> None:
    outside = re.sub(r"/comeback/$", "/index.html", course_url)
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(outside)


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site: BuiltSite) -> None:
    # What a browser would fetch by itself: scripts, stylesheets, images, frames, and the URLs in the
    # stylesheets. Links a visitor follows (a helpline's site) are not fetched.
    fetched = {"link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
    foreign = []
    for path in built_site.site_dir.rglob("*.html"):
        parser = _Tags()
        parser.feed(path.read_text(encoding="utf-8"))
        for tag, attributes in parser.tags:
            url = attributes.get(fetched.get(tag, ""), "") or ""
            if tag == "link" and attributes.get("rel") in ("canonical", "alternate"):
                continue  # names an address, fetches nothing
            if urlsplit(url).netloc:
                foreign.append(f"{path.relative_to(built_site.site_dir)}: <{tag}> {url}")
    for path in built_site.site_dir.rglob("*.css"):
        foreign += [f"{path.name}: {url}" for url in re.findall(r"url\(\s*['\"]?(https?:|//)", path.read_text())]

    assert foreign == []


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


# A page of every kind: the home page (progress), the start page (help, a worksheet that asks how
# you feel), lessons with every field type (a tracker of named and of the learner's own rows, a
# table with tick boxes, a matrix with the learner's weights), the closing page (then and now), My
# plan, the privacy page's panel, support, printables and references. Lessons 1, 3 and 4 hold
# nothing these do not.
REPRESENTATIVE = [
    "",
    "start/",
    "lessons/2-set-new-goals/",
    "lessons/5-daily-routine/",
    "lessons/6-new-paths/",
    "finish/",
    "plan/",
    "privacy/",
    "support/",
    "printables/",
    "accessibility/",
    "about/",
]


@pytest.mark.browser
def test_axe_finds_nothing_on_a_page_of_every_kind_in_either_palette_and_no_host_is_asked(
    course_url: str, page: Page
) -> None:
    local = urlsplit(course_url).netloc
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: foreign.append(request.url) if urlsplit(request.url).netloc not in (local, "") else None,
    )

    assert scan_pages(page, course_url, REPRESENTATIVE) == {}
    assert foreign == []  # nothing a page's scripts ask for either
