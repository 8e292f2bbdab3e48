"""What a page may say to the engine, and one parse of each page that finds all of it, line numbers kept.

    ::worksheet[goal-ladder]            a directive: a line of its own at the top level of the page
    ::support                           (the registry below lists every one)
    [@dweck-2006]                       a citation, anywhere in prose
    /// facilitator | Notes             a facilitator note, at the top level of the page, closed by a
    ...                                 line of as many slashes (pymdownx.blocks' syntax, which
    ///                                 renders it)

The page is parsed once, by markdown-it-py, with one rule added for `///` blocks that follows
pymdownx.blocks exactly (its opening and closing lines, case-insensitive names, nesting by
length), and with admonitions (`!!!`, `???`) read as the block quotes they nest like. So there is
one rule for code: nothing inside a code block or a code span is a directive, a citation or a note.
Whatever cannot be read cleanly is a Problem naming the file and line: an unknown or misplaced
directive, a note that does not start at the top level or is never closed, a code block never
closed (Python-Markdown would not read it as code, markdown-it would read the rest of the page as
code: either way the page is not what its author sees).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from .ids import ID_PATTERN, id_from
from .problems import Problem

TAB_LENGTH = 4
"""Python-Markdown's tab width: it expands tabs before it reads a page, and indents admonitions by it."""


@dataclass(frozen=True)
class Directive:
    """A line a page may hold: `::<name>` or `::<name>[<argument>]`."""

    name: str
    feature: str
    """The plugin that makes it, e.g. comeback/worksheets."""
    argument: str | None = None
    """What its argument is, in a few words (None: it takes none)."""
    guide_only: bool = False
    """Only in the facilitator guide's pages."""
    example: str = ""

    @property
    def syntax(self) -> str:
        return self.example or f"::{self.name}"


DIRECTIVES: Mapping[str, Directive] = {
    directive.name: directive
    for directive in (
        Directive("worksheet", "comeback/worksheets", "a worksheet id", example="::worksheet[goal-ladder]"),
        Directive("support", "comeback/support"),
        Directive("references", "comeback/references"),
        Directive("brand", "comeback/brand"),
        Directive("my-plan", "comeback/learner"),
        Directive("progress", "comeback/learner"),
        Directive("course-length", "comeback/learner"),
        Directive("progress-rule", "comeback/learner"),
        Directive("your-data", "comeback/learner"),
        Directive("pdfs", "comeback/pdf", "a list of PDFs", example="::pdfs[worksheets]"),
        Directive("download", "comeback/offline", "offline or scorm", example="::download[offline]"),
        Directive("plan", "comeback/facilitator", "a session plan's id", guide_only=True, example="::plan[weekly]"),
        Directive("formats", "comeback/facilitator", guide_only=True),
        Directive("materials", "comeback/facilitator", guide_only=True),
        Directive("to-print", "comeback/facilitator", guide_only=True),
        Directive("facilitator-notes", "comeback/facilitator", guide_only=True),
    )
}
"""Every directive there is. A line that starts like one and is not one is a problem."""

NOTE = "facilitator"
"""The name of the block that holds a facilitator note."""
BLOCK_NAMES = frozenset(
    {
        NOTE,
        *("admonition", "details", "tab", "html", "caption", "figure-caption", "table-caption", "definition"),
        *("note", "attention", "caution", "danger", "error", "tip", "hint", "warning", "important", "info"),
    }
)
"""The `///` blocks pymdownx.blocks knows in a usual set-up. A build passes the names its renderer
really has (a block of a name it does not know is plain text to it, and nests nothing)."""


@dataclass(frozen=True)
class Use:
    """A directive on a page."""

    name: str
    argument: str | None
    index: int
    """Its line in the page's Markdown (0-based, front matter excluded)."""
    line: int
    """Its line in the file (1-based), for messages."""


@dataclass(frozen=True)
class Citation:
    """`[@<id>]` in prose: `inside` is what is between `[@` and `]`."""

    inside: str
    index: int
    start: int
    end: int
    """Where it is on its line (columns of the Markdown line)."""
    line: int


@dataclass(frozen=True)
class Note:
    """A facilitator note: its opening and closing lines (0-based) and what is between them."""

    start: int
    end: int
    line: int
    title: str | None
    markdown: str


@dataclass(frozen=True)
class ParsedPage:
    path: str
    """Its path in the docs folder, e.g. lessons/2-set-new-goals.md."""
    file: str
    """How messages name it, e.g. content/lessons/2-set-new-goals.md."""
    meta: Mapping[str, Any]
    """Its front matter."""
    markdown: str
    """Its Markdown after the front matter, as MkDocs hands it to plugins."""
    offset: int
    """How many lines of the file come before `markdown`."""
    heading: str | None
    """The text of its first top-level H1."""
    uses: tuple[Use, ...] = ()
    citations: tuple[Citation, ...] = ()
    notes: tuple[Note, ...] = ()
    problems: tuple[Problem, ...] = ()

    def uses_of(self, name: str) -> tuple[Use, ...]:
        return tuple(use for use in self.uses if use.name == name)

    def note_lines(self) -> set[int]:
        """The lines of every facilitator note, its opening and closing lines included."""
        return {index for note in self.notes for index in range(note.start, note.end + 1)}

    def without_notes(self) -> str:
        """The Markdown with every facilitator note's lines blank (so the lines after keep their numbers)."""
        notes = self.note_lines()
        return "\n".join("" if index in notes else line for index, line in enumerate(self.markdown.split("\n")))

    @property
    def title(self) -> str:
        """Its front matter's title, else its H1, else its file name."""
        title = self.meta.get("title")
        return title if isinstance(title, str) else self.heading or self.path.rsplit("/", 1)[-1].removesuffix(".md")


# --- front matter -------------------------------------------------------------------------------

# MkDocs' own (mkdocs.utils.meta): YAML between --- lines at the very top.
_YAML_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def split_front_matter(text: str, file: str) -> tuple[dict[str, Any], str, int, list[Problem]]:
    """(front matter, the Markdown after it, how many lines come before that, problems), as MkDocs
    splits a page (it also drops blank lines after the front matter). Front matter that is not
    valid YAML is a problem, where MkDocs would print it as the page's first paragraph."""
    match = _YAML_FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0, []
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or "it cannot be read"
        message = f"the front matter is not valid YAML ({reason}); check its brackets, quotes and indentation"
        return {}, text, 0, [Problem(file, line, "", message)]
    if not isinstance(data, dict):
        return {}, text, 0, [Problem(file, 1, "", "the front matter must be 'key: value' lines")]
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    return data, body, text[: len(text) - len(body)].count("\n"), []


# --- the parser ---------------------------------------------------------------------------------

_OPENER = re.compile(r"(/{3,})[ ]*([\w-]+)[ ]*(?:\|[ ]*(.*?)[ ]*)?$")
"""pymdownx.blocks' RE_START, on a line already freed of its (at most three spaces of) indentation."""
_CLOSER = re.compile(r"(/{3,})[ ]*$")
"""pymdownx.blocks' RE_END, likewise: only spaces may follow the slashes."""
_FENCE = re.compile(r"(`{3,}|~{3,})")


def _blocks_rule(names: frozenset[str]) -> Any:
    """A markdown-it block rule for pymdownx.blocks' `/// name | title` ... `///` blocks of `names`."""

    def text_of(state: StateBlock, line: int) -> str | None:
        """The line without its indentation, if it is indented as a block's line may be."""
        if state.sCount[line] - state.blkIndent > 3:
            return None
        return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        opening = text_of(state, start)
        match = _OPENER.match(opening) if opening is not None else None
        if match is None or match[2].lower() not in names:
            return False
        if silent:
            return True
        # The closing line: as many slashes as the innermost open block, outside fenced code.
        lengths = [len(match[1])]
        fence: str | None = None
        line = start + 1
        closed = False
        while line < end:
            if state.sCount[line] < state.blkIndent and state.bMarks[line] + state.tShift[line] < state.eMarks[line]:
                break  # the list item or quote it is in has ended
            text = text_of(state, line)
            if text is not None:
                if fence is not None:
                    if text.startswith(fence) and not text.strip(fence[0]).strip():
                        fence = None
                elif found := _FENCE.match(text):
                    fence = found[1]
                elif (inner := _OPENER.match(text)) and inner[2].lower() in names:
                    lengths.append(len(inner[1]))
                elif (closer := _CLOSER.match(text)) and len(closer[1]) == lengths[-1]:
                    lengths.pop()
                    if not lengths:
                        closed = True
                        break
            line += 1
        parent, line_max = state.parentType, state.lineMax
        state.parentType = "comeback_block"
        state.lineMax = line
        token = state.push("comeback_block_open", "div", 1)
        token.info = match[2].lower()
        token.markup = match[1]
        token.map = [start, line + 1 if closed else line]
        token.meta = {"title": match[3], "closed": closed}
        state.md.block.tokenize(state, start + 1, line)
        state.push("comeback_block_close", "div", -1)
        state.parentType, state.lineMax = parent, line_max
        state.line = line + 1 if closed else line
        return True

    return rule


@cache
def _parser(names: frozenset[str]) -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.block.ruler.before(
        "fence", "comeback_blocks", _blocks_rule(names), {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    return md


# The first line of an admonition (!!!) or a collapsible details block (???, ???+): its body is the
# lines indented under it. markdown-it does not know them; read as block quotes, they nest alike.
_ADMONITION = re.compile(r'^(?P<indent> *)(?:!!!|\?\?\?\+?) ?[\w"-]')


def _admonitions_as_quotes(lines: list[str]) -> list[str]:
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


# --- reading a page -----------------------------------------------------------------------------

_DIRECTIVE = re.compile(r"::(?P<name>[a-z][a-z0-9-]*)(?:\[(?P<argument>[^\]]*)\])?")
_LOOKS_LIKE_A_DIRECTIVE = re.compile(r"::[A-Za-z]")
_NAME = re.compile(r"::([A-Za-z][\w-]*)")
_BRACKETED = re.compile(r"\[([^\]]*)\]")
_ID = re.compile(ID_PATTERN)
_CITATION = re.compile(r"\[@(?P<inside>[^\]]*)\]")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_LOOKS_LIKE_A_NOTE = re.compile(r"/{3,}[^\S\n]*facilitator\b", re.IGNORECASE)
_LOOKS_LIKE_AN_END = re.compile(r"^\s*/{3,}\s*$")
_OLD_MARKER = re.compile(r"<!--\s*comeback:(?P<what>[\w-]+)(?:\s+(?P<which>[\w-]+))?\s*-->")


def parse_page(text: str, *, path: str, file: str, block_names: Collection[str] = BLOCK_NAMES) -> ParsedPage:
    """Everything the engine needs from one page, and every problem in it.

    `path` is the page's path in the docs folder; `file` is how messages name it. `block_names` are
    the `///` blocks the renderer knows (they nest; other names are text)."""
    meta, markdown, offset, problems = split_front_matter(text, file)
    page = ParsedPage(
        path=path, file=file, meta=meta, markdown="", offset=offset, heading=None, problems=tuple(problems)
    )
    return parse_markdown(markdown, page, block_names=block_names)


def parse_markdown(markdown: str, like: ParsedPage, *, block_names: Collection[str] = BLOCK_NAMES) -> ParsedPage:
    """A page's Markdown (as another step may have changed it), read as `like` is: its file, its
    front matter, and the problems already found there (a build stops on any, so a page another
    step changed had none)."""
    reader = _Reader(markdown, like.offset, like.file, frozenset(name.lower() for name in block_names) | {NOTE})
    heading = reader.read()
    return ParsedPage(
        path=like.path,
        file=like.file,
        meta=like.meta,
        markdown=markdown,
        offset=like.offset,
        heading=heading,
        uses=tuple(reader.uses),
        citations=tuple(reader.citations),
        notes=tuple(reader.notes),
        problems=(*like.problems, *reader.problems),
    )


@dataclass
class _Reader:
    markdown: str
    offset: int
    file: str
    block_names: frozenset[str]
    uses: list[Use] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, index: int, message: str) -> None:
        self.problems.append(Problem(self.file, index + 1 + self.offset, "", message))

    def read(self) -> str | None:
        lines = self.markdown.split("\n")  # as markdown-it counts lines (splitlines also splits on \f...)
        expanded = _admonitions_as_quotes([line.expandtabs(TAB_LENGTH) for line in lines])
        tokens = _parser(self.block_names).parse("\n".join(expanded))
        fenced: set[int] = set()  # lines of fenced code blocks
        indented: set[int] = set()  # lines of indented code blocks
        raw: set[int] = set()  # lines of raw HTML blocks
        top_level: set[int] = set()  # lines of paragraphs at the top level of the page
        nested: dict[int, str] = {}  # lines of paragraphs inside a list, a quote or a block: their text
        openers: dict[int, bool] = {}  # line of a facilitator note's opening -> whether it is at the top level
        heading: str | None = None
        for position, token in enumerate(tokens):
            span = range(*token.map) if token.map else range(0)
            if token.type == "fence":
                fenced.update(span)
                self._check_fence_closed(token.map, token.markup, expanded)
            elif token.type == "code_block":
                indented.update(span)
            elif token.type == "html_block":
                raw.update(span)
            elif token.type == "paragraph_open" and token.level == 0:
                top_level.update(span)
            elif token.type == "paragraph_open":
                # One source line a line of the paragraph's text (a paragraph holds no blank line).
                nested.update(zip(span, tokens[position + 1].content.split("\n"), strict=False))
            elif token.type == "heading_open" and token.tag == "h1" and token.level == 0 and heading is None:
                heading = tokens[position + 1].content.strip()
            elif token.type == "comeback_block_open" and token.info == NOTE and token.map:
                openers[token.map[0]] = token.level == 0
                if token.level == 0:
                    self._note(token.map, token.meta, lines)
                else:
                    self.problem(
                        token.map[0],
                        "a facilitator note must start at the left margin of the page, not inside a list,"
                        " a quote or another block; move it out, after a blank line",
                    )
        self._stray_notes(lines, fenced, openers)
        self._directives(lines, expanded, fenced | indented, raw, top_level, nested)
        self._citations(lines, fenced | indented | raw)
        return heading

    # --- notes ----------------------------------------------------------------------------------

    def _note(self, span: list[int], meta: dict[str, Any], lines: list[str]) -> None:
        start, end = span
        if not meta.get("closed"):
            self.problem(
                start,
                "this facilitator note is never closed, so the rest of the page would be part of it;"
                " end it with a line of just '///' (as many slashes as it opens with)",
            )
            return
        closing = end - 1
        first = lines[start + 1].expandtabs(TAB_LENGTH) if start + 1 < closing else ""
        if first.strip() and first.startswith(" " * 4):
            self.problem(
                start + 1,
                "a facilitator note takes no options: an indented line right after its first line is read as"
                " options; leave a blank line after the first line, or do not indent",
            )
        title = meta.get("title")
        body = "\n".join(lines[start + 1 : closing]).strip("\n")
        self.notes.append(Note(start, closing, start + 1 + self.offset, title or None, body))

    def _stray_notes(self, lines: list[str], fenced: set[int], openers: dict[int, bool]) -> None:
        """Lines that look like the start or end of a note but are not read as one: the renderer
        might read them differently, and a note it shows to learners is a leak. Fenced code is an
        example, not a note (both parsers agree on it, and a fence never closed is a problem)."""
        inside = {index for note in self.notes for index in range(note.start + 1, note.end)}
        for index, line in enumerate(lines):
            if index in openers or index in fenced:
                continue
            if _LOOKS_LIKE_A_NOTE.search(_without_code_spans(line)):
                self.problem(
                    index,
                    "this looks like the start of a facilitator note but is not read as one; write"
                    " '/// facilitator' at the left margin, after a blank line, outside lists, quotes and code",
                )
            elif index in inside and _LOOKS_LIKE_AN_END.match(line) and not _CLOSER.fullmatch(line):
                self.problem(
                    index,
                    "this looks like the end of the facilitator note but does not end it: write just '///' at"
                    " the left margin, with no tab, spaces or other characters before or after it",
                )

    # --- code -----------------------------------------------------------------------------------

    def _check_fence_closed(self, span: list[int] | None, markup: str, expanded: list[str]) -> None:
        if not span:
            return
        start, end = span
        last = re.sub(r"^[\s>]*", "", expanded[end - 1]) if end - 1 > start else ""
        if last.startswith(markup) and not last.strip(markup[0]).strip():
            return
        self.problem(
            start,
            f"this code block is never closed; end it with a line of {markup} (Python-Markdown would show"
            " it as text, and the rest of the page would be read as code)",
        )

    # --- directives -----------------------------------------------------------------------------

    def _directives(
        self,
        lines: list[str],
        expanded: list[str],
        code: set[int],
        raw: set[int],
        top_level: set[int],
        nested: dict[int, str],
    ) -> None:
        for index, line in enumerate(lines):
            text = nested[index].strip() if index in nested else line.strip()
            if index in code or index in raw or not text.startswith("::") or not _LOOKS_LIKE_A_DIRECTIVE.match(text):
                continue
            indent = len(expanded[index]) - len(expanded[index].lstrip(" "))
            if index in nested or index not in top_level or indent > 3:
                in_note = any(note.start < index < note.end for note in self.notes)
                where = (
                    "inside a facilitator note, which is prose for facilitators; move it out of the note"
                    if in_note
                    else "a directive stands on its own line at the top level of the page (not inside a list,"
                    " a quote or another block, and not indented)"
                )
                self.problem(index, f"'{text}' would show as text here; {where}")
                continue
            message = _check_directive(text)
            if message:
                self.problem(index, message)
                continue
            match = _DIRECTIVE.fullmatch(text)
            assert match is not None
            self.uses.append(Use(match["name"], match["argument"], index, index + 1 + self.offset))
        for index, line in enumerate(lines):
            if index in code:
                continue
            for marker in _OLD_MARKER.finditer(line):
                what, which = marker["what"], marker["which"]
                new = f"::pdfs[{which}]" if what == "pdfs" and which else f"::download[{what}]"
                self.problem(index, f"'{marker[0]}' is no longer read; write '{new}' on a line of its own instead")

    # --- citations ------------------------------------------------------------------------------

    def _citations(self, lines: list[str], skip: set[int]) -> None:
        for index, line in enumerate(lines):
            if index in skip or "[@" not in line:
                continue
            prose = _without_code_spans(line)
            for match in _CITATION.finditer(prose):
                self.citations.append(
                    Citation(match["inside"], index, match.start(), match.end(), index + 1 + self.offset)
                )


def _without_code_spans(line: str) -> str:
    """`line` with its code spans blanked out (same length, so columns stay)."""
    return _CODE_SPAN.sub(lambda span: " " * len(span[0]), line)


def _check_directive(text: str) -> str | None:
    """What is wrong with a directive line (None: nothing)."""
    name = _NAME.match(text)
    directive = DIRECTIVES.get(name[1]) if name else None
    if directive is None:
        typed = name[1] if name else text[2:]
        close = difflib.get_close_matches(typed, list(DIRECTIVES), n=1)
        if close:
            bracket = text[len(typed) + 2 :] if DIRECTIVES[close[0]].argument else ""
            suggestion = f"::{close[0]}{bracket}" if bracket.startswith("[") else DIRECTIVES[close[0]].syntax
            return f"unknown directive '{text}' (did you mean '{suggestion}'?)"
        return f"unknown directive '{text}'; the directives are {', '.join(f'::{known}' for known in DIRECTIVES)}"
    match = _DIRECTIVE.fullmatch(text)
    argument = match["argument"] if match else None
    if match and directive.argument is None and argument is not None:
        return f"'::{directive.name}' takes no argument; write it alone on its line as '::{directive.name}'"
    if match and directive.argument is not None and not argument:
        return f"'::{directive.name}' needs {directive.argument}, e.g. '{directive.syntax}'"
    if match and (argument is None or _ID.fullmatch(argument)):
        return None
    inside = _BRACKETED.search(text)
    suggestion = id_from(inside[1]) if inside else ""
    if directive.argument is None:
        return f"malformed directive '{text}'; write it alone on its line as '::{directive.name}'"
    if suggestion:
        return (
            f"malformed directive '{text}'; write it alone on its line as '::{directive.name}[{suggestion}]'"
            " (ids use lowercase letters, digits and hyphens)"
        )
    return f"malformed directive '{text}'; write it alone on its line, e.g. '{directive.syntax}'"
