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

from accessibility import scan_pages
from comeback.mkdocs.home import facilitator_nav
from conftest import BuiltSite, build_site, markdown_of, repo_course, start_server, write_site
from outputs import every_output, pdf_text
from test_html_valid import bare_material, beyond, validate  # noqa: F401  (bare_material: a fixture)
from test_pdf import PdfFacts

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
    "content/facilitator/index.md": "# Guide\n\nHow to run it.\n\n::formats\n\n::pdfs[facilitator]\n",
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


# --- every note leaves the learner edition, or the build stops ---------------------------------------

SECRET = "Quillwort secret {n}: keep the group to twenty minutes, then ask each pair to report one thing"


def lesson_with(note: str, n: int) -> str:
    """A lesson whose facilitator material is `note`, with its own secret sentence in the place of {secret}."""
    return LESSON.split("/// facilitator", 1)[0] + note.format(secret=SECRET.format(n=n)) + "\n"


# Every way of writing a note that the renderer (pymdownx.blocks) reads as one: the build reads it too.
READ_AS_NOTES = {
    "capitalised": "/// Facilitator | Notes\n{secret}.\n///",
    "in capitals": "/// FACILITATOR\n{secret}.\n///",
    "four slashes": "//// facilitator\n{secret}.\n////",
    "indented by two spaces": "  /// facilitator\n{secret}.\n///",
    "right under a paragraph": "A last paragraph.\n/// facilitator\n{secret}.\n///",
    "holding a block of its own": "//// facilitator\n/// tip\nA tip.\n///\n{secret}.\n////",
}


def test_every_way_of_writing_a_note_that_the_renderer_reads_leaves_the_learner_edition_whole(
    tmp_path: Path,
) -> None:
    root = write_edition(tmp_path, "learner")
    for n, note in enumerate(READ_AS_NOTES.values()):
        (root / f"content/lessons/{n + 2}-more.md").write_text(
            lesson_with(note, n).replace("number: 1", f"number: {n + 2}").replace("::worksheet[first]\n", ""),
            encoding="utf-8",
        )
    lessons = ", ".join(["1-one", *(f"{n + 2}-more" for n in range(len(READ_AS_NOTES)))])
    plan = root / "sessions/weekly.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lessons: [1-one]", f"lessons: [{lessons}]"))
    built = build_site(root)

    assert built.ok, built.errors
    outputs = every_output(built.site_dir)
    assert sum(name.endswith(".pdf") for name in outputs) >= 8  # the handouts and the workbook are among them
    assert [name for name, text in outputs.items() if "Quillwort secret" in text] == []
    assert all("The lesson itself." in outputs[f"lessons/{n + 2}-more/index.html"] for n in range(len(READ_AS_NOTES)))


# What the renderer might read differently from how the build reads it: each stops the build, on its line.
NOT_CLEAN = {
    "in a quote": ("> /// facilitator\n> {secret}.\n> ///", 14, "a facilitator note must start at the left margin"),
    "in a list": ("- /// facilitator\n  {secret}.\n  ///", 14, "a facilitator note must start at the left margin"),
    "in a numbered list": ("1. /// facilitator\n   {secret}.\n   ///", 14, "a facilitator note must start at"),
    "closed by a tab and slashes": ("/// facilitator\n{secret}.\n\t///\nMore.\n///", 16, "this looks like the end"),
    "closed by four spaces and slashes": (
        "/// facilitator\n{secret}.\n    ///\nMore.\n///",
        16,
        "this looks like the end",
    ),
    "closed by slashes and a no-break space": (
        "/// facilitator\n{secret}.\n///\u00a0\nMore.\n///",
        16,
        "this looks like the end",
    ),
    "never closed": ("/// facilitator\n{secret}.", 14, "this facilitator note is never closed"),
    "after a code block never closed": (
        "```python\nprint(1)\n\n/// facilitator\n{secret}.\n///",
        14,
        "this code block is never closed",
    ),
    "after a code block closed by the other fence": (
        "```python\nprint(1)\n~~~\n\n/// facilitator\n{secret}.\n///",
        14,
        "this code block is never closed",
    ),
    "in raw HTML": ("<div>\n/// facilitator\n{secret}.\n///\n</div>", 15, "this looks like the start of a facilitator"),
    "with options": ("/// facilitator\n    type: note\n{secret}.\n///", 15, "a facilitator note takes no options"),
    "placing a worksheet": (
        "/// facilitator\n{secret}.\n\n::worksheet[first]\n\n///",
        17,
        "'::worksheet[first]' would",
    ),
}


@pytest.mark.parametrize(("note", "line", "message"), NOT_CLEAN.values(), ids=NOT_CLEAN.keys())
def test_a_note_the_renderer_might_read_differently_stops_the_build_on_its_line(
    tmp_path: Path, note: str, line: int, message: str
) -> None:
    root = write_edition(tmp_path, "learner")
    lesson = lesson_with(note, 0)
    if "::worksheet" not in note:
        lesson = lesson.replace("::worksheet[first]", "")
    (root / "content/lessons/1-one.md").write_text(lesson, encoding="utf-8")
    built = build_site(root)

    assert not built.ok
    assert any(error.startswith(f"content/lessons/1-one.md:{line}: {message}") for error in built.errors), built.errors
    assert not (root / "site/lessons").exists()  # stopped before any page was written


@pytest.mark.parametrize("note", [*READ_AS_NOTES.values(), *(note for note, _, _ in NOT_CLEAN.values())])
def test_the_renderer_drops_every_note_it_reads_from_the_learner_edition(note: str) -> None:
    from markdown import Extension, Markdown

    from comeback.pages.notes import FacilitatorNotes

    def render(edition: str) -> str:
        extensions: list[str | Extension] = ["attr_list", "md_in_html", "pymdownx.superfences", "toc"]
        extensions += [FacilitatorNotes(edition=edition), "pymdownx.blocks.admonition"]
        return Markdown(extensions=extensions).convert(note.format(secret="Secret"))

    shown, dropped = render("facilitator"), render("learner")
    if 'class="admonition facilitator"' in shown:  # the renderer read it as a note
        assert "Secret" not in dropped
        assert "facilitator" not in dropped.lower()


def test_the_last_line_of_defence_stops_a_learner_build_that_would_carry_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every earlier step broken on purpose: the page pass keeps notes, the renderer shows them, and
    # print keeps what the renderer marks as a note.
    from comeback.pages import transform
    from comeback.pages.notes import FacilitatorNotes

    page_markdown = transform.page_markdown
    monkeypatch.setattr(
        "comeback.mkdocs.course.page_markdown",
        lambda page, **kw: page_markdown(page, **{**kw, "edition": "facilitator"}),
    )
    monkeypatch.setattr(FacilitatorNotes, "edition", property(lambda self: "facilitator"))
    monkeypatch.setattr("comeback.print.book.FACILITATOR_ONLY", frozenset())
    built = build_site(write_edition(tmp_path, "learner"))

    assert not built.ok
    assert built.errors[0].startswith("the learner edition would show facilitator material, so the build stops.")
    assert "lessons/1-one/index.html: content/lessons/1-one.md:14" in built.errors
    assert "search/search_index.json: content/lessons/1-one.md:14" in built.errors
    assert "its PDFs: content/lessons/1-one.md:14" in built.errors


# --- the course ------------------------------------------------------------------------------------


def note_sentences() -> dict[str, list[str]]:
    """A few sentences from each lesson's facilitator notes, long enough to be found only there."""
    found = {}
    for lesson in repo_course().lessons:
        notes = lesson.facilitator_notes
        prose = [
            line.strip()
            for line in notes.splitlines()
            if len(line.strip()) > 60 and not line.startswith(("#", "-", "1"))
        ]
        found[lesson.id] = prose[:3]
    return found


def test_the_courses_learner_edition_carries_none_of_its_notes(built_site: BuiltSite) -> None:
    sentences = note_sentences()
    assert all(len(found) == 3 for found in sentences.values()), sentences
    outputs = every_output(built_site.site_dir, besides="facilitator")
    assert any("!" in name for name in outputs)  # the zips are read too
    leaks = [
        (name, sentence)
        for name, text in outputs.items()
        for found in sentences.values()
        for sentence in found
        if sentence in " ".join(text.split())
    ]

    assert leaks == []
    # The learner build made no page of the guide: the facilitator/ folder is the other edition's.
    assert "/facilitator/" not in (built_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")


def test_each_format_plans_every_session_with_what_the_guide_promises(facilitator_site: BuiltSite) -> None:
    course = repo_course()
    assert list(course.plans) == ["weekly", "half-day", "coaching"]
    for plan in course.plans.values():
        page = facilitator_site.page(f"facilitator/{plan.id}/")
        for session in plan.sessions:
            section = page.split(f'id="{session.id}"', 1)[1]
            section = section.split("<h2", 1)[0]
            assert "Agenda" in section and "Homework" in section and "Discussion questions" in section, (
                plan.id,
                session.id,
            )
            assert ("Pair exercise" in section) == plan.group
        assert (facilitator_site.site_dir / f"pdf/facilitator/{plan.id}-{plan.sessions[0].id}.pdf").is_file()
    assert (facilitator_site.site_dir / "pdf/facilitator/facilitator-guide.pdf").is_file()
    for page in ("running-safely", "remote", "notes", "materials"):
        assert (facilitator_site.site_dir / "facilitator" / page / "index.html").is_file(), page


# --- the facilitator edition is as accessible and valid as the learner one -----------------------------


ROLLOUT_FORMS = ("rollout-sign-off", "rollout-evaluation", "rollout-adjustments", "rollout-contacts")


def test_the_rollout_packs_forms_are_fillable_pdfs_of_the_facilitator_edition_only(
    built_site: BuiltSite, facilitator_site: BuiltSite
) -> None:
    course = repo_course()
    assert all(course.is_guide(course.placements[form]) for form in ROLLOUT_FORMS)
    for form in ROLLOUT_FORMS:
        pdf = PdfFacts(facilitator_site.site_dir / "pdf" / "worksheets" / f"{form}.pdf")
        assert pdf.fields, f"{form}.pdf has no form fields"
        assert not (built_site.site_dir / "pdf" / "worksheets" / f"{form}.pdf").exists()
    learner_data = (built_site.site_dir / "assets" / "comeback" / "course-data.js").read_text(encoding="utf-8")
    assert not any(form in learner_data for form in ROLLOUT_FORMS)
    assert not any(
        form in (built_site.site_dir / "printables" / "index.html").read_text(encoding="utf-8")
        for form in ROLLOUT_FORMS
    )
    evaluation = (facilitator_site.site_dir / "facilitator" / "rollout" / "evaluation" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'id="ws-rollout-evaluation"' in evaluation
    assert "rollout-evaluation" in (facilitator_site.site_dir / "assets" / "comeback" / "course-data.js").read_text(
        encoding="utf-8"
    )


# The guide's pages of every kind: the edition's home, the guide's first page (formats, what to
# print, PDFs, the zip), a format's plan (agenda tables), running safely, the notes of every lesson,
# the materials and two of them (cards, a checklist of tick boxes), the LMS page, a form of the
# rollout pack, and a lesson with its notes showing. (The learners' home, moved to learners/, is the
# learner edition's home, which test_site scans; the rollout pack's other pages are prose as
# running safely is.)
REPRESENTATIVE = [
    "",
    "facilitator/weekly/",
    "facilitator/running-safely/",
    "facilitator/notes/",
    "facilitator/materials/",
    "facilitator/materials/fact-or-story-cards/",
    "facilitator/materials/message-checklist/",
    "facilitator/lms/",
    "facilitator/rollout/evaluation/",
    "lessons/1-reframe-the-setback/",
]


@pytest.mark.browser
def test_axe_finds_nothing_in_the_facilitator_edition_in_either_palette_and_no_host_is_asked(
    facilitator_site: BuiltSite, page: Page
) -> None:
    server = start_server(facilitator_site.site_dir)
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url) if "127.0.0.1" not in request.url else None)
    try:
        problems = scan_pages(page, server.base_url, REPRESENTATIVE)
    finally:
        server.stop()
    assert problems == {}
    assert foreign == []


def test_the_facilitator_edition_is_valid_html_but_for_what_bare_material_gets_wrong(
    facilitator_site: BuiltSite, bare_material: set[tuple[str, str]]
) -> None:
    errors = [
        error
        for error in validate(facilitator_site.site_dir)
        if error["page"].startswith(("facilitator/", "lessons/", "learners/")) or error["page"] == "index.html"
    ]

    assert beyond(errors, bare_material) == []


# --- the kit speaks to facilitators -------------------------------------------------------------------

BUILD_TALK = re.compile(
    r"mkdocs|\.ya?ml\b|(?-i:\b[A-Z][A-Z0-9]*_[A-Z0-9_]{2,}\b)|\bcomeback (?:build|serve|check|new)\b|environment variable"
    r"|\b(?:this|a|the|each|every|one) build\b|\bbuilt\b|\bbuild (?:the|this|one|it)\b|workflow",
    re.IGNORECASE,
)
"""How a site's owner talks of making the site: builds, commands, files, environment variables."""


def guide_pages(site: BuiltSite) -> dict[str, str]:
    """The text of every page of the guide (its home at the root included), by path."""
    pages = {"": site.page("")} | {
        path.relative_to(site.site_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in (site.site_dir / "facilitator").rglob("index.html")
    }
    return {name: " ".join(re.sub(r"<[^>]+>", " ", article(html)).split()) for name, html in pages.items()}


def article(html: str) -> str:
    """A built page's article, its own tag left out: what the page says, without Material's frame."""
    return html.split("<article", 1)[1].split(">", 1)[1].split("</article>", 1)[0]


def test_no_page_or_pdf_of_the_guide_talks_of_builds_or_environment_variables(facilitator_site: BuiltSite) -> None:
    texts = guide_pages(facilitator_site)
    texts["facilitator-guide.pdf"] = pdf_text(facilitator_site.site_dir / "pdf/facilitator/facilitator-guide.pdf")

    assert len(texts) > 15
    assert {name: BUILD_TALK.findall(text) for name, text in texts.items() if BUILD_TALK.search(text)} == {}


def test_a_missing_package_leaves_no_trace_in_the_guide_and_the_log_tells_the_owner(tmp_path: Path) -> None:
    root = write_edition(tmp_path, "facilitator")
    (root / "content/facilitator/index.md").write_text(
        "# Guide\n\nFor a room with no network:\n\n::download[offline]\n"
    )
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("- comeback/pdf\n", "- comeback/offline\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")

    built = build_site(root)

    assert built.ok, built.error
    guide = built.page("facilitator/")
    assert "build" not in article(guide).lower()
    assert any("comeback/offline: no copy that works from a folder to link" in line for line in built.logs)


def test_what_to_print_names_each_sessions_worksheets_and_materials_on_the_page_and_in_the_pdf(
    facilitator_site: BuiltSite,
) -> None:
    course = repo_course()
    page = facilitator_site.page("")  # the guide is the facilitator edition's home page
    section = page.split('id="what-to-print"', 1)[1].split("<h2", 1)[0]
    # In reading order (not laid out), so that a table's cells come one after the other.
    pdf = subprocess.run(
        ["pdftotext", str(facilitator_site.site_dir / "pdf/facilitator/facilitator-guide.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    printed = " ".join(pdf.split("\nWhat to print\n")[1].split("\nA copy for a room with no internet\n")[0].split())

    for plan in course.plans.values():
        assert f">{plan.title}<" in section and plan.title in printed
        for session in plan.sessions:
            assert f'href="facilitator/{plan.id}/#{session.id}"' in section, (plan.id, session.id)
            names = [course.worksheets[name].title for name in session.worksheets]
            names += [course.materials[name].title for name in session.materials]
            for name in names:
                assert name.replace("'", "&#x27;") in section or name in section, (session.id, name)
                assert name in printed, (session.id, name)


def test_each_lessons_notes_send_facilitators_to_the_sessions_that_run_it() -> None:
    course = repo_course()
    for lesson in course.lessons:
        notes = markdown_of(course, lesson.src_path, edition="facilitator")
        note = notes.split("/// facilitator", 1)[1]
        for plan in course.plans.values():
            for session in plan.sessions:
                link = f"](../facilitator/{plan.id}.md#{session.id})"
                assert (link in note) == (lesson.id in session.lessons), (lesson.id, plan.id, session.id)
    guide_notes = markdown_of(course, "facilitator/notes.md", edition="facilitator")
    assert "facilitator/weekly.md#week-1)" in guide_notes.split("## [Lesson 2", 1)[0]
    assert "Running it:" not in markdown_of(course, course.lessons[0].src_path)  # not in the learner edition


def test_a_sessions_header_keeps_its_lessons_and_its_objectives_apart(facilitator_site: BuiltSite) -> None:
    weekly = facilitator_site.page("facilitator/weekly/")
    header = weekly.split('id="week-1"', 1)[1].split("<ul>", 1)[0]
    guide = pdf_text(facilitator_site.site_dir / "pdf/facilitator/facilitator-guide.pdf")

    assert re.search(r"Lesson 1: Reframe the setback</a></p>\s*<p><strong>By the end", header), header
    assert [line for line in guide.splitlines() if "Lesson" in line and "By the end" in line] == []


def test_the_message_checklist_is_a_list_with_boxes_to_tick_on_screen_and_on_paper(facilitator_site: BuiltSite) -> None:
    checklist = article(facilitator_site.page("facilitator/materials/message-checklist/"))
    pdfs = ["facilitator-guide.pdf", "weekly-week-3.pdf", "half-day-workshop.pdf"]
    printed = {name: pdf_text(facilitator_site.site_dir / "pdf/facilitator" / name) for name in pdfs}

    # a box drawn before each item (comeback.css, print.css), not a control with no name
    assert re.search(r'<div class="checklist">\s*<ul>(\s*<li>[^<]+</li>){4}\s*</ul>', checklist), checklist
    assert "[ ]" not in checklist
    assert {name: text.count("[ ]") for name, text in printed.items()} == dict.fromkeys(pdfs, 0)
    assert all("It is short enough to read on a phone." in text for text in printed.values())


def nav_labels(html: str) -> list[str]:
    """The labels of a page's navigation, in order, without the current page's table of contents
    (and its label shown once, where Material shows it as a toggle and a link)."""
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1]
    toc, depth = nav.index('<nav class="md-nav md-nav--secondary"'), 0
    for tag in re.finditer(r"<(/?)nav\b", nav[toc:]):
        depth += -1 if tag[1] else 1
        if depth == 0:
            nav = nav[:toc] + nav[toc + tag.end() :]
            break
    labels = [
        " ".join(re.sub(r"<[^>]+>", " ", label).split())
        for label in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.DOTALL)
    ]
    return [label for at, label in enumerate(labels) if at == 0 or labels[at - 1] != label]


def test_the_facilitator_edition_opens_on_the_guide_and_lists_it_first(
    facilitator_site: BuiltSite, built_site: BuiltSite
) -> None:
    home = facilitator_site.page("")
    labels = nav_labels(home)

    assert re.search(r"<h1[^>]*>Facilitator guide", home)
    assert labels[:2] == ["Facilitator guide", "For facilitators"], labels[:5]
    assert "Learners' home" in labels and labels.index("Learners' home") > labels.index("For facilitators")
    learners = facilitator_site.page("learners/")
    assert "::progress" not in learners and "data-comeback-progress" in learners  # the learners' home, moved
    assert not (facilitator_site.site_dir / "facilitator/guide").exists()
    assert "data-comeback-progress" in built_site.page("") and "Facilitator guide" not in built_site.page("")


def test_the_facilitator_navigation_opens_with_the_guide_and_names_the_learners_home() -> None:
    nav = [{"Home": "index.md"}, "start.md", {"Lessons": ["lessons/1.md"]}]
    guide = ["facilitator/guide.md", {"Plans": ["facilitator/weekly.md"]}]

    assert facilitator_nav(nav, guide, title="For facilitators", home=None, learner_home="Learners' home") == [
        {"For facilitators": guide},
        *nav,
    ]
    assert facilitator_nav(
        nav, guide, title="For facilitators", home="facilitator/guide.md", learner_home="Learners' home"
    ) == [
        "facilitator/guide.md",
        {"For facilitators": [{"Plans": ["facilitator/weekly.md"]}]},
        {"Learners' home": "index.md"},
        "start.md",
        {"Lessons": ["lessons/1.md"]},
    ]


def test_the_cards_page_prints_its_first_sentence_on_a_line_not_print_on_its_own(facilitator_site: BuiltSite) -> None:
    """The cards' lead-in, one paragraph with italic words in it, once printed with "Print" alone on
    its first line; now a sentence and a list, its first line prints whole."""
    pdfs = ["facilitator-guide.pdf", "weekly-week-1.pdf", "half-day-workshop.pdf"]
    printed = {name: pdf_text(facilitator_site.site_dir / "pdf/facilitator" / name) for name in pdfs}
    lead_in = re.compile(r"^\s*Print one set for each pair, on card if you can, and cut along", re.MULTILINE)

    assert {name: bool(lead_in.search(text)) for name, text in printed.items()} == dict.fromkeys(pdfs, True)
    alone = {name: len(re.findall(r"^\s*Print\s*$", text, re.MULTILINE)) for name, text in printed.items()}
    assert alone == dict.fromkeys(pdfs, 0)
