"""The comeback/pdf MkDocs plugin: a thin adapter between MkDocs and the PDF core.

on_files         registers every PDF as a File (links to it pass --strict)
on_page_content  keeps each lesson's content HTML, forms included, for print
on_env           renders what the cache lacks, in parallel; points each File at its PDF
on_page_context  links the PDFs from their pages and fills in the Printables page
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from comeback.core.course.model import Course
from comeback.mkdocs.course import course_of
from comeback.mkdocs.downloads import human_size
from comeback.mkdocs.notices import notices
from comeback.mkdocs.options import Switch
from comeback.mkdocs.pages import shown_path, source_name
from comeback.pages.forms import TEMPLATES_DIR, template_environment
from comeback.print.assembly import PikepdfUnavailable
from comeback.print.book import PrintBook
from comeback.print.cache import PdfCache
from comeback.print.documents import (
    GUIDE_PDF,
    Chapter,
    Page,
    Paper,
    Printable,
    Site,
    handout_pdf,
    pack_pdf,
    workbook_pdf,
    worksheet_pdf,
)
from comeback.print.fonts import form_font
from comeback.print.page_content import after_worksheets
from comeback.print.pipeline import BuildStats, BuiltPdf, PdfBuilder, PdfBuildError
from comeback.print.weasy import (
    Renderer,
    RenderRequest,
    RenderResult,
    WeasyPrintUnavailable,
    available_cores,
    render_pdf,
)

log = get_plugin_logger("comeback/pdf")

# <!-- comeback:pdfs workbook|handouts|worksheets --> in a page is replaced by that list of PDFs.
PRINTABLES_MARKER = re.compile(r"<!--\s*comeback:pdfs\s+([\w-]+)\s*-->")
NO_PDFS_NOTE = (
    "<p><em>This build of the site has no PDFs: they are switched off (COMEBACK_PDF=0, or mkdocs serve).</em></p>"
)


class PdfConfig(base.Config):
    enabled = Switch(default=True)
    """Make PDFs. `enabled: !ENV [COMEBACK_PDF, true]` lets COMEBACK_PDF=0 switch them off."""

    paper = opt.Choice(("a4", "letter"), default="a4")
    """Paper size of every PDF."""

    serve = Switch(default=False)
    """Make PDFs during `mkdocs serve` too (unchanged ones come from the cache)."""

    cache = Switch(default=True)
    """Keep rendered PDFs between builds (as Material's social plugin does). With `cache: false`
    every PDF is rendered anew and the cache is neither read nor written."""

    cache_dir = opt.Type(str, default=".cache/comeback-pdf")
    """Where rendered PDFs are kept between builds, relative to mkdocs.yml."""

    workers = opt.Optional(opt.Type(int))
    """How many processes render PDFs at once; default: every core this process may use."""

    def validate(self) -> tuple[list[Any], list[Any]]:
        failed, warnings = super().validate()
        if self.workers is not None and self.workers < 1:
            failed.append(("workers", base.ValidationError("must be at least 1")))
        return failed, warnings


class PdfPlugin(BasePlugin[PdfConfig]):
    supports_multiple_instances = False
    render_part: Callable[[RenderRequest], RenderResult] = staticmethod(render_pdf)
    """What renders one part in a worker process (a module-level function, so a spawned process can
    import it): WeasyPrint, unless a test puts a failing one in its place."""

    def __init__(self) -> None:
        self.is_serve = False
        self.is_dirty = False
        self.stats = BuildStats()
        """What the last build rendered and took from the cache."""
        self.pdfs: dict[str, BuiltPdf] = {}
        """Every PDF of the last build by site path."""
        self._files: dict[str, File] = {}
        self._kinds: dict[str, list[str]] = {}
        self._pages: dict[str, Page] = {}
        self._nav_order: list[str] = []
        self._renderer = Renderer(1)
        self._course: Course | None = None
        self._support_url: str | None = None
        self._logo: Path | None = None
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        """With `cache: false`: where this build's PDFs wait until the site is written."""

    @property
    def active(self) -> bool:
        """PDFs are made by `mkdocs build`, and by `mkdocs serve` only when `serve: true`. Not by
        a --dirty build: it reads only changed pages, so it cannot put the workbook together."""
        return self.config.enabled and (not self.is_serve or self.config.serve) and not self.is_dirty

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.is_dirty = dirty

    def on_config(self, config: MkDocsConfig) -> None:
        self.stats, self.pdfs, self._files, self._kinds, self._pages, self._nav_order = BuildStats(), {}, {}, {}, {}, []
        if self.active and "comeback/worksheets" not in config.plugins:
            raise PluginError(
                "comeback/pdf: the PDFs are made from the worksheets plugin's worksheets; "
                "add `- comeback/worksheets` to `plugins` in mkdocs.yml, before comeback/pdf"
            )
        self._course = course_of(config)
        self._renderer = Renderer(self.config.workers or available_cores(), render=type(self).render_part)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.active:
            return files
        brand = self.course.brand
        logo = files.get_file_from_path(brand.logo) if brand and brand.logo else None
        self._logo = Path(logo.abs_src_path) if logo and logo.abs_src_path else None
        support_page = files.get_file_from_path(self.course.support.page)
        self._support_url = (
            urljoin(config.site_url, support_page.url) if support_page is not None and config.site_url else None
        )
        self._kinds = {
            "workbook": [workbook_pdf(config.site_name)],
            "handouts": [
                handout_pdf(file.src_uri) for file in files.documentation_pages() if self._is_lesson(file.src_uri)
            ],
            "worksheets": [worksheet_pdf(worksheet_id) for worksheet_id in self.course.worksheets],
        }
        # The facilitator edition (its guide's pages are files of the site): the guide, and a
        # handout pack for every session of every format.
        if any(file.src_uri.startswith(self.course.guide) for file in files.documentation_pages()):
            self._kinds["facilitator"] = [
                GUIDE_PDF,
                *(pack_pdf(plan.id, session.id) for plan in self.course.plans.values() for session in plan.sessions),
            ]
        for path in (path for paths in self._kinds.values() for path in paths):
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"comeback/pdf: {path} in the docs is in the way of a PDF this plugin makes; rename it"
                )
            # Points at the cache until on_env knows which cached PDF it is.
            self._files[path] = File.generated(config, path, abs_src_path=str(self._cache_dir(config) / "pending.pdf"))
            files.append(self._files[path])
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        self._nav_order = [page.file.src_uri for page in nav.pages]

    @event_priority(-50)  # after comeback/worksheets has put its forms into the page
    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
        if not self.active:
            return
        is_lesson = self._is_lesson(page.file.src_uri)
        is_guide = page.file.src_uri.startswith(self.course.guide)
        if is_lesson or is_guide or "data-worksheet" in html:
            meta = page.meta
            objectives = meta.get("objectives") or ()
            self._pages[page.file.src_uri] = Page(
                src_uri=page.file.src_uri,
                source=source_name(page, config),
                url=page.url,
                title=page.title or page.file.name,
                content=html,
                is_lesson=is_lesson,
                is_guide=is_guide,
                number=meta.get("number"),
                duration=meta.get("duration"),
                objectives=tuple(str(objective) for objective in objectives) if isinstance(objectives, list) else (),
            )

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> None:
        if not self.active:
            return
        worksheets = dict(self.course.worksheets)
        if self.config.cache:
            cache_dir = self._cache_dir(config)
        else:
            self._scratch = tempfile.TemporaryDirectory(prefix="comeback-pdf-")
            cache_dir = Path(self._scratch.name)
        cache = PdfCache(cache_dir, build=_build_id(config))
        pages = self._pages_in_order()
        by_uri = {page.src_uri: page for page in pages}
        placed_on = {worksheet_id: by_uri[src] for worksheet_id, src in self.course.placements.items() if src in by_uri}
        font = form_font(cache_dir / "fonts")
        for path in font:
            cache.keep(path)
        book = PrintBook(
            self._site(config),
            worksheets,
            paper=cast(Paper, self.config.paper),
            form_font=font,
            site_files={
                file.dest_uri: Path(file.abs_src_path)
                for file in files
                if file.abs_src_path and not file.is_documentation_page() and file.dest_uri not in self._files
            },
            placed_on=placed_on,
            worksheet_sources={
                worksheet_id: shown_path(worksheet.source, config) if worksheet.source else worksheet_id
                for worksheet_id, worksheet in worksheets.items()
            },
        )
        chapters = {page.src_uri: book.chapter(page) for page in pages}
        unplaced = [worksheet_id for worksheet_id in worksheets if worksheet_id not in placed_on]
        printables = [book.worksheet_pdf(worksheet_id) for worksheet_id in worksheets]
        printables += [book.handout(page, chapters[page.src_uri]) for page in pages if page.is_lesson]
        printables.append(
            book.workbook(
                [
                    *(
                        chapters[page.src_uri]
                        for page in pages
                        if page.is_lesson or (chapters[page.src_uri].worksheets and not page.is_guide)
                    ),
                    *([book.unplaced_chapter(unplaced)] if unplaced else []),
                ]
            )
        )
        if "facilitator" in self._kinds:
            printables += self._facilitator_printables(book, pages, chapters)
        for src_uri, src in book.missing_images:
            log.warning(f"{src_uri}: image '{src}' is not a file of the site, so the PDFs show its alt text instead")

        builder = PdfBuilder(cache, book, self._renderer)
        try:
            self.pdfs, self.stats = builder.build(printables)
        except (WeasyPrintUnavailable, PikepdfUnavailable, PdfBuildError) as error:
            raise PluginError(f"comeback/pdf: {error}") from None
        for site_path, pdf in self.pdfs.items():
            self._files[site_path].abs_src_path = str(pdf.file)
        for damaged in self.stats.healed:
            notices.warning(f"comeback/pdf: a damaged cache entry was deleted and made again: {damaged}")
        for warning in self.stats.warnings:
            log.warning(f"WeasyPrint: {warning}")
        log.info(str(self.stats))
        if self.stats.rendered:
            log.debug(f"made: {', '.join(self.stats.rendered)}")
        log.debug(", ".join(f"{step} {seconds:.2f}s" for step, seconds in self.stats.seconds.items()))

    def _facilitator_printables(
        self, book: PrintBook, pages: list[Page], chapters: dict[str, Chapter]
    ) -> list[Printable]:
        """The guide (its pages in nav order) and each session's handout pack: the session's lessons
        (with their worksheets), the worksheets it uses from elsewhere, then its materials."""
        printables = [book.guide([chapters[page.src_uri] for page in pages if page.is_guide])]
        for plan in self.course.plans.values():
            for session in plan.sessions:
                lessons = [self.course.lesson(lesson) for lesson in session.lessons]
                in_lessons = {worksheet for lesson in lessons for worksheet in lesson.worksheets}
                others = [worksheet for worksheet in session.worksheets if worksheet not in in_lessons]
                pack = [chapters[lesson.src_path] for lesson in lessons if lesson.src_path in chapters]
                if others:
                    pack.append(book.worksheets_chapter("Worksheets for this session", others))
                pack += [
                    chapters[material.src_path]
                    for material in (self.course.materials[name] for name in session.materials)
                    if material.src_path in chapters
                ]
                printables.append(book.pack(plan, session, pack))
        return printables

    @property
    def course(self) -> Course:
        assert self._course is not None, "on_config loads the course"
        return self._course

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._clean_up()

    def on_build_error(self, *, error: Exception) -> None:
        self._clean_up()

    def on_shutdown(self) -> None:
        self._clean_up()

    def _clean_up(self) -> None:
        self._renderer.close()
        if self._scratch is not None:  # the site has its copies of the PDFs by now
            self._scratch.cleanup()
            self._scratch = None

    @event_priority(50)  # before the search plugin indexes the page, so the links are found too
    def on_page_context(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> None:
        if page.content is None:
            return
        if self.active:
            page.content = self._with_links(page)
        elif marker := PRINTABLES_MARKER.search(page.content):
            content = page.content
            note = NO_PDFS_NOTE
            page.content = content[: marker.start()] + note + PRINTABLES_MARKER.sub("", content[marker.end() :])

    # --- links on the site -------------------------------------------------------------------

    def _with_links(self, page: MkDocsPage) -> str:
        assert page.content is not None
        placed: list[str] = []

        def link(path: str) -> dict[str, str]:
            pdf = self.pdfs[path]
            return {
                "href": get_relative_url(path, page.url),
                "title": pdf.title,
                "note": pdf.note,
                "size": human_size(pdf.size),
            }

        def worksheet_link(worksheet_id: str) -> str:
            path = worksheet_pdf(worksheet_id)
            if path not in self.pdfs:
                return ""
            placed.append(path)
            return self._render("worksheet-link.html.j2", **link(path))

        content = after_worksheets(page.content, worksheet_link)
        if (handout := handout_pdf(page.file.src_uri)) in self.pdfs and self._is_lesson(page.file.src_uri):
            content += self._render(
                "lesson-links.html.j2", handout=link(handout), worksheets=[link(path) for path in placed]
            )

        def printables(match: re.Match[str]) -> str:
            kind = match.group(1)
            if kind not in self._kinds:
                log.warning(
                    f"{page.file.src_uri}: unknown list '{kind}' in <!-- comeback:pdfs {kind} -->;"
                    f" use one of: {', '.join(self._kinds)}"
                )
                return ""
            return self._render("printables.html.j2", kind=kind, pdfs=[link(path) for path in self._kinds[kind]])

        return PRINTABLES_MARKER.sub(printables, content)

    def _render(self, template: str, **context: Any) -> str:
        return self._templates.get_template(template).render(**context)

    @cached_property
    def _templates(self) -> Environment:
        return template_environment(TEMPLATES_DIR)

    # --- reading the site --------------------------------------------------------------------

    def _is_lesson(self, src_uri: str) -> bool:
        return self.course.is_lesson(src_uri)

    def _cache_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.cache_dir

    def _pages_in_order(self) -> list[Page]:
        order = {src_uri: index for index, src_uri in enumerate(self._nav_order)}
        return sorted(self._pages.values(), key=lambda page: (order.get(page.src_uri, len(order)), page.src_uri))

    def _site(self, config: MkDocsConfig) -> Site:
        brand = self.course.brand
        return Site(
            name=config.site_name,
            author=config.site_author or config.site_name,
            language=config.theme.get("language") or "en",
            description=config.site_description or "",
            url=config.site_url or None,
            copyright=config.copyright or "",
            support=self.course.support,
            support_url=self._support_url,
            organisation=brand.organisation if brand else None,
            logo=self._logo,
            accent=brand.accent if brand else None,
        )


def _build_id(config: MkDocsConfig) -> str:
    """Which build this is, for the cache's manifests: its config file and where it writes."""
    where = f"{Path(config.config_file_path).resolve()}\0{Path(config.site_dir).resolve()}"
    return hashlib.sha256(where.encode()).hexdigest()[:16]
