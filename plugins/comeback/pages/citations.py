"""Citations in a page's Markdown: `[@<id>]` becomes the reference in full (APA 7), in its place,
and `::references` the list of every reference, A to Z. Which citations a page has, and whether
each names a reference, is the core's parse (markup.py); here they are written out."""

from __future__ import annotations

from collections.abc import Mapping

from markdown_it import MarkdownIt

from comeback.core.markup import ParsedPage, parse_page
from comeback.core.references.apa import format_reference, sort_key
from comeback.core.references.model import Reference

_inline = MarkdownIt("commonmark", {"html": False})


def cite(lines: list[str], page: ParsedPage, references: Mapping[str, Reference], *, skip: set[int]) -> None:
    """Write every citation of `page` out in `lines` (its Markdown's lines), but on lines in `skip`."""
    for citation in sorted(page.citations, key=lambda each: (each.index, -each.start)):
        reference = references.get(citation.inside)
        if reference is None or citation.index in skip:
            continue
        line = lines[citation.index]
        lines[citation.index] = line[: citation.start] + format_reference(reference) + line[citation.end :]


def references_list(references: Mapping[str, Reference]) -> str:
    """Every reference as one line of HTML, A to Z, each with an id to link to (ref-<id>)."""
    items = "".join(
        f'<li id="ref-{reference_id}">{_inline.renderInline(format_reference(reference))}</li>'
        for reference_id, reference in sorted(references.items(), key=lambda item: sort_key(item[1]))
    )
    return f'<ul class="comeback-references">{items}</ul>'


def cite_text(markdown: str, references: Mapping[str, Reference]) -> str:
    """Markdown made from several pages (the guide's page of every lesson's notes) with its
    citations written out, as they are in the pages it comes from."""
    page = parse_page(markdown, path="", file="")
    lines = page.markdown.split("\n")
    cite(lines, page, references, skip=set())
    return "\n".join(lines)
