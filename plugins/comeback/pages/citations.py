"""References as APA 7 shows them, and the two ways a page uses them:

    - [@dweck-2006] Why it is worth reading.     a citation: the reference, in full, in its place
    ::references                                 on a line of its own: every reference, A to Z

Both are rewritten in the page's Markdown without adding or removing a line, so that the lines
later plugins report are still the author's. Code (blocks and `spans`) is left alone, so a page can
show the syntax.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from comeback.core.markdown_lines import block_directives, code_lines, misplaced_block
from comeback.core.references.model import Reference

CITATION = re.compile(r"\[@(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\]")
_ANY_CITATION = re.compile(r"\[@(?P<inside>[^\]]*)\]")
_CODE_SPAN = re.compile(r"(`+).+?\1")
LIST_DIRECTIVE = "::references"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#])")
_inline = MarkdownIt("commonmark", {"html": False})


def format_reference(reference: Reference) -> str:
    """The reference in APA 7 style, as Markdown (titles of books and journals in italics)."""
    authors = _authors(reference.authors)
    title = _escape(reference.title)
    if reference.type == "book":
        return f"{authors} ({reference.year}). *{title}*{_stop(title)} {_escape(reference.publisher or '')}."
    issue = f"({reference.issue})" if reference.issue is not None else ""
    source = f"*{_escape(reference.journal or '')}*, *{reference.volume}*{issue}, {_escape(reference.pages or '')}."
    return f"{authors} ({reference.year}). {title}{_stop(title)} {source}"


def sort_key(reference: Reference) -> tuple[str, int, str]:
    """APA's order: by the first author's surname, then the year, then the title."""
    return (reference.authors[0].casefold(), reference.year, reference.title.casefold())


@dataclass
class Expanded:
    markdown: str
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(1-based line, message) of every citation that could not be expanded."""
    cited: list[str] = field(default_factory=list)


def expand(markdown: str, references: Mapping[str, Reference], *, line_offset: int = 0, file_name: str) -> Expanded:
    """`markdown` with its citations and `::references` lines replaced. `file_name` (e.g.
    content/references.yml) is how messages name the references file; `line_offset` counts the
    front-matter lines, so the lines in problems are the file's."""
    lines = markdown.split("\n")
    placed, misplaced = block_directives(markdown, LIST_DIRECTIVE)
    skip = code_lines(markdown)
    result = Expanded(markdown)
    for index in placed:
        lines[index] = _list_html(references)
    result.problems += [(index + 1 + line_offset, misplaced_block(LIST_DIRECTIVE)) for index in misplaced]
    for index, line in enumerate(lines):
        if "[@" in line and index not in skip and index not in placed:
            lines[index] = _expand_line(line, references, index + 1 + line_offset, file_name, result)
    result.markdown = "\n".join(lines)
    return result


def _expand_line(line: str, references: Mapping[str, Reference], number: int, file_name: str, result: Expanded) -> str:
    pieces: list[str] = []
    position = 0
    for span in _CODE_SPAN.finditer(line):
        pieces.append(_cite(line[position : span.start()], references, number, file_name, result))
        pieces.append(span[0])
        position = span.end()
    pieces.append(_cite(line[position:], references, number, file_name, result))
    return "".join(pieces)


def _cite(text: str, references: Mapping[str, Reference], number: int, file_name: str, result: Expanded) -> str:
    def replace(match: re.Match[str]) -> str:
        inside = match["inside"]
        reference = references.get(inside) if CITATION.fullmatch(match[0]) else None
        if reference is not None:
            result.cited.append(inside)
            return format_reference(reference)
        result.problems.append((number, _unknown(inside, references, file_name)))
        return match[0]

    return _ANY_CITATION.sub(replace, text)


def _unknown(inside: str, references: Mapping[str, Reference], file_name: str) -> str:
    close = difflib.get_close_matches(inside.strip().lower(), list(references), n=1)
    hint = f" (did you mean '[@{close[0]}]'?)" if close else f"; add it to {file_name}, or check the id"
    return f"unknown reference '[@{inside}]'{hint}"


def _list_html(references: Mapping[str, Reference]) -> str:
    """Every reference as one line of HTML (a raw HTML block, so the page keeps its line count)."""
    items = "".join(
        f'<li id="ref-{reference_id}">{_inline.renderInline(format_reference(reference))}</li>'
        for reference_id, reference in sorted(references.items(), key=lambda item: sort_key(item[1]))
    )
    return f'<ul class="comeback-references">{items}</ul>'


def _authors(authors: list[str]) -> str:
    """APA 7: "A", "A, & B", "A, B, & C" (the ampersand always after a comma)."""
    names = [_escape(author) for author in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def _stop(title: str) -> str:
    """The full stop after a title, unless it ends in its own ? or !."""
    return "" if title.endswith(("?", "!", ".")) else "."


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
