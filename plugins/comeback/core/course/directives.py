"""Finding the `::worksheet[<id>]` lines that place a worksheet in a lesson.

markdown-it-py parses the page and its paragraph tokens say (`.map`) which lines hold prose, so a
directive shown inside a code block is left alone. Only top-level paragraphs count: Python-Markdown
would not keep a form inside a list item or an admonition intact, so a directive line there (or one
straight after a list item, which Markdown makes part of the item) is reported as misplaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from comeback.core.ids import ID_PATTERN, slugify
from comeback.core.markdown_lines import TAB_LENGTH, prose_lines, top_level_paragraph_lines

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
    misplaced: list[MalformedDirective]
    """Directive lines in prose that is not at the top level of the page (a list item, a block quote,
    an admonition, or indented), which Markdown would show as text."""


def scan_directives(markdown: str, *, line_offset: int = 0) -> DirectiveScan:
    """Every directive line in `markdown`, well-formed or not, with 1-based line numbers.

    `line_offset` is the number of lines before `markdown` in its file (the front matter MkDocs
    strips), so the numbers are file lines.
    """
    lines = markdown.split("\n")  # as markdown-it counts lines (splitlines also splits on \f, \u2028...)
    directives: list[Directive] = []
    malformed: list[MalformedDirective] = []
    for index in top_level_paragraph_lines(markdown):
        raw = lines[index]
        text = raw.strip()
        expanded = raw.expandtabs(TAB_LENGTH)
        if not text.startswith(PREFIX) or len(expanded) - len(expanded.lstrip(" ")) > _MAX_INDENT:
            continue
        line = index + 1 + line_offset
        if match := DIRECTIVE.fullmatch(text):
            directives.append(Directive(worksheet_id=match["id"], line=line))
        else:
            malformed.append(MalformedDirective(line=line, text=text, message=_how_to_fix(text)))
    found = {directive.line for directive in directives} | {bad.line for bad in malformed}
    misplaced = [
        MalformedDirective(line=line, text=text, message=_misplaced(text))
        for index, text in prose_lines(markdown)
        if text.startswith(PREFIX) and (line := index + 1 + line_offset) not in found
    ]
    return DirectiveScan(directives=directives, malformed=malformed, misplaced=misplaced)


def _misplaced(text: str) -> str:
    return (
        f"worksheet directive '{text}' would show as text here; it must stand on its own line at the top"
        " level of the page, with a blank line before and after (not inside a list or admonition)"
    )


def _how_to_fix(text: str) -> str:
    bracketed = _BRACKETED.match(text)
    if bracketed:
        suggestion = slugify(bracketed["inside"])
        if suggestion:
            return (
                f"malformed worksheet directive '{text}'; write it alone on its line as"
                f" '::worksheet[{suggestion}]' (ids use lowercase letters, digits and hyphens)"
            )
    return f"malformed worksheet directive '{text}'; write it alone on its line as '::worksheet[<worksheet-id>]'"
