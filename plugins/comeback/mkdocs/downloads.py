"""A zip that one build writes and the later builds publish: the offline copy, the SCORM package.
Each is linked, with its size, where a page holds `<!-- comeback:<name> -->`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url


def human_size(size: int) -> str:
    """e.g. "4.1 MB", "230 KB"; never "0 KB"."""
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"


class Download:
    def __init__(self, name: str) -> None:
        self.marker = re.compile(rf"<!--\s*comeback:{re.escape(name)}\s*-->")
        self.path = Path()
        self.file: File | None = None
        """The zip in this build's site, when an earlier build wrote it."""
        self.size: int | None = None
        """Its size: written by this build, or found."""

    def locate(self, config: MkDocsConfig, path: str) -> None:
        """Where the writing build puts the zip (`path` is relative to mkdocs.yml). Forgets what an
        earlier build of the same `mkdocs serve` found."""
        self.path = Path(config.config_file_path).resolve().parent / path
        self.file, self.size = None, None

    def publish(self, config: MkDocsConfig, files: Files, uri: str) -> None:
        """Puts the zip into the site at `uri`, if an earlier build wrote it."""
        if self.path.is_file():
            self.size = self.path.stat().st_size
            self.file = File.generated(config, uri, abs_src_path=str(self.path))
            files.append(self.file)

    def href(self, page: Page) -> str | None:
        return get_relative_url(self.file.url, page.url) if self.file is not None else None

    def fill(self, html: str, link: Callable[[], str]) -> str | None:
        """`html` with every marker replaced by `link()`; None when it has none."""
        return self.marker.sub(lambda _: link(), html) if self.marker.search(html) else None
