"""Options of the `comeback/support` plugin in mkdocs.yml (who to turn to lives in extra.support,
where the templates and the other plugins read it too)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SupportConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; `::support` lines then stay in the pages as text."""
