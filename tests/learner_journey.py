"""A test learner who works through the whole course in a real browser: Maya, a data analyst who was
turned down for a team-lead role. Her answers to the fields that make up the plan are written out
below; every other question gets a short generic answer, so that each worksheet is filled in by the
course's progress rule. Shared by the plan, progress and LMS-package tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Frame, Locator, Page

from conftest import REPO

# Maya's plan: {worksheet: {field: answer}}. A table's answer is its rows ({column: text}); a
# checklist's is how many of its first options she ticks.
PLAN_ANSWERS: dict[str, dict[str, Any]] = {
    "setback-snapshot": {"hope-note": "know what I want next, with a first step booked"},
    "what-i-can-learn": {"one-thing": "Ask for feedback on the presentation before the panel, not after it"},
    "feedback-request": {
        "person": "Dana, who chaired the interview panel",
        "when": "2027-01-11",
        "act-on": ["Bring numbers for the projects I led", "Practise the stakeholder question out loud"],
    },
    "goal-ladder": {
        "goal": "Lead a small analytics team within a year",
        "goal-date": "2027-12-01",
        "first-steps": [
            {"step": "Ask Dana for feedback", "by-when": "2027-01-11"},
            {"step": "Book a call with Sam about his move to team lead", "by-when": "2027-01-20"},
            {"step": "Sign up for the facilitation workshop", "by-when": "2027-02-01"},
        ],
    },
    "if-then-plan": {
        "plans": [
            {
                "obstacle": "If I start scrolling job sites late at night",
                "response": "then I close the laptop and write one line in my wins log",
            },
            {
                "obstacle": "If I feel like skipping the call with Sam",
                "response": "then I send him the three questions first",
            },
        ]
    },
    "network-map": {"first-three": ["Sam", "Aisha from the data guild", "Tom, my old manager"]},
    "outreach-planner": {
        "person": "Sam Okafor",
        "ask": "Twenty minutes on how he got his first team",
        "send-date": "2027-01-13",
        "follow-up-date": "2027-01-27",
    },
    "support-circle": {"first-talk": "2027-01-09", "professional": "The employee assistance line at work"},
    "skills-inventory": {"focus": "Running meetings that end in decisions"},
    "learning-plan": {
        "skill": "Facilitation",
        "target": "Run a one-hour planning meeting that ends with owners and dates",
        "slots": "Tuesday and Thursday, 8 to 8.45 in the morning",
        "start": "2027-01-12",
        "deadline": "2027-03-30",
        "show-it": "Run the March team retro and ask two people how it went",
    },
    "routine-builder": {
        "first-anchors": 2,
        "focus": "9 to 10.30 with my phone in a drawer, for the learning plan",
        "start-date": "2027-01-04",
    },
    "options-explorer": {
        "test-first": "Team lead where I am: what the day really asks of you",
        "decision-date": "2027-04-30",
    },
    "small-experiments": {
        "option": "Team lead",
        "talk-who": "Sam",
        "talk-date": "2027-01-20",
        "project-what": "Run the next sprint review",
        "project-date": "2027-02-15",
    },
    "looking-back": {
        "early-signs": ["Skipping my morning walk", "Reading the rejection email again"],
        "first-steps": ["Fill in the facts and story worksheet", "Call Sam"],
        "who-to-call": "My sister Lena",
        "review-date": "2027-06-01",
    },
}

GENERIC_TEXT = "A short answer of mine"


def worksheet_yaml(worksheet_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "worksheets" / f"{worksheet_id}.yml").read_text(encoding="utf-8"))
    return data


def fields_of(worksheet_id: str) -> list[dict[str, Any]]:
    return [field for section in worksheet_yaml(worksheet_id)["sections"] for field in section["fields"]]


def parts(page: Page | Frame) -> list[dict[str, Any]]:
    """The course's parts (pages that place worksheets) as the site tells the browser, in order."""
    found: list[dict[str, Any]] = page.evaluate("window.comebackCourse.parts")
    return found


def _fill_table(field: Locator, rows: list[dict[str, str]]) -> None:
    for index, row in enumerate(rows, start=1):
        while field.locator("tbody tr").count() < index:
            field.get_by_role("button", name="Add a row").click()
        for column, value in row.items():
            field.locator(f"tbody tr:nth-child({index}) [data-key='{column}']").fill(value)


def _fill_list(field: Locator, lines: list[str]) -> None:
    for index, line in enumerate(lines, start=1):
        while field.locator("li input").count() < index:
            field.get_by_role("button", name="Add a line").click()
        field.locator(f"li:nth-child({index}) input").fill(line)


def fill_field(field: Locator, kind: str, answer: Any = None) -> None:
    """Answers one field: with `answer` when given, else with a short generic answer."""
    match kind:
        case "text" | "long-text":
            field.locator("input, textarea").first.fill(answer or GENERIC_TEXT)
        case "date":
            field.locator("input").fill(answer or "2027-02-02")
        case "list":
            _fill_list(field, answer or [GENERIC_TEXT])
        case "table":
            text_cells = field.locator("tbody tr:first-child input[type=text]")
            if answer:
                _fill_table(field, answer)
            elif text_cells.count():
                text_cells.first.fill(GENERIC_TEXT)
            else:
                field.locator("tbody tr:first-child input[type=date]").first.fill("2027-02-02")
        case "scale":
            radios = field.locator("input[type=radio]")
            radios.nth(min(6, radios.count() - 1)).check()  # a 6 of 10: never a low score that points to help
        case "choice":
            field.locator("input[type=radio]").first.check()
        case "checklist":
            for index in range(answer or 1):
                field.locator("input[type=checkbox]").nth(index).check()
        case "tracker":
            named = field.locator("[data-name]")
            if named.count():
                named.first.fill("A walk before work")
            field.locator("input[type=checkbox]").first.check()
        case "matrix":
            field.locator("[data-name]").first.fill("Team lead where I am")
            field.locator("tbody select").first.select_option("3")


def fill_worksheet(
    page: Page | Frame,
    worksheet_id: str,
    answers: dict[str, Any] | None = None,
    *,
    every_field: bool = True,
    wait: bool = True,
) -> None:
    """Fills in one worksheet on the open page: `answers` (default: Maya's plan), and with
    every_field a generic answer to every other question that is not part of the plan (the plan
    holds only what she chose to write there). With `wait`, waits until it is saved."""
    answers = PLAN_ANSWERS.get(worksheet_id, {}) if answers is None else answers
    form = page.locator(f"form#ws-{worksheet_id}")
    for field in fields_of(worksheet_id):
        if field["id"] in answers or (every_field and not field.get("plan")):
            fill_field(form.locator(f"[data-field='{field['id']}']"), field["type"], answers.get(field["id"]))
    if wait:
        page.wait_for_selector(f"form#ws-{worksheet_id}:not([data-ws-unsaved])", state="attached")


def complete_course(page: Page | Frame, base_url: str, *, only: slice = slice(None)) -> list[str]:
    """Maya works through the course page by page: the start page, the six lessons and the closing
    page (or the `only` slice of them), filling in every worksheet. The ids of the worksheets she
    filled in, in order. `page` may be a frame: the course inside a learning platform."""
    page.goto(base_url)
    done = []
    for part in parts(page)[only]:
        page.goto(base_url + part["page"])
        page.wait_for_selector("form.ws[data-ws-ready]")
        for worksheet_id in part["worksheets"]:
            fill_worksheet(page, worksheet_id, wait=False)
            done.append(worksheet_id)
        page.wait_for_selector("form.ws[data-ws-unsaved]", state="detached")  # every worksheet of the page saved
    return done


def asked_fields(worksheet_id: str) -> list[dict[str, Any]]:
    """The fields a worksheet asks for: all but those marked optional."""
    return [field for field in fields_of(worksheet_id) if not field.get("optional")]


def do_what_each_lesson_asks(page: Page | Frame, base_url: str, *, only: slice = slice(None)) -> dict[str, list[str]]:
    """Sam, the learner who does exactly what each lesson asks and no more: in each lesson (or the
    `only` slice of them), every question its worksheets ask for, with a short answer, and nothing
    marked optional; not the start page's snapshot nor the closing look back, which no lesson needs.
    The fields Sam answered, by worksheet."""
    page.goto(base_url)
    answered: dict[str, list[str]] = {}
    for part in [part for part in parts(page) if part["lesson"]][only]:
        page.goto(base_url + part["page"])
        page.wait_for_selector("form.ws[data-ws-ready]")
        for worksheet_id in part["worksheets"]:
            form = page.locator(f"form#ws-{worksheet_id}")
            for field in asked_fields(worksheet_id):
                fill_field(form.locator(f"[data-field='{field['id']}']"), field["type"])
            answered[worksheet_id] = [field["id"] for field in asked_fields(worksheet_id)]
        page.wait_for_selector("form.ws[data-ws-unsaved]", state="detached")  # every worksheet of the page saved
    return answered


def stored_answers(page: Page, site: str = "comeback") -> dict[str, Any]:
    """Every worksheet's stored data in this browser, by worksheet id."""
    prefix = f"comeback:{site}:ws:"
    raw: dict[str, str] = page.evaluate(
        "prefix => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith(prefix)).map(k => [k, localStorage.getItem(k)]))",
        prefix,
    )
    return {key[len(prefix) :]: json.loads(value) for key, value in raw.items()}


def download(page: Page, click: Callable[[], None]) -> Path:
    with page.expect_download() as info:
        click()
    return Path(info.value.path())
