"""Which lines of a page's Markdown are prose, as MkDocs will read them: so that a directive or a
citation shown inside a code block is left alone, and one inside a list or an admonition is found.

markdown-it-py parses the page and its paragraph tokens say (`.map`) which lines hold prose.
Admonitions (`!!!`) and collapsible blocks (`???`) are Python-Markdown extensions CommonMark does
not know: they are read as block quotes on the same lines, which is how they nest.
"""

from __future__ import annotations

import itertools
import re

from markdown_it import MarkdownIt

TAB_LENGTH = 4  # Python-Markdown's: the width of a tab, and how far an admonition's body is indented
# The first line of an admonition (!!!) or a collapsible details block (???, ???+). Their body is
# the lines indented under it.
_ADMONITION = re.compile(r'^(?P<indent> *)(?:!!!|\?\?\?\+?) ?[\w"-]')


def top_level_paragraph_lines(markdown: str) -> list[int]:
    """0-based indexes of the lines that belong to top-level paragraphs."""
    indexes: list[int] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "paragraph_open" and token.level == 0 and token.map:
            indexes.extend(range(*token.map))
    return indexes


def prose_lines(markdown: str) -> list[tuple[int, str]]:
    """(0-based index, stripped text) of every line of a paragraph at any depth, code excluded.

    Admonition and details blocks are first rewritten as block quotes on the same lines, so that a
    fence in their body is seen as code and a paragraph in it as nested, as Python-Markdown sees them.
    """
    found: list[tuple[int, str]] = []
    tokens = MarkdownIt("commonmark").parse("\n".join(_admonitions_as_quotes(markdown.split("\n"))))
    for token, inline in itertools.pairwise(tokens):
        if token.type == "paragraph_open" and token.map:
            lines = inline.content.split("\n")  # one a source line: a paragraph holds no blank line
            found.extend((token.map[0] + offset, text.strip()) for offset, text in enumerate(lines))
    return found


def _admonitions_as_quotes(lines: list[str]) -> list[str]:
    """`lines` with every admonition or details block (at any depth) turned into a block quote."""
    lines = [line.expandtabs(TAB_LENGTH) for line in lines]  # as Python-Markdown reads tabs
    rewritten: list[str] = []
    start = 0
    while start < len(lines):
        header = _ADMONITION.match(lines[start])
        if not header:
            rewritten.append(lines[start])
            start += 1
            continue
        indent = header["indent"]
        body_indent = len(indent) + TAB_LENGTH
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


def code_lines(markdown: str) -> set[int]:
    """0-based indexes of the lines inside code blocks (fenced or indented) at any depth, as
    Python-Markdown reads them (an admonition's indented body is prose, not code)."""
    tokens = MarkdownIt("commonmark").parse("\n".join(_admonitions_as_quotes(markdown.split("\n"))))
    return {
        index for token in tokens if token.type in ("fence", "code_block") and token.map for index in range(*token.map)
    }


def block_directives(markdown: str, directive: str) -> tuple[list[int], list[int]]:
    """Where the lines that are just `directive` (e.g. "::references") are, as 0-based indexes:
    (placed, misplaced). A placed one stands alone at the top level of the page, with a blank line
    before and after, so that one line of raw HTML can take its place; a misplaced one is anywhere
    else outside code, where it would show as text."""
    lines = markdown.split("\n")
    skip = code_lines(markdown)
    top_level = set(top_level_paragraph_lines(markdown))
    placed: list[int] = []
    misplaced: list[int] = []
    for index, line in enumerate(lines):
        if line.strip() != directive or index in skip:
            continue
        alone = all(not lines[near].strip() for near in (index - 1, index + 1) if 0 <= near < len(lines))
        (placed if index in top_level and alone else misplaced).append(index)
    return placed, misplaced


def misplaced_block(directive: str) -> str:
    """What to say about a block directive in the wrong place."""
    return f"'{directive}' must stand on its own line at the top level of the page, with a blank line before and after"
