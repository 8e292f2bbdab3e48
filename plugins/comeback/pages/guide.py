"""The guide's generated Markdown, from the session plans: a format's sessions, the formats, the
materials, what to print for each session, and every lesson's notes."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown_it import MarkdownIt

from comeback.core.course.model import Course
from comeback.core.course.plans import AgendaItem, Plan
from comeback.core.i18n import Messages

TEMPLATES_DIR = Path(__file__).with_name("templates")
_HEADING = re.compile(r"^( {0,3}#{1,5})(\s)")
_markdown = MarkdownIt("commonmark")


def clock(agenda: list[AgendaItem], index: int) -> str:
    """When the step at `index` starts, from the session's start, e.g. "0:35" or "1:05"."""
    minutes = sum(item.minutes for item in agenda[:index])
    return f"{minutes // 60}:{minutes % 60:02d}"


@cache
def _environment() -> Environment:
    # Markdown, not HTML: the plans are written by the course's authors, like the lessons.
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    environment.filters["oneline"] = one_line
    environment.globals["clock"] = clock
    return environment


def plan_markdown(plan: Plan, course: Course, *, to_docs: str) -> str:
    """The Markdown of a format's page. `to_docs` leads from the page to the docs folder (e.g. "../")."""
    return _environment().get_template("plan.md.j2").render(plan=plan, course=course, to_docs=to_docs, t=course.t)


def notes_markdown(course: Course, *, to_docs: str) -> str:
    """Every lesson's facilitator notes, lesson by lesson, their headings a level down, each ending
    with the sessions that run the lesson."""
    parts: list[str] = []
    for lesson in course.lessons:
        if not lesson.facilitator_notes:
            continue
        notes = demote(lesson.facilitator_notes)
        parts.append(f"## [{lesson.heading}]({to_docs}{lesson.src_path})\n\n{notes}")
        if sessions := sessions_markdown(course, lesson.id, to_docs=to_docs):
            parts.append(sessions)
    return "\n\n".join(parts) + "\n"


def sessions_markdown(course: Course, lesson_id: str, *, to_docs: str) -> str:
    """Where the session plans run a lesson, linked: a lesson's notes end with it, so that a session's
    agenda, timings and activities have one source, its plan. Empty if no plan covers the lesson."""
    t = course.t
    links: list[str] = []
    for plan in course.plans.values():
        for number, session in enumerate(plan.sessions, 1):
            if lesson_id not in session.lessons:
                continue
            name = (
                t("guide.plan_session", plan=plan.title, number=number, session=session.title)
                if len(plan.sessions) > 1
                else t("guide.plan_only_session", plan=plan.title, session=session.title)
            )
            links.append(f"[{name}]({to_docs}{course.guide}{plan.id}.md#{session.id})")
    return t("guide.in_plans", sessions="; ".join(links)) if links else ""


def demote(markdown: str) -> str:
    """`markdown` with every heading one level lower (## becomes ###), code left alone."""
    lines = markdown.split("\n")
    headings = {
        token.map[0] for token in _markdown.parse(markdown) if token.type == "heading_open" and token.map is not None
    }
    return "\n".join(_HEADING.sub(r"\1#\2", line) if index in headings else line for index, line in enumerate(lines))


def formats_markdown(course: Course, *, to_docs: str, guide: str) -> str:
    """A table of the formats, each linked to its page (`<guide><plan id>.md`)."""
    t = course.t
    headers = (t("guide.format"), t("guide.sessions"), t("guide.time"), t("guide.who"))
    rows = [f"| {' | '.join(headers)} |", "| --- | --- | --- | --- |"]
    for plan in course.plans.values():
        count = len(plan.sessions)
        length = duration(plan.minutes, t)
        each = f"{count} × {t('guide.minutes_long', count=plan.sessions[0].minutes)}" if count > 1 else length
        who = t("guide.group") if plan.group else t("guide.one_person")
        rows.append(f"| [{plan.title}]({to_docs}{guide}{plan.id}.md) | {count} | {each} | {who} |")
    return "\n".join(rows) + "\n"


def materials_markdown(course: Course, *, to_docs: str) -> str:
    """Every material, linked, with the sessions that use it."""
    lines = []
    for material in course.materials.values():
        used = [
            f"{plan.title.lower()} ({session.title})"
            for plan in course.plans.values()
            for session in plan.sessions
            if material.id in session.materials
        ]
        where = f": {course.t('guide.used_in', sessions='; '.join(used))}" if used else ""
        lines.append(f"- [{material.title}]({to_docs}{material.src_path}){where}")
    return "\n".join(lines) + "\n"


def printing_markdown(course: Course, *, to_docs: str, guide: str) -> str:
    """What to print, format by format and session by session, from the plans: the worksheets and
    materials each session names (its handout pack holds them, with its lessons), linked."""
    t = course.t
    head = (t("guide.print_session"), t("guide.print_worksheets"), t("guide.print_materials"))
    parts: list[str] = []
    for plan in course.plans.values():
        rows = [f"### {plan.title}", "", f"| {' | '.join(head)} |", "| --- | --- | --- |"]
        for number, session in enumerate(plan.sessions, 1):
            worksheets = [f"*{course.worksheets[worksheet].title}*" for worksheet in session.worksheets]
            materials = [
                f"[{course.materials[name].title}]({to_docs}{course.materials[name].src_path})"
                for name in session.materials
            ]
            cells = (
                f"[{number}. {session.title}]({to_docs}{guide}{plan.id}.md#{session.id})",
                ", ".join(worksheets) or t("guide.print_nothing"),
                ", ".join(materials) or t("guide.print_nothing"),
            )
            rows.append(f"| {' | '.join(one_line(cell) for cell in cells)} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts) + "\n"


def one_line(markdown: object) -> str:
    """Markdown for one cell of a table: on one line, its pipes escaped."""
    return " ".join(str(markdown).split()).replace("|", "\\|")


def duration(minutes: int, t: Messages) -> str:
    """e.g. "45 minutes", "3 hours", "3 hours 30 minutes", in the course's language."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return t("guide.minutes_long", count=minutes)
    if not rest:
        return t("guide.hours", count=hours)
    return t("guide.hours_minutes", hours=t("guide.hours", count=hours), minutes=t("guide.minutes_long", count=rest))
