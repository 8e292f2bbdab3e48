"""Shared computers in a training room: answers that live only for the browser session, a note on
every worksheet that says so, and an "Erase my answers from this computer" that leaves nothing
behind, after offering a copy to take away. In real Chromium, over the real course."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, BrowserType, Page, expect

from conftest import REPO, BuiltSite, Server, learner_worksheets, start_server

pytestmark = pytest.mark.browser

FILLABLE = "[data-field] input[type=text], [data-field] textarea, [data-field] input[type=radio], [data-field] input[type=checkbox]"
WHAT_A_SITE_KEEPS = """async () => ({
  local: Object.keys(localStorage),
  session: Object.keys(sessionStorage),
  databases: (await indexedDB.databases()).map((d) => d.name),
  caches: await caches.keys(),
  cookies: document.cookie,
})"""


@pytest.fixture(scope="module")
def training_room(training_site: BuiltSite) -> Iterator[Server]:
    """The course built for a training room's shared computers (conftest's training_site), served."""
    server = start_server(training_site.site_dir)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def at_home(built_site: BuiltSite) -> Iterator[Server]:
    """The course as usual, served."""
    server = start_server(built_site.site_dir)
    yield server
    server.stop()


def worksheet_pages() -> list[str]:
    pages = ["start/"]
    pages += [f"lessons/{path.stem}/" for path in sorted((REPO / "content/lessons").glob("*.md"))]
    return [*pages, "finish/"]


def fill_every_worksheet(page: Page, base_url: str, pages: list[str] | None = None) -> list[str]:
    """Answers one question of every worksheet of the course (or of `pages`); the ids of the
    worksheets answered."""
    answered = []
    for path in worksheet_pages() if pages is None else pages:
        page.goto(base_url + path)
        page.wait_for_selector("form.ws[data-ws-ready]")
        for form in page.locator("form.ws").all():
            first = form.locator(FILLABLE).first
            if first.get_attribute("type") in ("radio", "checkbox"):
                first.check()
            else:
                first.fill("Something of mine")
            answered.append(str(form.get_attribute("data-worksheet")))
        page.wait_for_selector("form.ws[data-ws-unsaved]", state="detached")  # every form of the page saved
    return answered


def kept(page: Page) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(WHAT_A_SITE_KEEPS)
    return found


def test_in_a_training_room_every_worksheet_says_answers_last_only_for_the_session(
    training_room: Server, page: Page
) -> None:
    for path in worksheet_pages():
        page.goto(training_room.base_url + path)
        page.wait_for_selector("form.ws[data-ws-ready]")
        for form in page.locator("form.ws").all():
            expect(form.locator(".ws-shared-note")).to_be_visible()
            expect(form.locator(".ws-shared-note")).to_contain_text("only until you close it")
            expect(form.get_by_role("button", name="Erase my answers from this computer")).to_be_visible()
            expect(form.locator(".ws-shared-switch")).to_be_hidden()  # the build decided; nothing to switch


def test_erasing_after_every_worksheet_leaves_nothing_behind_and_offers_a_copy_first(
    training_room: Server, page: Page
) -> None:
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url) if "127.0.0.1" not in request.url else None)
    answered = fill_every_worksheet(page, training_room.base_url)
    assert len(answered) == len(learner_worksheets())
    before = kept(page)
    assert before["local"] == [] and len([key for key in before["session"] if ":ws:" in key]) == len(answered)

    page.get_by_role("button", name="Erase my answers from this computer").first.click()
    dialog = page.get_by_role("dialog", name="Erase your answers from this computer?")
    expect(dialog).to_be_visible()
    with page.expect_download() as saving:
        dialog.get_by_role("button", name="Save everything (file)").click()
    copy = json.loads(Path(saving.value.path()).read_text(encoding="utf-8"))
    assert copy["format"] == "comeback-answers" and copy["version"] == 1
    assert sorted(copy["worksheets"]) == sorted(answered)
    dialog.get_by_role("button", name="Erase now").click()
    expect(dialog).to_be_hidden()

    assert kept(page) == {"local": [], "session": [], "databases": [], "caches": [], "cookies": ""}
    expect(page.locator(".ws-status").first).to_contain_text("erased from this computer")
    assert foreign == []  # in this mode too, nothing asks another host for anything
    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(page.locator("form.ws " + FILLABLE).first).not_to_have_value("Something of mine")


def test_print_my_answers_prints_every_answer_and_only_them(training_room: Server, page: Page) -> None:
    page.goto(training_room.base_url + "lessons/2-set-new-goals/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    page.fill("#ws-goal-ladder-goal", "Lead a team by next autumn")
    page.wait_for_selector("form#ws-goal-ladder:not([data-ws-unsaved])", state="attached")
    # As a browser's print() does: beforeprint, the printing, then afterprint.
    page.evaluate(
        "window.print = () => { dispatchEvent(new Event('beforeprint'));"
        " window.printed = document.querySelector('.comeback-printout')?.innerText;"
        " dispatchEvent(new Event('afterprint')) }"
    )
    page.get_by_role("button", name="Erase my answers from this computer").first.click()
    page.get_by_role("dialog").get_by_role("button", name="Print everything").click()

    printed = page.evaluate("window.printed")
    assert "My answers" in printed and "Goal ladder" in printed and "Lead a team by next autumn" in printed
    page.emulate_media(media="print")  # what the printer would get, had it come to it
    assert page.locator(".comeback-printout").count() == 0  # gone again once printed


def test_closing_the_browser_without_erasing_keeps_nothing_but_at_home_it_keeps_everything(
    training_room: Server,
    at_home: Server,
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    tmp_path: Path,
) -> None:
    answered: dict[str, list[str]] = {}

    def session(base_url: str, profile: Path, fill: list[str] | None = None) -> dict[str, Any]:
        context = browser_type.launch_persistent_context(str(profile), **browser_type_launch_args)
        # What the browser kept from before, read as the first page opens, before any of its scripts.
        context.add_init_script(
            "window.keptFromBefore = {local: Object.keys(localStorage), session: Object.keys(sessionStorage)}"
        )
        page = context.new_page()
        if fill is not None:
            answered[base_url] = fill_every_worksheet(page, base_url, fill or None)
        page.goto(base_url + "lessons/2-set-new-goals/")
        page.wait_for_selector("form.ws[data-ws-ready]")
        before = page.evaluate("window.keptFromBefore")
        found = {**kept(page), **before, "shown": page.locator("#ws-goal-ladder-goal").input_value()}
        context.close()  # the learner closes the browser and walks away
        return found

    # In the room, every worksheet of the course (none may outlive the browser); at home, the
    # worksheets of one lesson are enough to show that the same steps keep what they saved.
    session(training_room.base_url, tmp_path / "room", fill=[])
    session(at_home.base_url, tmp_path / "home", fill=["lessons/2-set-new-goals/"])
    after_room = session(training_room.base_url, tmp_path / "room")
    after_home = session(at_home.base_url, tmp_path / "home")

    assert len(answered[training_room.base_url]) == len(learner_worksheets())
    assert after_room == {"local": [], "session": [], "databases": [], "caches": [], "cookies": "", "shown": ""}
    home = answered[at_home.base_url]
    assert len(home) >= 2 and sorted(key for key in after_home["local"] if ":ws:" in key) == sorted(
        f"comeback:comeback:ws:{worksheet}" for worksheet in home
    )
    assert after_home["shown"] == "Something of mine"


def test_a_learner_can_switch_it_on_for_themselves_and_their_answers_move_with_them(
    at_home: Server, page: Page
) -> None:
    page.goto(at_home.base_url + "lessons/1-reframe-the-setback/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    page.fill("#ws-facts-vs-story-event", "The panel chose someone else")
    page.wait_for_selector("form#ws-facts-vs-story:not([data-ws-unsaved])", state="attached")
    switch = page.get_by_role("checkbox", name="This is a shared computer").first

    switch.check()
    assert kept(page)["local"] == []
    assert "comeback:comeback:ws:facts-vs-story" in kept(page)["session"]
    for form in page.locator("form.ws").all():  # every worksheet on the page says so now
        expect(form.locator(".ws-shared-note")).to_be_visible()
    page.fill("#ws-facts-vs-story-event", "The panel chose someone else, in March")
    page.wait_for_selector("form#ws-facts-vs-story:not([data-ws-unsaved])", state="attached")
    assert kept(page)["local"] == []

    page.get_by_role("checkbox", name="This is a shared computer").first.uncheck()
    stored = page.evaluate("JSON.parse(localStorage.getItem('comeback:comeback:ws:facts-vs-story'))")
    assert stored["answers"]["event"] == "The panel chose someone else, in March"
    assert [key for key in kept(page)["session"] if key.startswith("comeback:")] == []


# --- every tab of the browser --------------------------------------------------------------------

GOAL = "#ws-goal-ladder-goal"
EVENT = "#ws-facts-vs-story-event"


def open_lesson(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("form.ws[data-ws-ready]")


def saved(page: Page, worksheet: str) -> None:
    page.wait_for_selector(f"form#ws-{worksheet}:not([data-ws-unsaved])", state="attached")


def test_in_a_training_room_erasing_in_one_tab_erases_every_tab(training_room: Server, context: BrowserContext) -> None:
    # sessionStorage is each tab's own: the erase reaches the other tabs through a BroadcastChannel.
    first, second = context.new_page(), context.new_page()
    open_lesson(first, training_room.base_url + "lessons/2-set-new-goals/")
    first.fill(GOAL, "Lead a team")
    saved(first, "goal-ladder")
    open_lesson(second, training_room.base_url + "lessons/1-reframe-the-setback/")
    second.fill(EVENT, "The panel chose someone else")
    saved(second, "facts-vs-story")

    first.get_by_role("button", name="Erase my answers from this computer").first.click()
    dialog = first.get_by_role("dialog", name="Erase your answers from this computer?")
    expect(dialog).to_contain_text("open in another tab of this browser too")
    dialog.get_by_role("button", name="Erase now").click()

    expect(second.locator(EVENT)).to_have_value("")
    expect(second.locator("form#ws-facts-vs-story .ws-status")).to_contain_text("erased from this computer")
    for tab in (first, second):
        assert [key for key in kept(tab)["session"] if key.startswith("comeback:")] == []


def test_the_learners_own_switch_holds_in_every_tab_of_the_browser(at_home: Server, context: BrowserContext) -> None:
    lesson_1, lesson_2 = (
        at_home.base_url + "lessons/1-reframe-the-setback/",
        at_home.base_url + "lessons/2-set-new-goals/",
    )
    ticked, open_before = context.new_page(), context.new_page()
    open_lesson(ticked, lesson_1)
    ticked.fill(EVENT, "The panel chose someone else")
    saved(ticked, "facts-vs-story")
    open_lesson(open_before, lesson_2)
    ticked.get_by_role("checkbox", name="This is a shared computer").first.check()

    # The tab that was open already switches too, and keeps its answers for the session only.
    expect(open_before.get_by_role("checkbox", name="This is a shared computer").first).to_be_checked()
    expect(open_before.locator("form#ws-goal-ladder .ws-shared-note")).to_be_visible()
    open_before.fill(GOAL, "Lead a team")
    saved(open_before, "goal-ladder")
    # And so does a tab opened afterwards, which shows the answers of the others.
    opened_after = context.new_page()
    open_lesson(opened_after, lesson_1)
    expect(opened_after.get_by_role("checkbox", name="This is a shared computer").first).to_be_checked()
    expect(opened_after.locator(EVENT)).to_have_value("The panel chose someone else")
    opened_after.fill(EVENT, "The panel chose someone else, in March")
    saved(opened_after, "facts-vs-story")
    for tab in (ticked, open_before, opened_after):
        assert [key for key in kept(tab)["local"] if key.startswith("comeback:")] == []
    expect(ticked.locator(EVENT)).to_have_value("The panel chose someone else, in March")

    # Switched off again in one tab, every tab keeps its answers in the browser again.
    open_before.get_by_role("checkbox", name="This is a shared computer").first.uncheck()
    expect(ticked.get_by_role("checkbox", name="This is a shared computer").first).not_to_be_checked()
    expect(opened_after.get_by_role("checkbox", name="This is a shared computer").first).not_to_be_checked()
    stored = ticked.evaluate("JSON.parse(localStorage.getItem('comeback:comeback:ws:goal-ladder'))")
    assert stored["answers"]["goal"] == "Lead a team"
    for tab in (ticked, open_before, opened_after):
        assert [key for key in kept(tab)["session"] if key.startswith("comeback:")] == []
