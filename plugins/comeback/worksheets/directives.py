"""Finding the `::worksheet[<id>]` lines that place a worksheet in a lesson.

markdown-it-py parses the page and its paragraph tokens say (`.map`) which lines hold prose, so a
directive shown inside a code block is left alone. Only top-level paragraphs count: Python-Markdown
would not keep a form inside a list item or an admonition intact, so a directive line there (or one
straight after a list item, which Markdown makes part of the item) is reported as misplaced.
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
_TAB_LENGTH = 4  # Python-Markdown's: the width of a tab, and how far an admonition's body is indented
# The first line of an admonition (!!!) or a collapsible details block (???, ???+): Python-Markdown
# extensions CommonMark does not know. Their body is the lines indented under it.
_ADMONITION = re.compile(r'^(?P<indent> *)(?:!!!|\?\?\?\+?) ?[\w"-]')


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
    for index in _paragraph_lines(markdown):
        raw = lines[index]
        text = raw.strip()
        expanded = raw.expandtabs(_TAB_LENGTH)
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
        for index, text in _prose_lines(markdown)
        if text.startswith(PREFIX) and (line := index + 1 + line_offset) not in found
    ]
    return DirectiveScan(directives=directives, malformed=malformed, misplaced=misplaced)


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


def _prose_lines(markdown: str) -> list[tuple[int, str]]:
    """(0-based index, stripped text) of every line of a paragraph at any depth, code excluded.

    Admonition and details blocks are first rewritten as block quotes on the same lines, so that a
    fence in their body is seen as code and a paragraph in it as nested, as Python-Markdown sees them.
    """
    found: list[tuple[int, str]] = []
    tokens = MarkdownIt("commonmark").parse("\n".join(_admonitions_as_quotes(markdown.split("\n"))))
    for token, inline in zip(tokens, tokens[1:]):
        if token.type == "paragraph_open" and token.map:
            lines = inline.content.split("\n")  # one a source line: a paragraph holds no blank line
            found.extend((token.map[0] + offset, text.strip()) for offset, text in enumerate(lines))
    return found


def _admonitions_as_quotes(lines: list[str]) -> list[str]:
    """`lines` with every admonition or details block (at any depth) turned into a block quote."""
    lines = [line.expandtabs(_TAB_LENGTH) for line in lines]  # as Python-Markdown reads tabs
    rewritten: list[str] = []
    start = 0
    while start < len(lines):
        header = _ADMONITION.match(lines[start])
        if not header:
            rewritten.append(lines[start])
            start += 1
            continue
        indent = header["indent"]
        body_indent = len(indent) + _TAB_LENGTH
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][:body_indent].isspace()):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():  # blank lines after the body stay outside
            end -= 1
        body = _admonitions_as_quotes([line[body_indent:] for line in lines[start + 1 : end]])
        rewritten.append(f"{indent}>")
        rewritten.extend(f"{indent}> {line}".rstrip() for line in body)
        start = end
    return rewritten


def _misplaced(text: str) -> str:
    return (
        f"worksheet directive '{text}' would show as text here; it must stand on its own line at the top"
        " level of the page, with a blank line before and after (not inside a list or admonition)"
    )


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
