"""Options of the `comeback/course` plugin in mkdocs.yml: where the course's sources are."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


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
