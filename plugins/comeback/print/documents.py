"""What the PDF plugin works with: the site, its pages, the parts WeasyPrint renders and the PDFs
put together from them.

Every PDF is assembled from parts, each rendered once and cached: a worksheet (fillable), a run of
a lesson's text between its worksheets, the workbook's front, the support page. A worksheet's PDF
is its one part; a lesson's handout is the lesson's text and worksheet parts in order; the
workbook is its front followed by every chapter's parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from comeback.core.brand.model import Brand
from comeback.core.course.printables import Cover

Paper = Literal["a4", "letter"]


@dataclass(frozen=True)
class Site:
    """The site as print shows it: on covers, in the metadata and in every page's footer."""

    name: str
    author: str
    language: str = "en"
    description: str = ""
    url: str | None = None
    """Where the learner edition is published: covers, footers and the links of its pages name it."""
    copyright: str = ""
    support_url: str | None = None
    """The published support page, for print (None without a site URL)."""
    brand: Brand | None = None
    """The organisation whose copy of the course this is, on covers and footers."""
    logo: Path | None = None
    """Its logo, as a file of the site, for covers."""
    mark: Path | None = None
    """The site's own mark (the theme's logo: an image, or one of the theme's icons), at the head
    of covers."""
    project: Path | None = None
    """The folder of the site's sources, which messages name files from."""
    edition_url: str | None = None
    """Where this edition is published (the facilitator edition's own address): the facilitator
    guide's links name it. None: `url`."""
    html_urls: bool = False
    """The build's pages are .html files (the copy for a folder): links are made the published site's."""

    @property
    def organisation(self) -> str | None:
        return self.brand.organisation if self.brand else None

    @property
    def accent(self) -> str | None:
        return self.brand.accent if self.brand else None

    @property
    def footer(self) -> str:
        """What the foot of every page says beside the page number."""
        parts = [self.name, *([self.organisation] if self.organisation else []), *([self.url] if self.url else [])]
        return " · ".join(parts)

    def shown(self, path: Path) -> str:
        """A source file as messages name it, e.g. worksheets/goal-ladder.yml."""
        if self.project is not None and path.is_relative_to(self.project):
            return path.relative_to(self.project).as_posix()
        return path.as_posix()


@dataclass(frozen=True)
class PageHtml:
    """A page as the print step gets it: its content HTML as Markdown made it, with a placeholder
    where each worksheet goes (pages.worksheet_placeholder), before the web forms take their place."""

    src_path: str
    url: str
    """Its URL from the site's root, e.g. lessons/2-goals/, for links and images."""
    html: str


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
    borrowed: tuple[tuple[str, str], ...] = ()
    """What it prints from sources other than its own, as (source, HTML as it is in `html`): the
    lines of a lesson that lead into a worksheet, on the worksheet's part. Messages about that text
    name its own source."""


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
class Document:
    """A printable as the print step makes it: put together from pieces, in chapters."""

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
