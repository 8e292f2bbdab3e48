"""Worksheets in a real Chromium: answers are kept in this browser, restored, exported, imported,
printed, shared between tabs, kept across worksheet versions, and reachable by keyboard alone."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import BrowserContext, Dialog, Page, expect

from accessibility import run_axe, violations
from conftest import MakeSite, build_site, start_server, write_site
from sample_worksheets import every_field_type

pytestmark = pytest.mark.browser

KEY = "comeback:comeback:ws:every-field"  # site key: the path of site_url, /comeback/
P = "#ws-every-field-"

# Two table and matrix rows, so that "Add a row" and "Add an option" make a third; a week of tracker days.
EVERY_FIELD_TYPE = every_field_type(rows=2)

LESSON = "# Lesson\n\n## Worksheets\n\n::worksheet[every-field]\n\n[Back home](../index.md)\n"


@dataclass
class Site:
    root: Path
    url: str  # the site's base URL, served under /comeback/

    @property
    def lesson(self) -> str:
        return self.url + "lesson/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The every-field worksheet on a Material site with instant navigation and a light/dark toggle,
    built once for this module. Material only navigates instantly to URLs in its sitemap, so
    site_url is the address the site is served from."""
    root = tmp_path_factory.mktemp("worksheet-browser")
    server = start_server(root / "site")
    write_site(
        root,
        {
            "content/index.md": "# Home\n\n[Go to the worksheet](lesson/index.md)\n",
            "content/lesson/index.md": LESSON,
            "content/data.md": "# Your data\n\n::your-data\n",
            "worksheets/every-field.yml": EVERY_FIELD_TYPE,
        },
        {
            "site_name": "Test site",
            "site_url": server.base_url,
            "docs_dir": "content",
            "theme": {
                "name": "material",
                "font": False,
                "features": ["navigation.instant"],
                "palette": [
                    {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
                    {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"}},
                ],
            },
            "plugins": ["comeback/worksheets", "comeback/learner"],
        },
    )
    built = build_site(root)
    assert built.ok, built.error
    yield Site(root, server.base_url)
    server.stop()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "en-US", "accept_downloads": True}


@pytest.fixture
def errors(page: Page) -> list[str]:
    """Uncaught errors on the page."""
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(f"{error.message}\n{error.stack}"))
    return found


def open_worksheet(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("form.ws[data-ws-ready]")


def wait_saved(page: Page) -> None:
    """Waits for the autosave of what the test just did."""
    page.wait_for_selector("form.ws:not([data-ws-unsaved])", state="attached", timeout=3000)
    expect(page.locator(".ws-status")).to_contain_text("Saved on this device")


def stored(page: Page, key: str = KEY) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.evaluate("key => localStorage.getItem(key)", key))
    return data


def in_field(page: Page, field: str) -> Any:
    return page.locator(f"[data-field='{field}']")


# --- Every field type: how to fill it and what it shows afterwards -------------------------


def fill_text(page: Page) -> None:
    page.fill(P + "name", "Ada <b>Lovelace</b>")


def check_text(page: Page) -> None:
    expect(page.locator(P + "name")).to_have_value("Ada <b>Lovelace</b>")


def fill_long_text(page: Page) -> None:
    page.fill(P + "story", "First line\nSecond line")


def check_long_text(page: Page) -> None:
    expect(page.locator(P + "story")).to_have_value("First line\nSecond line")


def fill_list(page: Page) -> None:
    page.fill(P + "next-steps--r1", "Call Sam")
    in_field(page, "next-steps").get_by_role("button", name="Add a line").click()
    expect(page.locator(P + "next-steps--r4")).to_be_focused()
    page.keyboard.type("Update my CV")


def check_list(page: Page) -> None:
    expect(page.locator(P + "next-steps--r1")).to_have_value("Call Sam")
    expect(page.get_by_role("textbox", name="Line 4")).to_have_value("Update my CV")


def fill_table(page: Page) -> None:
    page.fill(P + "contacts--r2-ask", "How did you move teams?")
    in_field(page, "contacts").get_by_role("button", name="Add a row").click()
    page.get_by_role("textbox", name="Row 3 Person").fill("Priya")


def check_table(page: Page) -> None:
    expect(page.get_by_role("textbox", name="Row 2 What to ask")).to_have_value("How did you move teams?")
    expect(page.get_by_role("textbox", name="Row 3 Person")).to_have_value("Priya")


def fill_scale(page: Page) -> None:
    page.check(P + "mood--7")


def check_scale(page: Page) -> None:
    expect(page.locator(P + "mood--7")).to_be_checked()


def fill_choice(page: Page) -> None:
    page.get_by_label("A failed project").check()


def check_choice(page: Page) -> None:
    expect(page.get_by_label("A failed project")).to_be_checked()
    expect(page.get_by_label("A job rejection")).not_to_be_checked()


def fill_checklist(page: Page) -> None:
    page.get_by_label("A friend").check()
    page.get_by_label("A mentor").check()
    page.get_by_label("A friend").uncheck()


def check_checklist(page: Page) -> None:
    expect(page.get_by_label("A mentor")).to_be_checked()
    expect(page.get_by_label("A friend")).not_to_be_checked()


def fill_date(page: Page) -> None:
    page.fill(P + "start", "2025-03-14")


def check_date(page: Page) -> None:
    expect(page.locator(P + "start")).to_have_value("2025-03-14")


def fill_tracker(page: Page) -> None:
    page.get_by_role("checkbox", name="A 20-minute walk Day 2").check()
    page.get_by_role("checkbox", name="In bed by 11 Day 7").check()


def check_tracker(page: Page) -> None:
    expect(page.get_by_role("checkbox", name="A 20-minute walk Day 2")).to_be_checked()
    expect(page.get_by_role("checkbox", name="In bed by 11 Day 7")).to_be_checked()
    expect(page.get_by_role("checkbox", name="A 20-minute walk Day 7")).not_to_be_checked()


def fill_matrix(page: Page) -> None:
    page.fill(P + "options--r1--name", "Stay and retrain")
    page.select_option(P + "options--r1-pay", "4")
    page.select_option(P + "options--r1-energy", "2")
    expect(page.locator(P + "options--r1--total")).to_have_text("22")
    in_field(page, "options").get_by_role("button", name="Add an option").click()
    page.get_by_role("textbox", name="Option 3 Option").fill("Move city")
    page.get_by_role("combobox", name="Option 3 Pay (×3)").select_option("5")
    expect(page.locator(P + "options--r3--total")).to_have_text("15")


def check_matrix(page: Page) -> None:
    expect(page.locator(P + "options--r1--name")).to_have_value("Stay and retrain")
    expect(page.locator(P + "options--r1-energy")).to_have_value("2")
    expect(page.locator(P + "options--r1--total")).to_have_text("22")
    expect(page.get_by_role("textbox", name="Option 3 Option")).to_have_value("Move city")
    expect(page.locator(P + "options--r3--total")).to_have_text("15")
    expect(page.locator(P + "options--r2--total")).to_have_text("")


FIELD_TYPES: dict[str, tuple[Callable[[Page], None], Callable[[Page], None]]] = {
    "text": (fill_text, check_text),
    "long-text": (fill_long_text, check_long_text),
    "list": (fill_list, check_list),
    "table": (fill_table, check_table),
    "scale": (fill_scale, check_scale),
    "choice": (fill_choice, check_choice),
    "checklist": (fill_checklist, check_checklist),
    "date": (fill_date, check_date),
    "tracker": (fill_tracker, check_tracker),
    "matrix": (fill_matrix, check_matrix),
}


def fill_everything(page: Page) -> None:
    for fill, _ in FIELD_TYPES.values():
        fill(page)


def check_everything(page: Page) -> None:
    for _, check in FIELD_TYPES.values():
        check(page)


@pytest.mark.parametrize("field_type", FIELD_TYPES)
def test_an_answer_of_every_type_is_restored_after_a_reload(
    site: Site, page: Page, errors: list[str], field_type: str
) -> None:
    fill, check = FIELD_TYPES[field_type]
    open_worksheet(page, site.lesson)
    fill(page)
    wait_saved(page)
    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    check(page)
    assert errors == []


def test_answers_typed_just_before_leaving_are_still_saved(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    fill_everything(page)
    page.reload()  # sooner than the autosave delay: pagehide saves them
    page.wait_for_selector("form.ws[data-ws-ready]")
    check_everything(page)
    data = stored(page)
    assert data["worksheet"] == "every-field" and data["version"] == 1 and data["archived"] == {}
    assert data["answers"]["options"][0] == {"name": "Stay and retrain", "scores": {"pay": 4, "energy": 2}}
    assert data["answers"]["habits"] == {"walk": [2], "sleep": [7]}


def test_status_says_when_answers_were_saved(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    expect(page.locator(".ws-archived")).to_be_hidden()
    expect(page.locator(".ws-warning")).to_be_hidden()
    fill_text(page)
    expect(page.locator(".ws-status")).to_have_text(re.compile(r"^Saved on this device at \d\d?:\d\d"))


def test_instant_navigation_away_and_back_restores_answers(site: Site, page: Page, errors: list[str]) -> None:
    open_worksheet(page, site.lesson)
    page.wait_for_load_state("networkidle")  # Material has read its sitemap
    page.evaluate("window.stillTheSameDocument = true")
    fill_everything(page)
    page.get_by_role("link", name="Back home").click()  # before the autosave delay runs out
    expect(page.get_by_role("link", name="Go to the worksheet")).to_be_visible()
    page.get_by_role("link", name="Go to the worksheet").click()
    page.wait_for_selector("form.ws[data-ws-ready]")
    assert page.evaluate("window.stillTheSameDocument") is True, "Material did not navigate instantly"
    check_everything(page)
    page.fill(P + "name", "Grace")  # listeners still work after the swap, and only once
    wait_saved(page)
    assert stored(page)["answers"]["name"] == "Grace"
    assert errors == []


def test_a_page_shown_again_from_the_back_forward_cache_shows_what_is_stored_now(site: Site, page: Page) -> None:
    # A page kept in the back/forward cache hears no storage event while it waits there: when it is
    # shown again (pageshow, persisted), it reads again what is stored, and shows nothing when
    # nothing is (answers erased meanwhile from another page).
    open_worksheet(page, site.lesson)
    fill_everything(page)
    wait_saved(page)
    shown_again = "dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))"

    newer = {**stored(page), "saved": "2999-01-01T00:00:00.000Z"}
    newer["answers"] = {**newer["answers"], "name": "Grace"}
    page.evaluate("([key, data]) => localStorage.setItem(key, JSON.stringify(data))", [KEY, newer])
    page.evaluate(shown_again)
    expect(page.locator(P + "name")).to_have_value("Grace")

    page.evaluate("key => localStorage.removeItem(key)", KEY)
    page.evaluate(shown_again)
    expect(page.locator(P + "name")).to_have_value("")
    expect(page.locator(P + "story")).to_have_value("")
    expect(page.get_by_label("A mentor")).not_to_be_checked()
    page.fill(P + "start", "2025-05-05")  # the next keystroke saves only what the form now shows
    wait_saved(page)
    assert stored(page)["answers"]["name"] == "" and stored(page)["answers"]["start"] == "2025-05-05"


def test_without_material_the_scripts_start_on_their_own(site: Site, page: Page) -> None:
    from comeback.core.worksheets.model import Worksheet
    from comeback.pages.forms import render_form

    form = render_form(Worksheet.model_validate(yaml.safe_load(EVERY_FIELD_TYPE)), site_key="comeback")
    (site.root / "site" / "bare.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title>'
        '<link rel="stylesheet" href="assets/comeback/worksheets.css">'
        '<script src="assets/comeback/course-data.js"></script><script src="assets/comeback/answers.js"></script>'
        '<script src="assets/comeback/store.js"></script>'
        f'<script src="assets/comeback/worksheets.js"></script></head><body>{form}</body></html>',
        encoding="utf-8",
    )
    open_worksheet(page, site.url + "bare.html")
    assert page.evaluate("typeof window.document$") == "undefined"
    fill_matrix(page)
    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    check_matrix(page)


# --- Save a copy, load a copy, clear, print -------------------------------------------------


def download(page: Page, button: str, where: str = ".ws-toolbar") -> Path:
    with page.expect_download() as info:
        page.locator(where).get_by_role("button", name=button).click()
    return Path(info.value.path())


def load_copy(page: Page, path: Path) -> None:
    page.set_input_files("#ws-every-field--import", str(path))


def test_save_clear_load_gives_back_the_same_answers(site: Site, page: Page, tmp_path: Path) -> None:
    open_worksheet(page, site.lesson)
    fill_everything(page)
    wait_saved(page)
    exported = download(page, "Save a copy")
    before = json.loads(exported.read_text(encoding="utf-8"))
    assert before["worksheet"] == "every-field" and before["answers"]["name"] == "Ada <b>Lovelace</b>"

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear").click()
    expect(page.locator(P + "name")).to_have_value("")
    expect(page.locator(P + "next-steps--r4")).to_have_count(0)
    expect(page.locator(P + "options--r1--total")).to_have_text("")
    assert stored(page)["answers"]["name"] == ""

    load_copy(page, exported)
    expect(page.locator(".ws-status")).to_contain_text("Loaded your answers")
    check_everything(page)
    after = json.loads(download(page, "Save a copy").read_text(encoding="utf-8"))
    assert after["answers"] == before["answers"]
    assert stored(page)["answers"] == before["answers"]


def test_clear_asks_first_and_keeps_answers_when_cancelled(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    fill_text(page)
    wait_saved(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear").click()
    check_text(page)
    assert stored(page)["answers"]["name"] == "Ada <b>Lovelace</b>"


def test_clear_touches_only_this_worksheet(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    page.evaluate(
        "localStorage.setItem('comeback:comeback:ws:other', '{\"kept\": true}'); localStorage.setItem('unrelated', 'x')"
    )
    fill_text(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear").click()
    assert page.evaluate("localStorage.getItem('comeback:comeback:ws:other')") == '{"kept": true}'
    assert page.evaluate("localStorage.getItem('unrelated')") == "x"


def test_everything_as_a_document_gives_readable_notes(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    fill_everything(page)
    wait_saved(page)
    page.goto(site.url + "data/")
    notes = download(page, "Save everything as a document", ".comeback-data").read_text(encoding="utf-8")
    assert notes.startswith("# My answers\n")
    assert "## Every field type\n\n### About you" in notes
    assert "**Your first name**\n\nAda \\<b>Lovelace\\</b>" in notes  # text, as typed: no bold in a Markdown viewer
    assert "**Three small next steps**\n\n- Call Sam\n- Update my CV" in notes
    assert "- Person: –; What to ask: How did you move teams?\n- Person: Priya; What to ask: –" in notes
    assert "7 (0 = Very low, 10 = Very good)" in notes
    assert "**Which supports do you have?**\n\nA mentor" in notes and "A friend" not in notes
    assert "**When will you start?**\n\nMarch 14, 2025" in notes
    assert "- Stay and retrain: Pay 4 (×3), Energy it gives me 2 (×5)" in notes


BAD_IMPORTS = {
    "another worksheet": (json.dumps({"worksheet": "goal-ladder", "version": 1, "answers": {}}), "goal-ladder"),
    "not JSON": ("this is not json {", "not a copy of your answers"),
    "no answers": (json.dumps({"worksheet": "every-field", "version": 1}), "answers are missing"),
    "a wrong shape": (
        json.dumps({"worksheet": "every-field", "version": 1, "answers": {"next-steps": "one line"}}),
        "next-steps",
    ),
    "a nest deeper than answers go": (
        json.dumps({"worksheet": "every-field", "version": 1, "answers": {"story": [[[[[[[[[[[[[["x"]]]]]]]]]]]]]]}}),
        "nested deeper",
    ),
}


def test_a_bad_import_changes_nothing_and_says_why(site: Site, page: Page, tmp_path: Path) -> None:
    open_worksheet(page, site.lesson)
    fill_text(page)
    wait_saved(page)
    before = page.evaluate("key => localStorage.getItem(key)", KEY)
    for name, (content, reason) in BAD_IMPORTS.items():
        path = tmp_path / f"{name}.json"
        path.write_text(content, encoding="utf-8")
        load_copy(page, path)
        status = page.locator(".ws-status")
        expect(status).to_contain_text("Could not load", timeout=3000)
        expect(status).to_contain_text(reason)
        expect(status).to_contain_text("Nothing was changed")
        check_text(page)
        assert page.evaluate("key => localStorage.getItem(key)", KEY) == before, name
        page.evaluate("document.querySelector('.ws-status').textContent = ''")


PAYLOAD = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'


def test_an_import_carrying_html_runs_nothing_and_shows_text(site: Site, page: Page, tmp_path: Path) -> None:
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_worksheet(page, site.lesson)
    scripts_before = page.locator("script").count()
    hostile = {
        "worksheet": "every-field",
        "version": 1,
        "saved": "2030-01-01T00:00:00.000Z",
        "answers": {
            "name": PAYLOAD,
            "story": "<svg onload=alert(1)>",
            "next-steps": [PAYLOAD],
            "contacts": [{"person": PAYLOAD, "ask": "<iframe src=javascript:alert(2)>"}],
            "kind": "<script>alert(3)</script>",
            "options": [{"name": PAYLOAD, "scores": {"pay": 3}}],
            '<img src=x onerror="alert(4)">': PAYLOAD,
        },
        "archived": {"<b onmouseover=alert(5)>old</b>": {"version": 1, "value": PAYLOAD}},
    }
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(hostile), encoding="utf-8")
    load_copy(page, path)
    expect(page.locator(".ws-status")).to_contain_text("Loaded")
    expect(page.locator(P + "name")).to_have_value(PAYLOAD)
    expect(page.locator(P + "contacts--r1-person")).to_have_value(PAYLOAD)
    expect(page.locator(P + "options--r1--name")).to_have_value(PAYLOAD)
    archived = page.locator(".ws-archived")
    expect(archived).to_be_visible()
    expect(archived).to_contain_text('<img src=x onerror="alert(4)">')
    expect(archived).to_contain_text("<script>alert(3)</script>")  # an unknown option is kept, as text
    expect(archived).to_contain_text(PAYLOAD)
    assert page.locator("form.ws img, form.ws svg, form.ws iframe, form.ws b").count() == 0
    assert page.locator("script").count() == scripts_before
    # Had any of it become an image, even one never put on the page, the browser would have asked for
    # its source ("x"), and its onerror would have run.
    page.wait_for_load_state("networkidle")
    assert [url for url in requested if url.endswith("/x")] == []
    assert page.evaluate("window.pwned") is None
    assert dialogs == []


def test_print_shows_answers_with_room_to_write_and_no_buttons(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    long_answer = "\n".join(f"Line {n} of a long answer" for n in range(1, 13))
    page.fill(P + "story", long_answer)
    page.fill(P + "name", "Ada")
    page.evaluate("window.printed = 0; window.print = () => window.printed++; null")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    expect(page.locator(".ws-toolbar")).to_be_hidden()
    expect(in_field(page, "next-steps").get_by_role("button", name="Add a line")).to_be_hidden()
    expect(page.locator(P + "name")).to_have_value("Ada")
    story = page.locator(P + "story")
    assert story.evaluate("t => t.scrollHeight <= t.clientHeight + 1"), "the whole answer is printed"
    page.fill(P + "story", "")
    assert story.evaluate("t => t.clientHeight") >= 4 * 20, "an empty answer keeps room to write"


# --- Storage that fails, and stored data that is broken ------------------------------------


def our_errors(errors: list[str]) -> list[str]:
    return [error for error in errors if "worksheets.js" in error]


def test_corrupted_stored_answers_are_set_aside_and_reported(site: Site, page: Page, errors: list[str]) -> None:
    open_worksheet(page, site.lesson)
    page.evaluate('key => localStorage.setItem(key, \'{"worksheet": "every-field", "answ\')', KEY)
    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(page.locator(".ws-status")).to_contain_text("could not be read")
    kept = page.evaluate(
        "key => Object.keys(localStorage).filter(k => k.startsWith(key + ':corrupt:')).map(k => localStorage.getItem(k))",
        KEY,
    )
    assert kept == ['{"worksheet": "every-field", "answ']
    fill_text(page)  # the worksheet still works
    wait_saved(page)
    assert stored(page)["answers"]["name"] == "Ada <b>Lovelace</b>"
    assert errors == []


def test_corrupted_answers_that_cannot_be_set_aside_are_never_written_over(
    site: Site, page: Page, errors: list[str]
) -> None:
    page.add_init_script(
        """const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
          if (key.includes(':corrupt:')) throw new DOMException('full', 'QuotaExceededError');
          return setItem.call(this, key, value);
        };"""
    )
    open_worksheet(page, site.lesson)
    page.evaluate("key => localStorage.setItem(key, 'not json at all')", KEY)
    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(page.locator(".ws-status")).to_contain_text("left untouched")
    expect(page.get_by_role("alert")).to_be_visible()
    fill_text(page)
    page.wait_for_selector("form.ws:not([data-ws-unsaved])", state="attached")  # the save was tried
    assert page.evaluate("key => localStorage.getItem(key)", KEY) == "not json at all"
    assert our_errors(errors) == []


def test_a_stored_answer_of_the_wrong_shape_is_archived_not_dropped(site: Site, page: Page, errors: list[str]) -> None:
    open_worksheet(page, site.lesson)
    data = {
        "worksheet": "every-field",
        "version": 1,
        "saved": "2020-01-01T00:00:00Z",
        "answers": {"name": "Ada", "mood": "very good", "kind": "gone"},
        "archived": {},
    }
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(data)])
    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(page.locator(P + "name")).to_have_value("Ada")
    archived = stored(page)["archived"]
    assert archived["mood"]["value"] == "very good" and archived["kind"]["value"] == "gone"
    assert errors == []


DISABLED_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""

FULL_STORAGE = """
Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
"""


def test_when_storage_is_disabled_the_learner_is_told_to_export(site: Site, page: Page, errors: list[str]) -> None:
    page.add_init_script(DISABLED_STORAGE)
    open_worksheet(page, site.lesson)
    warning = page.get_by_role("alert")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Your answers are not being saved on this device")
    fill_text(page)
    expect(page.locator(".ws-status")).to_contain_text("Not saved")
    exported = json.loads(download(page, "Save a copy", ".ws-warning").read_text(encoding="utf-8"))
    assert exported["answers"]["name"] == "Ada <b>Lovelace</b>"
    assert our_errors(errors) == []  # Material's own code may complain; ours must not


def test_when_storage_is_full_the_learner_is_told_to_export(site: Site, page: Page, errors: list[str]) -> None:
    page.add_init_script(FULL_STORAGE)
    open_worksheet(page, site.lesson)
    expect(page.get_by_role("alert")).to_be_hidden()
    fill_text(page)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Save a copy to keep them")
    expect(page.locator(".ws-status")).to_contain_text("storage is full")
    assert our_errors(errors) == []


# --- Two tabs -------------------------------------------------------------------------------


def test_two_tabs_share_answers_without_overwriting_newer_ones(site: Site, context: BrowserContext) -> None:
    tab_a, tab_b = context.new_page(), context.new_page()
    open_worksheet(tab_a, site.lesson)
    open_worksheet(tab_b, site.lesson)

    tab_b.fill(P + "name", "From tab B")
    wait_saved(tab_b)
    expect(tab_a.locator(P + "name")).to_have_value("From tab B")

    tab_a.fill(P + "story", "Typed in tab A")
    wait_saved(tab_a)
    assert stored(tab_a)["answers"]["name"] == "From tab B", "tab A wrote its older copy over B's answer"
    expect(tab_b.locator(P + "story")).to_have_value("Typed in tab A")

    # Tab A is typing when newer data arrives: what A types is kept, the rest is taken.
    tab_a.locator(P + "story").press("End")
    tab_a.keyboard.type(", and more")
    newer = stored(tab_b)
    newer["answers"].update(name="B again", story="B's story")
    newer["saved"] = "2099-01-01T00:00:00.000Z"
    tab_b.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(newer)])
    expect(tab_a.locator(P + "name")).to_have_value("B again")
    expect(tab_a.locator(P + "story")).to_have_value("Typed in tab A, and more")
    wait_saved(tab_a)
    answers = stored(tab_a)["answers"]
    assert (answers["name"], answers["story"]) == ("B again", "Typed in tab A, and more")


def test_clearing_in_one_tab_clears_the_other(site: Site, context: BrowserContext) -> None:
    tab_a, tab_b = context.new_page(), context.new_page()
    old = {
        "worksheet": "every-field",
        "version": 0,
        "saved": "2020-01-01T00:00:00Z",
        "answers": {"gone": "An old answer"},
    }
    tab_a.goto(site.lesson)
    tab_a.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(old)])
    open_worksheet(tab_a, site.lesson)
    open_worksheet(tab_b, site.lesson)
    tab_a.fill(P + "name", "Ada")
    wait_saved(tab_a)
    expect(tab_b.locator(P + "name")).to_have_value("Ada")
    expect(tab_b.locator(".ws-archived")).to_be_visible()

    tab_a.locator(P + "name").blur()  # the learner went over to tab B
    tab_b.once("dialog", lambda dialog: dialog.accept())
    tab_b.get_by_role("button", name="Clear").click()
    expect(tab_a.locator(P + "name")).to_have_value("")
    expect(tab_a.locator(".ws-archived")).to_be_hidden()
    tab_a.fill(P + "story", "A fresh start")
    wait_saved(tab_a)
    data = stored(tab_a)
    assert data["archived"] == {} and data["answers"]["name"] == "" and data["answers"]["story"] == "A fresh start"


def test_erasing_everything_in_one_tab_erases_the_other_and_says_so(site: Site, context: BrowserContext) -> None:
    worksheet, privacy = context.new_page(), context.new_page()
    open_worksheet(worksheet, site.lesson)
    worksheet.fill(P + "name", "Ada")
    wait_saved(worksheet)
    worksheet.locator(P + "name").blur()  # the learner went over to the other tab

    privacy.goto(site.url + "data/")
    privacy.get_by_role("button", name="Erase everything").click()
    dialog = privacy.locator("dialog.comeback-dialog")
    expect(dialog).to_contain_text("open in another tab of this browser too")
    dialog.get_by_role("button", name="Erase now").click()
    expect(privacy.locator("[data-comeback-data-status]")).to_contain_text("in your other open tabs too")

    expect(worksheet.locator(P + "name")).to_have_value("")
    worksheet.fill(P + "story", "The next learner")  # nothing of Ada comes back with it
    wait_saved(worksheet)
    data = stored(worksheet)
    assert data["answers"]["name"] == "" and data["answers"]["story"] == "The next learner"
    privacy.reload()
    expect(privacy.locator("[data-comeback-stored]")).not_to_contain_text("Ada")


def test_a_save_never_overwrites_newer_stored_answers_with_an_older_copy(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    fill_text(page)
    wait_saved(page)
    newer = stored(page)
    newer["answers"]["mood"] = 9
    newer["saved"] = "2099-01-01T00:00:00.000Z"
    # Written behind the page's back: a page gets no storage event for its own writes.
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(newer)])
    page.fill(P + "story", "Something new")
    wait_saved(page)
    answers = stored(page)["answers"]
    assert (answers["mood"], answers["story"]) == (9, "Something new")
    expect(page.locator(P + "mood--9")).to_be_checked()


# --- A new worksheet version ----------------------------------------------------------------


def rebuild_with_version_2(make_site: MakeSite, page: Page, url: str, v2: str) -> None:
    """Rebuild the version-1 site with `v2` and open it under a new URL (within the same second as
    version 1, the server would answer a reload with 304 Not Modified)."""
    built = make_site({"content/lesson/index.md": LESSON, "worksheets/every-field.yml": v2})
    assert built.ok, built.error
    open_worksheet(page, url + "?v2")


def open_version_1_with_a_story(make_site: MakeSite, serve: Callable[..., str], page: Page) -> str:
    """Build the version-1 site, answer `name` and `story`, wait for the save; return the lesson URL."""
    built = make_site({"content/lesson/index.md": LESSON, "worksheets/every-field.yml": EVERY_FIELD_TYPE})
    assert built.ok, built.error
    url = serve(built.site_dir) + "lesson/"
    open_worksheet(page, url)
    page.fill(P + "name", "Ada")
    page.fill(P + "story", "What happened to me")
    wait_saved(page)
    return url


def test_an_answer_to_a_renamed_field_is_archived_and_exported(
    make_site: MakeSite, serve: Callable[..., str], page: Page
) -> None:
    url = open_version_1_with_a_story(make_site, serve, page)

    v2 = EVERY_FIELD_TYPE.replace("version: 1", "version: 2").replace(
        "{id: story, type: long-text", "{id: events, type: long-text"
    )
    rebuild_with_version_2(make_site, page, url, v2)
    expect(page.locator(P + "name")).to_have_value("Ada")
    expect(page.locator(P + "events")).to_have_value("")
    archived = page.locator(".ws-archived")
    expect(archived).to_be_visible()
    archived.locator("summary").click()
    expect(archived).to_contain_text("Answers from an earlier version")
    expect(archived.locator("dd")).to_have_text("What happened to me")

    key = "comeback:test:ws:every-field"  # make_site's site_url is http://127.0.0.1/test/
    data = stored(page, key)
    assert data["version"] == 2
    assert data["archived"] == {"story": {"version": 1, "value": "What happened to me"}}
    assert "story" not in data["answers"]
    exported = json.loads(download(page, "Save a copy").read_text(encoding="utf-8"))
    assert exported["archived"]["story"]["value"] == "What happened to me"

    page.fill(P + "events", "Now in the new field")
    wait_saved(page)
    assert stored(page, key)["archived"]["story"]["value"] == "What happened to me"


def test_a_page_of_an_older_version_does_not_rewrite_newer_answers_when_it_opens(site: Site, page: Page) -> None:
    # e.g. a browser cache still serving the lesson from before a deploy: it may show the answers,
    # but must not turn the newer version's answers into archived ones just by being opened.
    newer = {
        "worksheet": "every-field",
        "version": 2,
        "saved": "2020-01-01T00:00:00.000Z",
        "answers": {"name": "Ada", "events": "Newer"},
        "archived": {},
    }
    page.goto(site.lesson)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(newer)])
    open_worksheet(page, site.lesson)
    expect(page.locator(P + "name")).to_have_value("Ada")
    assert stored(page) == newer


def test_an_export_from_an_older_version_imports_with_what_no_longer_fits_archived(
    make_site: MakeSite, serve: Callable[..., str], page: Page
) -> None:
    url = open_version_1_with_a_story(make_site, serve, page)
    backup = download(page, "Save a copy")

    # Version 2 turns the one-line story into a list: the backup's story no longer fits the form.
    v2 = EVERY_FIELD_TYPE.replace("version: 1", "version: 2").replace(
        "{id: story, type: long-text", "{id: story, type: list"
    )
    page.evaluate("localStorage.clear()")  # e.g. the browser's data was cleared: the backup is all there is
    rebuild_with_version_2(make_site, page, url, v2)
    load_copy(page, backup)
    expect(page.locator(".ws-status")).to_contain_text("Loaded your answers")
    expect(page.locator(P + "name")).to_have_value("Ada")
    data = stored(page, "comeback:test:ws:every-field")
    assert data["version"] == 2 and data["answers"]["name"] == "Ada"
    assert data["archived"] == {"story": {"version": 1, "value": "What happened to me"}}


# --- Keyboard and accessibility --------------------------------------------------------------


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_learner_can_fill_in_everything_by_keyboard(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    tab_to(page, P + "name")
    page.keyboard.type("Ada")
    page.keyboard.press("Tab")
    page.keyboard.type("It was hard")
    tab_to(page, P + "next-steps--r3")
    page.keyboard.type("Third")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "Add a line" moves focus to the new line
    page.keyboard.type("Fourth")
    tab_to(page, P + "contacts--r1-ask")
    page.keyboard.type("Advice")
    tab_to(page, P + "mood--0")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    tab_to(page, "[name='ws-every-field-kind']")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    tab_to(page, P + "supports--o-mentor")
    page.keyboard.press("Space")
    tab_to(page, P + "start")
    page.keyboard.type("03142025")
    tab_to(page, P + "habits--walk-2")
    page.keyboard.press("Space")
    tab_to(page, P + "options--r1--name")
    page.keyboard.type("Stay")
    page.keyboard.press("Tab")
    page.keyboard.press("4")
    page.keyboard.press("Tab")
    page.keyboard.press("2")
    expect(page.locator(P + "options--r1--total")).to_have_text("22")
    wait_saved(page)

    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(page.locator(P + "name")).to_have_value("Ada")
    expect(page.locator(P + "story")).to_have_value("It was hard")
    expect(page.get_by_role("textbox", name="Line 4")).to_have_value("Fourth")
    expect(page.locator(P + "contacts--r1-ask")).to_have_value("Advice")
    expect(page.locator(P + "mood--3")).to_be_checked()
    expect(page.get_by_label("A failed project")).to_be_checked()
    expect(page.get_by_label("A mentor")).to_be_checked()
    expect(page.locator(P + "start")).to_have_value("2025-03-14")
    expect(page.get_by_role("checkbox", name="A 20-minute walk Day 2")).to_be_checked()
    expect(page.locator(P + "options--r1--total")).to_have_text("22")


def test_focus_is_visible_on_every_control(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    tab_to(page, P + "name")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_targets_are_big_enough(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    small = page.evaluate(
        """() => [...document.querySelectorAll('form.ws input:not([type=file]), form.ws select,'
            + ' form.ws textarea, form.ws button, form.ws label.ws-button')].filter(el => el.checkVisibility())
          .map(el => [el.id || el.textContent, el.closest('label') || el])
          .filter(([, box]) => { const r = box.getBoundingClientRect(); return r.height < 24 || r.width < 24; })
          .map(([name]) => name)"""
    )
    assert small == []
    heights = page.evaluate(
        "[...document.querySelectorAll('form.ws .ws-button, form.ws .ws-option')]"
        ".filter(e => e.checkVisibility()).map(e => e.getBoundingClientRect().height)"
    )
    assert min(heights) >= 43


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_problems_in_light_or_dark(site: Site, page: Page, scheme: str) -> None:
    old = {
        "worksheet": "every-field",
        "version": 0,
        "saved": "2020-01-01T00:00:00Z",
        "answers": {"gone": "An answer to a question that was removed"},
    }
    page.goto(site.lesson)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(old)])
    open_worksheet(page, site.lesson)
    if scheme == "slate":
        page.locator("[title='Switch to dark mode']").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    fill_everything(page)
    page.evaluate("document.querySelector('.ws-warning').hidden = false")
    page.locator(".ws-archived summary").click()
    page.locator(".ws-status").evaluate("s => s.textContent = 'Saved on this device at 10:00'")
    page.mouse.move(0, 0)
    results = run_axe(page, include="form.ws", passes=True)
    assert violations(results) == []
    checked = {rule["id"] for rule in results["passes"]}
    assert {"label", "color-contrast", "aria-valid-attr-value", "target-size"} <= checked
