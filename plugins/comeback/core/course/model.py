"""What the course is, as every part of the engine sees it: one typed model, built once a build."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from comeback.core.brand.model import Brand
from comeback.core.i18n import Messages, messages
from comeback.core.markup import ParsedPage
from comeback.core.references.model import Reference
from comeback.core.support.model import Support
from comeback.core.worksheets.model import Worksheet

from .plans import Plan

Edition = Literal["learner", "facilitator"]
EDITIONS: tuple[Edition, ...] = ("learner", "facilitator")


@dataclass(frozen=True)
class Lesson:
    """A lesson page, from its Markdown file."""

    id: str
    """Its file name without .md, e.g. 1-reframe-the-setback; plans name lessons by it."""
    src_path: str
    """Its path in the docs folder, e.g. lessons/1-reframe-the-setback.md."""
    number: int | None
    title: str
    duration: str | None
    """Its front matter's duration as written, e.g. "45 minutes"."""
    minutes: int | None
    """The duration in minutes, e.g. 45."""
    objectives: tuple[str, ...]
    worksheets: tuple[str, ...]
    """The worksheets it places, in order."""
    facilitator_notes: str
    """The Markdown of its facilitator notes (empty if it has none)."""
    language: str = "en"
    """The course's language, which its heading is in."""

    @property
    def heading(self) -> str:
        """How the course refers to it, e.g. "Lesson 2: Set new goals"."""
        return (
            messages(self.language)("lesson.heading", number=self.number, title=self.title)
            if self.number
            else self.title
        )


@dataclass(frozen=True)
class Part:
    """A page that places worksheets: the start page, a lesson, the closing page. The learner's
    plan and progress are told part by part, in nav order."""

    src_path: str
    title: str
    worksheets: tuple[str, ...]
    lesson: Lesson | None
    """The lesson it is, if it is one."""

    @property
    def heading(self) -> str:
        return self.lesson.heading if self.lesson else self.title


@dataclass(frozen=True)
class Material:
    """Something a facilitator prints for a session: a case study, a set of cards, prompts."""

    id: str
    """Its file name without .md; plans name materials by it."""
    src_path: str
    title: str


@dataclass(frozen=True)
class Course:
    lessons: tuple[Lesson, ...]
    """In nav order."""
    worksheets: Mapping[str, Worksheet]
    references: Mapping[str, Reference]
    support: Support
    plans: Mapping[str, Plan] = field(default_factory=dict)
    """Group formats first, the longest first."""
    materials: Mapping[str, Material] = field(default_factory=dict)
    placements: Mapping[str, str] = field(default_factory=dict)
    """Worksheet id -> the path (in the docs folder) of the page that places it."""
    parts: tuple[Part, ...] = ()
    """Every page that places worksheets, in nav order."""
    pages: Mapping[str, ParsedPage] = field(default_factory=dict)
    """Every page of the docs folder, parsed, by its path there: those in the nav first, in its order."""
    references_file: str = "references.yml"
    """How messages name the references file, e.g. content/references.yml."""
    references_src: str = "references.yml"
    """The references file's path in the docs folder."""
    guide: str = "facilitator/"
    """The folder of the facilitator guide's pages in the docs folder: only its edition has them."""
    brand: Brand | None = None
    """The organisation whose copy of the course this is, if one says so."""
    language: str = "en"
    """The language of the engine's own words (theme.language)."""

    @property
    def t(self) -> Messages:
        """The engine's words in the course's language (core/i18n.py)."""
        return messages(self.language)

    @property
    def lesson_minutes(self) -> tuple[int, ...]:
        """Each lesson's duration in minutes, in order (lessons without one left out)."""
        return tuple(lesson.minutes for lesson in self.lessons if lesson.minutes is not None)

    @property
    def guide_pages(self) -> tuple[str, ...]:
        """The guide's pages, in nav order where they are in the nav."""
        return tuple(page for page in self.pages if self.is_guide(page))

    @property
    def unplaced(self) -> tuple[str, ...]:
        """Worksheets no page places (the build warns about them; the workbook still prints them)."""
        return tuple(worksheet for worksheet in self.worksheets if worksheet not in self.placements)

    def shows_help(self, src_path: str) -> bool:
        """The page places the whole independent-help block (::support)."""
        page = self.pages.get(src_path)
        return page is not None and any(use.name == "support" for use in page.uses)

    def is_guide(self, src_path: str) -> bool:
        return src_path.startswith(self.guide)

    def is_lesson(self, src_path: str) -> bool:
        return any(lesson.src_path == src_path for lesson in self.lessons)

    def lesson(self, lesson_id: str) -> Lesson:
        return next(lesson for lesson in self.lessons if lesson.id == lesson_id)

    def lesson_at(self, src_path: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.src_path == src_path), None)

    def part_at(self, src_path: str) -> Part | None:
        return next((part for part in self.parts if part.src_path == src_path), None)

    def heading_of(self, worksheet_id: str) -> str | None:
        """The heading of the part that places a worksheet, e.g. "Lesson 2: Set new goals"."""
        part = self.part_at(self.placements.get(worksheet_id, ""))
        return part.heading if part else None
