"""The `comeback/offline` MkDocs plugin.

With `enabled` (COMEBACK_OFFLINE=1), the build is a copy that works when opened from a folder:
  on_config      plain .html links (no directory URLs), no instant navigation (it fetches pages,
                 which a browser refuses under file://), and the iframe-worker shim that lets
                 Material's search worker start from a file, shipped with the site instead of the
                 CDN address Material's own offline plugin would add
  on_post_page   no canonical link: a copy in a folder (or in an LMS) names no address of its own
  on_post_build  the search index as a script (a fetch of the JSON is refused under file://), then
                 the whole site zipped

Without it, the build links that zip, with its size, where a page has `<!-- comeback:offline -->`.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from comeback.browser import ASSETS_DIR, ASSETS_URI, OFFLINE_SHIM
from comeback.bundle.offline import zip_site
from comeback.core.ids import slugify
from comeback.mkdocs.downloads import Download, human_size
from comeback.mkdocs.options import Switch

log = get_plugin_logger("comeback/offline")


SHIM = f"{ASSETS_URI}/{OFFLINE_SHIM[0]}"
SHIM_FILES = {f"{ASSETS_URI}/{name}": name for name in OFFLINE_SHIM}
CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">\s*')


class OfflineConfig(Config):
    enabled = Switch(default=False)
    """Build the copy that works from a folder, and zip it: `enabled: !ENV [COMEBACK_OFFLINE, false]`.
    Off, the build links the zip an earlier offline build wrote, if there is one."""

    zip = c.Type(str, default=".cache/comeback-offline/comeback-offline.zip")
    """Where the offline build writes the zip, and where the other builds find it (relative to
    mkdocs.yml)."""

    download = c.Type(str, default="downloads/comeback-offline.zip")
    """Where the zip goes in the site the other builds make, for learners and facilitators to download."""


class OfflinePlugin(BasePlugin[OfflineConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.zip = Download("offline")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.zip.locate(config, self.config.zip)
        if not self.config.enabled:
            return None
        config.use_directory_urls = False
        features = config.theme.get("features") or []
        config.theme["features"] = [feature for feature in features if not feature.startswith("navigation.instant")]
        polyfills = [script for script in config.extra.get("polyfills", []) if "iframe-worker" not in str(script)]
        config.extra["polyfills"] = [*polyfills, SHIM]
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.config.enabled:
            for uri, name in SHIM_FILES.items():
                files.append(File.generated(config, uri, abs_src_path=str(ASSETS_DIR / name)))
        else:
            self.zip.publish(config, files, self.config.download)
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return self.zip.fill(html, lambda: self._link(page))

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return CANONICAL.sub("", output, count=1) if self.config.enabled else None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        index = site_dir / "search" / "search_index.json"
        if index.is_file():
            index.with_suffix(".js").write_text(f"var __index = {index.read_text(encoding='utf-8')}", encoding="utf-8")
        folder = slugify(config.site_name) or "course"
        self.zip.size = zip_site(site_dir, self.zip.path, name=config.site_name, folder=folder)
        log.info(f"offline copy: {self.zip.path} ({human_size(self.zip.size)})")

    def _link(self, page: Page) -> str:
        if self.config.enabled:
            return "<p><em>This is the copy that works from a folder, with no internet.</em></p>"
        href = self.zip.href(page)
        if href is None or self.zip.size is None:
            return (
                "<p><em>This build has no copy that works from a folder: build one first with"
                " <code>COMEBACK_OFFLINE=1 mkdocs build</code>.</em></p>"
            )
        size = human_size(self.zip.size)
        return (
            f'<p><a href="{href}" download>The course to use without the internet</a> (zip, {size}):'
            " unzip it, open the folder and double-click <code>index.html</code>. The lessons, search,"
            " worksheets and PDFs all work from the folder, on a computer with no network.</p>"
        )
