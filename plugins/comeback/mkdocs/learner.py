"""The `comeback/learner` MkDocs plugin: the places where a learner sees their own course. It fills
in three lines a page may hold, and marks each lesson page with the learner's progress:

- `::my-plan`: the My plan page's plan (plan.js builds it from the answers in the browser);
- `::progress`: progress through the lessons and "continue where you left off" (progress.js);
- `::your-data`: the privacy page's panel to save, load, list and erase everything (data.js).

It publishes the JSON Schema of the file "Save everything" writes, at the site's root. The
scripts themselves are shipped by comeback/worksheets, whose answers they read."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from comeback.browser import SCHEMA as SCHEMA_FILE
from comeback.core.markdown_lines import block_directives, misplaced_block
from comeback.core.problems import summarize
from comeback.mkdocs.course import course_of
from comeback.mkdocs.pages import front_matter_lines, source_name
from comeback.pages.forms import TEMPLATES_DIR

SCHEMA = "comeback-answers.schema.json"
DIRECTIVES = {"::my-plan": "plan.html.j2", "::progress": "progress.html.j2", "::your-data": "your-data.html.j2"}


@cache
def _template(name: str) -> Template:
    environment = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined)
    return environment.get_template(name)


class LearnerConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; its `::my-plan`, `::progress` and `::your-data` lines then fail the build."""
    printables = c.Type(str, default="printables.md")
    """The page with the PDFs, which the plan points to where the browser cannot build it."""


class LearnerPlugin(BasePlugin[LearnerConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._errors: list[str] = []
        self._printables: str | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        self._errors = []

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        files.append(File.generated(config, SCHEMA, abs_src_path=str(SCHEMA_FILE)))
        printables = files.get_file_from_path(self.config.printables)
        self._printables = printables.url if printables is not None else None
        return files

    # Before comeback/worksheets (100), which needs the author's lines: each line is changed in place.
    @event_priority(110)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or "::" not in markdown:
            return None
        lines = markdown.split("\n")
        offset = front_matter_lines(page, markdown)
        for directive, template in DIRECTIVES.items():
            if directive not in markdown:
                continue
            placed, misplaced = block_directives(markdown, directive)
            source = source_name(page, config)
            self._errors += [f"{source}:{index + 1 + offset}: {misplaced_block(directive)}" for index in misplaced]
            html = self._render(template, page, config)
            for index in placed:
                lines[index] = html
        return "\n".join(lines)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A lesson says, under its title, how far the learner has got with it (progress.js fills it)."""
        if not self.config.enabled:
            return None
        lesson = next((lesson for lesson in course_of(config).lessons if lesson.src_path == page.file.src_uri), None)
        if lesson is None or not lesson.worksheets or "</h1>" not in html:
            return None
        status = f'<p class="comeback-lesson-status" data-comeback-lesson-status="{lesson.id}" hidden></p>'
        return html.replace("</h1>", "</h1>\n" + status, 1)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if self.config.enabled and self._errors:
            raise PluginError(summarize(self._errors))
        return env

    def _render(self, template: str, page: Page, config: MkDocsConfig) -> str:
        printables = get_relative_url(self._printables, page.url) if self._printables else None
        lessons = len(course_of(config).lessons)
        # One line per element and no blank line: Python-Markdown passes the block through untouched.
        return _template(template).render(printables=printables, lessons=lessons).strip()
