"""The PDF step of a MkDocs build: the core's catalogue of printables registered as files of the site
(so links to them pass --strict), made by the print step once every page is rendered, and linked
from the pages with their sizes."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import cast
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from comeback.core.course.leaks import FacilitatorText
from comeback.core.course.model import Course, Edition
from comeback.core.course.printables import catalogue, handout_pdf, worksheet_pdf
from comeback.core.text import strings
from comeback.pages.links import Pdf, pdf_links
from comeback.pages.transform import fill_slots
from comeback.print.assembly import PikepdfUnavailable
from comeback.print.book import PrintBook
from comeback.print.cache import PdfCache
from comeback.print.documents import PageHtml, Paper, Site
from comeback.print.fonts import form_font
from comeback.print.glyphs import blocks_of
from comeback.print.page_content import directory_url
from comeback.print.pipeline import BuildStats, BuiltPdf, PdfBuilder, PdfBuildError
from comeback.print.weasy import RenderRequest, RenderResult, WeasyPrintUnavailable, render_pdf
from comeback.print.workers import Renderer, available_cores

from .links import project_dir
from .notices import notices
from .options import PdfOptions

log = get_plugin_logger("comeback/pdf")


class PdfStep:
    """One build's PDFs."""

    render_part: Callable[[RenderRequest], RenderResult] = staticmethod(render_pdf)
    """What renders one part in a worker process (a module-level function, so a spawned process can
    import it): WeasyPrint, unless a test puts a failing one in its place."""

    def __init__(
        self, options: PdfOptions, course: Course, *, edition: Edition, config: MkDocsConfig, public_url: str | None
    ) -> None:
        self.options = options
        self.course = course
        self.public_url = public_url
        self.printables = catalogue(course, site_name=config.site_name, edition=edition)
        self.stats = BuildStats()
        """What the build rendered and took from the cache."""
        self.pdfs: dict[str, BuiltPdf] = {}
        """Every PDF of the build by site path."""
        self._files: dict[str, File] = {}
        self._renderer = Renderer(options.workers or available_cores(), render=type(self).render_part)
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        """With `cache: false`: where this build's PDFs wait until the site is written."""
        self._cache_dir = project_dir(config) / options.cache_dir

    # --- files --------------------------------------------------------------------------------

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        for printable in self.printables:
            if files.get_file_from_path(printable.path) is not None:
                raise PluginError(
                    f"comeback/pdf: {printable.path} in the docs is in the way of a PDF this build makes; rename it"
                )
            # Points at the cache until the PDFs are made and it is known which cached PDF it is.
            self._files[printable.path] = File.generated(
                config, printable.path, abs_src_path=str(self._cache_dir / "pending.pdf")
            )
            files.append(self._files[printable.path])

    # --- making them --------------------------------------------------------------------------

    def make(self, pages: dict[str, PageHtml], files: Files, config: MkDocsConfig) -> None:
        """Every PDF of the catalogue, from the cache or rendered now; each File then points at its PDF."""
        if self.options.cache:
            cache_dir = self._cache_dir
        else:
            self._scratch = tempfile.TemporaryDirectory(prefix="comeback-pdf-")
            cache_dir = Path(self._scratch.name)
        cache = PdfCache(cache_dir, build=_build_id(config))
        site = self.site(files, config)
        # Form fields take what the learner types, in the scripts the course is written in; the
        # running heads and footers are drawn in the same font.
        written = [site.footer, *self.course.t.texts.values(), *(page.html for page in pages.values())]
        written += [text for worksheet in self.course.worksheets.values() for text in strings(worksheet.model_dump())]
        try:
            font = form_font(cache_dir / "fonts", blocks_of("".join(written)))
        except OSError as error:
            raise PluginError(
                f"comeback/pdf: cannot keep the PDF cache in {cache_dir}: {error.strerror or error}"
                f" ({error.filename}); remove what is in the way, or set cache_dir under comeback/pdf in mkdocs.yml"
            ) from None
        for path in font:
            cache.keep(path)
        book = PrintBook(
            site,
            self.course,
            paper=cast(Paper, self.options.paper),
            form_font=font,
            site_files={
                file.dest_uri: Path(file.abs_src_path)
                for file in files
                if file.abs_src_path and not file.is_documentation_page() and file.dest_uri not in self._files
            },
            pages=pages,
        )
        documents = [book.document(printable) for printable in self.printables]
        for src_path, src in book.missing_images:
            log.warning(f"{src_path}: image '{src}' is not a file of the site, so the PDFs show its alt text instead")
        builder = PdfBuilder(cache, book, self._renderer)
        try:
            self.pdfs, self.stats = builder.build(documents)
        except (WeasyPrintUnavailable, PikepdfUnavailable, PdfBuildError) as error:
            raise PluginError(f"comeback/pdf: {error}") from None
        for site_path, pdf in self.pdfs.items():
            self._files[site_path].abs_src_path = str(pdf.file)
        for damaged in self.stats.healed:
            notices.warning(f"comeback/pdf: a damaged cache entry was deleted and made again: {damaged}")
        for warning in self.stats.warnings:
            log.warning(f"WeasyPrint: {warning}")
        log.info(str(self.stats))
        if self.stats.rendered:
            log.debug(f"made: {', '.join(self.stats.rendered)}")
        log.debug(", ".join(f"{step} {seconds:.2f}s" for step, seconds in self.stats.seconds.items()))
        self.parts_html = [part.html for document in documents for part in {p.part for p in document.pieces}]
        """The print HTML of every part, for the check that no facilitator material goes into a
        learner's PDF (the text of a PDF is its parts' text, and the running titles')."""

    def check(self, facilitator: FacilitatorText) -> list[str]:
        """Where facilitator material is in the PDFs (the learner edition has none)."""
        return sorted({where for html in self.parts_html for where in facilitator.found_in(html)})

    def site(self, files: Files, config: MkDocsConfig) -> Site:
        brand = self.course.brand
        logo = files.get_file_from_path(brand.logo) if brand and brand.logo else None
        support = files.get_file_from_path(self.course.support.page)
        url = self.public_url  # the same in every build of a run (BuildState.pdf_url)
        support_url = urljoin(url, directory_url(support.url)) if support is not None and url else None
        return Site(
            name=config.site_name,
            author=config.site_author or config.site_name,
            language=config.theme.get("language") or "en",
            description=config.site_description or "",
            url=url,
            edition_url=config.site_url or None,
            html_urls=not config.use_directory_urls,
            copyright=config.copyright or "",
            support_url=support_url,
            brand=brand,
            logo=Path(logo.abs_src_path) if logo is not None and logo.abs_src_path else None,
            mark=theme_mark(files, config),
            project=project_dir(config),
        )

    # --- links --------------------------------------------------------------------------------

    def fill_links(self, page: Page) -> None:
        """The page's PDF slots, filled: a link after each worksheet, a lesson's handout, the lists."""
        if page.content is None:
            return
        src_path = page.file.src_uri
        pdfs = {path: Pdf(path, built.title, built.note, built.size) for path, built in self.pdfs.items()}
        lists: dict[str, list[str]] = {}
        for printable in self.printables:
            lists.setdefault(printable.listed_in, []).append(printable.path)
        worksheets = [
            (f"pdf-link:{worksheet}", worksheet_pdf(worksheet))
            for worksheet, placed_on in self.course.placements.items()
            if placed_on == src_path
        ]
        handout = handout_pdf(src_path) if self.course.is_lesson(src_path) else None
        values = pdf_links(
            pdfs,
            lambda path: get_relative_url(path, page.url),
            worksheets=worksheets,
            handout=handout,
            lists=lists,
            t=self.course.t,
        )
        page.content = fill_slots(page.content, values)

    # --- the end ------------------------------------------------------------------------------

    def close(self) -> None:
        self._renderer.close()
        if self._scratch is not None:  # the site has its copies of the PDFs by now
            self._scratch.cleanup()
            self._scratch = None


def _build_id(config: MkDocsConfig) -> str:
    """Which build this is, for the cache's manifests: its config file and where it writes."""
    where = f"{Path(config.config_file_path).resolve()}\0{Path(config.site_dir).resolve()}"
    return hashlib.sha256(where.encode()).hexdigest()[:16]


def theme_mark(files: Files, config: MkDocsConfig) -> Path | None:
    """The theme's logo as a file, for covers: an image of the site (theme.logo), or one of the
    theme's icons (theme.icon.logo, e.g. material/sprout), found where Material finds it: in a
    .icons folder of the theme's folders, the custom one first."""
    logo = config.theme.get("logo")
    if logo:
        file = files.get_file_from_path(logo)
        return Path(file.abs_src_path) if file is not None and file.abs_src_path else None
    icon = (config.theme.get("icon") or {}).get("logo")
    found = (Path(folder) / ".icons" / f"{icon}.svg" for folder in config.theme.dirs) if icon else ()
    return next((path for path in found if path.is_file()), None)
