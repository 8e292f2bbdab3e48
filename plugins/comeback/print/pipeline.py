"""Make a site's PDFs, rendering only what the cache lacks. Knows nothing of MkDocs: the plugin
hands it the documents and copies the results into the site.

1. Every part (worksheets, runs of lesson text, the support page) is taken from the cache or
   rendered, in parallel processes.
2. The workbook's front: its contents need the chapters' page numbers, known now.
3. Every document is assembled from its parts, and gets its header and footer (assembly.py).

Each step is cached by a hash of its inputs, so a build with nothing changed renders nothing, and a
changed worksheet re-renders its own part and re-assembles its PDF, its lesson's handout and the
workbook.

This is the PDF build's one error boundary: whatever fails in a step, in this process or in a worker
(which may also die), ends the build with one PdfBuildError that names the document, the part and
the file it came from.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .assembly import PartFile, PikepdfUnavailable, compose
from .book import PrintBook
from .cache import CacheKeys, DamagedPdf, Layout, PdfCache
from .documents import Document, Part
from .furniture import Furniture
from .glyphs import problem as glyph_problem
from .glyphs import unprintable, visible_text
from .weasy import RenderRequest, WeasyPrintUnavailable
from .workers import JobFailed, Renderer


class PdfBuildError(Exception):
    """A PDF could not be made; the message says which, from what, and why."""


def _reraise_missing_library(failure: JobFailed) -> None:
    """A missing WeasyPrint or pikepdf is the same for every job: it gets its own message."""
    if isinstance(failure.error, (WeasyPrintUnavailable, PikepdfUnavailable)):
        raise failure.error from None


@dataclass(frozen=True)
class BuiltPdf:
    path: str
    """Where it goes in the site, e.g. "pdf/worksheets/goal-ladder.pdf"."""
    title: str
    note: str
    file: Path
    """The PDF in the cache."""
    size: int
    pages: int


@dataclass
class BuildStats:
    rendered: list[str] = field(default_factory=list)
    """Site paths of the PDFs this build made (assembled from at least one part rendered now, or
    re-assembled because what goes around the parts changed)."""
    cached: list[str] = field(default_factory=list)
    """Site paths of the PDFs that came from the cache as they were."""
    parts: list[str] = field(default_factory=list)
    """Every part WeasyPrint rendered."""
    healed: list[str] = field(default_factory=list)
    """Damaged cache entries this build deleted and made again, as "<file>: <what was wrong>"."""
    warnings: list[str] = field(default_factory=list)
    """What WeasyPrint warned about, as "<part>: <message>"."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall-clock time of each step."""

    def __str__(self) -> str:
        return f"rendered {len(self.rendered)} PDFs, {len(self.cached)} from cache"


@dataclass(frozen=True)
class _Rendered:
    key: str
    file: Path
    layout: Layout


def _assemble(files: list[PartFile], furniture: Furniture, title: str) -> bytes:
    return compose(files, furniture, title=title)


def _check_glyphs(documents: Sequence[Document], book: PrintBook) -> None:
    """Every character the PDFs would print has a glyph in their fonts; else PdfBuildError naming,
    for each source, the characters it lacks: all at once, before anything is rendered."""
    parts = {piece.part.name: piece.part for document in documents for piece in document.pieces}
    texts = []
    for part in parts.values():
        own = part.html
        for source, html in part.borrowed:
            own = own.replace(html, "", 1)
            texts.append((source, visible_text(html)))
        texts.append((part.source, visible_text(own)))
    texts.append(("mkdocs.yml", book.site.footer))  # site_name, the brand's organisation, site_url
    texts += [("mkdocs.yml", document.title) for document in documents]  # made from site_name
    found: dict[str, set[str]] = {}
    for source, text in texts:
        found.setdefault(source, set()).update(unprintable(text))
    problems = [glyph_problem(source, sorted(characters)) for source, characters in found.items() if characters]
    if problems:
        raise PdfBuildError("\n".join(sorted(problems)))


class PdfBuilder:
    def __init__(self, cache: PdfCache, book: PrintBook, renderer: Renderer) -> None:
        self.cache = cache
        self.book = book
        self._renderer = renderer

    def build(self, documents: Sequence[Document]) -> tuple[dict[str, BuiltPdf], BuildStats]:
        """Every document, in the cache, by site path. Raises render.WeasyPrintUnavailable when
        something must be rendered and WeasyPrint cannot be loaded, and PdfBuildError for anything
        else that goes wrong."""
        self._keys = CacheKeys()
        self._stats = BuildStats()
        self._documents = documents
        _check_glyphs(documents, self.book)
        built: dict[str, BuiltPdf] = {}
        clock = time.perf_counter()
        with self._renderer:
            parts = {piece.part.name: piece.part for document in documents for piece in document.pieces}
            rendered = self._render(parts.values())
            clock = self._lap("parts", clock)
            fronts = {document.path: self._front(document, rendered) for document in documents if document.cover}
            clock = self._lap("front", clock)
            assemblies: list[tuple[Document, str, int, tuple[Any, ...]]] = []
            for document in documents:
                key, pages, recipe = self._assembly(document, rendered, fronts.get(document.path))
                cached = self.cache.get_pdf(key, pages)
                (self._stats.cached if cached else self._stats.rendered).append(document.path)
                if cached:
                    built[document.path] = self._built(document, cached, pages)
                else:
                    assemblies.append((document, key, pages, recipe))
            try:
                for index, pdf in self._renderer.run(_assemble, [recipe for *_, recipe in assemblies]):
                    document, key, pages, _ = assemblies[index]
                    built[document.path] = self._built(document, self._put(document, key, pdf, pages), pages)
            except JobFailed as failure:
                _reraise_missing_library(failure)
                document = assemblies[failure.index][0]
                raise PdfBuildError(
                    f"could not put {document.path} together from its parts: {failure.reason}"
                ) from None
        self._lap("assembly", clock)
        self._stats.healed = list(self.cache.healed)
        try:
            self.cache.finish()
        except OSError as error:
            raise PdfBuildError(f"could not write the cache in {self.cache.directory}: {error}") from None
        return {document.path: built[document.path] for document in documents}, self._stats

    # --- steps -------------------------------------------------------------------------------

    def _render(self, parts: Iterable[Part]) -> dict[str, _Rendered]:
        """Each part from the cache or rendered now, by name."""
        result: dict[str, _Rendered] = {}
        missing: dict[str, list[Part]] = {}
        for part in parts:
            key = self._keys.key(part.html, part.files, fillable=part.fillable)
            cached = self.cache.get_part(key)
            if cached is not None:
                result[part.name] = _Rendered(key, *cached)
            else:
                missing.setdefault(key, []).append(part)
        stylesheets = tuple(str(path) for path in self.book.stylesheets)
        keys = list(missing)
        requests = [RenderRequest(key, missing[key][0].html, stylesheets, missing[key][0].fillable) for key in keys]
        try:
            for index, done in self._renderer.render(requests):
                part = missing[keys[index]][0]
                layout = Layout(done.pages, done.anchors)
                file = self._put_part(part, done.key, done.pdf, layout)
                for same in missing[done.key]:
                    result[same.name] = _Rendered(done.key, file, layout)
                    self._stats.parts.append(same.name)
                    self._stats.warnings.extend(f"{same.name}: {message}" for message in done.messages)
        except JobFailed as failure:
            _reraise_missing_library(failure)
            raise PdfBuildError(self._part_failed(missing[keys[failure.index]][0], failure.reason)) from None
        return result

    def _front(self, document: Document, rendered: dict[str, _Rendered]) -> tuple[Part, _Rendered]:
        """The cover and contents. Its own length moves every page number after it, so it is
        guessed (a cover and one page of contents) and checked; a wrong guess costs a round."""
        pages = 2
        for _ in range(3):
            numbers: dict[str, int] = {}
            page = pages + 1
            for chapter in document.chapters:
                for piece in chapter.pieces:
                    part = rendered[piece.part.name]
                    for anchor, offset in part.layout.anchors.items():
                        numbers.setdefault(anchor, page + offset)
                    page += part.layout.pages
            front = self.book.front(document, numbers)
            done = self._render([front])[front.name]
            if done.layout.pages == pages:
                return front, done
            pages = done.layout.pages
        raise PdfBuildError(f"{document.path}: its contents did not settle on a number of pages")

    def _assembly(
        self, document: Document, rendered: dict[str, _Rendered], front: tuple[Part, _Rendered] | None
    ) -> tuple[str, int, tuple[Any, ...]]:
        """The cache key of the document, its number of pages and the arguments of compose()."""
        several = len(document.pieces) > 1
        files: list[PartFile] = []
        titles: list[str | None] = []
        keys: list[str] = []
        if front is not None:
            part, done = front
            files.append(PartFile(done.file, placeholders=part.placeholders))
            titles += self.book.front_titles(done.layout.pages)
            keys.append(done.key)
        for piece in document.pieces:
            done = rendered[piece.part.name]
            files.append(PartFile(done.file, piece.worksheet if several else None, piece.part.placeholders))
            titles += [piece.running_title] * done.layout.pages
            keys.append(done.key)
        furniture = Furniture(titles, self.book.site.footer, self.book.form_font, self.book.page_numbers)
        recipe = {
            "base": self._keys.base,
            "font": self._keys.file_digest(self.book.form_font),
            "parts": [[key, file.field_group, list(file.placeholders)] for key, file in zip(keys, files, strict=True)],
            "furniture": [list(furniture.titles), furniture.footer, furniture.numbers],
            "title": document.title,
        }
        key = hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:32]
        return key, len(titles), (files, furniture, document.title)

    # --- the cache and what goes wrong -----------------------------------------------------------

    def _put_part(self, part: Part, key: str, pdf: bytes, layout: Layout) -> Path:
        try:
            return self.cache.put_part(key, pdf, layout)
        except (DamagedPdf, OSError) as error:
            raise PdfBuildError(self._part_failed(part, str(error))) from None

    def _put(self, document: Document, key: str, pdf: bytes, pages: int) -> Path:
        try:
            return self.cache.put_pdf(key, pdf, pages)
        except (DamagedPdf, OSError) as error:
            raise PdfBuildError(f"could not make {document.path}: {error}") from None

    def _part_failed(self, part: Part, reason: str) -> str:
        needed_by = [
            document.path for document in self._documents if any(p.part.name == part.name for p in document.pieces)
        ]
        for_what = (
            " and ".join(needed_by) if len(needed_by) < 3 else f"{needed_by[0]} and {len(needed_by) - 1} more PDFs"
        )
        what = f"its part {part.name} (from {part.source})"
        return f"could not make {for_what or 'the workbook'}: rendering {what} failed: {reason}"

    def _built(self, document: Document, file: Path, pages: int) -> BuiltPdf:
        return BuiltPdf(document.path, document.title, document.note, file, file.stat().st_size, pages)

    def _lap(self, step: str, start: float) -> float:
        now = time.perf_counter()
        self._stats.seconds[step] = now - start
        return now
