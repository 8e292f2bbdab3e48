"""Facilitator notes: the blocks of a lesson written for the people who run the course.

    /// facilitator | For facilitators
    Notes, an activity, timings: any Markdown.
    ///

The syntax is pymdownx.blocks' (an admonition of type `facilitator`), so the facilitator edition
shows the block as it is written, clearly marked. The learner edition never sees it: the block is
taken out of the Markdown before anything renders it, line by line (each line becomes blank, so the
lines after it keep their numbers), and with it out of the HTML, the search index and every PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from comeback.core.markdown_lines import code_lines

OPENER = re.compile(r"^///\s*facilitator\b")
_ANY_OPENER = re.compile(r"^\s*///\s*[\w-]+")
_CLOSER = re.compile(r"^\s*///\s*$")
_INDENTED_OPENER = re.compile(r"^\s+///\s*facilitator\b")
NOT_AT_THE_MARGIN = "a facilitator block must start at the left margin, not inside a list or another block"
NEVER_CLOSED = "this facilitator block is never closed; end it with a line that is just '///'"


@dataclass(frozen=True)
class Block:
    start: int
    """0-based index of the opening line."""
    end: int
    """0-based index of the closing line."""


@dataclass
class NoteScan:
    blocks: list[Block] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(0-based line, message) of blocks that cannot be taken out cleanly."""

    def text(self, markdown: str) -> str:
        """The notes' Markdown, without their opening and closing lines."""
        lines = markdown.split("\n")
        return "\n\n".join("\n".join(lines[block.start + 1 : block.end]).strip() for block in self.blocks)

    def without(self, markdown: str) -> str:
        """`markdown` with every block's lines blank."""
        lines = markdown.split("\n")
        for block in self.blocks:
            for index in range(block.start, block.end + 1):
                lines[index] = ""
        return "\n".join(lines)


def scan_notes(markdown: str) -> NoteScan:
    """Every facilitator block of a page (outside code), with any it cannot close."""
    lines = markdown.split("\n")
    code = code_lines(markdown)
    scan = NoteScan()
    index = 0
    while index < len(lines):
        line = lines[index]
        if index in code:
            index += 1
            continue
        if _INDENTED_OPENER.match(line):
            scan.problems.append(
                (index, "a facilitator block must start at the left margin, not inside a list or another block")
            )
        if not OPENER.match(line):
            index += 1
            continue
        depth, end = 1, index + 1
        while end < len(lines) and depth:
            if end not in code:
                if _CLOSER.match(lines[end]):
                    depth -= 1
                elif _ANY_OPENER.match(lines[end]):
                    depth += 1
            end += 1
        if depth:
            scan.problems.append(
                (index, "this facilitator block is never closed; end it with a line that is just '///'")
            )
            break
        scan.blocks.append(Block(index, end - 1))
        index = end
    return scan
