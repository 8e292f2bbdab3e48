"""The course on screen, as a learner finds it: each lesson opens with its duration and objectives,
the home page promises only what this edition has, the privacy page's table reads as a table under
one heading, the start page shows the crisis lines once, and, in Chromium at 1280 px, worksheets
read as titled sections, scales keep their end labels beside them, a number in a hint keeps to its
words and an empty progress bar looks empty in either palette."""

from __future__ import annotations

import io
import itertools
import re
from html.parser import HTMLParser

import pytest
from PIL import Image
from playwright.sync_api import Page, ViewportSize

from accessibility import TOGGLE
from comeback.core.course.model import Lesson
from comeback.core.i18n import languages, messages
from comeback.pages.directives import lesson_intro
from comeback.pages.forms import render_form
from conftest import BuiltSite, repo_course
from test_diagrams import contrast, pixel, rgb

DESKTOP: ViewportSize = {"width": 1280, "height": 800}


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def main_content(html: str) -> str:
    """A built page's article: what its author and the engine wrote, without Material's frame."""
    return html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]


# --- each lesson opens with its duration and objectives ---------------------------------------------


def test_a_lessons_intro_gives_its_number_duration_and_objectives_in_the_courses_language() -> None:
    lesson = Lesson(
        id="2-goals",
        src_path="lessons/2-goals.md",
        number=2,
        title="Goals",
        duration="40 Minuten",
        minutes=40,
        objectives=("Ein Ziel wählen", "Den ersten Schritt datieren"),
        worksheets=(),
        facilitator_notes="",
        language="de",
    )

    intro = text_of(lesson_intro(lesson, messages("de")))

    assert intro == "Lektion 2 · 40 Minuten In dieser Lektion werden Sie: Ein Ziel wählen Den ersten Schritt datieren"
    assert lesson_intro(Lesson("x", "lessons/x.md", None, "X", None, None, (), (), ""), messages("en")) == ""


def test_every_lesson_shows_its_duration_and_objectives_under_its_title(built_site: BuiltSite) -> None:
    for lesson in repo_course().lessons:
        content = main_content(built_site.page(f"lessons/{lesson.id}/"))
        rest = content.split("</h1>", 1)[1]
        intro = rest.split('<div class="comeback-lesson-intro">', 1)
        assert len(intro) == 2 and not text_of(intro[0]), f"{lesson.id}: nothing comes between the title and the intro"
        shown = text_of(intro[1].split("</div>", 1)[0])

        assert shown.startswith(f"Lesson {lesson.number} · {lesson.duration} In this lesson you will:"), shown
        assert all(objective in shown for objective in lesson.objectives), lesson.id


# --- what the learner edition says of itself -------------------------------------------------------


def test_the_learner_home_promises_nothing_only_the_facilitator_edition_has(built_site: BuiltSite) -> None:
    home = text_of(main_content(built_site.page(""))).lower()

    assert "facilitat" not in home  # no "notes for facilitators in each lesson": this edition has none


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._open = ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open += data

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._open is not None:
            self.headings.append(" ".join(self._open.replace("¶", "").split()))
            self._open = None


def test_the_privacy_pages_panel_sits_under_one_heading(built_site: BuiltSite) -> None:
    parser = _Headings()
    parser.feed(main_content(built_site.page("privacy/")))

    assert parser.headings.count("Your answers in this browser") == 1, parser.headings


def test_no_page_shows_the_crisis_lines_twice(built_site: BuiltSite) -> None:
    # The help in full (class comeback-help) or in short (comeback-help-line), either counts.
    shown = {
        path.relative_to(built_site.site_dir).as_posix(): len(
            re.findall(r'class="comeback-help(-line)?"', path.read_text(encoding="utf-8"))
        )
        for path in built_site.site_dir.rglob("*.html")
    }

    assert shown["start/index.html"] == 1  # with the snapshot, which asks how you feel
    assert shown["support/index.html"] == 1
    assert {page: count for page, count in shown.items() if count > 1} == {}


# --- in Chromium, at 1280 px ------------------------------------------------------------------------


LAYOUT = """(form) => {
  const size = (el) => parseFloat(getComputedStyle(el).fontSize);
  const body = size(document.querySelector('article p'));
  const label = size(form.querySelector('.ws-label'));
  return {
    body, label,
    title: size(form.querySelector('.ws-title')),
    sections: [...form.querySelectorAll('.ws-section-title')].map((el) => ({
      size: size(el), rule: parseFloat(getComputedStyle(el).borderTopWidth), weight: getComputedStyle(el).fontWeight,
    })),
    scales: [...form.querySelectorAll('.ws-scale')].map((scale) => {
      const box = (el) => el.getBoundingClientRect();
      const points = box(scale.querySelector('.ws-points'));
      const max = box(scale.querySelector('.ws-end:last-child'));
      return {label: scale.querySelector('.ws-end:last-child').textContent, pointsRight: points.right,
              pointsTop: points.top, pointsBottom: points.bottom, maxLeft: max.left, maxTop: max.top};
    }),
  };
}"""


@pytest.mark.browser
def test_at_1280_px_a_worksheet_reads_as_titled_sections_and_its_scales_keep_their_labels_beside_them(
    page: Page, course_url: str
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(course_url + "lessons/1-reframe-the-setback/")
    layout = page.eval_on_selector("#ws-facts-vs-story", LAYOUT)

    assert layout["title"] >= 1.4 * layout["body"]  # a title, not a line of bold text
    assert len(layout["sections"]) >= 3
    for section in layout["sections"]:
        # larger than a question's label, and ruled off from the section before it
        assert section["size"] >= 1.2 * layout["label"] and section["rule"] >= 1, section
    assert "As strong as it gets" in [scale["label"] for scale in layout["scales"]]
    for scale in layout["scales"]:
        beside = scale["maxLeft"] >= scale["pointsRight"] and scale["maxTop"] < scale["pointsBottom"]
        assert beside, f"the label {scale['label']!r} falls under its scale: {scale}"


HINT = """(hint) => {
  const total = hint.querySelector('output');
  const after = document.createRange();
  after.setStart(total.nextSibling, 0);
  after.setEnd(total.nextSibling, 1);
  const before = document.createRange();
  before.setStart(total.previousSibling, total.previousSibling.length - 3);
  before.setEnd(total.previousSibling, total.previousSibling.length - 1);
  const top = (rect) => Math.round(rect.top);
  return {display: getComputedStyle(total).display, total: total.textContent,
          lines: [top(before.getBoundingClientRect()), top(total.getBoundingClientRect()),
                  top(after.getBoundingClientRect())]};
}"""


@pytest.mark.parametrize("language", languages())
def test_the_highest_total_is_bound_to_the_word_before_it_in_every_language(language: str) -> None:
    worksheet = repo_course().worksheets["options-explorer"]
    form = render_form(worksheet, site_key="comeback", t=messages(language))
    hint = re.search(r'<p class="ws-hint" id="[^"]+--how">(.*?)</p>', form)

    assert hint and re.search(r"\w\u00a0<output[^>]*>\d+</output>\.$", hint[1]), hint


@pytest.mark.browser
def test_the_options_explorers_hint_keeps_the_highest_total_with_its_words(page: Page, course_url: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(course_url + "lessons/6-new-paths/")
    hint = page.eval_on_selector("[id$='--how'].ws-hint", HINT)

    assert hint["display"] == "inline" and hint["total"].isdigit()
    assert len(set(hint["lines"])) == 1, f"'is', {hint['total']} and '.' are not on one line: {hint}"


@pytest.mark.browser
@pytest.mark.parametrize("palette", ["default", "slate"])
def test_an_empty_progress_bar_looks_empty_in_either_palette(page: Page, course_url: str, palette: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(course_url)
    if palette == "slate":
        page.evaluate(f"document.querySelector('{TOGGLE}').control.click()")
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') == 'slate'")
    bar = page.locator("[data-comeback-progress][data-ready] progress")
    assert bar.get_attribute("value") == "0"
    background = rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    shot = Image.open(io.BytesIO(bar.screenshot())).convert("RGB")
    inside = pixel(shot, shot.width // 2, shot.height // 2)

    assert contrast(inside, background) < 1.2, f"an empty bar drawn in rgb{inside} on rgb{background}"


@pytest.mark.browser
def test_the_privacy_pages_table_of_what_is_stored_keeps_its_cells_apart(page: Page, course_url: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(course_url + "privacy/")
    answers = '{"worksheet": "goal-ladder", "version": 1, "saved": "2026-12-03T10:00:00Z", "answers": {"goal": "Lead"}}'
    page.evaluate(f"localStorage.setItem('comeback:comeback:ws:goal-ladder', {answers!r})")
    page.reload()
    row = page.locator("[data-comeback-stored] tbody tr").first
    gaps = row.evaluate("""(row) => [...row.cells].map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const text = range.getBoundingClientRect();
      return [text.left, text.right];
    })""")

    assert len(gaps) == 3 and all(len(row.locator("td").nth(at).inner_text()) > 0 for at in range(3))
    for (_, right), (left, _) in itertools.pairwise(gaps):
        assert left - right >= 12, f"cells run together: {gaps}"  # not "December 3, 20261.4 KB"
