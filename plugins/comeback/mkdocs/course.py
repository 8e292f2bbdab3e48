"""The `comeback/course` MkDocs plugin: loads the course model once a build, before the other
comeback plugins need it. They get it with `course_of(config)`, never from each other."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority

from comeback.core.brand.model import BrandError, load_brand
from comeback.core.course.load import CourseError, Sources, load_course
from comeback.core.course.model import Course
from comeback.core.support.model import SupportError, load_support

_courses: dict[int, tuple[weakref.ref[MkDocsConfig], Course]] = {}


class CourseConfig(Config):
    worksheets_dir = c.Type(str, default="worksheets")
    """The folder of worksheet YAML files (`<id>.yml`), relative to mkdocs.yml."""

    sessions_dir = c.Type(str, default="sessions")
    """The folder of session plans (`<format>.yml`), relative to mkdocs.yml."""

    references = c.Type(str, default="references.yml")
    """The references, relative to the docs folder. The build reads it; the site does not publish it."""

    lessons = c.Type(str, default="lessons/")
    """Pages whose path in the docs folder starts with this are lessons."""

    guide = c.Type(str, default="facilitator/")
    """Pages whose path in the docs folder starts with this are the facilitator guide's: only the
    facilitator edition has them (comeback/facilitator)."""

    materials = c.Type(str, default="facilitator/materials/")
    """Pages whose path in the docs folder starts with this are facilitator materials."""


class CoursePlugin(BasePlugin[CourseConfig]):
    supports_multiple_instances = False

    # Before every other plugin's on_config: they all read the course.
    @event_priority(200)
    def on_config(self, config: MkDocsConfig) -> None:
        _load(config, self.config)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        project = Path(config.config_file_path).resolve().parent
        for folder in (self.config.worksheets_dir, self.config.sessions_dir):
            if (project / folder).is_dir():
                server.watch(str(project / folder))
        return server


def course_of(config: MkDocsConfig) -> Course:
    """The course of this build: the one comeback/course loaded, or, on a site without it, one
    loaded now from the default places."""
    found = _courses.get(id(config))
    if found is not None and found[0]() is config:
        return found[1]
    return _load(config, CourseConfig())


def _load(config: MkDocsConfig, options: CourseConfig) -> Course:
    if not options.config_file_path:
        options.load_dict({})
        options.validate()
    project = Path(config.config_file_path).resolve().parent
    docs_dir = Path(config.docs_dir)
    sources = Sources(
        project=project,
        docs_dir=docs_dir,
        pages=_pages(config, docs_dir),
        worksheets_dir=options.worksheets_dir,
        sessions_dir=options.sessions_dir,
        references=options.references,
        lessons=options.lessons,
        guide=options.guide,
        materials=options.materials,
    )
    try:
        brand = load_brand(config.extra.get("brand"))
    except BrandError as error:
        raise PluginError(str(error)) from None
    raw_support = config.extra.get("support")
    if brand is not None and isinstance(raw_support, dict) and "organisation" not in raw_support:
        raw_support = {**raw_support, "organisation": brand.organisation}  # the brand names it once
    elif brand is not None and raw_support is None:
        raw_support = {"organisation": brand.organisation}
    try:
        support = load_support(raw_support)
    except SupportError as error:
        raise PluginError(str(error)) from None
    try:
        course = load_course(sources, support, brand)
    except CourseError as error:
        raise PluginError(str(error)) from None
    _courses[id(config)] = (weakref.ref(config), course)
    return course


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
