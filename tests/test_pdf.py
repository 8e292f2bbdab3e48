"""The comeback/pdf plugin on small throwaway sites: every PDF is read back (text, form fields,
tags, PDF/UA declaration, fonts, page numbers, qpdf, pypdf) rather than trusted.

The read-back helpers here are shared with test_pdf_course.py, which runs them over the real course.
"""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, cast

import pikepdf
import pypdf
import pytest
import yaml

from comeback.core.worksheets.model import Worksheet
from comeback.pages.transform import fill_slots, page_content, slot
from comeback.print.acroform import fix_acroform
from comeback.print.cache import GRACE
from comeback.print.form_fields import worksheet_field_names
from comeback.print.page_content import missing_targets, print_content
from comeback.print.pipeline import BuildStats
from comeback.print.weasy import RenderRequest
from comeback.print.workers import Renderer
from conftest import BuiltSite, build_site
from sample_worksheets import every_field_type

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
SHIPPED_FONTS = re.compile(
    r"^[A-Z]{6}\+(Comeback-Sans(-Bold|-Italic|-BoldItalic)?|sans-serif(-Bold|-Italic|-BoldItalic)?|Comeback-Form|ComebackFurniture-Regular)$"
)


# --- reading a PDF back ------------------------------------------------------------------------


@dataclass
class PdfFacts:
    """Everything the tests check about one PDF, read with pypdf, pikepdf, pdftotext and qpdf."""

    path: Path
    pypdf_warnings: list[str] = field(default_factory=list)

    @cached_property
    def reader(self) -> pypdf.PdfReader:
        reader: pypdf.PdfReader = self._read(lambda: pypdf.PdfReader(self.path))
        return reader

    def _read(self, action: Any) -> Any:
        """Run a pypdf action, keeping every warning it logs or raises."""
        messages: list[str] = []
        handler = logging.Handler(logging.DEBUG)
        handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore[method-assign]
        logger = logging.getLogger("pypdf")
        logger.addHandler(handler)
        previous = logger.level
        logger.setLevel(logging.WARNING)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = action()
        finally:
            logger.removeHandler(handler)
            logger.setLevel(previous)
        self.pypdf_warnings += messages + [str(warning.message) for warning in caught]
        return result

    def read_everything(self) -> None:
        """Make pypdf read every part of the file (pages, text, fields, outline, destinations)."""
        reader = self.reader
        self._read(lambda: [page.extract_text() for page in reader.pages])
        self._read(
            lambda: (
                reader.get_fields(),
                reader.outline,
                reader.named_destinations,
                reader.metadata,
                reader.xmp_metadata,
            )
        )

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    @cached_property
    def text(self) -> str:
        return subprocess.run(
            ["pdftotext", "-layout", str(self.path), "-"], capture_output=True, text=True, check=True
        ).stdout

    @cached_property
    def page_texts(self) -> list[str]:
        done = subprocess.run(["pdftotext", str(self.path), "-"], capture_output=True, text=True, check=True)
        return done.stdout.split("\f")

    def page_text(self, number: int) -> str:
        """The text of page `number` (from 1)."""
        return self.page_texts[number - 1]

    @cached_property
    def fields(self) -> dict[str, Any]:
        """Terminal form fields (the ones that hold a value) by fully qualified name."""
        found = self._read(self.reader.get_fields) or {}
        return {name: value for name, value in found.items() if "/FT" in value}

    @property
    def title(self) -> str | None:
        return self.reader.metadata.title if self.reader.metadata else None

    @property
    def author(self) -> str | None:
        return self.reader.metadata.author if self.reader.metadata else None

    @property
    def catalog(self) -> Any:
        return self.reader.trailer["/Root"]

    @property
    def tagged(self) -> bool:
        return "/StructTreeRoot" in self.catalog and bool(self.catalog["/MarkInfo"].get("/Marked"))

    @property
    def declares_pdf_ua_1(self) -> bool:
        xmp = self.catalog["/Metadata"].get_object().get_data().decode("utf-8", "replace")
        return re.search(r"pdfuaid:part(=\"|>)1", xmp) is not None

    @cached_property
    def fonts(self) -> list[tuple[str, bool]]:
        """(name, embedded) of every font descriptor in the file."""
        found = []
        with pikepdf.open(self.path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                    embedded = any(key in obj for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                    found.append((str(obj.FontName)[1:], embedded))
        return found

    def qpdf_check(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["qpdf", "--check", str(self.path)], capture_output=True, text=True, check=False)

    def structure_problems(self) -> list[str]:
        """Where the structure tree does not account for the marked content of a page: every MCID on
        a page must map, through the page's entry in the parent tree, to an element of that page."""
        problems = []
        with pikepdf.open(self.path) as pdf:
            tree = pdf.Root.StructTreeRoot
            numbers = tree.ParentTree.Nums
            entries = {int(numbers[index]): numbers[index + 1] for index in range(0, len(numbers), 2)}
            for number, page in enumerate(pdf.pages, start=1):
                mcids = [
                    int(operands[1].MCID)
                    for operands, operator in cast(list[tuple[Any, Any]], pikepdf.parse_content_stream(page))
                    if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]
                ]
                if not mcids:
                    continue
                if "/StructParents" not in page.obj:
                    problems.append(f"page {number}: marked content but no /StructParents")
                    continue
                entry = entries.get(int(page.obj.StructParents))
                if entry is None:
                    problems.append(f"page {number}: no parent tree entry {int(page.obj.StructParents)}")
                    continue
                for mcid in mcids:
                    element = entry[mcid] if mcid < len(entry) else None
                    if element is None or not isinstance(element, pikepdf.Dictionary):
                        problems.append(f"page {number}: MCID {mcid} maps to nothing")
                    elif "/Pg" in element and element.Pg.objgen != page.obj.objgen:
                        problems.append(f"page {number}: MCID {mcid} maps to an element of another page")
        return problems


def assert_sound(pdf: PdfFacts, *, cover: bool = False) -> None:
    """What every PDF the plugin makes must be: valid, readable without a warning, tagged and
    declared PDF/UA-1, titled, in a language, with an author, its fonts embedded and ours only,
    every page (but a cover) numbered "Page n of N"."""
    check = pdf.qpdf_check()
    assert check.returncode == 0, f"{pdf.path}: qpdf --check: {check.stdout}{check.stderr}"
    pdf.read_everything()
    assert pdf.pypdf_warnings == [], f"{pdf.path}: pypdf warned: {pdf.pypdf_warnings}"
    assert pdf.tagged, f"{pdf.path} is not tagged"
    assert pdf.declares_pdf_ua_1, f"{pdf.path} does not declare PDF/UA-1"
    assert pdf.structure_problems() == []
    assert pdf.title and pdf.author, f"{pdf.path}: title {pdf.title!r}, author {pdf.author!r}"
    assert str(pdf.catalog["/Lang"]) == "en"
    assert pdf.fonts and all(embedded for _, embedded in pdf.fonts), f"{pdf.path}: fonts {pdf.fonts}"
    strangers = [name for name, _ in pdf.fonts if not SHIPPED_FONTS.match(name)]
    assert strangers == [], f"{pdf.path} uses fonts that are not shipped with the plugin: {strangers}"
    unnumbered = [
        n for n in range(2 if cover else 1, pdf.pages + 1) if f"Page {n} of {pdf.pages}" not in pdf.page_text(n)
    ]
    assert unnumbered == [], f"{pdf.path}: pages without 'Page n of {pdf.pages}': {unnumbered}"


# --- a throwaway course ------------------------------------------------------------------------

EVERY_FIELD = every_field_type("example-all")  # three table and matrix rows, seven tracker days
EVERY_FIELD_NAMES = [
    "name",
    "story",
    *(f"next-steps.{row}" for row in (1, 2, 3)),
    *(f"contacts.{row}.{column}" for row in (1, 2, 3) for column in ("person", "ask")),
    "mood",
    "kind",
    "supports.friend",
    "supports.mentor",
    "start",
    *(f"habits.{item}.{day}" for item in ("walk", "sleep") for day in range(1, 8)),
    *(f"options.{row}.{cell}" for row in (1, 2, 3) for cell in ("option", "pay", "energy", "total")),
]
FIRST_STEP = """\
id: first-step
title: First step
version: 1
minutes: 5
sections:
  - title: Now
    fields:
      - {id: goal, type: text, label: Your goal}
      - {id: step, type: text, label: The step you take this week}
"""
DIAGRAM = """\
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60">
  <rect x="1" y="1" width="198" height="58" fill="#e0f2f1" stroke="#00796b"/>
  <text x="100" y="36" text-anchor="middle" font-family="sans-serif" font-size="14">Facts and story</text>
</svg>
"""
LESSON_ONE = """\
---
number: 1
title: Reframe the setback
duration: 30 minutes
objectives:
  - Tell the facts from the story
---

# Reframe the setback

A setback hurts. This lesson helps you sort the facts from the story. See [lesson 2](2-first-step.md).

![A box with the words facts and story.](../assets/diagrams/facts.svg)

!!! note "Take your time"
    There is no rush. Come back to it tomorrow.

## Why it matters

The story you tell yourself shapes what you do next.

::worksheet[example-all]

## After the worksheet

Read back what you wrote.
"""
LESSON_TWO = """\
---
number: 2
title: Take a first step
---

# Take a first step

Pick one small step.

::worksheet[first-step]
"""
PRINTABLES = """\
# Printables

## The whole course

::pdfs[workbook]

## Handouts

::pdfs[handouts]

## Worksheets

::pdfs[worksheets]
"""
FILES = {
    "content/index.md": "# Home\n\nWelcome.\n",
    "content/lessons/1-reframe.md": LESSON_ONE,
    "content/lessons/2-first-step.md": LESSON_TWO,
    "content/assets/diagrams/facts.svg": DIAGRAM,
    "content/printables.md": PRINTABLES,
    "content/support.md": "# Support\n\n::support\n",
    "worksheets/example-all.yml": EVERY_FIELD,
    "worksheets/first-step.yml": FIRST_STEP,
}
MKDOCS_YML = """\
site_name: Test course
site_url: !ENV [SITE_URL, https://example.org/test/]
site_author: Test authors
docs_dir: content
theme:
  name: material
  font: false
markdown_extensions:
  - admonition
plugins:
  - comeback/course
  - comeback/support
  - comeback/worksheets
  - comeback/pdf:
      enabled: !ENV [COMEBACK_PDF, true]
{pdf_options}
{extra}
"""
SUPPORT = """\
extra:
  support:
    organisation: Acme Ltd
    contacts:
      - {name: Employee assistance line, detail: "0800 123 456, any hour", url: "https://eap.example.org/"}
"""


def write_site(
    root: Path, *, pdf_options: dict[str, Any] | None = None, extra: str = SUPPORT, files: dict[str, str] | None = None
) -> Path:
    for relative, text in {**FILES, **(files or {})}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    options = yaml.safe_dump(pdf_options or {}, sort_keys=False).strip()
    indented = "" if not pdf_options else "\n".join("      " + line for line in options.splitlines())
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(pdf_options=indented, extra=extra), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The throwaway course, built once for the read-back tests of this module."""
    built = build_site(write_site(tmp_path_factory.mktemp("pdf-course")))
    assert built.ok, f"{built.error}\n" + "\n".join(built.logs[-20:])
    return built


def pdf(built: BuiltSite, path: str) -> PdfFacts:
    return PdfFacts(built.site_dir / path)


def pdf_stats(built: BuiltSite) -> BuildStats:
    """What the pdf plugin says it did in the build."""
    stats = built.stats["comeback/pdf"]
    assert isinstance(stats, BuildStats)
    return stats


def stats(built: BuiltSite) -> str:
    """The plugin's summary, e.g. "rendered 3 PDFs, 2 from cache"."""
    return str(pdf_stats(built))


def rendered(built: BuiltSite) -> set[str]:
    """The PDFs the build made anew."""
    return set(pdf_stats(built).rendered)


# --- a worksheet's fillable PDF ------------------------------------------------------------------


def test_each_worksheet_gets_a_fillable_pdf_whose_fields_are_named_after_its_ids(course: BuiltSite) -> None:
    sheet = pdf(course, "pdf/worksheets/example-all.pdf")

    assert sorted(sheet.fields) == sorted(EVERY_FIELD_NAMES)
    # The scale is one radio group with a state for each point, not eleven fields of its own.
    assert sheet.fields["mood"]["/FT"] == "/Btn" and len(sheet.fields["mood"]["/_States_"]) == 11


def test_field_names_follow_one_documented_scheme() -> None:
    worksheet = Worksheet.model_validate(yaml.safe_load(EVERY_FIELD))

    assert worksheet_field_names(worksheet) == EVERY_FIELD_NAMES


def test_a_scale_and_a_choice_are_radio_groups_whose_values_are_the_numbers_and_option_ids(course: BuiltSite) -> None:
    fields = pdf(course, "pdf/worksheets/example-all.pdf").fields

    assert fields["mood"]["/_States_"] == [f"/{number}" for number in range(11)]
    assert fields["kind"]["/_States_"] == ["/rejection", "/project"]
    assert fields["supports.mentor"]["/FT"] == "/Btn"
    assert fields["story"]["/FT"] == "/Tx" and fields["story"]["/Ff"] & (1 << 12)  # multiline


def test_a_fillable_worksheet_pdf_is_sound_small_and_on_a4(course: BuiltSite) -> None:
    sheet = pdf(course, "pdf/worksheets/example-all.pdf")

    assert_sound(sheet)
    assert sheet.path.stat().st_size <= 80 * 1024
    assert sheet.title == "Every field type"
    assert sheet.author == "Test authors"
    assert tuple(round(float(value), 2) for value in sheet.reader.pages[0].mediabox[2:]) == A4


def test_the_worksheet_pdf_shows_the_web_forms_sections_prompts_and_room_to_write(course: BuiltSite) -> None:
    text = pdf(course, "pdf/worksheets/example-all.pdf").text

    for expected in (
        "Every field type",
        "Worksheet · about 15 minutes · from Lesson 1: Reframe the setback",
        "Short Markdown shown under the title.",
        "About you",
        "What happened?",
        "People to contact",
        "What to ask",
        "0 = Very low",
        "10 = Very good",
        "(tick one)",
        "A failed project",
        "(tick any)",
        "In bed by 11",
        "Pay (×3)",
        "Weighted total",
    ):
        assert expected in text, expected


def test_text_fields_and_furniture_use_the_small_latin_font_and_the_text_the_shipped_one(course: BuiltSite) -> None:
    fonts = {re.sub(r"^[A-Z]{6}\+", "", name) for name, _ in pdf(course, "pdf/worksheets/example-all.pdf").fonts}

    assert {"Comeback-Sans", "Comeback-Sans-Bold", "Comeback-Form", "ComebackFurniture-Regular"} <= fonts


def test_letter_paper_is_one_option_away(tmp_path: Path) -> None:
    built = build_site(write_site(tmp_path, pdf_options={"paper": "letter"}))

    assert built.ok, built.error
    for path in ("pdf/worksheets/first-step.pdf", "pdf/handouts/2-first-step.pdf", "pdf/test-course-workbook.pdf"):
        page = pdf(built, path).reader.pages[0]
        assert tuple(round(float(value), 2) for value in page.mediabox[2:]) == LETTER, path


# --- handouts and the workbook -------------------------------------------------------------------


def test_a_handout_is_the_lessons_text_with_its_worksheets_where_the_lesson_places_them(course: BuiltSite) -> None:
    handout = pdf(course, "pdf/handouts/1-reframe.pdf")
    text = handout.text

    assert_sound(handout)
    order = [
        "Reframe the setback",
        "Lesson 1 · 30 minutes",
        "Tell the facts from the story",
        "Take your time",
        "Why it matters",
        "Every field type",
        "After the worksheet",
    ]
    positions = [text.find(expected) for expected in order]
    assert -1 not in positions and positions == sorted(positions), dict(zip(order, positions, strict=True))
    assert "Facts and story" in text  # the diagram, its text in the shipped font
    assert handout.title == "Lesson 1: Reframe the setback"
    assert handout.page_text(1).startswith("Lesson 1: Reframe the setback")  # the running title


def test_a_handout_can_be_filled_in_too_each_worksheets_fields_under_its_id(course: BuiltSite) -> None:
    fields = pdf(course, "pdf/handouts/1-reframe.pdf").fields

    assert sorted(fields) == sorted(f"example-all.{name}" for name in EVERY_FIELD_NAMES)


def test_links_in_print_point_at_the_published_site(course: BuiltSite) -> None:
    links = [
        annotation["/A"]["/URI"]
        for page in pdf(course, "pdf/handouts/1-reframe.pdf").reader.pages
        for annotation in (page.get("/Annots") or [])
        if annotation.get_object().get("/Subtype") == "/Link" and "/A" in annotation.get_object()
    ]

    assert "https://example.org/test/lessons/2-first-step/" in links


def test_the_workbook_has_a_cover_contents_with_true_page_numbers_every_lesson_and_support(course: BuiltSite) -> None:
    workbook = pdf(course, "pdf/test-course-workbook.pdf")

    assert_sound(workbook, cover=True)
    assert workbook.title == "Test course workbook"
    assert "WORKBOOK" in workbook.page_text(1) and "Test course" in workbook.page_text(1)
    assert "Page 1 of" not in workbook.page_text(1)  # no furniture on the cover
    contents = workbook.page_text(2)
    entries = {
        "Lesson 1: Reframe the setback": "Reframe the setback",
        "Worksheet: Every field type": "Every field type",
        "Lesson 2: Take a first step": "Take a first step",
        "Worksheet: First step": "First step",
        "Who you can contact": "Who you can contact",
    }
    for entry, heading in entries.items():
        found = re.search(rf"{re.escape(entry)}\W*?(\d+)\s*$", contents, re.MULTILINE)
        assert found, f"{entry} is not in the contents"
        number = int(found.group(1))
        body = workbook.page_text(number).split("\n", 1)[1]  # below the running title
        # A worksheet's page may open with the lines of its lesson that lead into it.
        top = body.split("\n\n", 3)[:3] if entry.startswith("Worksheet") else body.split("\n\n", 1)[:1]
        assert heading in "\n".join(top), f"{entry}: page {number} starts with {body[:80]!r}"
    support = workbook.text.rsplit("Who you can contact", 1)[1]
    assert "Samaritans" in support and "116 123" in support  # independent help, always
    assert "Acme Ltd also offers these confidential contacts" in support
    assert "Employee assistance line" in support and "eap.example.org" in support


def test_the_workbooks_contents_link_to_the_chapters(course: BuiltSite) -> None:
    workbook = pdf(course, "pdf/test-course-workbook.pdf")
    destinations = workbook.reader.named_destinations
    targets = {
        name: (workbook.reader.get_destination_page_number(destination) or 0) + 1
        for name, destination in destinations.items()
    }

    assert targets["ws-first-step"] > targets["ch-1-reframe"] > 2
    links = [a.get_object() for a in workbook.reader.pages[1].get("/Annots") or []]
    assert {str(link["/Dest"]) for link in links if "/Dest" in link} >= {"ch-1-reframe", "ws-example-all", "ch-support"}


def test_without_support_contacts_the_workbook_still_gives_independent_help(tmp_path: Path) -> None:
    built = build_site(write_site(tmp_path, extra=""))

    assert built.ok, built.error
    workbook = pdf(built, "pdf/test-course-workbook.pdf")
    support = " ".join(workbook.text.rsplit("Who you can contact", 1)[1].split())
    assert "call your local emergency number" in support and "Samaritans" in support
    assert "Your doctor is a good place to start too" in support
    assert "also offers" not in support


# --- on the site -------------------------------------------------------------------------------


def test_a_lesson_links_its_handout_and_worksheets_with_relative_links_that_resolve(course: BuiltSite) -> None:
    page = course.page("lessons/1-reframe/")
    links = re.findall(r'href="([^"]+\.pdf)"', page)

    assert links[0] == "../../pdf/worksheets/example-all.pdf"  # right under the web form
    assert set(links) == {"../../pdf/handouts/1-reframe.pdf", "../../pdf/worksheets/example-all.pdf"}
    assert "Print or fill in on paper" in page
    for link in links:
        assert (course.site_dir / "lessons/1-reframe" / link).resolve().is_file()


def test_the_printables_page_lists_every_pdf_with_its_size(course: BuiltSite) -> None:
    page = course.page("printables/")
    listed = re.findall(
        r'<a href="\.\./(pdf/[^"]+)" type="application/pdf">[^<]+</a>[^(]*\(PDF, (\d+(?:\.\d)? [KM]B)\)', page
    )

    every_pdf = sorted(path.relative_to(course.site_dir).as_posix() for path in course.site_dir.rglob("*.pdf"))
    assert sorted(path for path, _ in listed) == every_pdf
    assert len(every_pdf) == 5  # two worksheets, two handouts, the workbook


def test_markdown_can_link_a_pdf_and_the_strict_build_passes(tmp_path: Path) -> None:
    index = "# Home\n\nPrint [the workbook](pdf/test-course-workbook.pdf) or [a worksheet](pdf/worksheets/first-step.pdf).\n"
    built = build_site(write_site(tmp_path, files={"content/index.md": index}))

    assert built.ok, built.error
    assert 'href="pdf/test-course-workbook.pdf"' in built.page("")


# --- building ------------------------------------------------------------------------------------


def test_a_rebuild_with_nothing_changed_renders_no_pdf(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    first = build_site(root)
    second = build_site(root)

    assert stats(first) == "rendered 5 PDFs, 0 from cache"
    assert stats(second) == "rendered 0 PDFs, 5 from cache"
    assert rendered(second) == set()


def test_changing_one_worksheet_remakes_only_its_pdf_its_lessons_handout_and_the_workbook(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    build_site(root)
    sheet = root / "worksheets/first-step.yml"
    sheet.write_text(sheet.read_text().replace("label: Your goal", "label: Your one goal"))
    again = build_site(root)

    assert stats(again) == "rendered 3 PDFs, 2 from cache"
    assert rendered(again) == {
        "pdf/worksheets/first-step.pdf",
        "pdf/handouts/2-first-step.pdf",
        "pdf/test-course-workbook.pdf",
    }
    assert "Your one goal" in pdf(again, "pdf/test-course-workbook.pdf").text


def test_a_comment_in_a_worksheet_changes_no_pdf(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    build_site(root)
    with (root / "worksheets/first-step.yml").open("a") as sheet:
        sheet.write("# a note for editors\n")

    assert stats(build_site(root)) == "rendered 0 PDFs, 5 from cache"


def age(directory: Path, seconds: float) -> None:
    """Make every file under `directory` look `seconds` older."""
    for path in directory.rglob("*"):
        if path.is_file():
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns - int(seconds * 1e9), stat.st_mtime_ns - int(seconds * 1e9)))


def test_the_cache_lives_in_dot_cache_and_keeps_only_what_the_last_build_used(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    build_site(root)
    cache = root / ".cache/comeback-pdf"
    before = set(cache.glob("*.pdf"))
    age(cache, GRACE + 60)  # what no build uses is spared for GRACE seconds: another build may be writing it
    sheet = root / "worksheets/first-step.yml"
    sheet.write_text(sheet.read_text().replace("label: Your goal", "label: Your one goal"))
    build_site(root)
    after = set(cache.glob("*.pdf"))

    assert before and after and len(after) == len(before)
    assert before != after


def test_comeback_pdf_0_switches_pdfs_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMEBACK_PDF", "0")
    built = build_site(write_site(tmp_path))

    assert built.ok, built.error
    assert list(built.site_dir.rglob("*.pdf")) == []
    assert not (tmp_path / ".cache/comeback-pdf").exists()
    assert "This build of the site has no PDFs" in built.page("printables/")
    assert ".pdf" not in built.page("lessons/1-reframe/")


def serve_build(root: Path) -> BuiltSite:
    """A build as `mkdocs serve` runs it (on_startup says "serve")."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = BuiltSite(root=root, site_dir=root / "served")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site.site_dir))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()
    return site


def test_serve_makes_no_pdfs_unless_asked_to_and_then_takes_them_from_the_cache(tmp_path: Path) -> None:
    plain = write_site(tmp_path / "plain")
    assert list(serve_build(plain).site_dir.rglob("*.pdf")) == []

    asked = write_site(tmp_path / "asked", pdf_options={"serve": True})
    build_site(asked)
    cached = {path.name: path.stat().st_mtime_ns for path in (asked / ".cache/comeback-pdf").glob("*.pdf")}
    served = serve_build(asked)
    assert len(list(served.site_dir.rglob("*.pdf"))) == 5
    assert {path.name: path.stat().st_mtime_ns for path in (asked / ".cache/comeback-pdf").glob("*.pdf")} == cached


def test_without_weasyprint_the_build_stops_with_one_error_that_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A WeasyPrint whose system libraries are missing, as cffi reports it, in the worker processes...
    broken = tmp_path / "broken" / "weasyprint"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise OSError(\"cannot load library 'libpango-1.0-0'\")\n")
    monkeypatch.syspath_prepend(str(broken.parent))  # spawned workers start with this process's sys.path
    # ...and in this one, should it render here.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    built = build_site(write_site(tmp_path / "site"))

    assert not built.ok
    errors = [line for line in built.logs if line.startswith("ERROR:")]
    assert len(errors) == 1
    assert "comeback/pdf: the comeback/pdf plugin needs WeasyPrint and the Pango library" in errors[0]
    assert "pip install weasyprint" in errors[0] and "`enabled: false` under comeback/pdf" in errors[0]
    assert "libpango-1.0-0" in errors[0]


def test_an_image_from_another_site_is_not_fetched_and_fails_the_strict_build(tmp_path: Path) -> None:
    lesson = LESSON_TWO.replace("Pick one small step.", "![A tracker](https://example.com/pixel.png)")
    built = build_site(write_site(tmp_path, files={"content/lessons/2-first-step.md": lesson}))

    assert not built.ok
    assert (
        "comeback/pdf: lessons/2-first-step.md: image 'https://example.com/pixel.png' is not a file of the site,"
        " so the PDFs show its alt text instead" in built.warnings
    )


# --- the parts, one at a time ------------------------------------------------------------------


def test_print_content_puts_each_worksheet_in_its_place_and_drops_what_only_a_screen_needs() -> None:
    content = (
        '<h2 id="why">Why<a class="headerlink" href="#why">¶</a></h2>'
        '<p>See <a href="../two/">lesson two</a> and <a href="#why">why</a>.</p>'
        '<div data-comeback-worksheet="goals"></div><button type="button">Export</button>'
        '<p><img alt="A map" src="../../assets/map.svg" /></p>'
        "<script>alert(1)</script><p>After</p>"
    )
    printed = print_content(
        content,
        page_url="lessons/one/",
        worksheet_html=lambda worksheet_id: f"<section>printed {worksheet_id}</section>",
        site_files={"assets/map.svg": Path("/site/assets/map.svg")},
        site_url="https://example.org/course/",
        id_prefix="ch-one--",
    )

    assert printed.html == (
        '<h2 id="ch-one--why">Why</h2>'
        '<p>See <a href="https://example.org/course/lessons/two/">lesson two</a> and <a href="#ch-one--why">why</a>.</p>'
        "<section>printed goals</section>"
        '<p><img alt="A map" src="file:///site/assets/map.svg" /></p>'
        "<p>After</p>"
    )
    assert printed.files == [Path("/site/assets/map.svg")]


def test_links_to_parts_printed_elsewhere_are_found_so_they_can_be_kept() -> None:
    assert missing_targets('<p id="a"><a href="#a">here</a> <a href="#b">there</a> <a href="#b">again</a></p>') == ["b"]


def test_the_web_page_gets_each_form_in_place_and_its_pdf_link_once_the_pdfs_exist() -> None:
    content = (
        '<p>Before</p><div data-comeback-worksheet="goals"></div><p>After</p><div data-comeback-worksheet="x"></div>'
    )
    forms = {"goals": '<form id="ws-goals"></form>' + slot("pdf-link:goals")}

    page = page_content(content, forms)
    assert page == (
        '<p>Before</p><form id="ws-goals"></form><!--comeback-slot:pdf-link:goals--><p>After</p>'
        '<div data-comeback-worksheet="x"></div>'  # not this page's worksheet: a copy typed by hand stays
    )
    assert fill_slots(page, {"pdf-link:goals": "[goals PDF]"}) == (
        '<p>Before</p><form id="ws-goals"></form>[goals PDF]<p>After</p><div data-comeback-worksheet="x"></div>'
    )
    assert (
        fill_slots(page, {})
        == '<p>Before</p><form id="ws-goals"></form><p>After</p><div data-comeback-worksheet="x"></div>'
    )


def test_parts_render_in_parallel_spawned_processes_and_come_back_as_bytes() -> None:
    html = '<!doctype html><html lang="en"><head><title>{0}</title></head><body><p id="p{0}">Part {0}</p></body></html>'
    requests = [RenderRequest(str(number), html.format(number)) for number in range(3)]

    with Renderer(2) as renderer:
        results = {result.key: result for _, result in renderer.render(requests)}

    assert sorted(results) == ["0", "1", "2"]
    assert all(result.pdf.startswith(b"%PDF-") and result.pages == 1 for result in results.values())
    assert results["2"].anchors == {"p2": 0}


def test_radio_groups_come_out_as_one_field_each_not_a_loop() -> None:
    import weasyprint

    html = (
        '<html lang="en"><head><title>t</title></head><body>'
        '<input type="radio" name="mood" value="1" title="Mood"><input type="radio" name="mood" value="2" title="Mood">'
        '<input type="text" name="steps.1" title="Step 1"><input type="text" name="steps.2" title="Step 2">'
        "</body></html>"
    )
    data = weasyprint.HTML(string=html).write_pdf(pdf_forms=True, finisher=fix_acroform)
    facts = PdfFacts(Path("unused"))
    facts.__dict__["reader"] = facts._read(lambda: pypdf.PdfReader(io.BytesIO(data)))

    assert sorted(facts.fields) == ["mood", "steps.1", "steps.2"]
    assert facts.fields["mood"]["/_States_"] == ["/1", "/2"]
    assert facts.pypdf_warnings == []
