"""The catalogue of printables: which PDFs a build makes, where each goes in the site, and what goes
into each, in order. The print step makes them; the pages list and link them.

    a worksheet            pdf/worksheets/<id>.pdf          the worksheet, fillable
    a lesson's handout     pdf/handouts/<lesson>.pdf        the lesson, with its worksheets in place
    the workbook           pdf/<site>-workbook.pdf          every lesson and page with worksheets,
                                                            the worksheets no page places, and help
    the facilitator guide  pdf/facilitator/facilitator-guide.pdf     (the facilitator edition)
    a session's pack       pdf/facilitator/<format>-<session>.pdf   its lessons, the other
                                                            worksheets it uses, its materials

Independent help is in every one of them but the worksheets that do not ask how someone feels:
once, in a few lines at the end (`help_line`), or in full at the end of the workbook and the guide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from comeback.core.ids import slugify

from .model import Course, Edition

PrintList = Literal["workbook", "handouts", "worksheets", "facilitator"]
LISTS: tuple[PrintList, ...] = ("workbook", "handouts", "worksheets", "facilitator")
"""The lists of PDFs a page can show (`::pdfs[<list>]`)."""
GUIDE_PDF = "pdf/facilitator/facilitator-guide.pdf"


@dataclass(frozen=True)
class PageContent:
    """A page: its text with its worksheets in place (a lesson without its facilitator notes, a
    guide page with them). A page that is not a lesson nor the guide's gives just its worksheets."""

    src_path: str


@dataclass(frozen=True)
class WorksheetsContent:
    """Worksheets, under a title of their own."""

    title: str
    worksheets: tuple[str, ...]


@dataclass(frozen=True)
class SupportContent:
    """Who to contact: independent help, and the organisation's contacts."""


Content = PageContent | WorksheetsContent | SupportContent


@dataclass(frozen=True)
class Cover:
    """The first page of a printable that has a cover and a contents page."""

    kicker: str
    """The small line above the title, e.g. "Workbook"."""
    title: str
    note: str


@dataclass(frozen=True)
class Printable:
    path: str
    """Where it goes in the site, e.g. pdf/worksheets/goal-ladder.pdf."""
    title: str
    note: str
    """What it is, in a few words, for lists of PDFs."""
    listed_in: PrintList
    contents: tuple[Content, ...]
    cover: Cover | None = None
    """With a cover, it starts with the cover and a contents page."""
    help_line: bool = False
    """It ends with independent help in a few lines, the numbers to call (a handout, a session's
    pack, a worksheet that asks how someone feels); the workbook and the guide end with the full
    block instead (SupportContent)."""


def worksheet_pdf(worksheet_id: str) -> str:
    return f"pdf/worksheets/{worksheet_id}.pdf"


def handout_pdf(src_path: str) -> str:
    """A lesson's handout, named after the lesson's file: lessons/2-goals.md -> pdf/handouts/2-goals.pdf."""
    return f"pdf/handouts/{page_slug(src_path)}.pdf"


def workbook_pdf(site_name: str) -> str:
    return f"pdf/{slugify(site_name) or 'course'}-workbook.pdf"


def pack_pdf(plan_id: str, session_id: str) -> str:
    """A session's handout pack, e.g. pdf/facilitator/weekly-week-1.pdf."""
    return f"pdf/facilitator/{plan_id}-{session_id}.pdf"


def page_slug(src_path: str) -> str:
    stem = PurePosixPath(src_path).with_suffix("")
    return slugify(stem.parent.name if stem.name == "index" else stem.name) or "index"


def catalogue(
    course: Course, *, site_name: str, edition: Edition, pages: Sequence[str] | None = None
) -> tuple[Printable, ...]:
    """Every printable of a build, in the order the lists show them. `pages` are the pages of the
    build (default: the course's), in nav order; the guide's only in the facilitator edition."""
    in_build = [
        page
        for page in (pages if pages is not None else course.pages)
        if edition == "facilitator" or not course.is_guide(page)
    ]
    # A worksheet the guide places is a facilitator's form: only its edition prints it.
    printables = [
        _worksheet(course, worksheet_id)
        for worksheet_id in course.worksheets
        if edition == "facilitator" or not course.is_guide(course.placements.get(worksheet_id, ""))
    ]
    printables += [_handout(course, lesson.src_path) for lesson in course.lessons if lesson.src_path in in_build]
    printables.append(_workbook(course, site_name, in_build))
    if edition == "facilitator":
        printables.append(_guide(course, site_name, in_build))
        printables += [
            _pack(course, plan.id, index) for plan in course.plans.values() for index in range(len(plan.sessions))
        ]
    return tuple(printables)


def _worksheet(course: Course, worksheet_id: str) -> Printable:
    worksheet = course.worksheets[worksheet_id]
    heading = course.heading_of(worksheet_id)
    note = (
        course.t("printables.worksheet_note_for", heading=heading) if heading else course.t("printables.worksheet_note")
    )
    contents = (WorksheetsContent(worksheet.title, (worksheet_id,)),)
    return Printable(
        worksheet_pdf(worksheet_id), worksheet.title, note, "worksheets", contents, help_line=worksheet.support
    )


def _handout(course: Course, src_path: str) -> Printable:
    lesson = course.lesson_at(src_path)
    assert lesson is not None
    count = len(lesson.worksheets)
    note = course.t("printables.handout_note", count=count) if count else ""
    contents = (PageContent(src_path),)
    return Printable(handout_pdf(src_path), lesson.heading, note, "handouts", contents, help_line=True)


def _workbook(course: Course, site_name: str, pages: Sequence[str]) -> Printable:
    chapters: list[Content] = [
        PageContent(page)
        for page in pages
        if course.is_lesson(page) or (course.part_at(page) is not None and not course.is_guide(page))
    ]
    t = course.t
    if course.unplaced:
        chapters.append(WorksheetsContent(t("printables.more_worksheets"), course.unplaced))
    cover = Cover(t("printables.workbook_kicker"), site_name, t("printables.workbook_cover"))
    title = t("printables.workbook_title", site=site_name)
    return Printable(
        workbook_pdf(site_name), title, t("printables.workbook_note"), "workbook", (*chapters, SupportContent()), cover
    )


def _guide(course: Course, site_name: str, pages: Sequence[str]) -> Printable:
    """The facilitator guide: every page of it (plans, notes, safety, materials), in nav order."""
    t = course.t
    cover = Cover(t("printables.guide_kicker"), site_name, t("printables.guide_cover", count=len(course.plans)))
    guide = tuple(PageContent(page) for page in pages if course.is_guide(page))
    title = t("printables.guide_title", site=site_name)
    return Printable(GUIDE_PDF, title, t("printables.guide_note"), "facilitator", (*guide, SupportContent()), cover)


def _pack(course: Course, plan_id: str, index: int) -> Printable:
    """A session's handout pack: its lessons (with their worksheets), the worksheets it uses from
    elsewhere, then its materials, to print for a group."""
    plan = course.plans[plan_id]
    session = plan.sessions[index]
    lessons = [course.lesson(lesson_id) for lesson_id in session.lessons]
    in_lessons = {worksheet for lesson in lessons for worksheet in lesson.worksheets}
    others = tuple(worksheet for worksheet in session.worksheets if worksheet not in in_lessons)
    t = course.t
    contents: list[Content] = [PageContent(lesson.src_path) for lesson in lessons]
    if others:
        contents.append(WorksheetsContent(t("printables.pack_others"), others))
    contents += [PageContent(course.materials[name].src_path) for name in session.materials]
    title = t("printables.pack_title", plan=plan.title, session=session.title)
    worksheets = len(in_lessons) + len(others)
    counts = [t("printables.lessons", count=len(session.lessons)), t("printables.worksheets", count=worksheets)]
    counts += [t("printables.materials", count=len(session.materials))] if session.materials else []
    cover = Cover(t("printables.pack_kicker"), title, t("printables.pack_cover"))
    note = t("printables.pack_note", minutes=session.minutes, counts=", ".join(counts))
    listed = t("printables.pack_listed", title=title)
    return Printable(pack_pdf(plan.id, session.id), listed, note, "facilitator", tuple(contents), cover, help_line=True)
