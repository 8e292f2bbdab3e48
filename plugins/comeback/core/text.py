"""Text that authors write in YAML (labels, hints, intros, plans) is short Markdown. It becomes HTML
through markdown-it-py with raw HTML and images off, so a `<script>` in a label shows as text and
no request leaves the site; templates place it with autoescaping."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

_markdown = MarkdownIt("commonmark", {"html": False}).disable("image")


# Remembered for the process: the same labels, intros and pages are rendered by the web forms,
# the print templates and the leak check, in each build of a `comeback build` run.
@lru_cache(maxsize=8192)
def render_inline(markdown: str | None) -> Markup:
    """Inline Markdown (a label, a hint, an option) as safe HTML without a wrapping <p>."""
    return Markup(_markdown.renderInline(markdown or "").strip())


@lru_cache(maxsize=8192)
def render_block(markdown: str | None) -> Markup:
    """Block Markdown (an intro) as safe HTML."""
    return Markup(_markdown.render(markdown or "").strip())


def plain(markdown: str | None) -> str:
    """Inline Markdown as plain text, e.g. for data the browser shows with textContent."""
    return Markup(render_inline(markdown)).striptags()


def strings(data: object) -> Iterator[str]:
    """Every string in nested data (a worksheet's titles and labels, a page's front matter, JSON)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from strings(item)
