"""What each directive of the registry (core/markup.py) makes in a page. Every directive has one
renderer here, and a test checks that none is missing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import escape

from comeback.core.course.model import Course, Lesson
from comeback.core.i18n import Messages
from comeback.core.ids import HELP_BLOCK
from comeback.core.markup import ParsedPage, Use

from .citations import cite_text, references_list
from .forms import TEMPLATES_DIR, html_messages, template_environment
from .guide import formats_markdown, materials_markdown, notes_markdown, plan_markdown, printing_markdown
from .help import render_help
from .links import Download, download_link, human_size
from .transform import slot, worksheet_placeholder


class Links(Protocol):
    """Where things are, from the page being made: URLs relative to it (MkDocs knows how)."""

    def page(self, src_path: str) -> str | None:
        """A page of the docs folder, if this build has it."""

    def file(self, site_path: str) -> str:
        """A file of the site, e.g. assets/brand/logo.svg."""

    @property
    def to_docs(self) -> str:
        """From the page's Markdown file to the docs folder, for Markdown links to .md files ("../")."""


@dataclass(frozen=True)
class Build:
    """What the directives of one build need to know beyond the course."""

    course: Course
    features: frozenset[str]
    """The comeback plugins that are on, e.g. comeback/pdf."""
    pdfs: bool = False
    """PDFs are made in this build (not during `mkdocs serve`, nor with COMEBACK_PDF=0)."""
    printables: str | None = None
    """The page that lists the PDFs (the plan points to it where the browser cannot build it)."""
    logo: str | None = None
    """The brand's logo, as a file of the site."""
    downloads: Mapping[str, Download] = field(default_factory=dict)
    """The zips this build links, by name (offline, scorm)."""


def render_directive(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    """What `use`'s line becomes in `page`."""
    return RENDERERS[use.name](use, page, build, links)


def _worksheet(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    return worksheet_placeholder(use.argument or "")


def _support(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    support_page = build.course.support.page
    if page.path == support_page:  # the block the help elsewhere links to
        return render_help(build.course.support, support_url=None, anchor=HELP_BLOCK, t=build.course.t)
    return render_help(build.course.support, support_url=links.page(support_page), t=build.course.t)


def _references(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    return references_list(build.course.references)


def _brand(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    """Whose copy of the course this is (nothing without a brand)."""
    brand = build.course.brand
    if brand is None:
        return ""
    logo = ""
    if build.logo:
        src = escape(links.file(build.logo))
        logo = f'<img src="{src}" alt="{escape(brand.organisation)}" class="comeback-brand-logo"> '
    provided = html_messages(build.course.t)("pages.brand", organisation=brand.organisation)
    return f'<p class="comeback-brand">{logo}{provided}</p>'


def _learner(template: str) -> Callable[[Use, ParsedPage, Build, Links], str]:
    def render(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
        printables = links.page(build.printables) if build.printables else None
        html: str = _template(template).render(
            printables=printables, lessons=len(build.course.lessons), t=html_messages(build.course.t)
        )
        return html.strip()

    return render


def _course_length(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    """How long the course takes, added up from the lessons' own durations, so that it cannot drift
    from them."""
    minutes = build.course.lesson_minutes
    if not minutes:
        return ""
    t = html_messages(build.course.t)
    halves = (sum(minutes) + 15) // 30  # to the nearest half hour, a quarter rounding up
    hours = f"{halves // 2}{t('learner.half_hour') if halves % 2 else ''}" if halves > 1 else t("learner.half_hour")
    text = t("learner.course_length", shortest=min(minutes), longest=max(minutes), hours=hours, lessons=len(minutes))
    return f'<p class="comeback-course-length">{text}</p>'


def _progress_rule(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    """The progress rule in words: the catalogue's, which the progress box says too, so that the
    rule is written in one place."""
    rule = html_messages(build.course.t)("browser.progress.rule")
    return f'<p class="comeback-progress-rule">{rule}</p>'


def _pdfs(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    if build.pdfs:
        return slot(f"pdfs:{use.argument}")
    # Without PDFs, the first list on the page says so, and the others are left out.
    return f"<p><em>{build.course.t('downloads.no_pdfs')}</em></p>" if page.uses_of("pdfs")[0] == use else ""


def _download(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    download = build.downloads.get(use.argument or "")
    assert download is not None, "the core refuses a download of a plugin that is off"
    href = links.file(download.site_path) if download.size is not None else None
    size = human_size(download.size, build.course.t) if download.size is not None else None
    return download_link(download, href, size, build.course.t)


def _plan(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    return plan_markdown(build.course.plans[use.argument or ""], build.course, to_docs=links.to_docs)


def _formats(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    return formats_markdown(build.course, to_docs=links.to_docs, guide=build.course.guide)


def _materials(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    return materials_markdown(build.course, to_docs=links.to_docs)


def _to_print(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    return printing_markdown(build.course, to_docs=links.to_docs, guide=build.course.guide)


def _notes(use: Use, page: ParsedPage, build: Build, links: Links) -> str:
    return cite_text(notes_markdown(build.course, to_docs=links.to_docs), build.course.references)


RENDERERS: Mapping[str, Callable[[Use, ParsedPage, Build, Links], str]] = {
    "worksheet": _worksheet,
    "support": _support,
    "references": _references,
    "brand": _brand,
    "my-plan": _learner("plan.html.j2"),
    "progress": _learner("progress.html.j2"),
    "course-length": _course_length,
    "progress-rule": _progress_rule,
    "your-data": _learner("your-data.html.j2"),
    "pdfs": _pdfs,
    "download": _download,
    "plan": _plan,
    "formats": _formats,
    "materials": _materials,
    "to-print": _to_print,
    "facilitator-notes": _notes,
}


@cache
def _template(name: str) -> Template:
    environment = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined)
    return environment.get_template(name)


def lesson_status(lesson_id: str) -> str:
    """Under a lesson's title: how far the learner has got with it (progress.js fills it in)."""
    return f'<p class="comeback-lesson-status" data-comeback-lesson-status="{lesson_id}" hidden></p>'


def lesson_intro(lesson: Lesson, t: Messages) -> str:
    """Under a lesson's title: its number, duration and objectives, from its front matter, as its
    PDFs print them (nothing for a lesson whose front matter gives none)."""
    if not (lesson.number or lesson.duration or lesson.objectives):
        return ""
    html: str = (
        template_environment(TEMPLATES_DIR)
        .get_template("lesson-intro.html.j2")
        .render(lesson=lesson, t=html_messages(t))
    )
    return html.strip()
