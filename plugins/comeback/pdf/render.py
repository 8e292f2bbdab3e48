"""HTML in, PDF bytes out: WeasyPrint, run in parallel processes.

WeasyPrint is imported only here and only when a PDF must be made, so a build that finds every
PDF in the cache never loads it (nor needs it installed).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")

INSTALL_HINT = (
    "the comeback/pdf plugin needs WeasyPrint and the Pango library to make PDFs: install them with "
    "`pip install weasyprint` and your system's Pango package (Debian/Ubuntu: `apt-get install "
    "libpango-1.0-0 libpangoft2-1.0-0`; macOS: `brew install pango`), or switch PDFs off with "
    "COMEBACK_PDF=0"
)


class WeasyPrintUnavailable(RuntimeError):
    """WeasyPrint or one of the system libraries it loads is missing."""


@dataclass(frozen=True)
class RenderRequest:
    """What a worker process needs: picklable, no MkDocs objects."""

    key: str
    html: str
    stylesheets: tuple[str, ...] = ()
    """Paths of the stylesheets (with their @font-face rules) to render it with."""
    fillable: bool = False


@dataclass
class RenderResult:
    key: str
    pdf: bytes
    pages: int
    anchors: dict[str, int]
    """The 0-based page of every element id."""
    messages: list[str] = field(default_factory=list)
    """What WeasyPrint warned about (a missing image, CSS it ignored)."""


def load_weasyprint() -> Any:
    """The weasyprint module, or WeasyPrintUnavailable saying what to install."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: cffi could not load Pango or its friends
        raise WeasyPrintUnavailable(f"{INSTALL_HINT} ({type(error).__name__}: {error})") from error
    return weasyprint


def render_pdf(request: RenderRequest) -> RenderResult:
    """Render one part, tagged and declared PDF/UA-1. The options go to render() and write_pdf()
    alike: WeasyPrint makes form fields only when pdf_forms is there at layout time."""
    weasyprint = load_weasyprint()
    from .acroform import fix_acroform

    options: dict[str, Any] = {"pdf_forms": request.fillable, "pdf_variant": "pdf/ua-1"}
    messages: list[str] = []
    handler = _Collector(messages)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        # file: and data: URLs only: a print document never makes a network request.
        fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"file", "data"})
        font_config, stylesheets = _stylesheets(weasyprint, request.stylesheets, fetcher)
        html = weasyprint.HTML(string=request.html, url_fetcher=fetcher)
        document = html.render(stylesheets=stylesheets, font_config=font_config, **options)
        pdf = document.write_pdf(finisher=fix_acroform if request.fillable else None, **options)
    finally:
        logger.removeHandler(handler)
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    return RenderResult(request.key, pdf, len(document.pages), anchors, messages)


_parsed: dict[tuple[tuple[str, int], ...], tuple[Any, list[Any]]] = {}


def _stylesheets(weasyprint: Any, paths: tuple[str, ...], fetcher: Any) -> tuple[Any, list[Any]]:
    """The stylesheets parsed, and the font configuration their @font-face rules loaded, once per
    process: parsing them and loading a dozen fonts cost more than laying out a short part."""
    versions = tuple((path, os.stat(path).st_mtime_ns) for path in paths)
    if versions not in _parsed:
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        sheets = [weasyprint.CSS(filename=path, font_config=font_config, url_fetcher=fetcher) for path in paths]
        _parsed[versions] = (font_config, sheets)
    return _parsed[versions]


class Renderer:
    """Renders batches of requests in up to `workers` spawned processes, started on first need and
    kept for later batches of the same build. A single request with no pool running is rendered
    here instead: starting a process costs as much as rendering a small document."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: Executor | None = None

    def render(self, requests: Sequence[RenderRequest]) -> Iterator[RenderResult]:
        """Results as they finish; the largest documents start first."""
        ordered = sorted(requests, key=lambda request: len(request.html), reverse=True)
        if not ordered:
            return
        if self._pool is None and (self.workers == 1 or len(ordered) == 1):
            for request in ordered:
                yield render_pdf(request)
            return
        for future in as_completed([self._submit(render_pdf, request) for request in ordered]):
            yield future.result()

    def run(self, function: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> Iterator[tuple[int, T]]:
        """(index, result) of `function(*calls[index])` for every call, as they finish: a long
        batch in the worker processes if they are running anyway, a short one in threads here
        (starting another process costs more than a few of the short jobs this is for; the jobs
        are mostly pikepdf, which lets go of the GIL)."""
        if self._pool is None or len(calls) <= 2 * self.workers:
            with ThreadPoolExecutor(max_workers=self.workers) as threads:
                futures = {threads.submit(function, *arguments): index for index, arguments in enumerate(calls)}
                for future in as_completed(futures):
                    yield futures[future], future.result()
            return
        futures = {self._submit(function, *arguments): index for index, arguments in enumerate(calls)}
        for future in as_completed(futures):
            yield futures[future], future.result()

    def _submit(self, function: Callable[..., T], *arguments: Any) -> Future[T]:
        if self._pool is None:
            # spawn, not fork: forking a process that has MkDocs, Jinja and maybe Pango loaded (and
            # serve's threads running) is unsafe; spawn is what macOS and Windows do anyway.
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool.submit(function, *arguments)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)  # the workers wind down on their own
            self._pool = None

    def __enter__(self) -> Renderer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Collector(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
