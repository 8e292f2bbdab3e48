"""The lead-in of a worksheet: the few lines of a lesson that introduce it ("Next, the wins log...").

Every worksheet is a part of its own and starts a page. Left at the end of the text before it, a
lead-in would end that page, or stand alone on one, its worksheet on the next. So print takes it
from there and sets it at the top of the worksheet's page (book.py).

What counts, read from the end of the text before the worksheet: its last top-level blocks, if
they are paragraphs or lists (at most `MAX_BLOCKS` of them, `MAX_CHARACTERS` of text in all),
together with the heading that opens them (h2 to h6: "Worksheets"), when they are all that heading
has. A longer section keeps its text, and gives only its last paragraph when that one is short.
"""

from __future__ import annotations

from .blocks import Block, top_level_blocks

MAX_BLOCKS = 3
MAX_CHARACTERS = 600
_LEAD_TAGS = frozenset({"p", "ul", "ol"})
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def split_lead_in(html: str) -> tuple[str, str]:
    """(`html` without its lead-in, the lead-in); the lead-in is "" when it has none."""
    blocks = top_level_blocks(html)
    taken: list[Block] = []
    characters = 0
    for block in reversed(blocks):
        if block.tag not in _LEAD_TAGS or len(taken) == MAX_BLOCKS:
            break
        characters += len(block.text)
        if characters > MAX_CHARACTERS:
            break
        taken.append(block)
    if not taken:
        return html, ""
    before = blocks[len(blocks) - len(taken) - 1] if len(taken) < len(blocks) else None
    if before is not None and before.tag in _HEADINGS:
        taken.append(before)  # the heading goes with what it introduces
    elif before is not None:
        taken = taken[:1]  # a long section: only its last, short paragraph
    start = taken[-1].start
    return html[:start].rstrip() + "\n", html[start:].strip()
