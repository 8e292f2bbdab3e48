"""Options of the `comeback/scorm` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from comeback.options import Switch


class ScormConfig(Config):
    enabled = Switch(default=False)
    """Write the SCORM 1.2 package. It is made from the copy that works from a folder (plain .html
    links an LMS's file server can serve), so it goes with comeback/offline:
    `enabled: !ENV [COMEBACK_OFFLINE, false]`. Off, the build links a package an earlier build wrote."""

    zip = c.Type(str, default=".cache/comeback-scorm/comeback-scorm12.zip")
    """Where the package is written, and where the other builds find it (relative to mkdocs.yml)."""

    download = c.Type(str, default="downloads/comeback-scorm12.zip")
    """Where the package goes in the site the other builds make, for the people who run the LMS."""
