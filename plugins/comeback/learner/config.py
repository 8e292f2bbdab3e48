"""Options of the `comeback/learner` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LearnerConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; its `::my-plan`, `::progress` and `::your-data` lines then fail the build."""
    printables = c.Type(str, default="printables.md")
    """The page with the PDFs, which the plan points to where the browser cannot build it."""
