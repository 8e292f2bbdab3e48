"""Options of the `comeback/worksheets` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from comeback.options import Switch


class WorksheetsConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; directives then stay in the lessons as plain text."""

    shared_computer = Switch(default=False)
    """Build for shared computers (a training room): answers live only for the browser session
    (sessionStorage), every worksheet says so and offers to erase them. Without it, a learner can
    still switch this on for themselves. `shared_computer: !ENV [COMEBACK_SHARED_COMPUTER, false]`."""
