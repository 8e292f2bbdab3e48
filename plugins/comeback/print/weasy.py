"""HTML in, PDF bytes out: WeasyPrint, run in parallel processes.

WeasyPrint is imported only here and only when a PDF must be made, so a build that finds every
PDF in the cache never loads it (nor needs it installed).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
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


class JobFailed(Exception):
    """A job of a batch failed: it raised `error`, or the process running it died (`error` None)."""

    def __init__(self, index: int, error: BaseException | None) -> None:
        self.index = index
        self.error = error
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        if self.error is None:
            return "the process rendering it stopped without a word (it may have run out of memory or crashed)"
        return f"{type(self.error).__name__}: {self.error}"


class Renderer:
    """Runs batches of jobs in up to `workers` spawned processes, started on first need and kept
    for later batches of the same build. A single job with no pool running is run here instead:
    starting a process costs as much as rendering a small document.

    A job that raises, or whose process dies, ends the batch with JobFailed naming the job. When a
    process dies, the pool is lost with every job it held, so those jobs are run again one at a
    time in a new process: the one that kills it again is the culprit, and a death that does not
    come back (a moment of low memory) costs nothing but time."""

    def __init__(self, workers: int, render: Callable[[RenderRequest], RenderResult] = render_pdf) -> None:
        self.workers = max(1, workers)
        self._render_one = render
        self._pool: ProcessPoolExecutor | None = None

    def render(self, requests: Sequence[RenderRequest]) -> Iterator[tuple[int, RenderResult]]:
        """(index, result) for every request, as they finish; the largest documents start first."""
        order = sorted(range(len(requests)), key=lambda index: len(requests[index].html), reverse=True)
        if self._pool is None and (self.workers == 1 or len(order) == 1):
            yield from self._here(self._render_one, [(requests[index],) for index in order], order)
            return
        yield from self._in_processes(self._render_one, [(requests[index],) for index in order], order)

    def run(self, function: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> Iterator[tuple[int, T]]:
        """(index, result) of `function(*calls[index])` for every call, as they finish: a long
        batch in the worker processes if they are running anyway, a short one in threads here
        (starting another process costs more than a few of the short jobs this is for; the jobs
        are mostly pikepdf, which lets go of the GIL)."""
        indexes = list(range(len(calls)))
        if self._pool is None or len(calls) <= 2 * self.workers:
            with ThreadPoolExecutor(max_workers=self.workers) as threads:
                futures = {
                    threads.submit(function, *arguments): index for index, arguments in zip(indexes, calls, strict=True)
                }
                for future in as_completed(futures):
                    yield futures[future], _result(future, futures[future])
            return
        yield from self._in_processes(function, list(calls), indexes)

    def _here(
        self, function: Callable[..., T], calls: list[tuple[Any, ...]], indexes: list[int]
    ) -> Iterator[tuple[int, T]]:
        for index, arguments in zip(indexes, calls, strict=True):
            try:
                result = function(*arguments)
            except Exception as error:
                raise JobFailed(index, error) from error
            yield index, result

    def _in_processes(
        self, function: Callable[..., T], calls: list[tuple[Any, ...]], indexes: list[int]
    ) -> Iterator[tuple[int, T]]:
        pool = self._start(self.workers)
        futures = {pool.submit(function, *arguments): index for index, arguments in zip(indexes, calls, strict=True)}
        arguments_of = dict(zip(indexes, calls, strict=True))
        done: set[int] = set()
        try:
            for future in as_completed(futures):
                index = futures[future]
                result = _result(future, index)
                done.add(index)
                yield index, result
        except _PoolDied:
            self.close()
            for index in (index for index in indexes if index not in done):
                try:
                    result = _result(self._start(1).submit(function, *arguments_of[index]), index)
                except _PoolDied:
                    self.close()
                    raise JobFailed(index, None) from None
                yield index, result

    def _start(self, workers: int) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: forking a process that has MkDocs, Jinja and maybe Pango loaded (and
            # serve's threads running) is unsafe; spawn is what macOS and Windows do anyway.
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

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


class _PoolDied(Exception):
    pass


def _result(future: Future[T], index: int) -> T:
    """The future's result; JobFailed if it raised, _PoolDied if its process pool broke."""
    try:
        return future.result()
    except BrokenProcessPool as error:
        raise _PoolDied from error
    except Exception as error:
        raise JobFailed(index, error) from error


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


# The names WeasyPrint's text/ffi.py tries, in its order, for the libraries that lay out text.
_LIBRARY_NAMES = {
    "pango": (
        "libpango-1.0-0",
        "pango-1.0-0",
        "pango-1.0",
        "libpango-1.0.so.0",
        "libpango-1.0.dylib",
        "libpango-1.0-0.dll",
    ),
    "harfbuzz": (
        "libharfbuzz-0",
        "harfbuzz",
        "harfbuzz-0.0",
        "libharfbuzz.so.0",
        "libharfbuzz.0.dylib",
        "libharfbuzz-0.dll",
    ),
}


def text_library_versions() -> dict[str, str]:
    """The Pango and HarfBuzz versions WeasyPrint lays text out with ("missing" if not found),
    asked of the libraries the way WeasyPrint finds them, without importing WeasyPrint (which
    takes a second): a cache key must not cost what the cache saves."""
    import ctypes
    import ctypes.util

    def load(names: tuple[str, ...]) -> ctypes.CDLL | None:
        # As cffi's dlopen does: the name as it is, then (slower: it may run ldconfig) as a library
        # name to look up.
        for name in names:
            try:
                return ctypes.CDLL(name)
            except OSError:
                continue
        for name in names:
            found = ctypes.util.find_library(name.removeprefix("lib").split(".so")[0].removesuffix(".dylib"))
            if found:
                try:
                    return ctypes.CDLL(found)
                except OSError:
                    continue
        return None

    versions = {"pango": "missing", "harfbuzz": "missing"}
    if (pango := load(_LIBRARY_NAMES["pango"])) is not None:
        pango.pango_version_string.restype = ctypes.c_char_p
        versions["pango"] = pango.pango_version_string().decode()
    if (harfbuzz := load(_LIBRARY_NAMES["harfbuzz"])) is not None:
        harfbuzz.hb_version_string.restype = ctypes.c_char_p
        versions["harfbuzz"] = harfbuzz.hb_version_string().decode()
    return versions
