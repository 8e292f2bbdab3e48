"""Printing from the browser, in real Chromium over the published course, printed to PDF and read
back: a worksheet's Print button prints that worksheet alone with its answers, and My plan prints
what is filled in, with no blank page."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

pytestmark = pytest.mark.browser

GOAL = "Lead a small team by next spring"


def printed(page: Page, path: Path) -> list[str]:
    """The page as Chromium prints it, one text a sheet of paper."""
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == len(PdfReader(path).pages)
    return pages


def answer_the_goal(page: Page, course_url: str) -> None:
    page.goto(course_url + "lessons/2-set-new-goals/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    page.fill("#ws-goal-ladder-goal", GOAL)
    page.wait_for_selector("form.ws:not([data-ws-unsaved])", state="attached")


def test_a_worksheets_print_button_prints_that_worksheet_alone_with_its_answers(
    page: Page, course_url: str, tmp_path: Path
) -> None:
    answer_the_goal(page, course_url)
    # Chromium without a window has no print dialog: print() starts printing and stays there.
    page.evaluate("window.print = () => dispatchEvent(new Event('beforeprint'))")
    page.locator("#ws-goal-ladder").get_by_role("button", name="Print").click()
    pages = printed(page, tmp_path / "worksheet.pdf")

    text = "\n".join(pages)
    assert GOAL in text and "Your first steps" in text
    assert "If–then plan" not in text and "Key ideas" not in text, "the lesson and its other worksheets"
    assert len(pages) <= 2, f"{len(pages)} pages"
    page.evaluate("dispatchEvent(new Event('afterprint'))")  # the dialog closes: the lesson prints whole again
    assert len(printed(page, tmp_path / "lesson.pdf")) > 5


def test_my_plan_prints_what_is_filled_in_with_no_blank_page_and_no_links_to_the_rest(
    page: Page, course_url: str, tmp_path: Path
) -> None:
    answer_the_goal(page, course_url)
    page.goto(course_url + "plan/")
    page.wait_for_selector("[data-plan-body] section")
    assert page.get_by_text("Not filled in yet").count() > 5  # on screen, they say what is left to do

    pages = printed(page, tmp_path / "plan.pdf")

    assert len(pages) == 1 and GOAL in pages[0]
    assert "Not filled in yet" not in pages[0] and "Lesson 1" not in pages[0]
