"""What the plugins need to know about a MkDocs page beyond what MkDocs tells them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def front_matter_lines(page: Page, markdown: str) -> int:
    """How many lines MkDocs removed from the top of the file (front matter) before `markdown`."""
    try:
        source = page.file.content_string
    except (OSError, ValueError):
        return 0
    if source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    # An earlier plugin changed the text (comeback/references rewrites citations in place): its lines
    # are still the file's lines as long as there are as many of them after the front matter.
    return max(0, source.count("\n") - markdown.count("\n"))


def shown_path(path: Path, config: MkDocsConfig) -> str:
    """A path as messages show it: relative to the folder of mkdocs.yml, e.g. content/lessons/x.md."""
    project = Path(config.config_file_path).resolve().parent
    try:
        return path.resolve().relative_to(project).as_posix()
    except ValueError:
        return path.as_posix()


def source_name(page: Page, config: MkDocsConfig) -> str:
    """How messages name the page's Markdown file, e.g. content/lessons/2-goals.md."""
    return shown_path(Path(config.docs_dir) / page.file.src_path, config)
