"""Finding the `::worksheet[<id>]` lines that place a worksheet in a lesson.

markdown-it-py parses the page and its paragraph tokens say (`.map`) which lines hold prose, so a
directive shown inside a code block is left alone. Only top-level paragraphs count: Python-Markdown
would not keep a form inside a list item or an admonition intact, so a directive there stays text
(and its worksheet is then reported as not placed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from .model import ID_PATTERN

PREFIX = "::worksheet"
DIRECTIVE = re.compile(rf"::worksheet\[(?P<id>{ID_PATTERN.strip('^$')})\]")
_BRACKETED = re.compile(r"::worksheets?\s*\[(?P<inside>[^\]]*)\]")
_MAX_INDENT = 3  # CommonMark: four spaces would make it code or a continuation of something else


@dataclass(frozen=True)
class Directive:
    """A well-formed `::worksheet[<id>]` on its own line."""

    worksheet_id: str
    line: int


@dataclass(frozen=True)
class MalformedDirective:
    """A line that starts like a directive but is not one, with how to fix it."""

    line: int
    text: str
    message: str


@dataclass(frozen=True)
class DirectiveScan:
    directives: list[Directive]
    malformed: list[MalformedDirective]


def scan_directives(markdown: str, *, line_offset: int = 0) -> DirectiveScan:
    """Every directive line in `markdown`, well-formed or not, with 1-based line numbers.

    `line_offset` is the number of lines before `markdown` in its file (the front matter MkDocs
    strips), so the numbers are file lines.
    """
    lines = markdown.split("\n")  # as markdown-it counts lines (splitlines also splits on \f, \u2028...)
    directives: list[Directive] = []
    malformed: list[MalformedDirective] = []
    for index in _paragraph_lines(markdown):
        raw = lines[index]
        text = raw.strip()
        if not text.startswith(PREFIX) or len(raw) - len(raw.lstrip(" ")) > _MAX_INDENT:
            continue
        line = index + 1 + line_offset
        if match := DIRECTIVE.fullmatch(text):
            directives.append(Directive(worksheet_id=match["id"], line=line))
        else:
            malformed.append(MalformedDirective(line=line, text=text, message=_how_to_fix(text)))
    return DirectiveScan(directives=directives, malformed=malformed)


def find_directives(markdown: str, *, line_offset: int = 0) -> list[Directive]:
    """The well-formed directives in `markdown` (see scan_directives)."""
    return scan_directives(markdown, line_offset=line_offset).directives


def _paragraph_lines(markdown: str) -> list[int]:
    """0-based indexes of the lines that belong to top-level paragraphs."""
    indexes: list[int] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "paragraph_open" and token.level == 0 and token.map:
            indexes.extend(range(*token.map))
    return indexes


def _how_to_fix(text: str) -> str:
    bracketed = _BRACKETED.match(text)
    if bracketed:
        suggestion = re.sub(r"[^a-z0-9]+", "-", bracketed["inside"].lower()).strip("-")
        if suggestion:
            return (
                f"malformed worksheet directive '{text}'; write it alone on its line as"
                f" '::worksheet[{suggestion}]' (ids use lowercase letters, digits and hyphens)"
            )
    return f"malformed worksheet directive '{text}'; write it alone on its line as '::worksheet[<worksheet-id>]'"
