"""Print HTML for every part WeasyPrint renders, and the documents made of them: the print step's
reading of the core's catalogue of printables.

Built from our own templates and the pages' content HTML (never Material's screen HTML, which
WeasyPrint renders as blank pages). Every part is a complete, self-contained document: it names
its stylesheet, fonts and images by file URL, and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from comeback.core.course.model import Course
from comeback.core.course.printables import (
    Content,
    PageContent,
    Printable,
    SupportContent,
    WorksheetsContent,
    page_slug,
)
from comeback.core.ids import worksheet_anchor
from comeback.core.worksheets.model import print_rows
from comeback.pages.forms import html_messages, template_environment
from comeback.pages.help import host, render_help

from .cover import COVER_ACCENT, cover_mark
from .documents import Chapter, Document, PageHtml, Paper, Part, Piece, Site
from .fonts import ASSETS_DIR, TEXT_FONTS
from .form_fields import MATRIX_OPTION, MATRIX_TOTAL, MATRIX_WEIGHT, TRACKER_NAME, field_name
from .furniture import MARGIN_BOTTOM, MARGIN_SIDE, MARGIN_TOP
from .keep import keep_last_section
from .lead_in import split_lead_in
from .page_content import missing_targets, print_content

TEMPLATES_DIR = Path(__file__).parent / "templates"
FACILITATOR_ONLY = frozenset({"facilitator"})
"""Classes of what only facilitators see (a `/// facilitator` block): left out of learners' print."""
SCREEN_ONLY = frozenset({"screen-only"})
"""The class of what only makes sense on screen ("Your answers are saved on this device"), which
an author gives a paragraph with `{ .screen-only }`: left out of every print."""
STYLESHEET = ASSETS_DIR / "print.css"
PAPER_SIZES: dict[Paper, str] = {"a4": "A4", "letter": "letter"}
_WORKSHEET_MARK = re.compile("\x00worksheet:([^\x00]+)\x00")


@dataclass(frozen=True)
class _LeadIn:
    """The lines of a lesson that introduce a worksheet (lead_in.py), printed above it."""

    slug: str
    """The lesson's."""
    source: str
    """The lesson's file, as messages name it."""
    html: Markup
    files: tuple[Path, ...]
    """The images of its page, which the part depends on."""


class PrintBook:
    """Makes the print documents of one site from the core's catalogue.

    `pages` holds the content HTML of every page that goes into print, by its path in the docs
    folder; `site_files` maps the site-relative URL of every file of the site to its path (to find
    images); `form_font` is the form-field font and its stylesheet (fonts.form_font).
    """

    def __init__(
        self,
        site: Site,
        course: Course,
        *,
        paper: Paper,
        form_font: tuple[Path, Path],
        site_files: Mapping[str, Path],
        pages: Mapping[str, PageHtml],
    ) -> None:
        self.site = site
        self.course = course
        self.paper = paper
        self.form_font, form_font_css = form_font
        self.stylesheets = (STYLESHEET, form_font_css)
        """Every part's stylesheets, handed to WeasyPrint beside the HTML."""
        self.site_files = site_files
        self.pages = pages
        self.missing_images: list[tuple[str, str]] = []
        """(page path, image src) of images that could not go into print."""
        self._worksheet_parts: dict[str, Part] = {}
        self._chapters: dict[str, Chapter] = {}
        self._shared_ids = frozenset(worksheet_anchor(worksheet_id) for worksheet_id in course.worksheets)

    def document(self, printable: Printable) -> Document:
        """A printable of the catalogue, as the parts to render and put together."""
        chapters = tuple(self._chapter(content) for content in printable.contents)
        if printable.help_line:
            *before, last = chapters
            *pieces, end = last.pieces
            chapters = (*before, replace(last, pieces=(*pieces, self._with_help_line(end))))
        return Document(printable.path, printable.title, printable.note, chapters, printable.cover)

    def _with_help_line(self, piece: Piece) -> Piece:
        """The piece with independent help in a few lines at its end: the end of the document."""
        part = piece.part
        line = self._env.get_template("help-line.html.j2").render(
            support=self.course.support, support_url=self.site.support_url
        )
        html = part.html.replace("</body>", f"{line}</body>", 1)
        return replace(piece, part=replace(part, name=f"{part.name}+help", html=html))

    def _chapter(self, content: Content) -> Chapter:
        match content:
            case PageContent(src_path):
                if src_path not in self._chapters:
                    self._chapters[src_path] = self.chapter(self.pages[src_path])
                return self._chapters[src_path]
            case WorksheetsContent(title, worksheets):
                return self.worksheets_chapter(title, worksheets)
            case SupportContent():
                return self._support()
        raise TypeError(content)

    # --- chapters ----------------------------------------------------------------------------

    def chapter(self, page: PageHtml) -> Chapter:
        """A lesson: its text in parts between the worksheets it places, without facilitator notes. A
        page of the facilitator guide: its text, notes and all. Another page: just the worksheets it
        places."""
        course = self.course
        lesson = course.lesson_at(page.src_path)
        is_guide = course.is_guide(page.src_path)
        heading = self._heading(page.src_path)
        slug = page_slug(page.src_path)
        anchor, prefix = f"ch-{slug}", f"ch-{slug}--"
        pieces: list[Piece] = []

        def mark(worksheet_id: str) -> str:
            return f"\x00worksheet:{worksheet_id}\x00" if worksheet_id in course.worksheets else ""

        printed = print_content(
            page.html,
            page_url=page.url,
            worksheet_html=mark,
            site_files=self.site_files,
            site_url=(self.site.edition_url or self.site.url) if is_guide else self.site.url,
            html_urls=self.site.html_urls,
            id_prefix=prefix,
            shared_ids=self._shared_ids,
            drop_classes=SCREEN_ONLY if is_guide else SCREEN_ONLY | FACILITATOR_ONLY,
        )
        self.missing_images.extend((page.src_path, src) for src in printed.missing)
        runs = _WORKSHEET_MARK.split(printed.html)
        texts, placed = runs[0::2], runs[1::2]
        with_text = bool(lesson or is_guide)
        leads = [""] * len(placed)
        if with_text:
            # Each worksheet starts a page: the lines that introduce it go there with it.
            for index in range(len(placed)):
                texts[index], leads[index] = split_lead_in(texts[index])
        for index, text in enumerate(texts):
            if with_text and (index == 0 or text.strip()):
                kept = keep_last_section(text)
                html = self._lesson_intro(page.src_path, kept) if index == 0 and lesson else Markup(kept)
                part = self._text_part(
                    f"{slug}/{index}", page.src_path, html, anchor if index == 0 else None, printed.files
                )
                pieces.append(Piece(part, heading))
            if index < len(placed):
                pieces.append(
                    self._worksheet_piece(
                        placed[index], heading, self._lead_in(page.src_path, leads[index], printed.files)
                    )
                )
        worksheets = tuple(
            (worksheet_anchor(worksheet_id), course.worksheets[worksheet_id].title) for worksheet_id in placed
        )
        if not (lesson or is_guide) and placed:
            anchor = worksheet_anchor(placed[0])
        return Chapter(heading, anchor, tuple(pieces), worksheets)

    def _heading(self, src_path: str) -> str:
        """How print refers to a page, e.g. "Lesson 2: Set new goals"."""
        lesson = self.course.lesson_at(src_path)
        return lesson.heading if lesson else self.course.pages[src_path].title

    def worksheets_chapter(self, title: str, worksheet_ids: Sequence[str]) -> Chapter:
        """A chapter of just worksheets."""
        pieces = tuple(self._worksheet_piece(worksheet_id, title) for worksheet_id in worksheet_ids)
        worksheets = tuple(
            (worksheet_anchor(worksheet_id), self.course.worksheets[worksheet_id].title)
            for worksheet_id in worksheet_ids
        )
        return Chapter(title, worksheets[0][0], pieces, worksheets)

    def _support(self) -> Chapter:
        """Who to contact, from extra.support in mkdocs.yml."""
        title = self.course.t("print.support_title")
        help = self._help(level=2)
        content = Markup(self._env.get_template("support.html.j2").render(site=self.site, help=help))
        html = self._document(
            "chapter.html.j2", title=f"{title} – {self.site.name}", anchor="ch-support", content=content
        )
        part = Part("support", "extra.support in mkdocs.yml", html, self._files)
        return Chapter(title, "ch-support", (Piece(part, title),))

    def _help(self, *, level: int | None = None) -> Markup:
        """Independent help, and the organisation's contacts, in full, as print shows them (numbers
        as text: links to call or text them are for the web)."""
        return render_help(
            self.course.support, support_url=self.site.support_url, level=level, t=self.course.t, tappable=False
        )

    # --- parts -------------------------------------------------------------------------------

    def _worksheet_piece(self, worksheet_id: str, running_title: str, lead: _LeadIn | None = None) -> Piece:
        """The worksheet's part (fillable): the same wherever it goes, but for the lines of a
        lesson that introduce it, set above it there."""
        key = f"{lead.slug}/{worksheet_id}" if lead else worksheet_id
        part = self._worksheet_parts.get(key)
        if part is None:
            worksheet = self.course.worksheets[worksheet_id]
            body = self._env.get_template("worksheet.html.j2").render(
                ws=worksheet,
                level=1,
                anchor=worksheet_anchor(worksheet_id),
                context=self.course.heading_of(worksheet_id),
            )
            html = self._document(
                "worksheet-document.html.j2",
                title=f"{self.course.t('print.worksheet_title', title=worksheet.title)} – {self.site.name}",
                worksheet=Markup(body),
                lead=lead.html if lead else None,
            )
            placeholders = tuple(missing_targets(lead.html)) if lead else ()
            if placeholders:  # empty targets, so WeasyPrint keeps the links (see Part.placeholders)
                html = html.replace(
                    "</article>", "".join(f'<span id="{target}"></span>' for target in placeholders) + "</article>", 1
                )
            part = self._worksheet_parts[key] = Part(
                f"lessons/{lead.slug}/{worksheet_id}" if lead else f"worksheets/{worksheet_id}",
                self.site.shown(worksheet.source) if worksheet.source else worksheet_id,
                html,
                (*self._files, *(lead.files if lead else ())),
                fillable=True,
                placeholders=placeholders,
                borrowed=((lead.source, str(lead.html)),) if lead else (),
            )
        return Piece(part, running_title, worksheet_id)

    def _lead_in(self, src_path: str, html: str, files: list[Path]) -> _LeadIn | None:
        if not html:
            return None
        return _LeadIn(page_slug(src_path), self.course.pages[src_path].file, Markup(html), tuple(files))

    def _text_part(self, name: str, src_path: str, content: Markup, anchor: str | None, files: list[Path]) -> Part:
        html = self._document(
            "chapter.html.j2", title=f"{self._heading(src_path)} – {self.site.name}", anchor=anchor, content=content
        )
        placeholders = tuple(missing_targets(content))
        if placeholders:  # empty targets, so WeasyPrint keeps the links (see Part.placeholders)
            html = html.replace(
                "</article>", "".join(f'<span id="{target}"></span>' for target in placeholders) + "</article>", 1
            )
        source = self.course.pages[src_path].file
        return Part(f"lessons/{name}", source, html, (*self._files, *files), placeholders=placeholders)

    def _lesson_intro(self, src_path: str, html: str) -> Markup:
        """The lesson's text with its front matter (number, duration, objectives) under its title."""
        lesson = self.course.lesson_at(src_path)
        intro = self._env.get_template("lesson-intro.html.j2").render(lesson=lesson)
        head, h1_end, rest = html.partition("</h1>")
        title = lesson.title if lesson else self._heading(src_path)
        return Markup(head + h1_end + intro + rest if h1_end else f"<h1>{Markup.escape(title)}</h1>{intro}{html}")

    def front(self, printable: Document, numbers: Mapping[str, int]) -> Part:
        """A printable's cover and contents, `numbers` giving the page of every anchor listed."""
        assert printable.cover is not None
        chapters = printable.chapters
        anchors = [anchor for chapter in chapters for anchor in (chapter.anchor, *(a for a, _ in chapter.worksheets))]
        placeholders = tuple(dict.fromkeys(anchors))
        html = self._document(
            "front.html.j2",
            title=printable.title,
            cover=printable.cover,
            mark=self._mark,
            description=self.site.description,
            chapters=chapters,
            numbers=numbers,
            placeholders=placeholders,
        )
        return Part(
            f"front/{printable.path}",
            "the titles and page numbers of its chapters",
            html,
            self._files,
            placeholders=placeholders,
        )

    def front_titles(self, pages: int) -> list[str | None]:
        """Running titles of the front's pages: none on the cover, "Contents" after it."""
        return [None] + [self.course.t("print.contents")] * (pages - 1)

    @property
    def page_numbers(self) -> str:
        """How the foot of a page numbers it, e.g. "Page {page} of {pages}", in the course's language."""
        return self.course.t.texts["print.page_of"]

    # --- templates ---------------------------------------------------------------------------

    @property
    def _files(self) -> tuple[Path, ...]:
        images = tuple(path for path in (self.site.logo, self.site.mark) if path is not None)
        return (*self.stylesheets, *TEXT_FONTS, self.form_font, *images)

    @cached_property
    def _mark(self) -> str | None:
        """The site's mark for covers, as the address of its image: an icon drawn without a colour
        of its own (the theme's icons are) in the course's accent."""
        if self.site.mark is None or self.site.mark == self.site.logo:  # the organisation's logo shows already
            return None
        return cover_mark(self.site.mark, self.site.accent or COVER_ACCENT)

    def _document(self, template: str, *, title: str, **context: object) -> str:
        return self._env.get_template(template).render(
            site=self.site,
            kind=template.removesuffix(".html.j2"),
            title=title,
            description=context.pop("description", ""),
            paper=PAPER_SIZES[self.paper],
            margins=f"{MARGIN_TOP:.2f}pt {MARGIN_SIDE:.2f}pt {MARGIN_BOTTOM:.2f}pt",
            **context,
        )

    @cached_property
    def _env(self) -> Environment:
        env = template_environment(TEMPLATES_DIR)
        # One function each for every build: compiled templates are shared by their filters.
        env.filters.update(plain=_plain, host=host)
        env.globals.update(
            print_rows=print_rows,
            field_name=field_name,
            MATRIX_OPTION=MATRIX_OPTION,
            MATRIX_TOTAL=MATRIX_TOTAL,
            MATRIX_WEIGHT=MATRIX_WEIGHT,
            TRACKER_NAME=TRACKER_NAME,
            t=html_messages(self.course.t),
        )
        return env


def _plain(html: str) -> str:
    return Markup(html).striptags()
