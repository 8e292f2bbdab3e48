"""Worksheet options that fit the learner's own situation: a table column of tick boxes, tracker rows
the learner names, and matrix weights the learner sets; on screen, in storage and on paper."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from playwright.sync_api import Page, expect

from comeback.core.worksheets.load import WorksheetError, load_worksheets
from comeback.core.worksheets.model import Worksheet
from comeback.print.form_fields import worksheet_field_names
from conftest import MakeSite, build_site, start_server, write_site
from test_pdf import PdfFacts

OWN = """\
id: own
title: Your own
version: 1
minutes: 10
sections:
  - title: Everything
    fields:
      - id: steps
        type: table
        label: Steps
        columns:
          - {id: step, label: Step}
          - {id: done, label: 'Done?', type: check}
        rows: 2
      - id: habits
        type: tracker
        label: My habits
        rows: 3
        days: 2
      - id: options
        type: matrix
        label: Options
        criteria:
          - {id: pay, label: Pay, weight: 4}
          - {id: joy, label: Joy, weight: 2}
        rows: 2
        own_weights: true
"""
KEY = "comeback:test:ws:own"
F = "#ws-own-"


def worksheet(text: str = OWN) -> Worksheet:
    return Worksheet.model_validate(yaml.safe_load(text))


def problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "worksheets").mkdir(exist_ok=True)
    (tmp_path / "worksheets" / "own.yml").write_text(text, encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(tmp_path / "worksheets")
    return str(caught.value).splitlines()


# --- the YAML --------------------------------------------------------------------------------------


def test_a_tracker_takes_items_or_rows_the_learner_names_not_both_and_not_neither(tmp_path: Path) -> None:
    both = OWN.replace(
        "        rows: 3\n        days: 2", "        rows: 3\n        items: [{id: walk, label: Walk}]\n        days: 2"
    )
    neither = OWN.replace("        rows: 3\n        days: 2", "        days: 2")

    assert problems(tmp_path, both) == [
        "worksheets/own.yml:15: sections[0].fields[1]: give a tracker `items` (rows it names) or `rows`"
        " (how many rows the learner names), not both"
    ]
    assert problems(tmp_path, neither) == [
        "worksheets/own.yml:15: sections[0].fields[1]: a tracker needs `items` (rows it names, e.g. '- {id: walk,"
        " label: A walk}') or `rows` (how many rows the learner names); add one of them"
    ]


def test_a_column_is_text_or_a_tick_box(tmp_path: Path) -> None:
    assert problems(tmp_path, OWN.replace("type: check}", "type: tick}")) == [
        "worksheets/own.yml:13: sections[0].fields[0].columns[1].type: input should be 'text', 'check' or 'date'"
    ]


def test_a_low_score_note_needs_a_scale_range_below_it_and_help_to_point_to(tmp_path: Path) -> None:
    scale = "      - {id: mood, type: scale, label: Mood, min: 0, max: 10, min_label: Low, max_label: High, support_below: %s}\n"
    below_range = OWN.replace(
        "sections:\n  - title: Everything\n    fields:\n",
        "support: true\nsections:\n  - title: Everything\n    fields:\n" + scale % 0,
    )
    no_help = OWN.replace("    fields:\n", "    fields:\n" + scale % 3, 1)

    assert problems(tmp_path, below_range) == [
        "worksheets/own.yml:9: sections[0].fields[0].support_below: support_below (0) must be above min (0) and"
        " at most max (10), so that some scores are below it"
    ]
    assert problems(tmp_path, no_help) == [
        "worksheets/own.yml:8: sections[0].fields[0].support_below: support_below points to the worksheet's"
        " independent help, which it shows only with 'support: true' at the top level; add that, or remove support_below"
    ]


def test_the_pdf_field_names_follow_the_documented_scheme() -> None:
    assert worksheet_field_names(worksheet()) == [
        "steps.1.step", "steps.1.done", "steps.2.step", "steps.2.done",
        "habits.1.name", "habits.1.1", "habits.1.2",
        "habits.2.name", "habits.2.1", "habits.2.2",
        "habits.3.name", "habits.3.1", "habits.3.2",
        "options.weight.pay", "options.weight.joy",
        "options.1.option", "options.1.pay", "options.1.joy", "options.1.total",
        "options.2.option", "options.2.pay", "options.2.joy", "options.2.total",
    ]  # fmt: skip


# --- on screen -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A site placing the worksheet, with PDFs; its lesson URL and site folder."""
    files = {
        "content/index.md": "# Home\n",
        "content/lesson.md": "# Lesson\n\n## Worksheet\n\n::worksheet[own]\n",
        "content/data.md": "# Your data\n\n::your-data\n",
        "worksheets/own.yml": OWN,
    }
    config = {
        "site_name": "Test site",
        "site_url": "http://127.0.0.1/test/",
        "docs_dir": "content",
        "theme": {"name": "material", "font": False},
        "plugins": ["comeback/worksheets", "comeback/learner", "comeback/pdf"],
    }
    built = build_site(write_site(tmp_path_factory.mktemp("own"), files, config))
    assert built.ok, built.error
    server = start_server(built.site_dir)
    yield server.base_url + "lesson/", built.site_dir
    server.stop()


def open_form(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("form.ws[data-ws-ready]")


def saved(page: Page) -> dict[str, Any]:
    page.wait_for_selector("form.ws:not([data-ws-unsaved])", state="attached")
    answers: dict[str, Any] = json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))["answers"]
    return answers


@pytest.mark.browser
def test_a_tick_box_column_a_tracker_the_learner_names_and_their_own_weights_are_kept(
    own_site: tuple[str, Path], page: Page
) -> None:
    url, _ = own_site
    open_form(page, url)
    page.fill(F + "steps--r1-step", "Ask for the budget forecast")
    page.get_by_role("checkbox", name="Row 1 Done?").check()
    page.get_by_role("textbox", name="Row 2 Name it").fill("A 20-minute walk")
    page.get_by_role("checkbox", name="Row 2 A 20-minute walk Day 2").check()
    page.fill(F + "options--r1--name", "Stay")
    page.select_option(F + "options--r1-pay", "5")
    page.select_option(F + "options--r1-joy", "2")
    expect(page.locator(F + "options--r1--total")).to_have_text("24")  # 5×4 + 2×2
    expect(page.locator(F + "options--max")).to_have_text("30")  # the highest total: 5 × (4 + 2)

    page.get_by_role("combobox", name="Joy", exact=True).select_option("5")
    expect(page.locator(F + "options--r1--total")).to_have_text("30")  # 5×4 + 2×5, the learner's weight
    expect(page.locator(F + "options--max")).to_have_text("45")
    shown = page.locator("[data-weight-shown='joy']")  # in its heading and beside each score
    expect(shown).to_have_text(["5"] * shown.count())
    assert shown.count() > 1

    answers = saved(page)
    assert answers["steps"] == [{"step": "Ask for the budget forecast", "done": True}, {"step": "", "done": False}]
    assert answers["habits"] == [
        {"name": "", "days": []},
        {"name": "A 20-minute walk", "days": [2]},
        {"name": "", "days": []},
    ]
    assert answers["options"]["weights"] == {"pay": 4, "joy": 5}
    assert answers["options"]["rows"][0] == {"name": "Stay", "scores": {"pay": 5, "joy": 2}}

    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")
    expect(page.get_by_role("checkbox", name="Row 1 Done?")).to_be_checked()
    expect(page.get_by_role("textbox", name="Row 2 Name it")).to_have_value("A 20-minute walk")
    expect(page.get_by_role("checkbox", name="Row 2 A 20-minute walk Day 2")).to_be_checked()
    expect(page.get_by_role("combobox", name="Joy", exact=True)).to_have_value("5")
    expect(page.locator(F + "options--r1--total")).to_have_text("30")

    page.goto(url.replace("lesson/", "data/"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Save everything as a document").click()
    notes = Path(info.value.path()).read_text(encoding="utf-8")
    assert "**Steps**\n\nStep: Ask for the budget forecast; Done?: yes" in notes
    assert "A 20-minute walk: day 2" in notes
    assert "Stay: Pay 5 (×4), Joy 2 (×5)" in notes
    open_form(page, url)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear").click()
    expect(page.get_by_role("combobox", name="Joy", exact=True)).to_have_value(
        "2"
    )  # back to the worksheet's own weight


@pytest.mark.browser
def test_answers_from_before_the_weights_could_be_changed_still_load(own_site: tuple[str, Path], page: Page) -> None:
    url, _ = own_site
    open_form(page, url)
    before = {"name": "Stay", "scores": {"pay": 3, "joy": 1}}
    data = {"worksheet": "own", "version": 1, "saved": "2020-01-01T00:00:00Z", "answers": {"options": [before]}}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(data)])
    page.reload()
    page.wait_for_selector("form.ws[data-ws-ready]")

    expect(page.locator(F + "options--r1--name")).to_have_value("Stay")
    expect(page.locator(F + "options--r1--total")).to_have_text("14")  # 3×4 + 1×2
    expect(page.locator(".ws-archived")).to_be_hidden()


# --- on paper --------------------------------------------------------------------------------------


def test_on_paper_the_tick_boxes_the_names_and_the_weights_are_fields_to_fill_in(own_site: tuple[str, Path]) -> None:
    _, site_dir = own_site
    fields = PdfFacts(site_dir / "pdf/worksheets/own.pdf").fields

    assert sorted(fields) == sorted(worksheet_field_names(worksheet()))
    assert fields["steps.1.done"]["/FT"] == "/Btn" and fields["steps.1.step"]["/FT"] == "/Tx"
    assert fields["habits.2.name"]["/FT"] == "/Tx" and fields["habits.2.1"]["/FT"] == "/Btn"
    assert fields["options.weight.joy"]["/FT"] == "/Tx"
    text = pypdf.PdfReader(site_dir / "pdf/worksheets/own.pdf").pages[0].extract_text()
    assert "suggested 4" in text and "suggested 2" in text
    assert "the highest total possible is 30" in " ".join(text.split())


def test_a_course_lesson_can_use_them(make_site: MakeSite) -> None:
    built = make_site(
        {"content/lesson.md": "# Lesson\n\n## Worksheet\n\n::worksheet[own]\n", "worksheets/own.yml": OWN}
    )

    assert built.ok, built.error
    html = built.page("lesson/")
    assert 'type="checkbox" id="ws-own-steps--r1-done"' in html
    assert 'id="ws-own-habits--r3--name"' in html
    assert '<select id="ws-own-options--w-joy" data-weight-of="joy">' in html


def test_a_worksheet_asks_for_at_least_one_of_its_fields(tmp_path: Path) -> None:
    all_optional = OWN.replace("type: table\n", "type: table\n        optional: true\n").replace(
        "type: tracker\n", "type: tracker\n        optional: true\n"
    )
    all_optional = all_optional.replace("type: matrix\n", "type: matrix\n        optional: true\n")
    one_asked = OWN.replace("type: table\n", "type: table\n        optional: true\n")

    assert problems(tmp_path, all_optional) == [
        "worksheets/own.yml:5: sections: every field is marked optional, so the worksheet could never count as"
        " filled in; leave 'optional: true' off at least one field"
    ]
    (tmp_path / "worksheets" / "own.yml").write_text(one_asked, encoding="utf-8")
    loaded = load_worksheets(tmp_path / "worksheets")["own"]
    assert [field.optional for field in loaded.all_fields] == [True, False, False]
