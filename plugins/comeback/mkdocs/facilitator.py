"""The `comeback/facilitator` MkDocs plugin.

on_config         the facilitator edition: adds the guide to the navigation, registers the block type
on_files          the learner edition: leaves the guide's pages (and materials) out of the site
on_page_markdown  takes facilitator blocks out of the learner edition, before anything renders them;
                  in the guide, fills in `::plan[<format>]`, `::formats`, `::materials` and
                  `::facilitator-notes`
on_env            reports every misplaced or unclosed block at once
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from comeback.core.course.model import Course
from comeback.core.course.notes import scan_notes
from comeback.core.markdown_lines import top_level_paragraph_lines
from comeback.core.problems import summarize
from comeback.mkdocs.course import course_of
from comeback.mkdocs.pages import front_matter_lines, source_name
from comeback.pages.guide import formats_markdown, materials_markdown, notes_markdown, plan_markdown

BLOCKS = "pymdownx.blocks.admonition"
BLOCK_TYPE = {"name": "facilitator", "class": "facilitator", "title": "For facilitators"}
PLAN = re.compile(r"::plan\[(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\]")
NOTES = "::facilitator-notes"
FORMATS = "::formats"
MATERIALS = "::materials"


EDITIONS = ("learner", "facilitator")


class FacilitatorConfig(Config):
    edition = c.Choice(EDITIONS, default="learner")
    """`learner` (the default) leaves every facilitator note and guide page out of the site, its
    search index and its PDFs; `facilitator` shows the notes, marked, and adds the guide.
    `edition: !ENV [COMEBACK_EDITION, learner]` lets COMEBACK_EDITION=facilitator choose it."""

    title = c.Type(str, default="For facilitators")
    """The guide's section in the navigation."""

    nav = c.Type(list, default=[])
    """The guide's pages, as MkDocs' `nav` takes them: added as a section of the navigation in the
    facilitator edition only."""


class FacilitatorPlugin(BasePlugin[FacilitatorConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._errors: list[str] = []
        self._course: Course | None = None
        self._guide = "facilitator/"

    @property
    def facilitator_edition(self) -> bool:
        return self.config.edition == "facilitator"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._errors = []
        self._course = course_of(config)
        self._guide = self._course.guide
        _register_block_type(config)
        if self.facilitator_edition and self.config.nav and config.nav is not None:
            config.nav.append({self.config.title: self.config.nav})
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.facilitator_edition:
            return None
        for file in [file for file in files if file.src_uri.startswith(self._guide)]:
            files.remove(file)
        return files

    # First of the comeback plugins: a note taken out is never seen by the others (its citations,
    # worksheet directives and words stay out of everything the learner gets). Its lines become blank,
    # so the lines after it keep their numbers.
    @event_priority(120)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        scan = scan_notes(markdown)
        offset = front_matter_lines(page, markdown)
        source = source_name(page, config)
        self._errors += [f"{source}:{index + 1 + offset}: {message}" for index, message in scan.problems]
        if not self.facilitator_edition:
            return scan.without(markdown)
        if page.file.src_uri.startswith(self._guide):
            return self._fill_in(markdown, page, source, offset)
        return None

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if self._errors:
            raise PluginError(summarize(self._errors))
        return env

    def _fill_in(self, markdown: str, page: Page, source: str, offset: int) -> str:
        """The guide page with its `::plan[...]` and `::facilitator-notes` lines filled in."""
        assert self._course is not None
        course = self._course
        to_docs = "../" * page.file.src_uri.count("/")
        lines = markdown.split("\n")
        for index in top_level_paragraph_lines(markdown):
            text = lines[index].strip()
            if text == NOTES:
                lines[index] = notes_markdown(course, to_docs=to_docs)
            elif text == FORMATS:
                lines[index] = formats_markdown(course, to_docs=to_docs, guide=self._guide)
            elif text == MATERIALS:
                lines[index] = materials_markdown(course, to_docs=to_docs)
            elif match := PLAN.fullmatch(text):
                plan = course.plans.get(match["id"])
                if plan is None:
                    known = ", ".join(course.plans) or "none: add sessions/<format>.yml"
                    self._errors.append(f"{source}:{index + 1 + offset}: unknown plan '{match['id']}' (plans: {known})")
                else:
                    lines[index] = plan_markdown(plan, course, to_docs=to_docs)
        return "\n".join(lines)


def _register_block_type(config: MkDocsConfig) -> None:
    """Make sure pymdownx.blocks.admonition knows the `facilitator` block (mkdocs.yml may name the
    extension, with types of its own, or not at all)."""
    if BLOCKS not in config.markdown_extensions:
        config.markdown_extensions.append(BLOCKS)
    options: dict[str, Any] = config.mdx_configs.setdefault(BLOCKS, {})
    types = options.setdefault("types", ["note", "tip", "warning", "danger", "info"])
    if not any((kind if isinstance(kind, str) else kind.get("name")) == "facilitator" for kind in types):
        types.append(dict(BLOCK_TYPE))
