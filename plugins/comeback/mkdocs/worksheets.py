"""The `comeback/worksheets` MkDocs plugin: a thin adapter that loads the worksheets, checks the
directives in every page, swaps them for forms and ships the browser assets."""

from __future__ import annotations

import re
from typing import Literal

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from comeback import browser
from comeback.browser import ASSETS_DIR, ASSETS_URI
from comeback.browser.course_data import URI as COURSE_DATA
from comeback.browser.course_data import as_script, course_data
from comeback.core.course.placement import Placements
from comeback.core.ids import help_anchor, site_key
from comeback.core.problems import summarize
from comeback.core.support.model import Support
from comeback.core.worksheets.model import Worksheet
from comeback.mkdocs.course import course_of
from comeback.mkdocs.options import Switch
from comeback.mkdocs.pages import front_matter_lines, shown_path, source_name
from comeback.pages.forms import render_form
from comeback.pages.help import render_help

log = get_plugin_logger(__name__)

STYLESHEET = f"{ASSETS_URI}/{browser.STYLESHEET}"
# Classic scripts (a module is blocked when the site is opened from a folder), in this order: each
# reads what the ones before it set up. The head's run before Material's own scripts start.
HEAD_SCRIPTS = (COURSE_DATA, *(f"{ASSETS_URI}/{name}" for name in browser.HEAD_SCRIPTS))
SCRIPTS = tuple(f"{ASSETS_URI}/{name}" for name in browser.SCRIPTS)

# Raw HTML on its own between blank lines is a block Python-Markdown passes through untouched
# (directives only count in top-level paragraphs, so it is never inside a list or admonition).
PLACEHOLDER = '<div data-comeback-worksheet="{id}"></div>'
PLACEHOLDER_HTML = re.compile(r'<div data-comeback-worksheet="(?P<id>[a-z0-9-]+)"></div>')


class WorksheetsConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; directives then stay in the lessons as plain text."""

    shared_computer = Switch(default=False)
    """Build for shared computers (a training room): answers live only for the browser session
    (sessionStorage), every worksheet says so and offers to erase them. Without it, a learner can
    still switch this on for themselves. `shared_computer: !ENV [COMEBACK_SHARED_COMPUTER, false]`."""


class WorksheetsPlugin(BasePlugin[WorksheetsConfig]):
    """Read by the pdf plugin: `worksheets` (id -> Worksheet) and `placements` (id -> page src_uri)."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.is_dirty = False
        self.worksheets: dict[str, Worksheet] = {}
        self.placements: dict[str, str] = {}
        self.site_key = ""
        self.support = Support()
        self._support_url: str | None = None
        self._placements = Placements({})

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.is_dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        # `serve` keeps this instance across rebuilds: start every build from nothing.
        course = course_of(config)
        self.worksheets = dict(course.worksheets)
        self._placements = Placements(self.worksheets)
        self.placements = self._placements.pages
        self.site_key = site_key(config.site_url, config.site_name)
        self.support = course.support

        config.extra_css.insert(0, STYLESHEET)  # first, so the site's own CSS wins
        config.extra_javascript.extend(ExtraScriptValue(script) for script in SCRIPTS)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for name in browser.site_assets():
            files.append(File.generated(config, f"{ASSETS_URI}/{name}", abs_src_path=str(ASSETS_DIR / name)))
        support_page = files.get_file_from_path(self.support.page)
        self._support_url = support_page.url if support_page is not None else None
        urls = {file.src_uri: file.url for file in files.documentation_pages()}
        data = course_data(course_of(config), urls, site=self.site_key, shared=self.config.shared_computer)
        files.append(File.generated(config, COURSE_DATA, content=as_script(data)))
        return files

    # First, so directive lines are still the author's lines (before other plugins rewrite Markdown).
    @event_priority(100)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        offset = front_matter_lines(page, markdown)
        placed = self._placements.add_page(
            markdown,
            page=page.file.src_uri,
            file=source_name(page, config),
            line_offset=offset,
        )
        lines = markdown.split("\n")
        for directive in placed:
            lines[directive.line - offset - 1] = "\n" + PLACEHOLDER.format(id=directive.worksheet_id) + "\n"
        return "\n".join(lines)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None

        def form(match: re.Match[str]) -> str:
            # Only placeholders this plugin put on this page: a copy typed into a page by hand
            # bypassed the directive checks, so it stays as it is.
            if self.placements.get(match["id"]) != page.file.src_uri:
                return match[0]
            worksheet = self.worksheets[match["id"]]
            earlier = self.worksheets.get(worksheet.compare_with or "")
            return render_form(worksheet, site_key=self.site_key, help=self._help(worksheet, page), earlier=earlier)

        return PLACEHOLDER_HTML.sub(form, html)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        tags = "".join(f'<script src="{get_relative_url(script, page.url)}"></script>' for script in HEAD_SCRIPTS)
        return output.replace("</head>", tags + "</head>", 1)

    # on_env runs once every page's Markdown has been read (MkDocs 1.6 reads all pages first),
    # so every page's problems are known and can be reported together.
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled:
            return None
        errors = self._placements.errors
        if errors:
            raise PluginError(summarize([str(error) for error in errors]))
        # A --dirty rebuild reads only changed pages, so it cannot tell what is unplaced.
        if not self.is_dirty:
            for worksheet in self._placements.unplaced():
                source = shown_path(worksheet.source, config) if worksheet.source else worksheet.id
                log.warning(
                    f"{source}: no page places worksheet '{worksheet.id}'; add the line"
                    f" '::worksheet[{worksheet.id}]' to a lesson, or delete the file"
                )
        return env

    def _help(self, worksheet: Worksheet, page: Page) -> Markup | None:
        """The independent help a worksheet that asks how someone feels shows, linked from its page."""
        if not worksheet.support:
            return None
        url = get_relative_url(self._support_url, page.url) if self._support_url else None
        return render_help(self.support, support_url=url, level=4, anchor=help_anchor(worksheet.id))
