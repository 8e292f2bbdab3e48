"""A copy of the course that works from a folder: unzipped and opened from disk (file://), with no
server and no network, its pages, navigation, search, diagrams, PDFs and worksheets all work. The
usual builds link the zip, with its size."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from comeback.core.i18n import messages
from comeback.pages.links import Download, download_link
from conftest import MakeSite, Published

FOLDER = "comeback"


@pytest.fixture(scope="module")
def offline(published: Published, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The course's copy for a folder, as `comeback build` publishes it: the zip, and the folder it unzips to."""
    zipped = published.downloads / "comeback-offline.zip"
    unzipped = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(zipped) as archive:
        archive.extractall(unzipped)
    yield zipped, unzipped / FOLDER


def file_url(folder: Path, page: str) -> str:
    return (folder / page).as_uri()


def test_the_zip_holds_the_whole_site_in_one_folder_with_a_readme(offline: tuple[Path, Path]) -> None:
    zipped, folder = offline
    with zipfile.ZipFile(zipped) as archive:
        names = archive.namelist()

    assert all(name.startswith(f"{FOLDER}/") for name in names)
    assert {f"{FOLDER}/index.html", f"{FOLDER}/README.txt", f"{FOLDER}/search/search_index.js"} <= set(names)
    assert sum(name.endswith(".pdf") for name in names) >= 25
    assert (folder / "lessons/1-reframe-the-setback.html").is_file()  # plain .html pages: no server to add index.html
    assert "double-click index.html" in (folder / "README.txt").read_text(encoding="utf-8")


@pytest.mark.browser
def test_from_disk_with_no_network_pages_search_diagrams_pdfs_and_worksheets_work(
    offline: tuple[Path, Path], page: Page
) -> None:
    _, folder = offline
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(("file:", "data:", "blob:", "about:")) else elsewhere.append(request.url)
        ),
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(file_url(folder, "index.html"))
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Lean on your network").first.click()
    expect(page).to_have_url(file_url(folder, "lessons/3-lean-on-your-network.html"))
    diagram = page.locator("article img[src$='.svg']").first
    expect(diagram).to_be_visible()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", diagram.element_handle())

    page.keyboard.press("/")
    page.keyboard.type("weak ties")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching document")

    handout = page.locator("a[href$='.pdf']").first.get_attribute("href")
    assert handout and (folder / "lessons" / unquote(urlsplit(handout).path)).resolve().is_file()

    page.goto(file_url(folder, "lessons/2-set-new-goals.html"))
    page.wait_for_selector("form.ws[data-ws-ready]")
    page.fill("#ws-goal-ladder-goal", "Lead a team, from a USB stick")
    page.wait_for_selector("form#ws-goal-ladder:not([data-ws-unsaved])", state="attached")
    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(page.locator("#ws-goal-ladder-goal")).to_have_value("Lead a team, from a USB stick")

    page.goto(file_url(folder, "plan.html"))  # My plan reads the worksheets from a script, not a fetch
    expect(page.locator("[data-plan-body]")).to_contain_text("Lead a team, from a USB stick")
    page.goto(file_url(folder, "index.html"))
    expect(page.locator("[data-progress-lessons]")).to_contain_text("In progress")

    assert elsewhere == [] and errors == []


def test_both_editions_link_the_zip_with_its_size(offline: tuple[Path, Path], published: Published) -> None:
    zipped, _ = offline
    size = f"{zipped.stat().st_size / 1024 / 1024:.1f} MB"
    link = '<a href="{}downloads/comeback-offline.zip" download>The course to use without the internet</a> (zip, {})'

    assert link.format("../", size) in published.site.page("printables/")
    assert link.format("../../", size) in published.facilitator.page("printables/")
    assert not (published.facilitator.site_dir / "downloads").exists()  # one copy, in the learner edition


def test_switched_off_the_plugin_publishes_no_zip_and_a_page_that_links_one_fails(
    make_site: MakeSite, offline: tuple[Path, Path]
) -> None:
    zipped, _ = offline
    plugins = [{"comeback/offline": {"enabled": "off", "zip": str(zipped)}}]
    built = make_site({"content/index.md": "# Home\n"}, config={"plugins": plugins})

    assert built.ok, built.errors
    assert not (built.site_dir / "downloads").exists()
    built = make_site({"content/index.md": "# Home\n\n::download[offline]\n"}, config={"plugins": plugins})
    assert built.errors == [
        "content/index.md:3: '::download[offline]' needs the comeback/offline plugin, which this site does not use:"
        " add it to plugins in mkdocs.yml (or switch it on), or remove the line"
    ]


def test_without_a_zip_a_page_leaves_the_link_out() -> None:
    """How to make the zip is for the site's owner (the build's log tells them), not for readers."""
    missing = Download("offline", "downloads/comeback-offline.zip", None)

    assert download_link(missing, None, None, messages("en")) == ""


@pytest.mark.browser
def test_after_erasing_back_brings_no_answer_back_and_the_next_keystroke_saves_only_itself(
    offline: tuple[Path, Path], page: Page
) -> None:
    # Pages opened from a folder load as whole documents (no instant navigation), and a browser
    # puts back what a form showed when the learner goes Back: the training-room case.
    _, folder = offline
    lesson = file_url(folder, "lessons/2-set-new-goals.html")
    page.goto(lesson)
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(page.locator("form#ws-goal-ladder")).to_have_attribute("autocomplete", "off")
    page.fill("#ws-goal-ladder-goal", "The previous learner's goal")
    page.wait_for_selector("form#ws-goal-ladder:not([data-ws-unsaved])", state="attached")

    page.goto(file_url(folder, "privacy.html"))
    page.get_by_role("button", name="Erase everything").click()
    page.locator("dialog.comeback-dialog").get_by_role("button", name="Erase now").click()
    expect(page.locator("[data-comeback-data-status]")).to_contain_text("erased")
    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(lesson) + "(#.*)?$"))  # Material may add a heading's anchor
    page.wait_for_selector("form.ws[data-ws-ready]")

    expect(page.locator("#ws-goal-ladder-goal")).to_have_value("")
    page.locator("#ws-goal-ladder-first-steps--r1-step").fill("Mine")  # the next learner starts
    page.wait_for_selector("form#ws-goal-ladder:not([data-ws-unsaved])", state="attached")
    stored = page.evaluate("JSON.parse(localStorage.getItem('comeback:comeback:ws:goal-ladder'))")
    assert stored["answers"]["goal"] == ""
    assert "The previous learner's goal" not in json.dumps(stored)
