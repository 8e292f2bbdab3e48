"""The `comeback/offline` MkDocs plugin.

With `enabled` (COMEBACK_OFFLINE=1), the build is a copy that works when opened from a folder:
  on_config      plain .html links (no directory URLs), no instant navigation (it fetches pages,
                 which a browser refuses under file://), and the iframe-worker shim that lets
                 Material's search worker start from a file, shipped with the site instead of the
                 CDN address Material's own offline plugin would add
  on_post_build  the search index as a script (a fetch of the JSON is refused under file://), then
                 the whole site zipped

Without it, the build links that zip, with its size, where a page has `<!-- comeback:offline -->`.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from comeback.pdf.documents import slugify

from .config import OfflineConfig
from .pack import zip_site

log = get_plugin_logger("comeback/offline")

ASSETS_DIR = Path(__file__).with_name("assets")
SHIM = "assets/comeback/iframe-worker-shim.js"
SHIM_FILES = {SHIM: "iframe-worker-shim.js", "assets/comeback/iframe-worker-LICENSE.txt": "iframe-worker-LICENSE.txt"}
MARKER = re.compile(r"<!--\s*comeback:offline\s*-->")


class OfflinePlugin(BasePlugin[OfflineConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._zip = Path(".cache/comeback-offline/comeback-offline.zip")
        self._download: File | None = None
        self.size: int | None = None
        """The zip's size: written by the offline build, or found by another."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._zip = Path(config.config_file_path).resolve().parent / self.config.zip
        self._download, self.size = None, None
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
        elif self._zip.is_file():
            self.size = self._zip.stat().st_size
            self._download = File.generated(config, self.config.download, abs_src_path=str(self._zip))
            files.append(self._download)
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not MARKER.search(html):
            return None
        return MARKER.sub(lambda _: self._link(page), html)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        index = site_dir / "search" / "search_index.json"
        if index.is_file():
            index.with_suffix(".js").write_text(f"var __index = {index.read_text(encoding='utf-8')}", encoding="utf-8")
        folder = slugify(config.site_name) or "course"
        self.size = zip_site(site_dir, self._zip, name=config.site_name, folder=folder)
        log.info(f"offline copy: {self._zip} ({_size(self.size)})")

    def _link(self, page: Page) -> str:
        if self.config.enabled:
            return "<p><em>This is the copy that works from a folder, with no internet.</em></p>"
        if self._download is None or self.size is None:
            return (
                "<p><em>This build has no copy that works from a folder: build one first with"
                " <code>COMEBACK_OFFLINE=1 mkdocs build</code>.</em></p>"
            )
        href = get_relative_url(self._download.url, page.url)
        return (
            f'<p><a href="{href}" download>The course to use without the internet</a> (zip, {_size(self.size)}):'
            " unzip it, open the folder and double-click <code>index.html</code>. The lessons, search,"
            " worksheets and PDFs all work from the folder, on a computer with no network.</p>"
        )


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"
