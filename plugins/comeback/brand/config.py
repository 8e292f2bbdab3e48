"""Options of the `comeback/brand` plugin in mkdocs.yml (the brand itself is `extra.brand`)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class BrandConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; `::brand` lines then stay in the pages as text."""
