"""The last section of a run of text, kept whole on paper.

Markdown gives a page's text as a flat run of headings, paragraphs and lists, and each run is a
part of its own (a page of the guide, a lesson's text between its worksheets). Its last page may
then hold nothing but the last paragraph of its last section (a guide page's closing line). When
that section is short, from its heading (h2 to h6) to the end of the run, it is wrapped in a
`<div class="keep-together">` that print.css does not break inside: it moves to the next page
whole, heading and all, and that page is not a page of one line. Sections before it break where
they must, widows and orphans kept: the text after them fills the next page.
"""

from __future__ import annotations

from .blocks import top_level_blocks

MAX_CHARACTERS = 900
"""A section of at most this much text (about nine lines) is short."""
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_TEXT = frozenset({"p", "ul", "ol", "dl", "blockquote", "pre", "div", "details"})
"""What a short section may hold: text, not a figure or a table (which print keeps whole anyway)."""


def keep_last_section(html: str) -> str:
    """`html` with its last section wrapped to stay whole, if it is short."""
    blocks = top_level_blocks(html)
    heading = next((index for index in range(len(blocks) - 1, -1, -1) if blocks[index].tag in _HEADINGS), None)
    if heading is None or heading == len(blocks) - 1:
        return html
    section = blocks[heading:]
    if sum(len(block.text) for block in section) > MAX_CHARACTERS or any(b.tag not in _TEXT for b in section[1:]):
        return html
    start, end = section[0].start, section[-1].end
    return f'{html[:start]}<div class="keep-together">{html[start:end]}</div>{html[end:]}'
