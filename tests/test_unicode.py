"""Any letter: slugs keep the letters of every script (Latin ones lose their accents), PDFs print
Romanian, Greek and Cyrillic in their text, running heads, footers and contents, and fill in their
fields in those scripts; a character the PDFs' fonts lack stops the build, naming it and its file."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont

from comeback.core.ids import id_from, slugify
from comeback.print.fonts import form_font
from comeback.print.glyphs import blocks_of, unprintable
from conftest import BuiltSite, build_site
from outputs import pdf_text
from test_pdf import LESSON_TWO, write_site

ROMANIAN = "Învățare și curaj"
GREEK = "Ψυχική ανθεκτικότητα"
CYRILLIC = "Новый шаг"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Set new goals!", "set-new-goals"),
        (ROMANIAN, "invatare-si-curaj"),
        ("Wochenrückblick", "wochenruckblick"),
        ("Straße", "strasse"),
        ("Tiếng Việt", "tieng-viet"),
        (CYRILLIC, "новый-шаг"),  # й keeps its mark: it is a letter of its own
        (GREEK, "ψυχική-ανθεκτικότητα"),
        ("再出発 コース", "再出発-コース"),
        ("  --Lesson 2: a—b--  ", "lesson-2-a-b"),
    ],
)
def test_a_slug_keeps_every_letter_and_takes_the_accents_off_latin_ones(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_an_id_suggested_to_an_author_is_one_they_may_write() -> None:
    assert id_from(ROMANIAN) == "invatare-si-curaj"
    assert re.fullmatch(r"[a-z0-9-]*", id_from(CYRILLIC + " 2")) and id_from(CYRILLIC + " 2") == "2"


def test_the_pdfs_fonts_print_latin_greek_and_cyrillic_but_not_hebrew_or_cjk() -> None:
    assert unprintable(ROMANIAN + GREEK + CYRILLIC + " „quotes“ – 12 €") == []
    assert unprintable("学び 2 שלום") == sorted(set("学びשלום"))


def test_form_fields_take_the_scripts_the_course_is_written_in(tmp_path: Path) -> None:
    english, romanian, cyrillic = (
        set(TTFont(form_font(tmp_path, blocks_of(text))[0]).getBestCmap())
        for text in ("Plain English, café", ROMANIAN, CYRILLIC)
    )

    assert ord("ő") in english and ord("ș") not in english and ord("Ж") not in english  # Latin-1 and Extended-A
    assert ord("ș") in romanian and ord("ț") in romanian and ord("Ж") not in romanian
    assert {ord(character) for character in "ЖжЁёЙй"} <= cyrillic  # the whole block, not only the letters used


@pytest.fixture(scope="module")
def unicode_course(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = write_site(
        tmp_path_factory.mktemp("unicode"),
        files={"content/lessons/2-first-step.md": LESSON_TWO.replace("Take a first step", GREEK)},
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("Test course", ROMANIAN), encoding="utf-8")
    sheet = root / "worksheets/first-step.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("title: First step", f"title: {CYRILLIC}"), "utf-8")
    built = build_site(root)
    assert built.ok, f"{built.error}\n" + "\n".join(built.logs[-20:])
    return built


def test_running_heads_footers_and_contents_print_any_letter_of_the_fonts(unicode_course: BuiltSite) -> None:
    workbook = unicode_course.site_dir / "pdf/invatare-si-curaj-workbook.pdf"

    contents = pdf_text(workbook, 2)
    assert f"Lesson 2: {GREEK}" in contents and f"Worksheet: {CYRILLIC}" in contents
    pages = [pdf_text(workbook, page).strip().splitlines() for page in range(2, 10)]
    heads = {lines[0].strip() for lines in pages}
    feet = {re.sub(r"\s{2,}.*", "", lines[-1].strip()) for lines in pages}
    assert f"Lesson 2: {GREEK}" in heads
    assert feet == {f"{ROMANIAN} · https://example.org/test/"}
    sheet = pdf_text(unicode_course.site_dir / "pdf/worksheets/first-step.pdf").splitlines()
    assert CYRILLIC in sheet[0] and ROMANIAN in "\n".join(sheet)


def test_a_field_of_a_course_in_cyrillic_can_show_cyrillic(unicode_course: BuiltSite) -> None:
    with pikepdf.open(unicode_course.site_dir / "pdf/worksheets/first-step.pdf") as pdf:
        fonts = pdf.Root.AcroForm.DR.Font
        form = next(font for _, font in fonts.items() if str(font.BaseFont).endswith("+Comeback-Form"))
        program = form.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
    with TTFont(io.BytesIO(program)) as font:
        assert {ord(character) for character in "ЖжЙй"} <= set(font.getBestCmap())


def test_a_character_no_font_has_stops_the_build_naming_it_and_its_file(tmp_path: Path) -> None:
    lesson = LESSON_TWO.replace("Pick one small step.", "Pick one small step: 一歩.")
    built = build_site(write_site(tmp_path, files={"content/lessons/2-first-step.md": lesson}))

    assert not built.ok
    assert (
        "content/lessons/2-first-step.md: the PDFs cannot print 一 (U+4E00), 歩 (U+6B69): their font, Noto Sans,"
        " has no glyph for it" in "\n".join(built.errors)
    )
