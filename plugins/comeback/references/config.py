"""Options of the `comeback/references` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ReferencesConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; citations then stay in the pages as they were written."""
