"""HTML in, PDF bytes out: WeasyPrint (workers.py runs it in parallel processes).

WeasyPrint is imported only here and only when a PDF must be made, so a build that finds every
PDF in the cache never loads it (nor needs it installed).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any

INSTALL_HINT = (
    "the comeback/pdf plugin needs WeasyPrint and the Pango library to make PDFs: install them with "
    "`pip install weasyprint` and your system's Pango package (Debian/Ubuntu: `apt-get install "
    "libpango-1.0-0 libpangoft2-1.0-0`; macOS: `brew install pango`), or switch PDFs off with "
    "`enabled: false` under comeback/pdf in mkdocs.yml"
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
