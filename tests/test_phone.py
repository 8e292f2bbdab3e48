"""The course on a phone: every worksheet fits the screen, with nothing behind sideways scrolling and
every control big enough to tap; content tables show every column; accessible in both palettes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from accessibility import scan_pages
from comeback.pages.tables import label_cells
from conftest import BuiltSite

PHONES = [(360, 740), (390, 844)]

# Every control of every worksheet on the page, and every element of a worksheet, measured where it
# is: a control outside the screen's width or smaller than 24px (WCAG 2.5.8), or an element whose
# content is wider than its box (a column or control behind sideways scrolling, or spilling out).
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const form of document.querySelectorAll('form.ws')) {
    const sheet = form.dataset.worksheet;
    const controls = form.querySelectorAll('input:not([type=file]), select, textarea, button');
    for (const control of [...controls].filter((el) => el.checkVisibility())) {
      const box = control.getBoundingClientRect();
      const name = `${sheet}: ${control.id || control.textContent}`;
      if (box.left < 0 || box.right > width + 0.5) found.push(`${name} is ${Math.round(box.left)}..${Math.round(box.right)}px`);
      if (box.width < 24 || box.height < 24) found.push(`${name} is ${box.width}x${box.height}px`);
    }
    for (const element of [form, ...form.querySelectorAll('*')]) {
      if (element.matches('input, select, textarea, option, output') || !element.checkVisibility()) continue;
      // (Text for screen readers only is clipped to a pixel on purpose.)
      if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 1)
        found.push(`${sheet}: ${element.tagName.toLowerCase()}.${element.className} is ${element.scrollWidth - element.clientWidth}px too wide`);
    }
  }
  return found;
}"""


def worksheet_pages(built: BuiltSite) -> list[str]:
    """Every page of the course that has a worksheet on it (the start page, every lesson, the end)."""
    pages = [
        path.parent.relative_to(built.site_dir).as_posix() + "/"
        for path in sorted(built.site_dir.rglob("index.html"))
        if 'class="ws"' in path.read_text(encoding="utf-8")
        and "facilitator" not in path.relative_to(built.site_dir).parts
    ]
    assert len(pages) >= 8  # the start page, six lessons, the closing page (and any page that gains one)
    return pages


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), PHONES, ids=[f"{w}x{h}" for w, h in PHONES])
def test_every_worksheet_fits_a_phone_with_every_control_on_screen_and_big_enough(
    built_site: BuiltSite, course_url: str, page: Page, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    problems: dict[str, list[str]] = {}
    for path in worksheet_pages(built_site):
        page.goto(course_url + path)
        page.wait_for_selector("form.ws[data-ws-ready]")
        if found := page.evaluate(MEASURE):
            problems[path] = found

    assert problems == {}


@pytest.mark.browser
def test_on_a_phone_a_grid_row_is_a_card_and_a_scale_of_eleven_points_is_one_row(course_url: str, page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(course_url + "lessons/5-daily-routine/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    # The habit tracker: the day of each tick box above it, the seven days side by side.
    row = page.locator("#ws-habit-tracker-habits tbody tr").first
    days = row.locator("td")
    tops = {round(box["y"]) for box in (days.nth(i).bounding_box() for i in range(7)) if box}
    assert len(tops) == 1
    assert days.nth(6).locator(".ws-cell-label").inner_text() == "Day 7"
    # A scale from 0 to 10: eleven points on one line, not seven and four.
    points = page.locator("[data-field=steadiness] .ws-point")
    assert points.count() == 11
    assert len({round(box["y"]) for box in (points.nth(i).bounding_box() for i in range(11)) if box}) == 1

    page.goto(course_url + "lessons/2-set-new-goals/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    # The goal ladder's step: as wide as its card, not a column of about 120px.
    step, form = page.locator("#ws-goal-ladder-first-steps--r1-step"), page.locator("#ws-goal-ladder")
    step_box, form_box = step.bounding_box(), form.bounding_box()
    assert step_box and form_box and step_box["width"] >= 0.7 * form_box["width"]

    page.goto(course_url + "lessons/6-new-paths/")
    page.wait_for_selector("form.ws[data-ws-ready]")
    # The options explorer: a score beside its criterion's name.
    score, name = (
        page.locator("#ws-options-explorer-options--r1-pay"),
        page.locator("#ws-options-explorer-options--r1-pay").locator("xpath=..").locator(".ws-cell-label"),
    )
    score_box, name_box = score.bounding_box(), name.bounding_box()
    assert (
        score_box
        and name_box
        and abs(score_box["y"] + score_box["height"] / 2 - (name_box["y"] + name_box["height"] / 2)) < 12
    )
    # The worked example's table: every column, its total too, in view without sideways scrolling.
    total = page.locator("article table td[data-label='Total']").first
    assert total.inner_text() == "56"
    box = total.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360


# Whether each select of a form shows its chosen option's words whole: its box holds the words, in
# its own font, with its padding and the room of its arrow.
CUT_SELECTS = """form => [...form.querySelectorAll('select')].filter((select) => {
  const style = getComputedStyle(select);
  const words = document.createElement('span');
  words.style.cssText = `position: absolute; white-space: nowrap; font: ${style.font}`;
  words.textContent = select.selectedOptions[0].text;
  document.body.append(words);
  const needed = words.getBoundingClientRect().width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 16;
  words.remove();
  return select.getBoundingClientRect().width < needed;
}).map((select) => `${select.id}: ${Math.round(select.getBoundingClientRect().width)}px`)"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 768, 1280])
def test_the_options_explorers_scores_show_not_scored_whole_at_every_width(
    course_url: str, page: Page, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(course_url + "lessons/6-new-paths/")
    page.wait_for_selector("form.ws[data-ws-ready]")

    assert page.locator("#ws-options-explorer-options--r1-pay").input_value() == ""  # "Not scored"
    assert page.eval_on_selector("#ws-options-explorer", CUT_SELECTS) == []


def test_each_cell_of_a_content_table_is_labelled_by_its_columns_heading() -> None:
    html = (
        '<p>Before</p><table>\n<thead>\n<tr>\n<th>Option</th>\n<th style="text-align: right;"><em>Total</em> &amp; more</th>\n'
        '</tr>\n</thead>\n<tbody>\n<tr>\n<td>Apply again</td>\n<td style="text-align: right;">56</td>\n</tr>\n'
        "<tr>\n<td>Train</td>\n<td>74</td>\n</tr>\n</tbody>\n</table>"
        '<table class="ws-grid"><thead><tr><th>A</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>'
    )

    labelled = label_cells(html)

    assert labelled.count("<table data-comeback-cards>") == 1  # a Markdown table, not one with a class of its own
    assert '<td data-label="Option">Apply again</td>' in labelled
    assert '<td data-label="Total &amp; more" style="text-align: right;">56</td>' in labelled
    assert '<td data-label="Total &amp; more">74</td>' in labelled
    assert (
        '<table class="ws-grid"><thead><tr><th>A</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>'
        in labelled
    )


# The pages whose layout a phone changes: worksheets of every kind of field (lesson 2: tables, a tick
# box column, a tracker; lesson 5: a tracker the learner names, scales; lesson 6: a matrix), content
# tables, help in short and the whole block.
PHONE_PAGES = ["lessons/2-set-new-goals/", "lessons/5-daily-routine/", "lessons/6-new-paths/", "support/"]


@pytest.mark.browser
def test_axe_finds_nothing_at_a_phones_width_in_either_palette(course_url: str, page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 740})

    assert scan_pages(page, course_url, PHONE_PAGES) == {}
