"""Loading the course: every source read once, every problem in every source reported together."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from comeback.core.brand.model import Brand
from comeback.core.course.directives import scan_directives
from comeback.core.problems import Problem, SourceProblems
from comeback.core.references.load import ReferencesError, load_references
from comeback.core.support.model import Support
from comeback.core.worksheets.load import WorksheetError, load_worksheets

from .model import Course, Lesson, Material, Part
from .notes import scan_notes
from .plans import PlanError, load_plans

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Sources:
    """Where the course's sources are. Paths are relative to `project` (the folder of mkdocs.yml)
    but for `lessons` and `materials`, which are folders of the docs folder."""

    project: Path
    docs_dir: Path
    pages: Sequence[str]
    """Every Markdown page of the docs folder, by its path there, in nav order first."""
    worksheets_dir: str = "worksheets"
    sessions_dir: str = "sessions"
    references: str = "references.yml"
    lessons: str = "lessons/"
    guide: str = "facilitator/"
    materials: str = "facilitator/materials/"


class CourseError(SourceProblems):
    """Every problem found in the course's sources."""


def load_course(sources: Sources, support: Support, brand: Brand | None = None) -> Course:
    problems: list[Problem] = []
    try:
        worksheets = load_worksheets(sources.project / sources.worksheets_dir, relative_to=sources.project)
    except WorksheetError as error:
        problems += error.problems
        worksheets = {}
    references_path = sources.docs_dir / sources.references
    try:
        references = load_references(references_path, shown=_shown(references_path, sources.project))
    except ReferencesError as error:
        problems += error.problems
        references = {}
    texts = {page: (sources.docs_dir / page).read_text(encoding="utf-8") for page in sources.pages}
    lessons = tuple(
        _lesson(page, texts[page])
        for page in sources.pages
        if page.startswith(sources.lessons) and page.endswith(".md")
    )
    materials = {
        Path(page).stem: Material(Path(page).stem, page, _title(texts[page], Path(page).stem))
        for page in sources.pages
        if page.startswith(sources.materials) and Path(page).name != "index.md"
    }
    placed = {
        page: tuple(d.worksheet_id for d in scan_directives(_body(text)).directives) for page, text in texts.items()
    }
    placements = {worksheet_id: page for page, ids in placed.items() for worksheet_id in ids}
    by_page = {lesson.src_path: lesson for lesson in lessons}
    parts = tuple(
        Part(page, _title(texts[page], Path(page).stem), ids, by_page.get(page)) for page, ids in placed.items() if ids
    )
    try:
        plans = load_plans(
            sources.project / sources.sessions_dir,
            relative_to=sources.project,
            lessons=[lesson.id for lesson in lessons],
            worksheets=worksheets,
            materials=materials,
        )
    except PlanError as error:
        problems += error.problems
        plans = {}
    # One order for every list of formats: group formats first, the longest course of sessions first.
    plans = dict(sorted(plans.items(), key=lambda item: (not item[1].group, -len(item[1].sessions), item[0])))
    if problems:
        raise CourseError(problems)
    return Course(
        lessons,
        worksheets,
        references,
        support,
        plans,
        materials,
        placements,
        parts,
        references_file=_shown(references_path, sources.project),
        references_src=sources.references,
        guide=sources.guide,
        brand=brand,
        guide_pages=tuple(page for page in sources.pages if page.startswith(sources.guide)),
    )


def _lesson(page: str, text: str) -> Lesson:
    meta = _front_matter(text)
    body = _body(text)
    duration = re.match(r"(\d+)", str(meta.get("duration") or ""))
    objectives = meta.get("objectives")
    number = meta.get("number")
    return Lesson(
        id=Path(page).stem,
        src_path=page,
        number=number if isinstance(number, int) and not isinstance(number, bool) else None,
        title=str(meta.get("title") or _title(text, Path(page).stem)),
        minutes=int(duration[1]) if duration else None,
        objectives=tuple(str(o) for o in objectives) if isinstance(objectives, list) else (),
        worksheets=tuple(directive.worksheet_id for directive in scan_directives(body).directives),
        facilitator_notes=scan_notes(body).text(body),
    )


def _front_matter(text: str) -> dict[str, Any]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError:
        return {}  # MkDocs reports bad front matter itself
    return data if isinstance(data, dict) else {}


def _body(text: str) -> str:
    match = _FRONT_MATTER.match(text)
    return text[match.end() :] if match else text


def _title(text: str, fallback: str) -> str:
    meta = _front_matter(text)
    if isinstance(meta.get("title"), str):
        return str(meta["title"])
    heading = _H1.search(_body(text))
    return heading.group(1) if heading else fallback


def _shown(path: Path, project: Path) -> str:
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else path.as_posix()
