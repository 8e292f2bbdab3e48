"""The real course's PDFs, read back: one fillable PDF per worksheet with a field for every answer,
a handout per lesson, the workbook; all of them sound, small enough, and linked from the site."""

from __future__ import annotations

import re

import pytest

from comeback.core.worksheets.load import load_worksheets
from comeback.core.worksheets.model import Worksheet
from comeback.print.fonts import ASSETS_DIR
from comeback.print.form_fields import worksheet_field_names
from conftest import REPO, BuiltSite, learner_worksheets
from test_pdf import PdfFacts, assert_sound

ALL_WORKSHEETS: dict[str, Worksheet] = load_worksheets(REPO / "worksheets")
# The learner edition's: the rollout pack's forms are the facilitator edition's alone.
WORKSHEETS = {worksheet_id: ALL_WORKSHEETS[worksheet_id] for worksheet_id in learner_worksheets()}
LESSONS = sorted(path.stem for path in (REPO / "content/lessons").glob("*.md"))
WORKBOOK = "pdf/comeback-workbook.pdf"


def every_pdf(built: BuiltSite) -> list[str]:
    """The edition's PDFs (not those of the facilitator edition, published in its facilitator/ folder)."""
    paths = (path.relative_to(built.site_dir) for path in built.site_dir.rglob("*.pdf"))
    return sorted(path.as_posix() for path in paths if path.parts[0] != "facilitator")


def test_the_course_has_a_pdf_per_worksheet_a_handout_per_lesson_and_the_workbook(built_site: BuiltSite) -> None:
    assert every_pdf(built_site) == sorted(
        [
            WORKBOOK,
            *(f"pdf/worksheets/{worksheet_id}.pdf" for worksheet_id in WORKSHEETS),
            *(f"pdf/handouts/{lesson}.pdf" for lesson in LESSONS),
        ]
    )


@pytest.mark.parametrize("worksheet_id", sorted(ALL_WORKSHEETS))
def test_a_worksheet_pdf_has_a_field_for_every_answer_of_its_yaml(
    built_site: BuiltSite, facilitator_site: BuiltSite, worksheet_id: str
) -> None:
    edition = built_site if worksheet_id in WORKSHEETS else facilitator_site
    sheet = PdfFacts(edition.site_dir / f"pdf/worksheets/{worksheet_id}.pdf")
    worksheet = ALL_WORKSHEETS[worksheet_id]

    assert sorted(sheet.fields) == sorted(worksheet_field_names(worksheet))
    assert sheet.path.stat().st_size <= 80 * 1024, f"{sheet.path.stat().st_size / 1024:.0f} KB"
    assert worksheet.title in sheet.text
    for section in worksheet.sections:
        assert section.title in sheet.text


def test_every_pdf_of_the_course_is_sound(built_site: BuiltSite) -> None:
    for path in every_pdf(built_site):
        assert_sound(PdfFacts(built_site.site_dir / path), cover=path == WORKBOOK)


def test_the_workbook_holds_every_lesson_and_worksheet_on_the_pages_its_contents_say(built_site: BuiltSite) -> None:
    workbook = PdfFacts(built_site.site_dir / WORKBOOK)
    contents = "\n".join(workbook.page_text(number) for number in range(2, 4))
    entries = re.findall(r"^(.+?)[ .]*?(\d+)$", contents, re.MULTILINE)
    listed = {
        title.rstrip(" ."): int(number) for title, number in entries if title.strip() and not title.startswith("Page ")
    }

    assert workbook.path.stat().st_size <= 2 * 1024 * 1024, f"{workbook.path.stat().st_size / 1024:.0f} KB"
    for worksheet in WORKSHEETS.values():
        page = listed[f"Worksheet: {worksheet.title}"]
        # At the top of its page, under at most the few lines of its lesson that lead into it.
        assert worksheet.title in workbook.page_text(page).split("\n")[:10], (worksheet.title, page)
    lessons = [title for title in listed if title.startswith("Lesson ")]
    assert len(lessons) == len(LESSONS)
    for title in lessons:
        heading = title.split(": ", 1)[1]
        assert heading in workbook.page_text(listed[title]), (title, listed[title])
    assert sorted(workbook.fields) == sorted(
        f"{worksheet_id}.{name}"
        for worksheet_id, worksheet in WORKSHEETS.items()
        for name in worksheet_field_names(worksheet)
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_links_its_handout_and_the_pdfs_of_its_worksheets(built_site: BuiltSite, lesson: str) -> None:
    page = built_site.page(f"lessons/{lesson}/")
    links = set(re.findall(r'href="(\.\./\.\./pdf/[^"]+\.pdf)"', page))
    placed = re.findall(r'data-worksheet="([^"]+)"', page)

    assert links == {
        f"../../pdf/handouts/{lesson}.pdf",
        *(f"../../pdf/worksheets/{worksheet_id}.pdf" for worksheet_id in placed),
    }
    handout = PdfFacts(built_site.site_dir / f"pdf/handouts/{lesson}.pdf")
    for worksheet_id in placed:
        assert WORKSHEETS[worksheet_id].title in handout.text


def test_the_printables_page_lists_every_pdf_of_the_course_with_its_size(built_site: BuiltSite) -> None:
    page = built_site.page("printables/")
    listed = re.findall(
        r'<a href="\.\./(pdf/[^"]+)" type="application/pdf">[^<]+</a>[^(]*\(PDF, \d+(?:\.\d)? [KM]B\)', page
    )

    assert sorted(listed) == every_pdf(built_site)


def test_the_print_stylesheet_and_fonts_ship_with_the_package_with_their_licence() -> None:
    assets = ASSETS_DIR

    assert (assets / "print.css").is_file()
    assert sorted(path.name for path in (assets / "fonts").glob("*.ttf")) == [
        "NotoSans-Bold.ttf",
        "NotoSans-BoldItalic.ttf",
        "NotoSans-Italic.ttf",
        "NotoSans-Regular.ttf",
    ]
    assert "SIL OPEN FONT LICENSE" in (assets / "fonts/OFL.txt").read_text(encoding="utf-8")
