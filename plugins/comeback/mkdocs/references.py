"""The `comeback/references` MkDocs plugin: a thin adapter that loads the references, expands the
citations and `::references` lines of every page, and keeps the YAML file out of the site."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from comeback.core.problems import summarize
from comeback.core.references.model import Reference
from comeback.mkdocs.course import course_of
from comeback.mkdocs.pages import front_matter_lines, source_name
from comeback.pages.citations import expand


class ReferencesConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; citations then stay in the pages as they were written."""


class ReferencesPlugin(BasePlugin[ReferencesConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.references: dict[str, Reference] = {}
        self.cited: dict[str, list[str]] = {}
        """Page src_uri -> the ids it cites, in order."""
        self._errors: list[str] = []
        self._shown = self._src = "references.yml"

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        # `serve` keeps this instance across rebuilds: start every build from nothing.
        self.cited, self._errors = {}, []
        course = course_of(config)
        self.references = dict(course.references)
        self._shown = course.references_file
        self._src = course.references_src

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        source = files.get_file_from_path(self._src)
        if source is not None:
            files.remove(source)  # the build reads it; the site has no use for it
        return files

    # Before comeback/worksheets (100), which needs the author's lines: this plugin changes lines in
    # place and adds none, so the line numbers both report stay the file's.
    @event_priority(110)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        expanded = expand(
            markdown, self.references, line_offset=front_matter_lines(page, markdown), file_name=self._shown
        )
        source = source_name(page, config)
        self._errors += [f"{source}:{line}: {message}" for line, message in expanded.problems]
        self.cited[page.file.src_uri] = expanded.cited
        return expanded.markdown

    # Every page's Markdown has been read by now (MkDocs 1.6 reads all pages before on_env).
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if self.config.enabled and self._errors:
            raise PluginError(summarize(self._errors))
        return env
