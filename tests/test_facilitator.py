# ruff: noqa: F811  (a test takes the imported fixture `bare_material` by name)
"""Two editions from one source. The learner edition contains no facilitator note anywhere (pages,
search index, sitemap, PDFs): the notes are taken out when it is built. The facilitator edition
shows them, marked, and adds the guide, whose plans come from sessions/*.yml, with its PDFs."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from playwright.sync_api import Page

from comeback.core.course.model import Course
from comeback.core.course.notes import scan_notes
from comeback.mkdocs.course import course_of
from conftest import REPO, BuiltSite, build_site, start_server, write_site
from test_html_valid import bare_material, beyond, validate  # noqa: F401  (bare_material: a fixture)
from test_pdf import PdfFacts
from test_site import _violations, site_pages

MARKER = "Quillwort marker 8841"
LESSON = f"""\
---
number: 1
title: One
duration: 20 minutes
objectives: [Try one thing]
---

# One

The lesson itself.

::worksheet[first]

/// facilitator | Facilitator notes
## For facilitators

Run it gently. {MARKER}.

### Group activity

1. Talk in pairs.
///
"""
WORKSHEET = """\
id: first
title: First step
version: 1
minutes: 5
sections:
  - title: Now
    fields:
      - {id: step, type: text, label: Your step}
"""
PLAN = """\
id: weekly
title: One weekly session
summary: Just the one.
group: true
sessions:
  - id: week-1
    title: The only week
    minutes: 30
    lessons: [1-one]
    objectives: [Try one thing]
    materials: [cards]
    worksheets: [first]
    pre_work: Read lesson one.
    agenda:
      - {minutes: 10, kind: welcome, title: Welcome}
      - {minutes: 15, kind: pairs, title: Pairs}
      - {minutes: 5, kind: close, title: Close}
    group_activity: Sort the cards.
    discussion: ["What surprised you?"]
    pairs: {exercise: Talk it over., odd_number: A group of three.}
    close: One step each.
    homework: [Take the step.]
"""
FILES = {
    "content/index.md": "# Home\n\nWelcome.\n",
    "content/lessons/1-one.md": LESSON,
    "content/facilitator/index.md": "# Guide\n\nHow to run it.\n\n::formats\n\n<!-- comeback:pdfs facilitator -->\n",
    "content/facilitator/weekly.md": "# One weekly session\n\n::plan[weekly]\n",
    "content/facilitator/notes.md": "# Notes\n\n::facilitator-notes\n",
    "content/facilitator/materials/cards.md": "# Cards\n\n- A card.\n- Another card.\n",
    "worksheets/first.yml": WORKSHEET,
    "sessions/weekly.yml": PLAN,
}


def write_edition(root: Path, edition: str) -> Path:
    config = {
        "site_name": "Test course",
        "site_url": "https://example.org/test/",
        "docs_dir": "content",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["attr_list", "tables"],
        "nav": ["index.md", {"Lessons": ["lessons/1-one.md"]}],
        "plugins": [
            "search",
            "comeback/course",
            {
                "comeback/facilitator": {
                    "edition": edition,
                    "nav": [
                        "facilitator/index.md",
                        "facilitator/weekly.md",
                        "facilitator/notes.md",
                        {"Materials": ["facilitator/materials/cards.md"]},
                    ],
                }
            },
            "comeback/worksheets",
            "comeback/pdf",
        ],
    }
    return write_site(root, FILES, config)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def every_output(site_dir: Path) -> dict[str, str]:
    """The text of every file a reader gets: pages, the search index, the sitemap, every PDF."""
    texts = {}
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in (".html", ".json", ".xml", ".js", ".txt"):
            texts[path.relative_to(site_dir).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pdf":
            texts[path.relative_to(site_dir).as_posix()] = pdf_text(path)
    return texts


@pytest.fixture(scope="module")
def learner(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    built = build_site(write_edition(tmp_path_factory.mktemp("learner"), "learner"))
    assert built.ok, built.error
    return built


@pytest.fixture(scope="module")
def facilitator(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    built = build_site(write_edition(tmp_path_factory.mktemp("facilitator"), "facilitator"))
    assert built.ok, built.error
    return built


# --- the learner edition ---------------------------------------------------------------------------


def test_no_learner_output_contains_a_facilitator_note(learner: BuiltSite) -> None:
    outputs = every_output(learner.site_dir)

    assert "search/search_index.json" in outputs and "sitemap.xml" in outputs
    assert any(name.endswith(".pdf") for name in outputs)
    assert [name for name, text in outputs.items() if MARKER in text or "Run it gently" in text] == []
    assert "The lesson itself." in outputs["lessons/1-one/index.html"]  # the lesson is there, its notes are not


def test_the_learner_edition_has_no_guide_no_guide_pdfs_and_no_link_to_them(learner: BuiltSite) -> None:
    files = {path.relative_to(learner.site_dir).as_posix() for path in learner.site_dir.rglob("*") if path.is_file()}

    assert not any(name.startswith(("facilitator/", "pdf/facilitator/")) for name in files)
    assert "facilitator" not in (learner.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "facilitator" not in json.dumps(json.loads((learner.site_dir / "search/search_index.json").read_text()))


# --- the facilitator edition -------------------------------------------------------------------------


def test_the_facilitator_edition_shows_the_notes_in_place_clearly_marked(facilitator: BuiltSite) -> None:
    html = facilitator.page("lessons/1-one/")
    block = html.split('<div class="admonition facilitator">', 1)[1].split("</div>", 1)[0]

    assert '<p class="admonition-title">Facilitator notes</p>' in block and MARKER in block
    assert MARKER in (facilitator.site_dir / "search/search_index.json").read_text(encoding="utf-8")


def test_the_facilitator_edition_adds_the_guide_with_its_plans_from_the_data(facilitator: BuiltSite) -> None:
    weekly = facilitator.page("facilitator/weekly/")
    agenda = re.sub(r"<[^>]+>", " ", weekly.split('id="agenda"', 1)[1].split("</table>", 1)[0])

    assert "0:00" in agenda and "0:10" in agenda and "0:25" in agenda  # when each step starts
    assert "Welcome" in agenda and "Pairs" in agenda and "Close" in agenda
    for heading in ("Group activity", "Discussion questions", "Pair exercise", "Close", "Homework"):
        assert f">{heading}<" in weekly
    assert "With an odd number:" in weekly and "A group of three." in weekly
    assert 'href="../materials/cards/"' in weekly and 'href="../../lessons/1-one/"' in weekly
    assert MARKER in facilitator.page("facilitator/notes/")  # every lesson's notes, in one place
    assert "facilitator/weekly/" in (facilitator.site_dir / "sitemap.xml").read_text(encoding="utf-8")


def test_the_facilitator_pdfs_are_the_guide_and_a_handout_pack_per_session(facilitator: BuiltSite) -> None:
    guide = facilitator.site_dir / "pdf/facilitator/facilitator-guide.pdf"
    pack = facilitator.site_dir / "pdf/facilitator/weekly-week-1.pdf"

    assert MARKER in pdf_text(guide)  # the guide has every note
    pack_text = pdf_text(pack)
    assert MARKER not in pack_text  # a pack is printed for learners
    assert "The lesson itself." in pack_text and "Your step" in pack_text and "A card." in pack_text
    assert pack_text.index("The lesson itself.") < pack_text.index("Your step") < pack_text.index("A card.")
    for path in (guide, pack):
        facts = PdfFacts(path)
        assert facts.qpdf_check().returncode == 0
        with pikepdf.open(path) as pdf:
            assert "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
    index = facilitator.page("facilitator/")
    assert (
        'href="../pdf/facilitator/facilitator-guide.pdf"' in index
        and 'href="../pdf/facilitator/weekly-week-1.pdf"' in index
    )


# --- mistakes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lesson", "message"),
    [
        (
            LESSON.rsplit("///\n", 1)[0],  # the closing line gone
            "content/lessons/1-one.md:14: this facilitator block is never closed; end it with a line that is just '///'",
        ),
        (
            LESSON.replace("The lesson itself.", "- a list\n  /// facilitator | Inside\n  notes\n  ///"),
            "content/lessons/1-one.md:11: a facilitator block must start at the left margin, not inside a list or another block",
        ),
    ],
    ids=["never-closed", "inside-a-list"],
)
def test_a_block_that_cannot_be_taken_out_cleanly_fails_the_build_with_its_line(
    tmp_path: Path, lesson: str, message: str
) -> None:
    root = write_edition(tmp_path, "learner")
    (root / "content/lessons/1-one.md").write_text(lesson, encoding="utf-8")
    built = build_site(root)

    assert not built.ok
    assert message in built.errors


# --- the course ------------------------------------------------------------------------------------


def note_sentences() -> dict[str, list[str]]:
    """A few sentences from each lesson's facilitator notes, long enough to be found only there."""
    found = {}
    for path in sorted((REPO / "content/lessons").glob("*.md")):
        notes = scan_notes(path.read_text(encoding="utf-8")).text(path.read_text(encoding="utf-8"))
        prose = [
            line.strip()
            for line in notes.splitlines()
            if len(line.strip()) > 60 and not line.startswith(("#", "-", "1"))
        ]
        found[path.stem] = prose[:3]
    return found


def test_the_courses_learner_edition_carries_none_of_its_notes(built_site: BuiltSite) -> None:
    sentences = note_sentences()
    assert all(len(found) == 3 for found in sentences.values()), sentences
    outputs = every_output(built_site.site_dir)
    leaks = [
        (name, sentence)
        for name, text in outputs.items()
        for found in sentences.values()
        for sentence in found
        if sentence in " ".join(text.split())
    ]

    assert leaks == []
    assert not (built_site.site_dir / "facilitator").exists()


@pytest.fixture(scope="module")
def course_facilitator(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real course's facilitator edition, PDFs included, chosen as the README says."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMEBACK_EDITION", "facilitator")
        built = build_site(REPO, site_dir=tmp_path_factory.mktemp("course-facilitator") / "site")
    assert built.ok, built.error
    return built


def test_each_format_plans_every_session_with_what_the_guide_promises(course_facilitator: BuiltSite) -> None:
    course = course_of_repo()
    assert list(course.plans) == ["weekly", "half-day", "coaching"]
    for plan in course.plans.values():
        page = course_facilitator.page(f"facilitator/{plan.id}/")
        for session in plan.sessions:
            section = page.split(f'id="{session.id}"', 1)[1]
            section = section.split("<h2", 1)[0]
            assert "Agenda" in section and "Homework" in section and "Discussion questions" in section, (
                plan.id,
                session.id,
            )
            assert ("Pair exercise" in section) == plan.group
        assert (course_facilitator.site_dir / f"pdf/facilitator/{plan.id}-{plan.sessions[0].id}.pdf").is_file()
    assert (course_facilitator.site_dir / "pdf/facilitator/facilitator-guide.pdf").is_file()
    for page in ("running-safely", "remote", "notes", "materials"):
        assert (course_facilitator.site_dir / "facilitator" / page / "index.html").is_file(), page


def course_of_repo() -> Course:
    from mkdocs.config import load_config

    return course_of(load_config(str(REPO / "mkdocs.yml")))


# --- the facilitator edition is as accessible and valid as the learner one -----------------------------


def facilitator_pages(built: BuiltSite) -> list[str]:
    """The guide's pages, and one lesson with its notes showing."""
    return [page for page in site_pages(built) if page.startswith("facilitator/")] + ["lessons/1-reframe-the-setback/"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violations_in_the_facilitator_edition(
    course_facilitator: BuiltSite, page: Page, scheme: str
) -> None:
    server = start_server(course_facilitator.site_dir)
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url) if "127.0.0.1" not in request.url else None)
    try:
        page.emulate_media(color_scheme="light" if scheme == "default" else "dark")
        problems = {}
        for path in facilitator_pages(course_facilitator):
            page.goto(server.base_url + path, wait_until="networkidle")
            if found := _violations(page):
                problems[path] = found
    finally:
        server.stop()
    assert problems == {}
    assert foreign == []


def test_the_facilitator_edition_is_valid_html_but_for_what_bare_material_gets_wrong(
    course_facilitator: BuiltSite, bare_material: set[tuple[str, str]]
) -> None:
    errors = [
        error
        for error in validate(course_facilitator.site_dir)
        if error["page"].startswith(("facilitator/", "lessons/"))
    ]

    assert beyond(errors, bare_material) == []
