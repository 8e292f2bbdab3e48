"""Loading the course: every source read and parsed once, every problem in every source reported
together, each with its file and line."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from comeback.core.brand.model import Brand
from comeback.core.i18n import language_of
from comeback.core.ids import form_ids
from comeback.core.markup import BLOCK_NAMES, DIRECTIVES, ParsedPage, parse_page
from comeback.core.problems import Problem, SourceProblems
from comeback.core.references.load import ReferencesError, load_references
from comeback.core.references.model import Reference
from comeback.core.support.model import Support
from comeback.core.worksheets.load import WorksheetError, load_worksheets
from comeback.core.worksheets.model import Worksheet

from .model import Course, Lesson, Material, Part
from .plans import PlanError, load_plans
from .printables import LISTS

DOWNLOADS = {"offline": "comeback/offline", "scorm": "comeback/scorm"}
"""What `::download[...]` can link, and the plugin that makes each."""


@dataclass(frozen=True)
class Sources:
    """Where the course's sources are. Paths are relative to `project` (the folder of mkdocs.yml)
    but for `references`, `lessons`, `guide` and `materials`, which are in the docs folder."""

    project: Path
    docs_dir: Path
    pages: Sequence[str]
    """Every Markdown page of the docs folder, by its path there, those in the nav first, in its order."""
    worksheets_dir: str = "worksheets"
    sessions_dir: str = "sessions"
    references: str = "references.yml"
    lessons: str = "lessons/"
    guide: str = "facilitator/"
    materials: str = "facilitator/materials/"
    block_names: Collection[str] = BLOCK_NAMES
    """The `///` blocks the renderer knows (markup.parse_page)."""
    features: Collection[str] | None = None
    """The plugins this site uses (e.g. comeback/pdf), which make its directives; None: all of them."""
    language: str = "en"
    """The site's language (theme.language): the engine's own words are in it."""


class CourseError(SourceProblems):
    """Every problem found in the course's sources."""


def load_course(sources: Sources, support: Support, brand: Brand | None = None) -> Course:
    problems: list[Problem] = []
    broken: frozenset[str] = frozenset()
    try:
        worksheets = load_worksheets(sources.project / sources.worksheets_dir, relative_to=sources.project)
    except WorksheetError as error:
        problems += error.problems
        worksheets, broken = error.loaded, error.broken
    references_path = sources.docs_dir / sources.references
    references_file = _shown(references_path, sources.project)
    references_read = True
    try:
        references = load_references(references_path, shown=references_file)
    except ReferencesError as error:
        problems += error.problems
        references, references_read = {}, False
    pages: dict[str, ParsedPage] = {}
    for path in sources.pages:
        parsed, unreadable = _read_page(sources, path)
        problems += unreadable
        if parsed is not None:
            pages[path] = parsed
            problems += parsed.problems
    # A broken worksheet's own problems say what is wrong with it: what names it is not told it names nothing.
    placements, placement_problems = _placements(pages, worksheets, broken, sources.worksheets_dir)
    problems += placement_problems
    lessons = tuple(
        _lesson(page, placements, language_of(sources.language))
        for path, page in pages.items()
        if path.startswith(sources.lessons)
    )
    materials = {
        Path(path).stem: Material(Path(path).stem, path, page.title)
        for path, page in pages.items()
        if path.startswith(sources.materials) and Path(path).name != "index.md"
    }
    try:
        plans = load_plans(
            sources.project / sources.sessions_dir,
            relative_to=sources.project,
            lessons=[lesson.id for lesson in lessons],
            worksheets=[*worksheets, *broken],
            materials=materials,
        )
    except PlanError as error:
        problems += error.problems
        plans = {}
    plans_read = not any(problem.file.startswith(sources.sessions_dir) for problem in problems)
    # One order for every list of formats: group formats first, the longest course of sessions first.
    plans = dict(sorted(plans.items(), key=lambda item: (not item[1].group, -len(item[1].sessions), item[0])))
    for page in pages.values():
        problems += _directive_problems(page, sources, plans, plans_read)
        if references_read:
            problems += _citation_problems(page, references, references_file)
    if problems:
        raise CourseError(problems)
    by_page = {lesson.src_path: lesson for lesson in lessons}
    parts = tuple(
        Part(path, page.title, placed, by_page.get(path))
        for path, page in pages.items()
        if (placed := tuple(worksheet for worksheet, where in placements.items() if where == path))
    )
    return Course(
        lessons=lessons,
        worksheets=worksheets,
        references=references,
        support=support,
        plans=plans,
        materials=materials,
        placements=placements,
        parts=parts,
        pages=pages,
        references_file=references_file,
        references_src=sources.references,
        guide=sources.guide,
        brand=brand,
        language=language_of(sources.language),
    )


def _read_page(sources: Sources, path: str) -> tuple[ParsedPage | None, list[Problem]]:
    file = _shown(sources.docs_dir / path, sources.project)
    try:
        # As MkDocs reads pages: UTF-8, a byte order mark dropped, any line ending read as \n.
        text = (sources.docs_dir / path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(file, 1, "", "the page is not UTF-8 text; save it as UTF-8")]
    except OSError as error:
        return None, [Problem(file, 1, "", f"cannot read the page: {error.strerror or error}")]
    return _parsed(text, path, file, frozenset(sources.block_names)), []


# Remembered for the process: the builds of a `comeback build` run (and serve's rebuilds) read the
# same pages. A ParsedPage is frozen, so they can share it.
@lru_cache(maxsize=1024)
def _parsed(text: str, path: str, file: str, block_names: frozenset[str]) -> ParsedPage:
    return parse_page(text, path=path, file=file, block_names=block_names)


def _placements(
    pages: Mapping[str, ParsedPage], worksheets: Mapping[str, Worksheet], broken: Collection[str], worksheets_dir: str
) -> tuple[dict[str, str], list[Problem]]:
    """Which page places each worksheet, checked across the whole course: every directive names a
    known worksheet, each worksheet is placed once (its answers and its form's ids are its own), and
    two forms on one page do not share an HTML id. The first placement in nav order wins."""
    placements: dict[str, str] = {}
    where: dict[str, str] = {}
    problems: list[Problem] = []
    for path, page in pages.items():
        ids_here: dict[str, str] = {}  # HTML id -> the worksheet on this page whose form uses it
        for use in page.uses_of("worksheet"):
            worksheet_id = use.argument or ""
            worksheet = worksheets.get(worksheet_id)
            if worksheet is None and worksheet_id in broken:
                continue
            if worksheet is None:
                problems.append(
                    Problem(page.file, use.line, "", _unknown_worksheet(worksheet_id, worksheets, worksheets_dir))
                )
                continue
            if worksheet_id in where:
                message = (
                    f"worksheet '{worksheet_id}' is already placed at {where[worksheet_id]}; place each worksheet once"
                )
                problems.append(Problem(page.file, use.line, "", message))
                continue
            ids = form_ids(worksheet.id, (each.id for each in worksheet.all_fields))
            if clashes := sorted(ids & ids_here.keys()):
                other = ids_here[clashes[0]]
                message = (
                    f"worksheets '{other}' and '{worksheet_id}' cannot share a page: both forms would use the"
                    f" HTML id '{clashes[0]}'; place them on different pages, or rename a field or a worksheet"
                )
                problems.append(Problem(page.file, use.line, "", message))
                continue
            where[worksheet_id] = f"{page.file}:{use.line}"
            placements[worksheet_id] = path
            ids_here.update(dict.fromkeys(ids, worksheet_id))
    return placements, problems


def _unknown_worksheet(worksheet_id: str, worksheets: Mapping[str, Worksheet], worksheets_dir: str) -> str:
    close = difflib.get_close_matches(worksheet_id, list(worksheets), n=1)
    if close:
        return f"unknown worksheet '{worksheet_id}' (did you mean '{close[0]}'?)"
    return (
        f"unknown worksheet '{worksheet_id}': there is no {worksheets_dir}/{worksheet_id}.yml;"
        " check the id or add the file"
    )


def _directive_problems(
    page: ParsedPage, sources: Sources, plans: Mapping[str, object], plans_read: bool
) -> list[Problem]:
    """What is wrong with a page's directives beyond their syntax: the guide's directives outside
    the guide, a plugin the site does not use, an argument that names nothing."""
    problems: list[Problem] = []
    for use in page.uses:
        directive = DIRECTIVES[use.name]
        feature = DOWNLOADS.get(use.argument or "", directive.feature) if use.name == "download" else directive.feature

        def problem(message: str, line: int = use.line) -> None:
            problems.append(Problem(page.file, line, "", message))

        if directive.guide_only and not page.path.startswith(sources.guide):
            problem(f"'::{use.name}' belongs in the facilitator guide's pages ({sources.guide}), not here")
        elif use.name == "download" and use.argument not in DOWNLOADS:
            problem(f"'::download[{use.argument}]' links nothing: use ::download[offline] or ::download[scorm]")
        elif use.name == "pdfs" and use.argument not in LISTS:
            problem(f"unknown list of PDFs '{use.argument}'; use one of: {', '.join(LISTS)}")
        elif use.name == "plan" and use.argument not in plans and plans_read:
            known = ", ".join(plans) or f"none: add {sources.sessions_dir}/<format>.yml"
            problem(f"unknown plan '{use.argument}' (plans: {known})")
        elif sources.features is not None and feature not in sources.features and use.name != "pdfs":
            # ::pdfs is the exception: a build without PDFs (COMEBACK_PDF=0, mkdocs serve) says so there.
            problem(
                f"'::{use.name}{f'[{use.argument}]' if use.argument else ''}' needs the {feature} plugin, which this"
                f" site does not use: add it to plugins in mkdocs.yml (or switch it on), or remove the line"
            )
    return problems


def _citation_problems(page: ParsedPage, references: Mapping[str, Reference], references_file: str) -> list[Problem]:
    problems: list[Problem] = []
    for citation in page.citations:
        if citation.inside in references:
            continue
        close = difflib.get_close_matches(citation.inside.strip().lower(), list(references), n=1)
        hint = f" (did you mean '[@{close[0]}]'?)" if close else f"; add it to {references_file}, or check the id"
        problems.append(Problem(page.file, citation.line, "", f"unknown reference '[@{citation.inside}]'{hint}"))
    return problems


def _lesson(page: ParsedPage, placements: Mapping[str, str], language: str) -> Lesson:
    meta = page.meta
    duration = meta.get("duration")
    minutes = re.match(r"(\d+)", str(duration or ""))
    objectives = meta.get("objectives")
    number = meta.get("number")
    return Lesson(
        id=Path(page.path).stem,
        src_path=page.path,
        number=number if isinstance(number, int) and not isinstance(number, bool) else None,
        title=page.title,
        duration=str(duration) if duration else None,
        minutes=int(minutes[1]) if minutes else None,
        objectives=tuple(str(objective) for objective in objectives) if isinstance(objectives, list) else (),
        worksheets=tuple(worksheet for worksheet, where in placements.items() if where == page.path),
        facilitator_notes="\n\n".join(note.markdown.strip() for note in page.notes),
        language=language,
    )


def _shown(path: Path, project: Path) -> str:
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else path.as_posix()
