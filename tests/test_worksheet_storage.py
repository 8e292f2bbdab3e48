# ruff: noqa: F811  (tests take the imported fixtures `site` and `errors` as arguments)
"""Worksheet storage never buries or loses an answer, in a real Chromium: a page of an older
worksheet version saves nothing over a newer one's answers, odd ids are just ids, a failure is
never reported as a success, corrupt data is set aside once, and what export writes, import reads."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from conftest import MakeSite, start_server
from test_worksheet_browser import (  # noqa: F401  (errors and site: fixtures pytest finds by name)
    EVERY_FIELD_TYPE,
    KEY,
    LESSON,
    P,
    Site,
    download,
    errors,
    load_copy,
    open_worksheet,
    our_errors,
    site,
    stored,
    wait_saved,
)

pytestmark = pytest.mark.browser

TEST_KEY = "comeback:test:ws:every-field"  # make_site's site_url is http://127.0.0.1/test/
# Version 2 renames the long-text field `story` to `events` and adds a field `hope`.
V2 = EVERY_FIELD_TYPE.replace("version: 1", "version: 2").replace(
    "{id: story, type: long-text",
    '{id: hope, type: text, label: "What do you hope for?"}\n      - {id: events, type: long-text',
)


@pytest.fixture
def two_versions(make_site: MakeSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Version 1 and version 2 of one site, served side by side from one origin (so they share
    localStorage, as an old cached page and the new release do); their lesson URLs."""
    both = tmp_path_factory.mktemp("both")
    for name, worksheet in (("v1", EVERY_FIELD_TYPE), ("v2", V2)):
        built = make_site({"content/lesson/index.md": LESSON, "worksheets/every-field.yml": worksheet})
        assert built.ok, built.error
        shutil.copytree(built.site_dir, both / name)
    server = start_server(both)
    yield server.base_url + "v1/lesson/", server.base_url + "v2/lesson/"
    server.stop()


def fill_version_2(page: Page, url: str) -> dict[str, Any]:
    open_worksheet(page, url)
    page.fill(P + "name", "Ada")
    page.fill(P + "hope", "A team that listens")
    page.fill(P + "events", "The newer answer")
    page.locator(P + "mood--8").check()
    wait_saved(page)
    return stored(page, TEST_KEY)


def expect_version_2_answers(page: Page, url: str) -> None:
    open_worksheet(page, url + "?again")
    expect(page.locator(P + "name")).to_have_value("Ada")
    expect(page.locator(P + "hope")).to_have_value("A team that listens")
    expect(page.locator(P + "events")).to_have_value("The newer answer")
    expect(page.locator(P + "mood--8")).to_be_checked()
    expect(page.locator(".ws-stale")).to_be_hidden()


def test_a_page_of_an_older_version_saves_nothing_says_why_and_the_newer_answers_stay_in_their_fields(
    two_versions: tuple[str, str], page: Page
) -> None:
    v1, v2 = two_versions
    newer = fill_version_2(page, v2)

    open_worksheet(page, v1)  # e.g. the browser's cache still holds the page from before a release
    notice = page.locator(".ws-stale")
    expect(notice).to_be_visible()
    expect(notice).to_have_attribute("role", "alert")
    expect(notice).to_contain_text("Reload the page")
    expect(page.locator(P + "name")).to_have_value("Ada")  # it shows what it can, read-only
    expect(page.locator(P + "name")).to_be_disabled()
    page.locator(P + "name").click(force=True)
    page.keyboard.type("x")
    page.locator(P + "story").dispatch_event("input")  # even an input event that gets through
    expect(page.locator("form.ws")).not_to_have_attribute("data-ws-unsaved", "")  # no save waits to happen
    page.evaluate("dispatchEvent(new Event('pagehide'))")  # and leaving the page saves nothing either
    assert stored(page, TEST_KEY) == newer

    expect_version_2_answers(page, v2)


def test_a_tab_of_an_older_version_stops_saving_once_a_newer_version_saves_in_another_tab(
    two_versions: tuple[str, str], context: BrowserContext
) -> None:
    v1, v2 = two_versions
    old_tab, new_tab = context.new_page(), context.new_page()
    open_worksheet(old_tab, v1)
    old_tab.fill(P + "name", "Ada")
    wait_saved(old_tab)
    fill_version_2(new_tab, v2)

    expect(old_tab.locator(".ws-stale")).to_be_visible()
    expect(old_tab.locator(P + "story")).to_be_disabled()
    before = stored(new_tab, TEST_KEY)
    old_tab.locator(P + "story").dispatch_event("input")
    expect(old_tab.locator("form.ws")).not_to_have_attribute("data-ws-unsaved", "")  # no save waits to happen
    old_tab.evaluate("dispatchEvent(new Event('pagehide'))")  # listeners run before this returns
    assert stored(new_tab, TEST_KEY) == before

    expect_version_2_answers(new_tab, v2)


# --- ids that are also names of JavaScript's own ---------------------------------------------------

ODD_IDS = """\
id: odd-ids
title: Odd ids
version: 1
minutes: 5
sections:
  - title: Everything
    fields:
      - {id: constructor, type: text, label: A field called constructor}
      - id: to-string
        type: table
        label: A table
        columns: [{id: constructor, label: Constructor}, {id: prototype, label: Prototype}]
        rows: 1
      - id: habits
        type: tracker
        label: Habits
        items: [{id: constructor, label: Build}, {id: walk, label: Walk}]
        days: 2
      - id: picks
        type: checklist
        label: Picks
        options: [{id: constructor, label: Build}, {id: valueof, label: Value}]
      - id: options
        type: matrix
        label: Options
        criteria: [{id: constructor, label: Build, weight: 2}, {id: prototype, label: Proto, weight: 1}]
        rows: 1
"""
ODD_KEY = "comeback:test:ws:odd-ids"


@pytest.fixture
def odd_site(make_site: MakeSite, tmp_path: Path) -> Iterator[str]:
    built = make_site(
        {"content/lesson/index.md": "# Lesson\n\n::worksheet[odd-ids]\n", "worksheets/odd-ids.yml": ODD_IDS}
    )
    assert built.ok, built.error
    server = start_server(built.site_dir)
    yield server.base_url + "lesson/"
    server.stop()


def test_ids_such_as_constructor_are_saved_and_restored_like_any_other(
    odd_site: str, page: Page, errors: list[str]
) -> None:
    form = "#ws-odd-ids-"
    open_worksheet(page, odd_site)
    page.fill(form + "constructor", "Built")
    page.fill(form + "to-string--r1-constructor", "Cell")
    page.locator(form + "habits--constructor-2").check()
    page.locator(form + "picks--o-constructor").check()
    page.fill(form + "options--r1--name", "Stay")
    page.select_option(form + "options--r1-constructor", "4")
    wait_saved(page)
    answers = stored(page, ODD_KEY)["answers"]
    assert answers["constructor"] == "Built"
    assert answers["to-string"] == [{"constructor": "Cell", "prototype": ""}]
    assert answers["habits"] == {"constructor": [2], "walk": []}
    assert answers["picks"] == ["constructor"]
    assert answers["options"] == [{"name": "Stay", "scores": {"constructor": 4, "prototype": None}}]

    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(page.locator(form + "constructor")).to_have_value("Built")
    expect(page.locator(form + "to-string--r1-constructor")).to_have_value("Cell")
    expect(page.locator(form + "to-string--r1-prototype")).to_have_value("")
    expect(page.locator(form + "habits--constructor-2")).to_be_checked()
    expect(page.locator(form + "options--r1-prototype")).to_have_value("")
    expect(page.locator(form + "options--r1--total")).to_have_text("8")
    assert our_errors(errors) == []


def test_an_import_with_keys_such_as_proto_keeps_them_as_archived_answers_and_changes_no_object(
    site: Site,
    page: Page,
    tmp_path: Path,
    errors: list[str],
) -> None:
    backup = tmp_path / "odd.json"
    backup.write_text(
        '{"worksheet": "every-field", "version": 1, "answers": {"name": "Ada", "__proto__": {"polluted": "yes"},'
        ' "constructor": "an old answer"}, "archived": {"__proto__": {"version": 1, "value": "kept"}}}',
        encoding="utf-8",
    )
    open_worksheet(page, site.lesson)
    load_copy(page, backup)
    expect(page.locator(".ws-status")).to_contain_text("Loaded your answers")
    expect(page.locator(P + "name")).to_have_value("Ada")
    archived = stored(page)["archived"]
    assert archived["__proto__"] == {"version": 1, "value": "kept"}
    assert archived["constructor"] == {"version": 1, "value": "an old answer"}
    assert archived["__proto__ (2)"] == {"version": 1, "value": {"polluted": "yes"}}
    assert page.evaluate("({}).polluted === undefined && Object.prototype.polluted === undefined")
    assert our_errors(errors) == []


# --- failures are reported as failures -----------------------------------------------------------

FILL_STORAGE = """() => {
  const chunk = "x".repeat(512 * 1024);
  let n = 0;
  for (let size = chunk.length; size >= 1; size = Math.floor(size / 2)) {
    try { for (;;) localStorage.setItem(`filler:${n++}`, chunk.slice(0, size)); } catch {}
  }
  return n;
}"""


def test_an_import_while_storage_is_full_says_it_failed_and_changes_nothing(
    site: Site,
    page: Page,
    tmp_path: Path,
) -> None:
    open_worksheet(page, site.lesson)
    page.fill(P + "name", "Before")
    wait_saved(page)
    before = page.evaluate("key => localStorage.getItem(key)", KEY)
    backup = tmp_path / "backup.json"
    backup.write_text(
        json.dumps(
            {"worksheet": "every-field", "version": 1, "answers": {"name": "From the file", "story": "y" * 4000}}
        )
    )
    page.evaluate(FILL_STORAGE)  # this browser's storage, really full
    page.once("dialog", lambda dialog: dialog.accept())
    load_copy(page, backup)

    status = page.locator(".ws-status")
    expect(status).to_contain_text(": this browser's storage is full. Nothing was changed.")
    expect(page.locator(".ws-warning")).to_be_visible()
    expect(page.locator(P + "name")).to_have_value("Before")
    assert page.evaluate("key => localStorage.getItem(key)", KEY) == before
    page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('filler:')).forEach(k => localStorage.removeItem(k))"
    )


def test_corrupt_stored_answers_are_set_aside_once_not_at_every_save(site: Site, page: Page) -> None:
    open_worksheet(page, site.lesson)
    page.evaluate("key => localStorage.setItem(key, 'not json at all')", KEY)
    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    page.fill(P + "name", "One")
    wait_saved(page)
    page.fill(P + "name", "Two")
    wait_saved(page)
    copies = page.evaluate("key => Object.keys(localStorage).filter(k => k.startsWith(key + ':corrupt:')).length", KEY)
    assert copies == 1


# --- what export writes, import reads --------------------------------------------------------------


def test_a_large_export_imports_back_whole(site: Site, page: Page, tmp_path: Path) -> None:
    open_worksheet(page, site.lesson)
    long_story = "A long day, written out in full. " * 10_000  # about 330 KB
    page.fill(P + "story", long_story)
    wait_saved(page)
    backup = download(page, "Save a copy")
    assert backup.stat().st_size > 300_000
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear").click()
    expect(page.locator(P + "story")).to_have_value("")

    load_copy(page, backup)
    expect(page.locator(".ws-status")).to_contain_text("Loaded your answers")
    expect(page.locator(P + "story")).to_have_value(long_story)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            '{"worksheet": "every-field", "version": 1, "answers": {"name": ' + "[" * 5000 + "]" * 5000 + "}}",
            "nested deeper than a worksheet's answers ever are",
        ),
        (
            '{"worksheet": "every-field", "version": 1, "answers": {"story": "' + "x" * (17 * 1024 * 1024) + '"}}',
            "larger than 16 MB, more than any copy of your answers",
        ),
    ],
    ids=["deeply-nested", "larger-than-any-export"],
)
def test_an_import_nested_too_deep_or_too_large_is_refused_and_changes_nothing(
    site: Site,
    page: Page,
    tmp_path: Path,
    content: str,
    reason: str,
) -> None:
    open_worksheet(page, site.lesson)
    page.fill(P + "name", "Kept")
    wait_saved(page)
    before = page.evaluate("key => localStorage.getItem(key)", KEY)
    path = tmp_path / "hostile.json"
    path.write_text(content, encoding="utf-8")
    load_copy(page, path)

    expect(page.locator(".ws-status")).to_contain_text(f": it is {reason}. Nothing was changed.")
    expect(page.locator(P + "name")).to_have_value("Kept")
    assert page.evaluate("key => localStorage.getItem(key)", KEY) == before
