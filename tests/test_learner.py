"""The learner's own view of the course, in real Chromium over the real course: the My plan page a
learner who finished the six lessons gets (printed to PDF and read back, saved as a document, its
dates as a calendar file parsed by a maintained iCalendar library), progress by the course's rule,
"continue where you left off", the closing snapshot beside the first, and the privacy page's
save-everything, load-everything and erase-everything."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import icalendar
import jsonschema
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from accessibility import scan_pages
from conftest import REPO, BuiltSite, build_site, learner_worksheets, repo_course, start_server
from learner_journey import (
    PLAN_ANSWERS,
    complete_course,
    download,
    fields_of,
    fill_worksheet,
    parts,
    stored_answers,
    worksheet_yaml,
)

pytestmark = pytest.mark.browser

PREFIX = "comeback:comeback:"  # the site key is the path of site_url, /comeback/


@pytest.fixture(scope="module")
def finished(browser: Browser, course_url: str) -> dict[str, Any]:
    """The browser storage of Maya, who has filled in every worksheet of the course."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    complete_course(page, course_url)
    state: dict[str, Any] = dict(context.storage_state())
    context.close()
    return state


@pytest.fixture
def maya(browser: Browser, finished: dict[str, Any]) -> Iterator[Page]:
    """A page in a browser that holds Maya's answers."""
    context = browser.new_context(storage_state=finished, locale="en-GB", accept_downloads=True)  # type: ignore[arg-type]
    yield context.new_page()
    context.close()


@pytest.fixture
def fresh(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    yield context
    context.close()


def plan_fields() -> list[tuple[str, dict[str, Any]]]:
    """(worksheet, field) for every field of the course that feeds the plan, from the YAML."""
    return [
        (path.stem, field)
        for path in sorted((REPO / "worksheets").glob("*.yml"))
        for field in fields_of(path.stem)
        if field.get("plan")
    ]


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def shown_answers(worksheet: str, field_id: str) -> list[str]:
    """The texts of Maya's answer to a plan field that the plan must show."""
    answer = PLAN_ANSWERS[worksheet][field_id]
    if isinstance(answer, str):
        return [] if re.fullmatch(r"\d{4}-\d\d-\d\d", answer) else [answer]
    if isinstance(answer, list):
        return [
            cell
            for row in answer
            for cell in (row.values() if isinstance(row, dict) else [row])
            if not re.fullmatch(r"\d{4}-\d\d-\d\d", cell)
        ]
    return []  # a number of ticked options


def as_written(iso: str) -> str:
    """A date as the plan writes it in the en-GB locale, e.g. 11 January 2027."""
    return datetime.date.fromisoformat(iso).strftime("%-d %B %Y")


# --- My plan ---------------------------------------------------------------------------------------


def test_maya_answers_plan_fields_of_every_worksheet_that_has_them() -> None:
    """So that the tests below check every part of the plan (she tries two of the five kinds of
    small experiment, so leaves the other three kinds' fields empty)."""
    marked = {(worksheet, field["id"]) for worksheet, field in plan_fields()}
    answered = {(worksheet, field) for worksheet, fields in PLAN_ANSWERS.items() for field in fields}
    assert answered <= marked
    assert {worksheet for worksheet, _ in marked} == set(PLAN_ANSWERS)
    assert len(marked - answered) == 6


def test_my_plan_gathers_every_plan_answer_under_its_part_with_a_link_back(maya: Page, course_url: str) -> None:
    maya.goto(course_url + "plan/")
    body = maya.locator("[data-plan-body]")
    expect(body.locator("section")).not_to_have_count(0)
    headings = body.locator("h2").all_inner_texts()
    assert headings == [part["title"] for part in parts(maya) if any(w in PLAN_ANSWERS for w in part["worksheets"])]
    assert body.locator(".comeback-plan-empty").count() == 0

    for part in parts(maya):
        for worksheet in part["worksheets"]:
            if worksheet not in PLAN_ANSWERS:
                continue
            section = body.locator("section", has=maya.get_by_role("heading", name=part["title"], exact=True))
            sheet = section.locator(
                ".comeback-plan-sheet", has=maya.locator("h3", has_text=worksheet_yaml(worksheet)["title"])
            )
            text = words(sheet.inner_text())
            for field_id in PLAN_ANSWERS[worksheet]:
                for answer in shown_answers(worksheet, field_id):
                    assert answer in text, (worksheet, field_id)
                for value in re.findall(r"\d{4}-\d\d-\d\d", json.dumps(PLAN_ANSWERS[worksheet][field_id])):
                    assert as_written(value) in text, (worksheet, field_id)
            link = sheet.locator("a.comeback-plan-edit")
            assert link.get_attribute("href") == course_url + part["page"] + f"#ws-{worksheet}"

    maya.locator("a[href$='#ws-goal-ladder']").first.click()
    expect(maya.locator("#ws-goal-ladder-goal")).to_have_value(PLAN_ANSWERS["goal-ladder"]["goal"])


def test_my_plan_prints_on_two_pages_at_most_with_every_answer(maya: Page, course_url: str, tmp_path: Path) -> None:
    maya.goto(course_url + "plan/")
    expect(maya.locator("[data-plan-body] section")).not_to_have_count(0)
    pdf = tmp_path / "plan.pdf"
    maya.emulate_media(media="print")
    maya.pdf(path=str(pdf), format="A4", print_background=False)

    pages = len(PdfReader(pdf).pages)
    text = words(
        subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert 1 <= pages <= 2, f"My plan prints on {pages} pages"
    for worksheet, fields in PLAN_ANSWERS.items():
        for field_id in fields:
            for answer in shown_answers(worksheet, field_id):
                # pdftotext may break a long answer over lines, or columns: check its first words
                assert words(answer)[:25] in text, (worksheet, field_id)
    assert "Print my plan" not in text and "Add the dates to my calendar" not in text  # no buttons on paper
    print(f"\nMy plan printed on {pages} A4 page(s)")


def test_my_plan_saves_as_a_document(maya: Page, course_url: str) -> None:
    maya.goto(course_url + "plan/")
    document = download(maya, lambda: maya.get_by_role("button", name="Save my plan as a document").click())
    text = document.read_text(encoding="utf-8")
    assert document.name.endswith(".md") or text.startswith("# My comeback plan")
    assert text.startswith("# My comeback plan\n")
    for part in parts(maya):
        if any(w in PLAN_ANSWERS for w in part["worksheets"]):
            assert f"\n## {part['title']}\n" in text
    for worksheet, fields in PLAN_ANSWERS.items():
        assert f"\n### {worksheet_yaml(worksheet)['title']}\n" in text
        for field_id in fields:
            for answer in shown_answers(worksheet, field_id):
                assert answer in text, (worksheet, field_id)


def expected_events() -> set[tuple[str, datetime.date]]:
    """(summary, date) of every event Maya's dates must give, from the YAML and her answers."""
    events = set()
    for worksheet, field in plan_fields():
        answer = PLAN_ANSWERS[worksheet].get(field["id"])
        if answer is None:
            continue
        if field["type"] == "date":
            name = field.get("calendar") or f"{worksheet_yaml(worksheet)['title']}: {field['label']}"
            events.add((name, datetime.date.fromisoformat(answer)))
        if field["type"] == "table":
            dated = [c["id"] for c in field["columns"] if c.get("type") == "date"]
            named = next(c["id"] for c in field["columns"] if c.get("type", "text") == "text")
            events |= {(row[named], datetime.date.fromisoformat(row[d])) for row in answer for d in dated if d in row}
    return events


def test_the_dates_go_into_a_calendar_file_made_in_the_browser(maya: Page, course_url: str) -> None:
    requests: list[str] = []
    maya.on("request", lambda request: requests.append(request.url))
    maya.goto(course_url + "plan/")
    expect(maya.locator("[data-plan-body] section")).not_to_have_count(0)
    requests.clear()
    file = download(maya, lambda: maya.get_by_role("button", name="Add the dates to my calendar").click())
    assert [url for url in requests if not url.startswith("blob:")] == []  # made here, sent nowhere

    raw = file.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded as RFC 5545 says
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    found = {(str(event["SUMMARY"]), event.decoded("DTSTART")) for event in events}
    assert found == expected_events()
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime)  # all day
        assert end - start == datetime.timedelta(days=1)
        assert "From your comeback plan" in str(event["DESCRIPTION"])
        assert event["DTSTAMP"]
    assert len({str(event["UID"]) for event in events}) == len(events)
    expect(maya.locator("[data-plan-status]")).to_contain_text(f"{len(events)} dates")
    print(f"\nCalendar file: {len(events)} events, {len(raw)} bytes")


def test_an_empty_plan_says_which_worksheet_fills_each_part(fresh: BrowserContext, course_url: str) -> None:
    page = fresh.new_page()
    page.goto(course_url + "plan/")
    body = page.locator("[data-plan-body]")
    expect(body).to_contain_text("Your plan is empty so far")
    for worksheet in PLAN_ANSWERS:
        title = worksheet_yaml(worksheet)["title"]
        empty = body.locator(".comeback-plan-empty", has=page.get_by_role("link", name=title, exact=True))
        expect(empty).to_have_text(f"Not filled in yet: {title} fills in this part.")
        assert (empty.get_by_role("link").get_attribute("href") or "").endswith(f"#ws-{worksheet}")
    page.get_by_role("button", name="Add the dates to my calendar").click()
    expect(page.locator("[data-plan-status]")).to_contain_text("There are no dates in your plan yet")


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The course built for the address it is served from: Material navigates instantly only to
    the URLs of its own sitemap."""
    site_dir = tmp_path_factory.mktemp("instant") / "site"
    server = start_server(site_dir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", server.base_url)
        patch.setenv("COMEBACK_PDF", "0")
        built = build_site(REPO, site_dir=site_dir)
    assert built.ok, built.error
    yield server.base_url
    server.stop()


def test_my_plan_follows_instant_navigation_and_new_answers(fresh: BrowserContext, instant_url: str) -> None:
    page = fresh.new_page()
    page.goto(instant_url + "lessons/2-set-new-goals/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    fill_worksheet(page, "goal-ladder", {"goal": "Run my own team"}, every_field=False)
    page.evaluate("window.sameDocument = true")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="My plan").click()
    expect(page.locator("[data-plan-body]")).to_contain_text("Run my own team")
    assert page.evaluate("window.sameDocument") is True  # Material swapped the page in: no reload


# --- progress --------------------------------------------------------------------------------------


def test_a_finished_course_shows_every_lesson_done(maya: Page, course_url: str) -> None:
    maya.goto(course_url)
    progress = maya.locator("[data-comeback-progress]")
    expect(progress.locator("[data-progress-summary]")).to_have_text("You have done all 6 lessons.")
    assert progress.locator("progress").evaluate("p => [p.value, p.max]") == [6, 6]
    expect(progress.locator("[data-progress-lessons] li")).to_have_count(6)
    for item in progress.locator("[data-progress-lessons] li").all():
        expect(item).to_contain_text("Done")
    nav = maya.get_by_role("navigation", name="Navigation")
    for lesson in (REPO / "content/lessons").glob("*.md"):
        link = nav.locator(f"a.md-nav__link[href$='lessons/{lesson.stem}/']")
        expect(link.locator(".comeback-nav-status--done")).to_have_count(1)
        expect(link).to_contain_text("(done)")
    maya.goto(course_url + "lessons/4-grow-your-skills/")
    expect(maya.locator(".comeback-lesson-status")).to_have_text("Your progress: Done (2 of 2 worksheets filled in)")


def test_progress_follows_the_rule_half_of_every_worksheet(fresh: BrowserContext, course_url: str) -> None:
    page = fresh.new_page()
    lesson = course_url + "lessons/4-grow-your-skills/"
    status = page.locator(".comeback-lesson-status")
    page.goto(lesson)
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(status).to_have_text("Your progress: Not started (0 of 2 worksheets filled in)")

    skills = fields_of("skills-inventory")
    below_half = {field["id"]: None for field in skills[: (len(skills) - 1) // 2]}
    fill_worksheet(page, "skills-inventory", below_half, every_field=False)
    expect(status).to_have_text("Your progress: In progress (0 of 2 worksheets filled in)")
    half = {field["id"]: None for field in skills[: (len(skills) + 1) // 2]}
    fill_worksheet(page, "skills-inventory", half, every_field=False)
    expect(status).to_have_text("Your progress: In progress (1 of 2 worksheets filled in)")
    plan = fields_of("learning-plan")
    fill_worksheet(
        page, "learning-plan", {field["id"]: None for field in plan[: (len(plan) + 1) // 2]}, every_field=False
    )
    expect(status).to_have_text("Your progress: Done (2 of 2 worksheets filled in)")

    page.goto(course_url)
    expect(page.locator("[data-progress-summary]")).to_have_text("You have done 1 of the 6 lessons.")
    expect(page.locator("[data-progress-rule]")).to_contain_text(
        "at least half the questions each of its worksheets asks for have an answer (questions marked optional do not count)"
    )


def test_continue_where_you_left_off_goes_back_to_the_last_worksheet_changed(maya: Page, course_url: str) -> None:
    maya.goto(course_url)
    expect(maya.locator("[data-progress-continue]")).to_contain_text(
        "Looking back, looking ahead"
    )  # the last she filled in

    maya.goto(course_url + "lessons/3-lean-on-your-network/")
    maya.wait_for_selector("form.ws[data-ws-ready]")
    maya.fill("#ws-outreach-planner-why-them", "He made the same move two years ago")
    maya.wait_for_selector("form#ws-outreach-planner:not([data-ws-unsaved])", state="attached")
    maya.goto(course_url)
    link = maya.locator("[data-progress-continue] a")
    expect(link).to_have_text("Outreach planner, in Lesson 3: Lean on your network")
    link.click()
    expect(maya).to_have_url(course_url + "lessons/3-lean-on-your-network/#ws-outreach-planner")
    expect(maya.locator("#ws-outreach-planner")).to_be_in_viewport()


# --- the end of the course -------------------------------------------------------------------------


def test_the_closing_snapshot_shows_the_first_one_beside_it(fresh: BrowserContext, course_url: str) -> None:
    page = fresh.new_page()
    page.goto(course_url + "start/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    page.check("#ws-setback-snapshot-energy--3")
    page.fill("#ws-setback-snapshot-hope-note", "Know what I want next")
    page.wait_for_selector("form#ws-setback-snapshot:not([data-ws-unsaved])", state="attached")

    page.goto(course_url + "finish/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    page.check("#ws-looking-back-energy--7")
    page.wait_for_selector("form#ws-looking-back:not([data-ws-unsaved])", state="attached")
    table = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name="Then"))
    energy = table.get_by_role("row", name=re.compile("^My energy"))
    expect(energy.get_by_role("cell").nth(0)).to_have_text("3 (0 = Drained, 10 = Full of energy)")
    expect(energy.get_by_role("cell").nth(1)).to_have_text("7 (0 = Drained, 10 = Full of energy)")
    wish = table.get_by_role("row", name=re.compile("^At the start you wrote"))
    expect(wish.get_by_role("cell").nth(0)).to_have_text("Know what I want next")
    expect(page.locator("[data-then-when]")).to_contain_text("your Setback snapshot, last changed on")
    expect(page.get_by_role("heading", name="If another setback comes").first).to_be_visible()


# --- the learner's data ----------------------------------------------------------------------------


def worksheet_buttons(page: Page) -> list[list[str]]:
    """Each worksheet's buttons, and the label that opens its file chooser, as they read."""
    return [
        form.locator(".ws-toolbar button, .ws-toolbar label").all_inner_texts()
        for form in page.locator("form.ws").all()
    ]


def test_each_worksheet_has_four_plainly_named_buttons(fresh: BrowserContext, course_url: str) -> None:
    page = fresh.new_page()
    page.goto(course_url + "lessons/1-reframe-the-setback/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    assert worksheet_buttons(page) == [["Print", "Save a copy", "Load a copy", "Clear"]] * 3


def load_everything(page: Page, file: Path) -> None:
    page.set_input_files("#comeback-load-all", str(file))


def test_save_everything_erase_everything_load_everything_restores_every_worksheet(
    maya: Page, course_url: str, built_site: BuiltSite
) -> None:
    maya.goto(course_url + "privacy/")
    before = stored_answers(maya)
    assert len(before) == len(learner_worksheets())
    saved = download(maya, lambda: maya.get_by_role("button", name="Save everything", exact=True).click())
    copy = json.loads(saved.read_text(encoding="utf-8"))
    schema = json.loads((built_site.site_dir / "comeback-answers.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(copy, schema)
    assert copy["format"] == "comeback-answers" and copy["version"] == 1 and copy["worksheets"] == before
    expect(maya.locator("[data-comeback-copied]").first).to_have_text(
        f"You last saved a copy of your answers on {datetime.date.today().strftime('%-d %B %Y')}."
    )

    maya.get_by_role("button", name="Erase everything").click()
    maya.locator("dialog.comeback-dialog").get_by_role("button", name="Erase now").click()
    assert maya.evaluate("Object.keys(localStorage).filter(k => k.startsWith('comeback:comeback:'))") == []
    expect(maya.locator("[data-comeback-none]")).to_be_visible()

    load_everything(maya, saved)
    dialog = maya.locator("dialog.comeback-dialog")
    expect(dialog.get_by_role("listitem")).to_have_count(len(before))
    expect(dialog.get_by_role("listitem").filter(has_text="adds answers")).to_have_count(len(before))
    assert stored_answers(maya) == {}  # nothing changes before Load
    dialog.get_by_role("button", name="Load").click()
    expect(maya.locator("[data-comeback-data-status]")).to_contain_text(f"{len(before)} worksheets")

    after = stored_answers(maya)
    assert {k: (v["version"], v["answers"], v.get("archived")) for k, v in after.items()} == {
        k: (v["version"], v["answers"], v.get("archived")) for k, v in before.items()
    }
    maya.goto(course_url + "lessons/2-set-new-goals/")
    maya.wait_for_selector("form.ws[data-ws-ready]")
    expect(maya.locator("#ws-goal-ladder-goal")).to_have_value(PLAN_ANSWERS["goal-ladder"]["goal"])
    expect(maya.locator("#ws-goal-ladder-first-steps--r3-by-when")).to_have_value("2027-02-01")


def test_loading_previews_what_changes_and_cancel_changes_nothing(maya: Page, course_url: str, tmp_path: Path) -> None:
    maya.goto(course_url + "privacy/")
    before = stored_answers(maya)
    changed = {**before["goal-ladder"], "answers": {**before["goal-ladder"]["answers"], "goal": "Something else"}}
    file = tmp_path / "two.json"
    file.write_text(
        json.dumps(
            {
                "format": "comeback-answers",
                "version": 1,
                "worksheets": {
                    "goal-ladder": changed,
                    "wins-log": before["wins-log"],
                    "retired-sheet": {"worksheet": "retired-sheet", "version": 1, "answers": {}},
                },
            }
        )
    )
    load_everything(maya, file)
    dialog = maya.locator("dialog.comeback-dialog")
    expect(dialog.locator("li[data-worksheet='goal-ladder']")).to_contain_text("replaces the answers you have now")
    expect(dialog.locator("li[data-worksheet='wins-log']")).to_contain_text("the same as the answers you have now")
    expect(dialog).to_contain_text("Left out, because this course has no such worksheet: retired-sheet")
    dialog.get_by_role("button", name="Cancel").click()
    assert stored_answers(maya) == before

    load_everything(maya, file)
    maya.locator("dialog.comeback-dialog").get_by_role("button", name="Load").click()
    assert stored_answers(maya)["goal-ladder"]["answers"]["goal"] == "Something else"
    assert stored_answers(maya)["wins-log"] == before["wins-log"]  # the same: not even rewritten


BAD_FILES = {
    "not JSON": ("{ not json", "not a copy of your answers"),
    "a newer format": (
        json.dumps({"format": "comeback-answers", "version": 2, "worksheets": {}}),
        "newer version of this course",
    ),
    "one damaged worksheet among good ones": (
        json.dumps(
            {
                "format": "comeback-answers",
                "version": 1,
                "worksheets": {
                    "goal-ladder": {"worksheet": "goal-ladder", "version": 3, "answers": {"goal": "From the file"}},
                    "wins-log": {"worksheet": "wins-log", "version": 1, "answers": {"build-on": ["not", "text"]}},
                },
            }
        ),
        'the answer to "One win you want to repeat next week" in "Wins log" has the wrong shape',
    ),
    "a newer worksheet": (
        json.dumps({"worksheet": "goal-ladder", "version": 99, "answers": {}}),
        "newer version of that worksheet",
    ),
}


def test_a_bad_file_changes_nothing_and_says_why(maya: Page, course_url: str, tmp_path: Path) -> None:
    maya.goto(course_url + "privacy/")
    before = stored_answers(maya)
    for name, (content, reason) in BAD_FILES.items():
        file = tmp_path / f"{name}.json"
        file.write_text(content, encoding="utf-8")
        load_everything(maya, file)
        status = maya.locator("[data-comeback-data-status]")
        expect(status).to_contain_text(reason)
        expect(status).to_contain_text("Nothing was changed.")
        expect(maya.locator("dialog.comeback-dialog")).to_have_count(0)
        assert stored_answers(maya) == before, name
        maya.evaluate("document.querySelector('[data-comeback-data-status]').textContent = ''")


def test_a_load_that_fills_the_storage_is_undone_completely(
    fresh: BrowserContext, course_url: str, tmp_path: Path
) -> None:
    page = fresh.new_page()
    page.goto(course_url + "privacy/")
    page.evaluate(
        "localStorage.setItem('comeback:comeback:ws:goal-ladder', JSON.stringify({worksheet: 'goal-ladder', version: 3, saved: '2026-01-01T00:00:00Z', answers: {goal: 'Mine'}}))"
    )
    before = stored_answers(page)
    big = "x" * 3_000_000  # two of these cannot both fit in a site's 5 MB (10 MB of UTF-16)
    file = tmp_path / "big.json"
    file.write_text(
        json.dumps(
            {
                "format": "comeback-answers",
                "version": 1,
                "worksheets": {
                    "goal-ladder": {"worksheet": "goal-ladder", "version": 3, "answers": {"goal": "From the file"}},
                    "wins-log": {"worksheet": "wins-log", "version": 1, "answers": {"reflection": big}},
                    "energy-audit": {"worksheet": "energy-audit", "version": 1, "answers": {"more-of": big}},
                },
            }
        )
    )
    load_everything(page, file)
    page.locator("dialog.comeback-dialog").get_by_role("button", name="Load").click()
    expect(page.locator("[data-comeback-data-status]")).to_have_text(
        "Could not load big.json: this browser's storage is full. Nothing was changed."
    )
    assert stored_answers(page) == before


def load_goal_ladder_2(page: Page, folder: Path, answers: dict[str, Any]) -> None:
    """Loads, on the privacy page, a copy of `answers` saved from goal ladder 2 (whose By when was
    text, and whose First steps may have been one line of text)."""
    older = folder / "goal-ladder-2.json"
    saved = {"worksheet": "goal-ladder", "version": 2, "saved": "2026-11-01T10:00:00Z", "answers": answers}
    older.write_text(json.dumps({**saved, "archived": {}}))
    load_everything(page, older)
    page.locator("dialog.comeback-dialog").get_by_role("button", name="Load").click()


def test_earlier_formats_load_and_lose_nothing(fresh: BrowserContext, course_url: str, tmp_path: Path) -> None:
    """Today's per-worksheet copy, one from an earlier version of its worksheet (goal-ladder 2, whose
    By when was text), and a copy of everything all load, on the privacy page or on the worksheet."""
    page = fresh.new_page()
    page.goto(course_url + "privacy/")
    load_goal_ladder_2(
        page,
        tmp_path,
        {"goal": "Lead a team", "first-steps": [{"step": "Ask Dana", "by-when": "next Friday", "done": False}]},
    )
    page.goto(course_url + "lessons/2-set-new-goals/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(page.locator("#ws-goal-ladder-goal")).to_have_value("Lead a team")
    expect(page.locator("#ws-goal-ladder-first-steps--r1-step")).to_have_value("Ask Dana")
    archived = page.locator("#ws-goal-ladder .ws-archived")
    expect(archived).to_be_visible()
    expect(archived).to_contain_text("next Friday")  # a date box cannot hold it: kept, not dropped
    stored = stored_answers(page)["goal-ladder"]
    assert stored["version"] == 3 and "next Friday" in json.dumps(stored["archived"])

    everything = tmp_path / "everything.json"
    everything.write_text(
        json.dumps(
            {
                "format": "comeback-answers",
                "version": 1,
                "site": "comeback",
                "saved": "2026-11-20T09:00:00Z",
                "worksheets": {
                    "wins-log": {
                        "worksheet": "wins-log",
                        "version": 1,
                        "saved": "2026-11-20T09:00:00Z",
                        "answers": {"build-on": "Walk at lunch"},
                        "archived": {},
                    },
                },
            }
        )
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.set_input_files("#ws-wins-log--import", str(everything))  # a worksheet's Load a copy takes it too
    expect(page.locator("#ws-wins-log .ws-status")).to_contain_text("Loaded your answers from everything.json")
    expect(page.locator("#ws-wins-log-build-on")).to_have_value("Walk at lunch")

    single = download(page, lambda: page.locator("#ws-wins-log").get_by_role("button", name="Save a copy").click())
    schema = json.loads((REPO / "plugins/comeback/browser/comeback-answers.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(single.read_text(encoding="utf-8")), schema)


def test_a_loaded_answer_of_another_shape_is_kept_as_an_earlier_one_and_breaks_nothing(
    fresh: BrowserContext, course_url: str, tmp_path: Path
) -> None:
    # Goal ladder 2's First steps may have been one line of text; at version 3 it is a table. The
    # load check passes a file of an earlier version (its shapes may differ): My plan, Print
    # everything and Save everything as a document must all still work, and lose nothing.
    page = fresh.new_page()
    page.goto(course_url + "privacy/")
    load_goal_ladder_2(page, tmp_path, {"goal": "Lead a team", "first-steps": "call Sam"})
    expect(page.locator("[data-comeback-data-status]")).to_contain_text("Loaded")
    stored = stored_answers(page)["goal-ladder"]
    assert stored["answers"] == {"goal": "Lead a team"}
    assert stored["archived"] == {"first-steps": {"version": 2, "value": "call Sam"}}

    page.evaluate(
        "() => { window.print = () => { window.printed = document.querySelector('.comeback-printout').innerText } }"
    )
    page.get_by_role("button", name="Print everything").click()
    printed = page.evaluate("window.printed")
    assert "Lead a team" in printed and "Answers from an earlier versionfirst-steps (version 2)call Sam" in printed
    document = download(page, lambda: page.get_by_role("button", name="Save everything as a document").click())
    text = document.read_text(encoding="utf-8")
    assert "**first-steps (version 2)**\n\ncall Sam" in text and "Lead a team" in text

    page.goto(course_url + "plan/")
    expect(page.locator("[data-comeback-plan][data-ready]")).to_contain_text("Lead a team")


def test_the_privacy_page_lists_what_is_stored_and_asks_the_browser_to_keep_it(
    fresh: BrowserContext, course_url: str
) -> None:
    fresh.add_init_script("""
      window.persistCalls = 0;
      const persist = navigator.storage.persist.bind(navigator.storage);
      navigator.storage.persist = () => (window.persistCalls++, persist());
    """)
    page = fresh.new_page()
    page.goto(course_url + "lessons/2-set-new-goals/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    assert page.evaluate("window.persistCalls") == 0  # not before there is something to keep
    fill_worksheet(page, "goal-ladder", {"goal": "Lead a team"}, every_field=False)
    page.fill("#ws-goal-ladder-why", "It is the work I like best")
    page.wait_for_selector("form#ws-goal-ladder:not([data-ws-unsaved])", state="attached")
    assert page.evaluate("window.persistCalls") == 1  # asked once, not at every save

    page.goto(course_url + "privacy/")
    rows = page.locator("[data-comeback-stored] tbody tr")
    expect(rows.filter(has_text="Your answers to Goal ladder")).to_have_count(1)
    expect(rows.filter(has_text="Which worksheet you changed last")).to_have_count(1)
    size = rows.filter(has_text="Your answers to Goal ladder").locator("td").nth(2).inner_text()
    value = page.evaluate("localStorage.getItem('comeback:comeback:ws:goal-ladder')")
    assert size == f"{2 * (len('comeback:comeback:ws:goal-ladder') + len(value))} bytes"
    expect(page.locator("[data-comeback-copied]")).to_have_text(
        "You have not saved a copy of your answers from this browser yet."
    )
    expect(page.locator("[data-comeback-kept]")).to_contain_text("This browser")
    expect(page.get_by_role("heading", name="What the site never does")).to_be_visible()
    schema = page.get_by_role("link", name="comeback-answers.schema.json").get_attribute("href") or ""
    response = page.request.get(urljoin(page.url, schema))
    assert response.ok and response.json()["title"] == "Comeback answers"


def test_axe_finds_nothing_with_a_finished_course_in_either_palette(maya: Page, course_url: str) -> None:
    # What only a finished course shows: progress done, every part of the plan, the stored answers.
    assert scan_pages(maya, course_url, ["", "plan/", "privacy/", "finish/", "lessons/2-set-new-goals/"]) == {}


def test_the_home_page_gives_the_courses_length_added_up_from_the_lessons(built_site: BuiltSite) -> None:
    minutes = [lesson.minutes or 0 for lesson in repo_course().lessons]
    home = words(re.sub(r"<[^>]+>", " ", (built_site.site_dir / "index.html").read_text(encoding="utf-8")))
    halves = (sum(minutes) + 15) // 30
    hours = f"{halves // 2}{'½' if halves % 2 else ''}"

    assert f"Each lesson takes {min(minutes)} to {max(minutes)} minutes with its worksheets" in home
    assert f"about {hours} hours for all {len(minutes)} lessons" in home


def test_the_privacy_page_states_the_progress_rule_as_the_progress_box_does(built_site: BuiltSite) -> None:
    """The rule is written once, in the catalogue: the privacy page shows it from there."""
    from comeback.core.i18n import messages

    rule = messages("en")("browser.progress.rule")
    privacy = words(
        re.sub(r"<[^>]+>", " ", (built_site.site_dir / "privacy" / "index.html").read_text(encoding="utf-8"))
    )
    assert "questions marked optional do not count" in rule
    assert words(rule) in privacy
    assert "::progress-rule" in (REPO / "content" / "privacy.md").read_text(encoding="utf-8")
