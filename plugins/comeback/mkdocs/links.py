"""Where things are in a MkDocs site, from a page: what the pages/ step needs to link."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url


class PageLinks:
    """pages.directives.Links for a MkDocs page."""

    def __init__(self, page: Page, files: Files) -> None:
        self._page = page
        self._files = files

    def page(self, src_path: str) -> str | None:
        file = self._files.get_file_from_path(src_path)
        return get_relative_url(file.url, self._page.url) if file is not None else None

    def file(self, site_path: str) -> str:
        """A file of the site; "../x" is beside the site's root (the learner edition's download, seen
        from the facilitator edition in its facilitator/ folder)."""
        outside = site_path.startswith("../")
        if not outside:
            return get_relative_url(site_path, self._page.url)
        to_root = get_relative_url("index.html", self._page.url).removesuffix("index.html")
        return to_root + site_path

    @property
    def to_docs(self) -> str:
        return "../" * self._page.file.src_uri.count("/")


def shown_path(path: Path, config: MkDocsConfig) -> str:
    """A path as messages show it: relative to the folder of mkdocs.yml, e.g. content/lessons/x.md."""
    try:
        return path.resolve().relative_to(project_dir(config)).as_posix()
    except ValueError:
        return path.as_posix()


def project_dir(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, which the sources' paths are relative to."""
    return Path(config.config_file_path).resolve().parent
