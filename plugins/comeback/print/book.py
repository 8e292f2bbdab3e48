"""Print HTML for every part WeasyPrint renders, and the printables made of them.

Built from our own templates and the pages' content HTML (never Material's screen HTML, which
WeasyPrint renders as blank pages). Every part is a complete, self-contained document: it names
its stylesheet, fonts and images by file URL, and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from comeback.core.course.plans import Plan, Session
from comeback.core.ids import help_anchor, worksheet_anchor
from comeback.core.worksheets.model import Worksheet, print_rows
from comeback.pages.forms import render_block, render_inline, template_environment
from comeback.pages.help import render_help

from .documents import (
    GUIDE_PDF,
    Chapter,
    Cover,
    Page,
    Paper,
    Part,
    Piece,
    Printable,
    Site,
    handout_pdf,
    pack_pdf,
    page_slug,
    workbook_pdf,
    worksheet_pdf,
)
from .fonts import ASSETS_DIR, TEXT_FONTS
from .form_fields import MATRIX_OPTION, MATRIX_TOTAL, MATRIX_WEIGHT, TRACKER_NAME, field_name
from .furniture import MARGIN_BOTTOM, MARGIN_SIDE, MARGIN_TOP
from .page_content import missing_targets, print_content

TEMPLATES_DIR = Path(__file__).parent / "templates"
FACILITATOR_ONLY = frozenset({"facilitator"})
"""Classes of what only facilitators see (a `/// facilitator` block): left out of learners' print."""
STYLESHEET = ASSETS_DIR / "print.css"
PAPER_SIZES: dict[Paper, str] = {"a4": "A4", "letter": "letter"}
CONTENTS_TITLE = "Contents"
_WORKSHEET_MARK = re.compile("\x00worksheet:([^\x00]+)\x00")


class PrintBook:
    """Makes the print documents of one site.

    `site_files` maps the site-relative URL of every file of the site to its path (to find images).
    """

    def __init__(
        self,
        site: Site,
        worksheets: Mapping[str, Worksheet],
        *,
        paper: Paper,
        form_font: tuple[Path, Path],
        site_files: Mapping[str, Path],
        placed_on: Mapping[str, Page],
        worksheet_sources: Mapping[str, str],
    ) -> None:
        """`form_font` is the form-field font and its stylesheet (fonts.form_font); `placed_on`
        tells which page places each worksheet, and `worksheet_sources` which file it is from."""
        self.site = site
        self.worksheets = worksheets
        self.paper = paper
        self.form_font, form_font_css = form_font
        self.stylesheets = (STYLESHEET, form_font_css)
        """Every part's stylesheets, handed to WeasyPrint beside the HTML."""
        self.site_files = site_files
        self.missing_images: list[tuple[str, str]] = []
        """(page src_uri, image src) of images that could not go into print."""
        self._placed_on = placed_on
        self.worksheet_sources = worksheet_sources
        self._worksheet_parts: dict[str, Part] = {}
        self._shared_ids = frozenset(worksheet_anchor(worksheet_id) for worksheet_id in worksheets)

    # --- the printables ----------------------------------------------------------------------

    def worksheet_pdf(self, worksheet_id: str) -> Printable:
        worksheet = self.worksheets[worksheet_id]
        chapter = Chapter(
            worksheet.title, worksheet_anchor(worksheet_id), (self._worksheet_piece(worksheet_id, worksheet.title),)
        )
        placed_on = self._placed_on.get(worksheet_id)
        note = f"fillable, for {placed_on.heading}" if placed_on else "fillable"
        return Printable(worksheet_pdf(worksheet_id), worksheet.title, note, (chapter,))

    def handout(self, page: Page, chapter: Chapter) -> Printable:
        count = len(chapter.worksheets)
        note = f"with its {count} worksheets" if count > 1 else "with its worksheet" if count else ""
        return Printable(handout_pdf(page.src_uri), page.heading, note, (chapter,))

    def workbook(self, chapters: Sequence[Chapter]) -> Printable:
        note = "every lesson and worksheet, with a contents page and where to find support"
        cover = Cover(
            "Workbook",
            self.site.name,
            "Read a lesson, then fill in its worksheets, with a pen or on screen."
            " Keep what you write: it becomes your plan.",
        )
        return Printable(workbook_pdf(self.site.name), self.workbook_title, note, (*chapters, self._support()), cover)

    def guide(self, chapters: Sequence[Chapter]) -> Printable:
        """The facilitator guide: every page of it (plans, notes, safety, materials)."""
        note = "every session plan, every lesson's notes, running it safely and the materials"
        cover = Cover(
            "Facilitator guide",
            self.site.name,
            "How to run the course: three formats, timed plans, notes and materials.",
        )
        return Printable(GUIDE_PDF, f"{self.site.name} facilitator guide", note, (*chapters, self._support()), cover)

    def pack(self, plan: Plan, session: Session, chapters: Sequence[Chapter]) -> Printable:
        """A session's handout pack: its lessons, worksheets and materials in order, to print for a group."""
        title = f"{plan.title}: {session.title}"
        worksheets = sum(len(chapter.worksheets) for chapter in chapters)
        counts = [_count(len(session.lessons), "lesson"), _count(worksheets, "worksheet")]
        counts += [_count(len(session.materials), "material")] if session.materials else []
        note = f"for a {session.minutes}-minute session: {', '.join(counts)}"
        cover = Cover(
            "Handout pack",
            title,
            "The lessons, worksheets and materials of one session, in order, to print for the group.",
        )
        return Printable(
            pack_pdf(plan.id, session.id), f"{title} (handout pack)", note, (*chapters, self._support()), cover
        )

    @property
    def workbook_title(self) -> str:
        return f"{self.site.name} workbook"

    # --- chapters ----------------------------------------------------------------------------

    def chapter(self, page: Page) -> Chapter:
        """A lesson: its text in parts between the worksheets it places, without facilitator notes. A
        page of the facilitator guide: its text, notes and all. Another page: just the worksheets it
        places."""
        slug = page_slug(page.src_uri)
        anchor, prefix = f"ch-{slug}", f"ch-{slug}--"
        pieces: list[Piece] = []
        placed: list[str] = []

        def mark(worksheet_id: str) -> str:
            return f"\x00worksheet:{worksheet_id}\x00" if worksheet_id in self.worksheets else ""

        printed = print_content(
            page.content,
            page_url=page.url,
            worksheet_html=mark,
            site_files=self.site_files,
            site_url=self.site.url,
            id_prefix=prefix,
            shared_ids=self._shared_ids,
            drop_classes=frozenset() if page.is_guide else FACILITATOR_ONLY,
        )
        self.missing_images.extend((page.src_uri, src) for src in printed.missing)
        runs = _WORKSHEET_MARK.split(printed.html)
        for index, run in enumerate(runs):
            if index % 2:
                placed.append(run)
                pieces.append(self._worksheet_piece(run, page.heading))
            elif (page.is_lesson or page.is_guide) and (index == 0 or run.strip()):
                html = self._lesson_intro(page, run) if index == 0 and page.is_lesson else Markup(run)
                pieces.append(
                    Piece(
                        self._text_part(
                            f"{slug}/{index // 2}", page, html, anchor if index == 0 else None, printed.files
                        ),
                        page.heading,
                    )
                )
        worksheets = tuple(
            (worksheet_anchor(worksheet_id), self.worksheets[worksheet_id].title) for worksheet_id in placed
        )
        if not (page.is_lesson or page.is_guide) and placed:
            anchor = worksheet_anchor(placed[0])
        return Chapter(page.heading, anchor, tuple(pieces), worksheets)

    def unplaced_chapter(self, worksheet_ids: Sequence[str]) -> Chapter:
        """The worksheets no page places (the worksheets plugin warns about them): still printed."""
        return self.worksheets_chapter("More worksheets", worksheet_ids)

    def worksheets_chapter(self, title: str, worksheet_ids: Sequence[str]) -> Chapter:
        """A chapter of just worksheets."""
        pieces = tuple(self._worksheet_piece(worksheet_id, title) for worksheet_id in worksheet_ids)
        worksheets = tuple(
            (worksheet_anchor(worksheet_id), self.worksheets[worksheet_id].title) for worksheet_id in worksheet_ids
        )
        return Chapter(title, worksheets[0][0], pieces, worksheets)

    def _support(self) -> Chapter:
        title = "Who you can contact"
        content = Markup(self._env.get_template("support.html.j2").render(site=self.site, help=self._help()))
        html = self._document(
            "chapter.html.j2", title=f"{title} – {self.site.name}", anchor="ch-support", content=content
        )
        part = Part("support", "extra.support in mkdocs.yml", html, self._files)
        return Chapter(title, "ch-support", (Piece(part, title),))

    def _help(self, *, level: int | None = None, anchor: str = "") -> Markup:
        """Independent help, and the organisation's contacts, as print shows them."""
        return render_help(self.site.support, support_url=self.site.support_url, level=level, anchor=anchor)

    # --- parts -------------------------------------------------------------------------------

    def _worksheet_piece(self, worksheet_id: str, running_title: str) -> Piece:
        """The worksheet's one part (fillable), the same wherever it goes."""
        part = self._worksheet_parts.get(worksheet_id)
        if part is None:
            worksheet = self.worksheets[worksheet_id]
            placed_on = self._placed_on.get(worksheet_id)
            body = self._env.get_template("worksheet.html.j2").render(
                ws=worksheet,
                level=1,
                anchor=worksheet_anchor(worksheet_id),
                context=placed_on and placed_on.heading,
                help=self._help(level=2, anchor=help_anchor(worksheet_id)) if worksheet.support else None,
            )
            html = self._document(
                "worksheet-document.html.j2",
                title=f"{worksheet.title} (worksheet) – {self.site.name}",
                worksheet=Markup(body),
            )
            part = self._worksheet_parts[worksheet_id] = Part(
                f"worksheets/{worksheet_id}",
                self.worksheet_sources.get(worksheet_id, worksheet_id),
                html,
                self._files,
                fillable=True,
            )
        return Piece(part, running_title, worksheet_id)

    def _text_part(self, name: str, page: Page, content: Markup, anchor: str | None, files: Sequence[Path]) -> Part:
        html = self._document(
            "chapter.html.j2", title=f"{page.heading} – {self.site.name}", anchor=anchor, content=content
        )
        placeholders = tuple(missing_targets(content))
        if placeholders:  # empty targets, so WeasyPrint keeps the links (see Part.placeholders)
            html = html.replace(
                "</article>", "".join(f'<span id="{target}"></span>' for target in placeholders) + "</article>", 1
            )
        return Part(f"lessons/{name}", page.source, html, (*self._files, *files), placeholders=placeholders)

    def _lesson_intro(self, page: Page, html: str) -> Markup:
        """The lesson's text with its front matter (number, duration, objectives) under its title."""
        intro = self._env.get_template("lesson-intro.html.j2").render(lesson=page)
        head, h1_end, rest = html.partition("</h1>")
        return Markup(head + h1_end + intro + rest if h1_end else f"<h1>{Markup.escape(page.title)}</h1>{intro}{html}")

    def front(self, printable: Printable, numbers: Mapping[str, int]) -> Part:
        """A printable's cover and contents, `numbers` giving the page of every anchor listed."""
        assert printable.cover is not None
        chapters = printable.chapters
        anchors = [anchor for chapter in chapters for anchor in (chapter.anchor, *(a for a, _ in chapter.worksheets))]
        placeholders = tuple(dict.fromkeys(anchors))
        html = self._document(
            "front.html.j2",
            title=printable.title,
            cover=printable.cover,
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
        return [None] + [CONTENTS_TITLE] * (pages - 1)

    # --- templates ---------------------------------------------------------------------------

    @property
    def _files(self) -> tuple[Path, ...]:
        logo = (self.site.logo,) if self.site.logo else ()
        return (*self.stylesheets, *TEXT_FONTS, self.form_font, *logo)

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
        env.filters.update(
            md=cache(render_inline),  # the same labels come up again and again
            md_block=cache(render_block),
            plain=lambda html: Markup(html).striptags(),
        )
        env.globals.update(
            print_rows=print_rows,
            field_name=field_name,
            MATRIX_OPTION=MATRIX_OPTION,
            MATRIX_TOTAL=MATRIX_TOTAL,
            MATRIX_WEIGHT=MATRIX_WEIGHT,
            TRACKER_NAME=TRACKER_NAME,
        )
        return env


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
