"""The engine holds nothing of this course: a course of three lessons and one of nine, with slugs,
folders and worksheets of their own, are published by `comeback build`, and in each the PDFs hold
every lesson, progress counts its lessons, My plan gathers its answers, and the SCORM package
reports the course completed once every lesson is done."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from comeback.core.ids import slugify
from conftest import REPO, Published, captured_log, shared
from lms import course_frame, hosting, leave, sets
from outputs import pdf_text

TOPICS = ["Pause", "Notice", "Name it", "Ask", "Try", "Rest", "Review", "Share", "Carry on"]


def lesson_slug(number: int) -> str:
    return f"{number:02d}-{slugify(TOPICS[number - 1])}"


def worksheet(number: int) -> str:
    return yaml.safe_dump(
        {
            "id": f"note-{number}",
            "title": f"Note {number}",
            "version": 1,
            "minutes": 5,
            "sections": [
                {
                    "title": "Now",
                    "fields": [
                        {"id": "thought", "type": "text", "label": f"One thought on {TOPICS[number - 1].lower()}"},
                        {"id": "next", "type": "text", "label": "What you will do next", "plan": True},
                    ],
                }
            ],
        },
        sort_keys=False,
    )


def lesson(number: int) -> str:
    topic = TOPICS[number - 1]
    return (
        f"---\nnumber: {number}\ntitle: {topic}\nduration: 10 minutes\nobjectives:\n  - Try one thing\n---\n\n"
        f"# {topic}\n\nA short part of a course about {topic.lower()}.\n\n::worksheet[note-{number}]\n"
    )


def write_course(root: Path, lessons: int) -> Path:
    """A course of `lessons` lessons in folders of its own: modules/ and sheets/."""
    files = {
        "content/index.md": "# Welcome\n\n::progress\n",
        "content/mine.md": "# What I will do\n\n::my-plan\n",
        "content/paper.md": "# On paper\n\n::pdfs[workbook]\n\n::pdfs[handouts]\n\n::download[scorm]\n",
        "content/help.md": "# Help\n\n::support\n",
        **{f"content/modules/{lesson_slug(n)}.md": lesson(n) for n in range(1, lessons + 1)},
        **{f"sheets/note-{n}.yml": worksheet(n) for n in range(1, lessons + 1)},
    }
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    config: dict[str, Any] = {
        "site_name": f"A course in {lessons}",
        "docs_dir": "content",
        "theme": {"name": "material", "font": False},
        "nav": [
            "index.md",
            {"Parts": [f"modules/{lesson_slug(n)}.md" for n in range(1, lessons + 1)]},
            "mine.md",
            "paper.md",
            "help.md",
        ],
        "extra": {"support": {"page": "help.md"}},
        "plugins": [
            "search",
            {"comeback/course": {"lessons": "modules/", "worksheets_dir": "sheets"}},
            "comeback/support",
            "comeback/worksheets",
            {"comeback/learner": {"printables": "paper.md"}},
            "comeback/pdf",
            "comeback/offline",
            "comeback/scorm",
        ],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def publish_course(lessons: int) -> Any:
    def publish_it(folder: Path) -> Published:
        from comeback.cli.build import publish

        root = write_course(folder / "course", lessons)
        with captured_log() as logs:
            publication = publish(root / "mkdocs.yml", site_url="https://example.org/course/", reuse_site=False)
        from conftest import BuiltSite

        return Published(BuiltSite(root, root / "site", logs=logs), publication.rendered)

    return publish_it


@pytest.fixture(scope="module", params=[3, 9], ids=["three lessons", "nine lessons"])
def course(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Published]:
    lessons: int = request.param
    return lessons, shared(tmp_path_factory, f"course-of-{lessons}", publish_course(lessons), Published.loads)


def test_the_pdfs_hold_every_lesson(course: tuple[int, Published]) -> None:
    lessons, published = course
    pdfs = published.site.site_dir / "pdf"

    assert sorted(path.stem for path in (pdfs / "handouts").glob("*.pdf")) == [
        lesson_slug(n) for n in range(1, lessons + 1)
    ]
    assert len(list((pdfs / "worksheets").glob("*.pdf"))) == lessons
    contents = pdf_text(pdfs / f"a-course-in-{lessons}-workbook.pdf", 2)
    assert re.findall(r"Lesson (\d+): ", contents) == [str(n) for n in range(1, lessons + 1)]


def test_the_course_tells_the_browser_its_own_lessons(course: tuple[int, Published]) -> None:
    lessons, published = course
    data = (published.site.site_dir / "assets/comeback/course-data.js").read_text(encoding="utf-8")
    parts = json.loads(re.search(r"window\.comebackCourse = (\{.*\});", data, re.DOTALL)[1])["parts"]  # type: ignore[index]

    assert [part["page"] for part in parts if part["lesson"]] == [
        f"modules/{lesson_slug(n)}/" for n in range(1, lessons + 1)
    ]


@pytest.mark.browser
def test_in_a_learning_platform_progress_my_plan_and_completion_count_its_own_lessons(
    course: tuple[int, Published], page: Page, tmp_path: Path
) -> None:
    lessons, published = course
    with hosting(published.downloads / "comeback-scorm12.zip", tmp_path) as lms:
        page.goto(lms.url)
        frame = course_frame(page)
        for number in range(1, lessons + 1):
            frame.goto(lms.package_url + f"modules/{lesson_slug(number)}.html")
            frame.wait_for_selector("form.ws[data-ws-ready]")
            frame.fill(f"#ws-note-{number}-thought", f"Thought {number}")
            frame.fill(f"#ws-note-{number}-next", f"Next step {number}")
            frame.wait_for_selector("form.ws[data-ws-unsaved]", state="detached")
        frame.goto(lms.package_url + "index.html")
        expect(frame.locator("[data-progress-summary]")).to_have_text(f"You have done all {lessons} lessons.")
        frame.goto(lms.package_url + "mine.html")
        for number in range(1, lessons + 1):
            expect(frame.locator("[data-plan-body]")).to_contain_text(f"Next step {number}")
        calls = leave(page)

    statuses = [value for element, value in sets(calls) if element == "cmi.core.lesson_status"]
    assert statuses[-1] == "completed"
    suspended = [value for element, value in sets(calls) if element == "cmi.suspend_data"][-1]
    assert json.loads(suspended)["lessons"] == "d" * lessons


def test_no_engine_file_counts_this_courses_lessons() -> None:
    engine = REPO / "plugins/comeback"
    said = [
        f"{path.relative_to(engine)}: {match.group()}"
        for path in engine.rglob("*")
        if path.suffix in (".py", ".js", ".yml", ".j2", ".html", ".css", ".txt") and "starter" not in path.parts
        for match in re.finditer(
            r"\b(six|6)\s+(\w+\s+)?lessons?\b|\blessons? (one|1) to (six|6)\b", path.read_text("utf-8"), re.I
        )
    ]
    assert said == []
