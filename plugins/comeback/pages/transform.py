"""The one pass over each page, from the core's parse of it (core/markup.py), in two halves:

1. page_markdown: the Markdown the renderer gets, for one edition. Facilitator notes blanked in
   the learner edition (their lines stay, so line numbers do too), citations written out, and each
   directive's line replaced by what it makes: HTML, the guide's Markdown, or a placeholder for
   what only exists later (a worksheet's form, a list of PDFs).
2. page_content: the rendered HTML with each worksheet placeholder replaced by its form, and what
   goes under a lesson's title (under_title): its progress, duration and objectives.

Slots (`<!--comeback-slot:<name>-->`) mark where something goes once it exists: the PDFs are made
after every page is rendered, so their links are filled in then (fill_slots)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from comeback.core.course.model import Edition
from comeback.core.markup import ParsedPage, Use
from comeback.core.references.model import Reference

from .citations import cite

WORKSHEET_ATTRIBUTE = "data-comeback-worksheet"
"""Marks where a worksheet goes in a page: its form on the web, its fillable part in print."""
_WORKSHEET = re.compile(rf'<div {WORKSHEET_ATTRIBUTE}="(?P<id>[a-z0-9-]+)"></div>')


def worksheet_placeholder(worksheet_id: str) -> str:
    return f'<div {WORKSHEET_ATTRIBUTE}="{worksheet_id}"></div>'


_SLOT = re.compile(r"<!--comeback-slot:(?P<name>[^<>]+?)-->")


def slot(name: str) -> str:
    """A place in a page that fill_slots fills; an HTML comment until then."""
    return f"<!--comeback-slot:{name}-->"


def page_markdown(
    page: ParsedPage,
    *,
    edition: Edition,
    references: Mapping[str, Reference],
    render: Callable[[Use], str],
    notes_end: str = "",
) -> str:
    """The page's Markdown for `edition`; `render(use)` is what a directive's line becomes. In the
    facilitator edition, `notes_end` (Markdown) ends the page's last facilitator note."""
    learner = edition == "learner"
    lines = (page.without_notes() if learner else page.markdown).split("\n")
    cite(lines, page, references, skip=page.note_lines() if learner else set())
    if notes_end and not learner and page.notes:
        closing = page.notes[-1].end
        lines[closing] = f"\n{notes_end}\n\n{lines[closing]}"
    for use in page.uses:
        # Blank lines around it: raw HTML and generated Markdown are blocks of their own.
        lines[use.index] = f"\n{render(use)}\n"
    return "\n".join(lines)


def worksheets_in(html: str) -> list[str]:
    """The worksheets whose placeholders `html` holds, in order."""
    return [match["id"] for match in _WORKSHEET.finditer(html)]


def page_content(html: str, forms: Mapping[str, str]) -> str:
    """`html` with the placeholder of each worksheet in `forms` replaced by its form. A placeholder
    typed into a page by hand names a worksheet this page does not place: it stays as it is."""
    return _WORKSHEET.sub(lambda match: forms.get(match["id"], match[0]), html)


def under_title(html: str, addition: str) -> str:
    """`html` with `addition` right after its first H1 (unchanged without one, or without an addition)."""
    if not addition or "</h1>" not in html:
        return html
    return html.replace("</h1>", f"</h1>\n{addition}", 1)


def fill_slots(html: str, values: Mapping[str, str]) -> str:
    """`html` with every slot replaced by its value (a slot without one is dropped)."""
    return _SLOT.sub(lambda match: values.get(match["name"], ""), html)


def slots_in(html: str) -> list[str]:
    return [match["name"] for match in _SLOT.finditer(html)]
