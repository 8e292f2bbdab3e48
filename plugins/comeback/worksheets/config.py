"""Options of the `comeback/worksheets` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class WorksheetsConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; directives then stay in the lessons as plain text."""
