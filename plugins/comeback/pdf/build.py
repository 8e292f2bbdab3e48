"""Make a site's PDFs, rendering only what the cache lacks. Knows nothing of MkDocs: the plugin
hands it the printables and copies the results into the site.

1. Every part (worksheets, runs of lesson text, the support page) is taken from the cache or
   rendered, in parallel processes.
2. The workbook's front: its contents need the chapters' page numbers, known now.
3. Every printable is assembled from its parts, and gets its header and footer (compose.py).

Each step is cached by a hash of its inputs, so a build with nothing changed renders nothing, and a
changed worksheet re-renders its own part and re-assembles its PDF, its lesson's handout and the
workbook.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import CacheKeys, PdfCache
from .compose import PartFile, compose
from .documents import Part, Printable
from .furniture import Furniture
from .printhtml import PrintBook
from .render import Renderer, RenderRequest

_ASSEMBLY_CODE = tuple(Path(__file__).with_name(name) for name in ("compose.py", "furniture.py"))


@dataclass(frozen=True)
class BuiltPdf:
    path: str
    """Where it goes in the site, e.g. "pdf/worksheets/goal-ladder.pdf"."""
    title: str
    note: str
    file: Path
    """The PDF in the cache."""
    size: int


@dataclass
class BuildStats:
    rendered: list[str] = field(default_factory=list)
    """Site paths of the PDFs this build made (assembled from at least one part rendered now, or
    re-assembled because what goes around the parts changed)."""
    cached: list[str] = field(default_factory=list)
    """Site paths of the PDFs that came from the cache as they were."""
    parts: list[str] = field(default_factory=list)
    """Every part WeasyPrint rendered."""
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
    pages: int
    anchors: dict[str, int]


def _assemble(files: list[PartFile], furniture: Furniture, title: str) -> bytes:
    return compose(files, furniture, title=title)


class PdfBuilder:
    def __init__(self, cache: PdfCache, book: PrintBook, renderer: Renderer) -> None:
        self.cache = cache
        self.book = book
        self._renderer = renderer

    def build(self, printables: Sequence[Printable]) -> tuple[dict[str, BuiltPdf], BuildStats]:
        """Every printable, in the cache, by site path. Raises render.WeasyPrintUnavailable when
        something must be rendered and WeasyPrint cannot be loaded."""
        self._keys = CacheKeys()
        self._used: set[str] = set()
        self._stats = BuildStats()
        built: dict[str, BuiltPdf] = {}
        clock = time.perf_counter()
        with self._renderer:
            parts = {piece.part.name: piece.part for printable in printables for piece in printable.pieces}
            rendered = self._render(parts.values())
            clock = self._lap("parts", clock)
            fronts = {
                printable.path: self._front(printable, rendered) for printable in printables if printable.with_front
            }
            clock = self._lap("front", clock)
            assemblies: list[tuple[Printable, str, tuple[Any, ...]]] = []
            for printable in printables:
                key, recipe = self._assembly(printable, rendered, fronts.get(printable.path))
                cached = self.cache.get(key)
                (self._stats.cached if cached else self._stats.rendered).append(printable.path)
                if cached:
                    built[printable.path] = self._built(printable, cached)
                else:
                    assemblies.append((printable, key, recipe))
            for index, pdf in self._renderer.run(_assemble, [recipe for _, _, recipe in assemblies]):
                printable, key, _ = assemblies[index]
                built[printable.path] = self._built(printable, self.cache.put(key, pdf))
        self._lap("assembly", clock)
        self.cache.prune(self._used)
        return {printable.path: built[printable.path] for printable in printables}, self._stats

    # --- steps -------------------------------------------------------------------------------

    def _render(self, parts: Iterable[Part]) -> dict[str, _Rendered]:
        """Each part from the cache or rendered now, by name."""
        result: dict[str, _Rendered] = {}
        missing: dict[str, list[Part]] = {}
        for part in parts:
            key = self._keys.key(part.html, part.files, fillable=part.fillable)
            self._used.add(key)
            cached, layout = self.cache.get(key), self.cache.get_layout(key)
            if cached is not None and layout is not None:
                result[part.name] = _Rendered(key, cached, layout["pages"], layout["anchors"])
            else:
                missing.setdefault(key, []).append(part)
        stylesheets = tuple(str(path) for path in self.book.stylesheets)
        requests = [RenderRequest(key, same[0].html, stylesheets, same[0].fillable) for key, same in missing.items()]
        for done in self._renderer.render(requests):
            file = self.cache.put(done.key, done.pdf, layout={"pages": done.pages, "anchors": done.anchors})
            for part in missing[done.key]:
                result[part.name] = _Rendered(done.key, file, done.pages, done.anchors)
                self._stats.parts.append(part.name)
                self._stats.warnings.extend(f"{part.name}: {message}" for message in done.messages)
        return result

    def _front(self, printable: Printable, rendered: dict[str, _Rendered]) -> tuple[Part, _Rendered]:
        """The cover and contents. Its own length moves every page number after it, so it is
        guessed (a cover and one page of contents) and checked; a wrong guess costs a round."""
        pages = 2
        for _ in range(3):
            numbers: dict[str, int] = {}
            page = pages + 1
            for chapter in printable.chapters:
                for piece in chapter.pieces:
                    part = rendered[piece.part.name]
                    for anchor, offset in part.anchors.items():
                        numbers.setdefault(anchor, page + offset)
                    page += part.pages
            front = self.book.front(printable, numbers)
            done = self._render([front])["front"]
            if done.pages == pages:
                return front, done
            pages = done.pages
        raise RuntimeError("the workbook's contents did not settle on a number of pages")

    def _assembly(
        self, printable: Printable, rendered: dict[str, _Rendered], front: tuple[Part, _Rendered] | None
    ) -> tuple[str, tuple[Any, ...]]:
        """The cache key of the printable and the arguments of compose() that make it."""
        several = len(printable.pieces) > 1
        files: list[PartFile] = []
        titles: list[str | None] = []
        keys: list[str] = []
        if front is not None:
            part, layout = front
            files.append(PartFile(layout.file, placeholders=part.placeholders))
            titles += self.book.front_titles(layout.pages)
            keys.append(layout.key)
        for piece in printable.pieces:
            done = rendered[piece.part.name]
            files.append(PartFile(done.file, piece.worksheet if several else None, piece.part.placeholders))
            titles += [piece.running_title] * done.pages
            keys.append(done.key)
        furniture = Furniture(titles, self.book.site.footer, self.book.form_font)
        recipe = {
            "code": [self._keys.file_digest(path) for path in _ASSEMBLY_CODE],
            "base": self._keys.base,
            "font": self._keys.file_digest(self.book.form_font),
            "parts": [[key, file.field_group, list(file.placeholders)] for key, file in zip(keys, files, strict=True)],
            "furniture": [list(furniture.titles), furniture.footer],
            "title": printable.title,
        }
        key = hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:32]
        self._used.add(key)
        return key, (files, furniture, printable.title)

    def _built(self, printable: Printable, file: Path) -> BuiltPdf:
        return BuiltPdf(printable.path, printable.title, printable.note, file, file.stat().st_size)

    def _lap(self, step: str, start: float) -> float:
        now = time.perf_counter()
        self._stats.seconds[step] = now - start
        return now
