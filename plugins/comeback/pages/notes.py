"""Facilitator notes as the renderer reads them: a Python-Markdown extension for pymdownx.blocks'
`/// facilitator | Title` ... `///`.

The facilitator edition shows a note as an admonition of type `facilitator`, titled "For
facilitators" (in the course's language: `title`) unless the note names its own title. The learner
edition drops it: whatever the renderer reads as a note, wherever it is and however it is written,
leaves no trace in the page, its table of contents or anything made from the page. The page pass
already blanks every note the core's parse finds (pages/transform.py), and a page whose notes the
two might read differently fails the build (core/markup.py), so this is the last step, not the only
one.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.admonition import Admonition
from pymdownx.blocks.block import Block

from comeback.core.course.model import Edition
from comeback.core.markup import NOTE

TITLE = "For facilitators"
CLASS = "facilitator"
"""The class of a shown note: print leaves elements of it out of learners' PDFs."""
_DROP = "data-comeback-drop"


class ShownNote(Admonition):
    """The facilitator edition's note: an admonition `<div class="admonition facilitator">`."""

    NAME = NOTE
    DEF_TITLE = TITLE
    DEF_CLASS = CLASS


class DroppedNote(Block):
    """The learner edition's note: read like the shown one (the same optional title and options, so
    it nests and ends where the shown one does), then taken out of the page with everything in it."""

    NAME = NOTE
    ARGUMENT = ShownNote.ARGUMENT
    OPTIONS = ShownNote.OPTIONS

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(parent, "div", {_DROP: ""})


class _DropNotes(Treeprocessor):
    """Takes dropped notes out of the page before the table of contents, attributes or inline
    Markdown see anything of them."""

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in [element for element in root.iter() if _DROP in element.attrib]:
            parent = parents.get(element)
            if parent is not None:
                _keep_tail(parent, element)
                parent.remove(element)


def _keep_tail(parent: etree.Element, element: etree.Element) -> None:
    """Text after `element` in `parent` stays when the element goes."""
    if not element.tail:
        return
    children = list(parent)
    index = children.index(element)
    if index:
        children[index - 1].tail = (children[index - 1].tail or "") + element.tail
    else:
        parent.text = (parent.text or "") + element.tail


class FacilitatorNotes(BlocksExtension):
    """`FacilitatorNotes(edition="learner")`: drop notes; `edition="facilitator"`: show them, titled
    `title` where a note names no title of its own."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "edition": ["learner", "learner or facilitator"],
            "title": [TITLE, "the title of a shown note that names none"],
        }
        super().__init__(**kwargs)

    @property
    def edition(self) -> Edition:
        return "facilitator" if self.getConfig("edition") == "facilitator" else "learner"

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        if self.edition == "facilitator":
            title = str(self.getConfig("title"))
            block_mgr.register(
                ShownNote if title == TITLE else type("ShownNote", (ShownNote,), {"DEF_TITLE": title}), {}
            )
        else:
            block_mgr.register(DroppedNote, {})
            # Before attr_list (8), the table of contents (5) and inline Markdown (20).
            md.treeprocessors.register(_DropNotes(md), "comeback-drop-notes", 30)


def block_names(md: Markdown) -> frozenset[str]:
    """The names of the `///` blocks a Markdown instance knows (none without pymdownx.blocks)."""
    if "blocks" not in md.parser.blockprocessors:
        return frozenset()
    processor = md.parser.blockprocessors["blocks"]
    return frozenset(processor.blocks) if isinstance(processor, BlocksProcessor) else frozenset()
