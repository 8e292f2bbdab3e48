"""What the PDF plugin works with: the site, its pages, the parts WeasyPrint renders and the PDFs
put together from them.

Every PDF is assembled from parts, each rendered once and cached: a worksheet (fillable), a run of
a lesson's text between its worksheets, the workbook's front, the support page. A worksheet's PDF
is its one part; a lesson's handout is the lesson's text and worksheet parts in order; the
workbook is its front followed by every chapter's parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from comeback.core.ids import slugify
from comeback.core.support.model import Support

Paper = Literal["a4", "letter"]


@dataclass(frozen=True)
class Site:
    name: str
    author: str
    language: str = "en"
    description: str = ""
    url: str | None = None
    copyright: str = ""
    support: Support = field(default_factory=Support)
    support_url: str | None = None
    """The published support page, for print (None without a site URL)."""
    organisation: str | None = None
    """The organisation whose copy of the course this is (extra.brand), on covers and footers."""
    logo: Path | None = None
    """Its logo, a file of the site, on covers."""
    accent: str | None = None

    @property
    def footer(self) -> str:
        """What the foot of every page says beside the page number."""
        parts = [self.name, *([self.organisation] if self.organisation else []), *([self.url] if self.url else [])]
        return " · ".join(parts)


@dataclass(frozen=True)
class Page:
    """A rendered page that goes into print: a lesson, or a page that places worksheets."""

    src_uri: str
    source: str
    """Its Markdown file as messages name it, e.g. content/lessons/2-goals.md."""
    url: str
    title: str
    content: str
    """The page's content HTML after the worksheets plugin put its forms in."""
    is_lesson: bool
    is_guide: bool = False
    """A page of the facilitator guide (the facilitator edition only): printed whole, notes and all."""
    number: int | str | None = None
    duration: str | None = None
    objectives: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """How a worksheet refers to the page it belongs to, e.g. "Lesson 2: Set new goals"."""
        return f"Lesson {self.number}: {self.title}" if self.is_lesson and self.number else self.title


@dataclass(frozen=True)
class Part:
    """One document WeasyPrint renders, without header or footer."""

    name: str
    """Unique in the build, e.g. "worksheets/goal-ladder" or "lessons/2-goals/1"."""
    source: str
    """What it is made from, as messages name it: e.g. worksheets/goal-ladder.yml."""
    html: str
    files: tuple[Path, ...]
    """Local files the HTML reads by URL: stylesheet, fonts, images. Part of its cache key."""
    fillable: bool = False
    placeholders: tuple[str, ...] = ()
    """Anchors the part defines only so that WeasyPrint keeps its links into other parts; when
    parts are put together, the part that really has the anchor wins."""


@dataclass(frozen=True)
class Piece:
    """A part in a PDF: under which running title, and whose fields it holds."""

    part: Part
    running_title: str | None
    """None: no header or footer on its pages (the workbook's cover)."""
    worksheet: str | None = None
    """The worksheet it is. In a PDF of more than one piece, its form fields go under this name."""


@dataclass(frozen=True)
class Chapter:
    title: str
    """Its entry in the workbook's contents."""
    anchor: str
    """Where it starts: the id its contents entry links to."""
    pieces: tuple[Piece, ...]
    worksheets: tuple[tuple[str, str], ...] = ()
    """(anchor, title) of each worksheet in it, for the contents."""


@dataclass(frozen=True)
class Cover:
    """The first page of a PDF that has a cover and a contents page."""

    kicker: str
    """The small line above the title, e.g. "Workbook"."""
    title: str
    note: str


@dataclass(frozen=True)
class Printable:
    """A PDF of the site, put together from pieces."""

    path: str
    """Where it goes in the site, e.g. "pdf/worksheets/goal-ladder.pdf"."""
    title: str
    note: str
    """What it is, in a few words, for lists of PDFs."""
    chapters: tuple[Chapter, ...]
    cover: Cover | None = None
    """With a cover: it starts with the cover and a contents page, made once the chapters' pages
    are known (the workbook, the facilitator guide, a session's handout pack)."""

    @property
    def pieces(self) -> tuple[Piece, ...]:
        return tuple(piece for chapter in self.chapters for piece in chapter.pieces)


def worksheet_pdf(worksheet_id: str) -> str:
    return f"pdf/worksheets/{worksheet_id}.pdf"


def handout_pdf(src_uri: str) -> str:
    """A lesson's handout, named after the lesson's file: lessons/2-goals.md -> pdf/handouts/2-goals.pdf."""
    return f"pdf/handouts/{page_slug(src_uri)}.pdf"


def workbook_pdf(site_name: str) -> str:
    return f"pdf/{slugify(site_name) or 'course'}-workbook.pdf"


GUIDE_PDF = "pdf/facilitator/facilitator-guide.pdf"


def pack_pdf(plan_id: str, session_id: str) -> str:
    """A session's handout pack, e.g. pdf/facilitator/weekly-week-1.pdf."""
    return f"pdf/facilitator/{plan_id}-{session_id}.pdf"


def page_slug(src_uri: str) -> str:
    stem = Path(src_uri).with_suffix("")
    return slugify(stem.parent.name if stem.name == "index" else stem.name) or "index"
