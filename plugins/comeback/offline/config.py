"""Options of the `comeback/offline` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from comeback.options import Switch


class OfflineConfig(Config):
    enabled = Switch(default=False)
    """Build the copy that works from a folder, and zip it: `enabled: !ENV [COMEBACK_OFFLINE, false]`.
    Off, the build links the zip an earlier offline build wrote, if there is one."""

    zip = c.Type(str, default=".cache/comeback-offline/comeback-offline.zip")
    """Where the offline build writes the zip, and where the other builds find it (relative to
    mkdocs.yml)."""

    download = c.Type(str, default="downloads/comeback-offline.zip")
    """Where the zip goes in the site the other builds make, for learners and facilitators to download."""
