"""The top-level blocks of an HTML fragment (its paragraphs, headings, lists...) with where each
starts and ends in it: what lead_in.py and keep.py read a page's text as."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "embed"})


@dataclass(frozen=True)
class Block:
    tag: str
    """The element's name; "" for text between elements."""
    start: int
    end: int
    text: str
    """Its visible text, collapsed."""


def top_level_blocks(html: str) -> list[Block]:
    """The top-level elements of an HTML fragment, and any text between them, in order."""
    parser = _TopLevel(html)
    parser.feed(html)
    parser.close()
    return [block for block in parser.blocks if block.tag or block.text]


class _TopLevel(HTMLParser):
    """The top-level elements of an HTML fragment, with where each starts and ends in it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self._html = html
        self._depth = 0
        self._open: tuple[str, int] | None = None
        self._text: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth == 0:
            self._open, self._text = (tag, self._offset()), []
        if tag in _VOID:
            if self._depth == 0:
                self._close(self._offset() + len(self.get_starttag_text() or ""))
            return
        self._depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth == 0:
            self._open, self._text = (tag, self._offset()), []
            self._close(self._offset() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or self._depth == 0:
            return
        self._depth -= 1
        if self._depth == 0:
            end = self._html.find(">", self._offset()) + 1
            self._close(end)

    def handle_data(self, data: str) -> None:
        if self._depth == 0:
            if data.strip():
                offset = self._offset()
                self.blocks.append(Block("", offset, offset + len(data), " ".join(data.split())))
            return
        self._text.append(data)

    def _close(self, end: int) -> None:
        assert self._open is not None
        tag, start = self._open
        self.blocks.append(Block(tag, start, end, " ".join("".join(self._text).split())))
        self._open = None
