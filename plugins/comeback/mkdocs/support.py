"""The `comeback/support` MkDocs plugin: checks extra.support, and puts the independent-help block
where a page has a `::support` line (the support and start pages)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from comeback.core.markdown_lines import block_directives, misplaced_block
from comeback.core.problems import summarize
from comeback.core.support.model import Support
from comeback.mkdocs.course import course_of
from comeback.mkdocs.pages import front_matter_lines, shown_path, source_name
from comeback.pages.help import render_help

DIRECTIVE = "::support"


class SupportConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; `::support` lines then stay in the pages as text."""


class SupportPlugin(BasePlugin[SupportConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.support = Support()
        self.placed_on: list[str] = []
        """src_uri of every page that shows the block."""
        self._errors: list[str] = []
        self._support_url = ""

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.placed_on, self._errors = [], []
        self.support = course_of(config).support

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        page = files.get_file_from_path(self.support.page)
        if page is None or not page.is_documentation_page():
            missing = shown_path(Path(config.docs_dir) / self.support.page, config)
            raise PluginError(
                f"mkdocs.yml: extra.support.page: there is no page {missing};"
                " name the page that says when and how to get help (default: support.md)"
            )
        self._support_url = page.url
        return files

    # Before comeback/worksheets (100), which needs the author's lines: this plugin changes a line in
    # place and adds none.
    @event_priority(110)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or DIRECTIVE not in markdown:
            return None
        placed, misplaced = block_directives(markdown, DIRECTIVE)
        offset = front_matter_lines(page, markdown)
        source = source_name(page, config)
        self._errors += [f"{source}:{index + 1 + offset}: {misplaced_block(DIRECTIVE)}" for index in misplaced]
        if not placed:
            return None
        self.placed_on.append(page.file.src_uri)
        url = None if page.url == self._support_url else get_relative_url(self._support_url, page.url)
        lines = markdown.split("\n")
        for index in placed:
            lines[index] = render_help(self.support, support_url=url)
        return "\n".join(lines)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if self.config.enabled and self._errors:
            raise PluginError(summarize(self._errors))
        return env
