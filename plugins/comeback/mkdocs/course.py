"""The `comeback/course` MkDocs plugin: the engine. It hands MkDocs' data to the core and the core's
results back to MkDocs, one step after another, in the order the data flows:

on_config         the build's state (the other comeback plugins register their options there)
on_files          the renderer's facilitator notes; the course loaded and checked (core); the files
                  the build adds (scripts, course data, PDFs, zips) and leaves out (the guide in the
                  learner edition, the references file)
on_page_markdown  the one pass over each page: notes, citations and directives (pages/)
on_page_content   each worksheet's form in its place, each lesson's progress under its title
on_env            every problem of every page at once; the PDFs, then their links in every page
on_post_page      the scripts that must run first; no canonical link in the copy for a folder
on_post_build     no facilitator material anywhere in the learner edition; then the packages
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from comeback import browser
from comeback.browser.course_data import URI as COURSE_DATA
from comeback.browser.course_data import as_script, course_data
from comeback.core.course.leaks import facilitator_text
from comeback.core.course.load import CourseError, Sources, load_course
from comeback.core.course.model import Course
from comeback.core.course.printables import handout_pdf
from comeback.core.i18n import messages
from comeback.core.ids import help_anchor, site_key
from comeback.core.markup import parse_markdown
from comeback.core.problems import summarize
from comeback.core.support.model import Support, SupportError, load_support
from comeback.pages.brand import stylesheet as brand_stylesheet
from comeback.pages.compiled import share
from comeback.pages.directives import Build, lesson_status, render_directive
from comeback.pages.forms import render_form
from comeback.pages.help import render_help
from comeback.pages.links import Download
from comeback.pages.notes import FacilitatorNotes, block_names
from comeback.pages.transform import page_content, page_markdown, slot
from comeback.print.documents import PageHtml
from comeback.print.pipeline import BuildStats

from . import bundles
from .leak_check import facilitator_material
from .links import PageLinks, project_dir, shown_path
from .options import (
    CourseOptions,
    LearnerOptions,
    PdfOptions,
    ScormOptions,
    SupportOptions,
    WorksheetsOptions,
)
from .pdfs import PdfStep
from .plugins import BRAND_STYLESHEET, HEAD_SCRIPTS
from .state import BuildState, state_of

log = get_plugin_logger("comeback")
BLOCKS = "pymdownx.blocks.admonition"


class CoursePlugin(BasePlugin[CourseOptions]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: Literal["build", "gh-deploy", "serve"] = "build"
        self.dirty = False
        self._pdf: PdfStep | None = None
        self._downloads: dict[str, Download] = {}
        self._blocks: frozenset[str] = frozenset()
        self.stats = BuildStats()
        """What the last build's PDF step rendered and took from the cache."""
        self.made: dict[str, Path] = {}
        """The zips the last build made, by name (offline, scorm)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    def on_config(self, config: MkDocsConfig) -> None:
        if self.config.enabled:
            state_of(config).register(self.config)

    # --- files --------------------------------------------------------------------------------

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        self._close()
        self.stats, self.made = BuildStats(), {}
        if not self.config.enabled:
            return None
        state = state_of(config)
        course = state.course = self._load(config, state)
        for file in [file for file in files if file.src_uri == course.references_src]:
            files.remove(file)  # the build reads it; the site has no use for it
        if state.edition == "learner":
            for file in [file for file in files if course.is_guide(file.src_uri)]:
                files.remove(file)
        self._check_files(files, state, config)
        self._add_files(files, state, config)
        return files

    def _load(self, config: MkDocsConfig, state: BuildState) -> Course:
        """The course, read and checked by the core, with the renderer set to read facilitator notes
        as this edition does (pages/notes.py): every plugin has registered by now."""
        title = messages(str(config.theme.get("language") or "en"))("pages.facilitator_note")
        _use_notes(config, FacilitatorNotes(edition=state.edition, title=title))
        self._blocks = _renderer_blocks(config)
        docs_dir = Path(config.docs_dir)
        sources = Sources(
            project=project_dir(config),
            docs_dir=docs_dir,
            pages=_pages(config, docs_dir),
            worksheets_dir=self.config.worksheets_dir,
            sessions_dir=self.config.sessions_dir,
            references=self.config.references,
            lessons=self.config.lessons,
            guide=self.config.guide,
            materials=self.config.materials,
            block_names=self._blocks,
            features=state.features,
            language=str(config.theme.get("language") or "en"),
        )
        try:
            return load_course(sources, _support(config, state), state.brand)
        except CourseError as error:
            raise PluginError(str(error)) from None

    def _check_files(self, files: Files, state: BuildState, config: MkDocsConfig) -> None:
        course = state.the_course()
        if state.get(SupportOptions) is not None:
            page = files.get_file_from_path(course.support.page)
            if page is None or not page.is_documentation_page():
                missing = shown_path(Path(config.docs_dir) / course.support.page, config)
                raise PluginError(
                    f"mkdocs.yml: extra.support.page: there is no page {missing};"
                    " name the page that says when and how to get help (default: support.md)"
                )
        if course.brand is not None and course.brand.logo and files.get_file_from_path(course.brand.logo) is None:
            missing = shown_path(Path(config.docs_dir) / course.brand.logo, config)
            raise PluginError(
                f"mkdocs.yml: extra.brand.logo: there is no {missing};"
                " put the logo in the docs folder, or correct the path"
            )
        scorm = state.get(ScormOptions)
        if state.run is None and scorm is not None and scorm.make and not state.makes_packages:
            raise PluginError(
                "comeback/scorm: the SCORM package is made from the copy that works from a folder; add"
                " comeback/offline with `make: true` to the same build"
            )

    def _add_files(self, files: Files, state: BuildState, config: MkDocsConfig) -> None:
        course = state.the_course()

        def add(uri: str, path: Path | None = None, content: str | None = None) -> None:
            if path is not None:
                files.append(File.generated(config, uri, abs_src_path=str(path)))
            else:
                files.append(File.generated(config, uri, content=content or ""))

        worksheets = state.get(WorksheetsOptions)
        if worksheets is not None:
            for name in browser.site_assets():
                add(f"{browser.ASSETS_URI}/{name}", browser.ASSETS_DIR / name)
            urls = {file.src_uri: file.url for file in files.documentation_pages()}
            key = site_key(config.site_url, config.site_name)
            data = course_data(course, urls, site=key, shared=worksheets.shared_computer)
            add(COURSE_DATA, content=as_script(data))
        if state.get(LearnerOptions) is not None:
            add(browser.SCHEMA.name, browser.SCHEMA)
        if course.brand is not None and course.brand.accent:
            add(BRAND_STYLESHEET, content=brand_stylesheet(course.brand))
        if state.makes_packages:
            for name in browser.OFFLINE_SHIM:
                add(f"{browser.ASSETS_URI}/{name}", browser.ASSETS_DIR / name)
        self._downloads = bundles.downloads(state, files, config)
        pdf = state.get(PdfOptions)
        if pdf is not None and (self.command != "serve" or pdf.serve) and not self.dirty:
            # Not in a --dirty build: it reads only changed pages, so it cannot put the workbook together.
            self._pdf = PdfStep(pdf, course, edition=state.edition, config=config, public_url=state.pdf_url(config))
            self._pdf.add_files(files, config)

    # --- pages --------------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        state = state_of(config)
        course = state.the_course()
        parsed = course.pages.get(page.file.src_uri)
        if parsed is None:
            return None  # a page another plugin made: none of the course's
        if markdown != parsed.markdown:
            # Another plugin changed it before this one: read what it made (its lines may differ).
            parsed = parse_markdown(markdown, parsed, block_names=self._blocks)
            state.problems += [str(problem) for problem in parsed.problems]
        build = Build(
            course=course,
            features=state.features,
            pdfs=self._pdf is not None,
            printables=learner.printables if (learner := state.get(LearnerOptions)) else None,
            logo=course.brand.logo if course.brand else None,
            downloads=self._downloads,
        )
        links = PageLinks(page, files)
        return page_markdown(
            parsed,
            edition=state.edition,
            references=course.references,
            render=lambda use: render_directive(use, parsed, build, links),
        )

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        state = state_of(config)
        course = state.the_course()
        src_path = page.file.src_uri
        if src_path not in course.pages:
            return None
        state.pages[src_path] = PageHtml(src_path, page.url, html)
        worksheets = state.get(WorksheetsOptions)
        if worksheets is None:
            return None
        key = site_key(config.site_url, config.site_name)
        support = files.get_file_from_path(course.support.page)
        support_url = get_relative_url(support.url, page.url) if support is not None else None
        forms: dict[str, str] = {}
        for worksheet_id, placed_on in course.placements.items():
            if placed_on != src_path:
                continue
            worksheet = course.worksheets[worksheet_id]
            help = (
                render_help(
                    course.support, support_url=support_url, level=4, anchor=help_anchor(worksheet_id), t=course.t
                )
                if worksheet.support
                else None
            )
            earlier = course.worksheets.get(worksheet.compare_with or "")
            form = render_form(worksheet, site_key=key, help=help, earlier=earlier, t=course.t)
            forms[worksheet_id] = form + (slot(f"pdf-link:{worksheet_id}") if self._pdf else "")
        html = page_content(html, forms)
        lesson = course.lesson_at(src_path)
        if lesson is not None and lesson.worksheets and "</h1>" in html and state.get(LearnerOptions) is not None:
            html = html.replace("</h1>", "</h1>\n" + lesson_status(lesson.id), 1)
        if lesson is not None and self._pdf is not None:
            html += slot(f"lesson-pdfs:{handout_pdf(src_path)}")
        return html

    # --- every page read ----------------------------------------------------------------------

    # on_env runs once every page's Markdown has been read and rendered (MkDocs 1.6 reads all pages
    # first), so every page's problems are known and can be reported together, and the PDFs can be
    # made from every page.
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled:
            return None
        share(env)  # the theme's templates, compiled once for all the builds of this process
        state = state_of(config)
        course = state.the_course()
        if state.problems:
            raise PluginError(summarize(state.problems))
        if not self.dirty:  # a --dirty rebuild reads only changed pages, so it cannot tell what is unplaced
            for worksheet_id in course.unplaced:
                worksheet = course.worksheets[worksheet_id]
                source = shown_path(worksheet.source, config) if worksheet.source else worksheet_id
                log.warning(
                    f"{source}: no page places worksheet '{worksheet_id}'; add the line"
                    f" '::worksheet[{worksheet_id}]' to a lesson, or delete the file"
                )
        if self._pdf is not None:
            self._pdf.make(state.pages, files, config)
            self.stats = self._pdf.stats
            for file in files.documentation_pages():
                if file.page is not None:
                    self._pdf.fill_links(file.page)
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        state = state_of(config)
        if state.get(WorksheetsOptions) is not None:
            tags = "".join(f'<script src="{get_relative_url(script, page.url)}"></script>' for script in HEAD_SCRIPTS)
            output = output.replace("</head>", tags + "</head>", 1)
        if state.makes_packages:
            output = bundles.without_canonical(output)  # a copy in a folder (or an LMS) has no address of its own
        return output

    # After Material's search plugin has written its index, which the check reads and the copy for a
    # folder rewrites as a script.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            if not self.config.enabled:
                return
            state = state_of(config)
            if state.edition == "learner":
                self._no_facilitator_material(state, config)
            self.made = bundles.make(state, config)
        finally:
            self._close()

    def _no_facilitator_material(self, state: BuildState, config: MkDocsConfig) -> None:
        """The last line of defence: nothing the learner edition wrote says what facilitators' material says."""
        facilitator = facilitator_text(state.the_course())
        found = facilitator_material(Path(config.site_dir), facilitator)
        if self._pdf is not None:
            found += [f"its PDFs: {where}" for where in self._pdf.check(facilitator)]
        if found:
            raise PluginError(
                "the learner edition would show facilitator material, so the build stops. Each line names a"
                " file of the site and the note, guide page or plan its text comes from; check that the note"
                " is written as the build reads notes ('/// facilitator' at the left margin, closed by '///'):\n"
                + summarize(found)
            )

    def on_build_error(self, *, error: Exception) -> None:
        self._close()

    def on_shutdown(self) -> None:
        self._close()

    def _close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        project = project_dir(config)
        for folder in (self.config.worksheets_dir, self.config.sessions_dir):
            if (project / folder).is_dir():
                server.watch(str(project / folder))
        return server


def check_project(config: MkDocsConfig) -> Course:
    """The course of a loaded mkdocs.yml, checked as its build would check it, without rendering a
    page: every plugin's on_config, then the engine's loading and checking steps. Raises
    PluginError with every problem."""
    config = config.plugins.on_config(config)
    engine = config.plugins.get("comeback/course")
    if not isinstance(engine, CoursePlugin):
        raise PluginError("this site does not use comeback/course: add it to plugins in mkdocs.yml")
    state = state_of(config)
    state.course = engine._load(config, state)
    engine._check_files(get_files(config), state, config)
    return state.course


def _support(config: MkDocsConfig, state: BuildState) -> Support:
    """extra.support, checked, when comeback/support is on (its organisation defaults to the brand's)."""
    if state.get(SupportOptions) is None:
        return Support()
    raw = config.extra.get("support")
    brand = state.brand
    if brand is not None and isinstance(raw, dict) and "organisation" not in raw:
        raw = {**raw, "organisation": brand.organisation}  # the brand names it once
    elif brand is not None and raw is None:
        raw = {"organisation": brand.organisation}
    try:
        return load_support(raw)
    except SupportError as error:
        raise PluginError(str(error)) from None


def _use_notes(config: MkDocsConfig, notes: FacilitatorNotes) -> None:
    """The renderer reads facilitator notes as this edition does (pages/notes.py): in place of a
    `facilitator` type that mkdocs.yml may give pymdownx.blocks.admonition."""
    options: dict[str, Any] = config.mdx_configs.get(BLOCKS) or {}
    types = options.get("types")
    if isinstance(types, list):
        options["types"] = [
            kind for kind in types if (kind if isinstance(kind, str) else kind.get("name")) != "facilitator"
        ]
    config.markdown_extensions = [
        extension for extension in config.markdown_extensions if not isinstance(extension, FacilitatorNotes)
    ]
    config.markdown_extensions.append(notes)


def _renderer_blocks(config: MkDocsConfig) -> frozenset[str]:
    """The `///` blocks the renderer knows, asked of the renderer itself."""
    md = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return block_names(md)


def _pages(config: MkDocsConfig, docs_dir: Path) -> list[str]:
    """Every Markdown page in the docs folder: those in the nav in its order, then the rest."""
    everything = sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md"))
    in_nav = [page for page in _nav_pages(config.nav or []) if page in everything]
    return [*dict.fromkeys(in_nav), *(page for page in everything if page not in in_nav)]


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []
