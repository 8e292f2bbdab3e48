"""The `comeback/scorm` MkDocs plugin.

With `enabled` (the offline build, COMEBACK_OFFLINE=1), on_post_build writes the SCORM 1.2 package:
the site as it works from a folder, with a launch page (scorm.html) that shows it in a frame and
talks to the LMS through assets/comeback/scorm.js, and the imsmanifest.xml that lists every file.
Neither the launch page nor the adapter is in any other build.

Without it, the build links a package an earlier build wrote, with its size, where a page has
`<!-- comeback:scorm -->` (the facilitator guide's page on learning platforms).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from comeback.bundle.scorm import zip_package
from comeback.core.ids import slugify
from comeback.mkdocs.downloads import Download, human_size
from comeback.mkdocs.options import Switch

log = get_plugin_logger("comeback/scorm")


class ScormConfig(Config):
    enabled = Switch(default=False)
    """Write the SCORM 1.2 package. It is made from the copy that works from a folder (plain .html
    links an LMS's file server can serve), so it goes with comeback/offline:
    `enabled: !ENV [COMEBACK_OFFLINE, false]`. Off, the build links a package an earlier build wrote."""

    zip = c.Type(str, default=".cache/comeback-scorm/comeback-scorm12.zip")
    """Where the package is written, and where the other builds find it (relative to mkdocs.yml)."""

    download = c.Type(str, default="downloads/comeback-scorm12.zip")
    """Where the package goes in the site the other builds make, for the people who run the LMS."""


class ScormPlugin(BasePlugin[ScormConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.zip = Download("scorm")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.zip.locate(config, self.config.zip)
        if self.config.enabled and config.use_directory_urls:
            raise PluginError(
                "comeback/scorm: the SCORM package is made from the copy that works from a folder;"
                " list comeback/offline before comeback/scorm in mkdocs.yml and build with COMEBACK_OFFLINE=1"
            )
        return None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            self.zip.publish(config, files, self.config.download)
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return self.zip.fill(html, lambda: self._link(page))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.zip.size = zip_package(
            Path(config.site_dir),
            self.zip.path,
            identifier=slugify(config.site_name) or "course",
            title=config.site_name,
            lang=str(config.theme.get("language") or "en"),
        )
        log.info(f"SCORM 1.2 package: {self.zip.path} ({human_size(self.zip.size)})")

    def _link(self, page: Page) -> str:
        if self.config.enabled:
            return "<p><em>This copy is the one inside the SCORM package.</em></p>"
        href = self.zip.href(page)
        if href is None or self.zip.size is None:
            return (
                "<p><em>This build has no SCORM package: build one first with"
                " <code>COMEBACK_OFFLINE=1 mkdocs build</code>, which writes it to"
                f" <code>{self.config.zip}</code>.</em></p>"
            )
        return f'<p><a href="{href}" download>The SCORM 1.2 package</a> (zip, {human_size(self.zip.size)}).</p>'
