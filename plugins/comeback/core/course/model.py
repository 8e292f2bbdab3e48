"""What the course is, as every plugin sees it: one typed model, built once a build."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from comeback.core.brand.model import Brand
from comeback.core.references.model import Reference
from comeback.core.support.model import Support
from comeback.core.worksheets.model import Worksheet

from .plans import Plan


@dataclass(frozen=True)
class Lesson:
    """A lesson page, from its Markdown file."""

    id: str
    """Its file name without .md, e.g. 1-reframe-the-setback; plans name lessons by it."""
    src_path: str
    """Its path in the docs folder, e.g. lessons/1-reframe-the-setback.md."""
    number: int | None
    title: str
    minutes: int | None
    """Its front matter's duration, e.g. 45 for "45 minutes"."""
    objectives: tuple[str, ...]
    worksheets: tuple[str, ...]
    """The worksheets it places, in order."""
    facilitator_notes: str
    """The Markdown of its facilitator blocks (empty if it has none)."""

    @property
    def heading(self) -> str:
        return f"Lesson {self.number}: {self.title}" if self.number else self.title


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
    materials: Mapping[str, Material] = field(default_factory=dict)
    placements: Mapping[str, str] = field(default_factory=dict)
    """Worksheet id -> the path (in the docs folder) of the page that places it."""
    parts: tuple[Part, ...] = ()
    """Every page that places worksheets, in nav order."""
    references_file: str = "references.yml"
    """How messages name the references file, e.g. content/references.yml."""
    references_src: str = "references.yml"
    """The references file's path in the docs folder."""
    guide: str = "facilitator/"
    """The folder of the facilitator guide's pages in the docs folder."""
    guide_pages: tuple[str, ...] = ()
    """The guide's pages (paths in the docs folder), in nav order where they are in the nav."""
    brand: Brand | None = None
    """The organisation whose copy of the course this is, if one says so."""

    def is_lesson(self, src_path: str) -> bool:
        return any(lesson.src_path == src_path for lesson in self.lessons)

    def lesson(self, lesson_id: str) -> Lesson:
        return next(lesson for lesson in self.lessons if lesson.id == lesson_id)
