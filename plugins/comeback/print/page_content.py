"""Turn a page's rendered content HTML into print content: the web forms of worksheets swapped for
their print rendering, and everything that only makes sense on screen taken out.

Works on the token stream of the stdlib HTML parser, so the rest of the page passes through as
written. Only what print needs is changed:

* a worksheet's placeholder (`data-comeback-worksheet="<id>"`, pages/transform.py) is replaced;
* buttons (they corrupt WeasyPrint's PDF), scripts and Material's heading permalinks are dropped;
* images become file URLs of the site's own files (others are dropped, leaving their alt text),
  so WeasyPrint never goes to the network;
* links to other pages become absolute links to the published site (or plain text without one);
* ids and in-page links get a prefix, so several pages can share one workbook without clashes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from comeback.pages.transform import WORKSHEET_ATTRIBUTE

_SITE_ROOT = "http://site.invalid/"
_DROPPED = frozenset({"button", "script", "noscript", "template"})


@dataclass
class PrintContent:
    html: str
    files: list[Path] = field(default_factory=list)
    """Local files the content reads (images): part of what a PDF depends on."""
    missing: list[str] = field(default_factory=list)
    """Image sources that are not files of the site."""


def print_content(
    content: str,
    *,
    page_url: str,
    worksheet_html: Callable[[str], str],
    site_files: Mapping[str, Path],
    site_url: str | None,
    id_prefix: str = "",
    shared_ids: frozenset[str] = frozenset(),
    drop_classes: frozenset[str] = frozenset(),
    html_urls: bool = False,
) -> PrintContent:
    """The print version of a page's content HTML.

    `page_url` is the page's URL relative to the site root (e.g. "lessons/goals/"), `site_files` maps
    site-relative URLs of the site's files to their paths, `worksheet_html(id)` renders a worksheet.
    Ids (and links to them) get `id_prefix`, except `shared_ids`: anchors of the whole print, such
    as a worksheet's. Elements with a class in `drop_classes` are left out, whole. With `html_urls`
    (the copy that works from a folder: lessons/2.html), links to pages become the published site's
    directory URLs (lessons/2/), so that its PDFs are the published site's, made once.
    """
    rewriter = _Rewriter(page_url, worksheet_html, site_files, site_url, id_prefix, shared_ids, drop_classes)
    rewriter.html_urls = html_urls
    rewriter.feed(content)
    rewriter.close()
    return PrintContent("".join(rewriter.out), rewriter.files, rewriter.missing)


class _Rewriter(HTMLParser):
    def __init__(
        self,
        page_url: str,
        worksheet_html: Callable[[str], str],
        site_files: Mapping[str, Path],
        site_url: str | None,
        id_prefix: str,
        shared_ids: frozenset[str],
        drop_classes: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.drop_classes = drop_classes
        self.shared_ids = shared_ids
        self.page_base = urljoin(_SITE_ROOT, page_url)
        self.worksheet_html = worksheet_html
        self.site_files = site_files
        self.site_url = site_url
        self.id_prefix = id_prefix
        self.out: list[str] = []
        self.files: list[Path] = []
        self.missing: list[str] = []
        self._skipping: str | None = None
        self.html_urls = False
        self._skip_depth = 0

    # --- skipping whole elements -----------------------------------------------------------

    def _skip(self, tag: str) -> None:
        self._skipping, self._skip_depth = tag, 1

    def _skipped(self, tag: str, *, start: bool) -> bool:
        if self._skipping is None:
            return False
        if tag == self._skipping:
            self._skip_depth += 1 if start else -1
            if self._skip_depth == 0:
                self._skipping = None
        return True

    # --- tokens ----------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipped(tag, start=True):
            return
        attributes = dict(attrs)
        if worksheet_id := attributes.get(WORKSHEET_ATTRIBUTE):
            self.out.append(self.worksheet_html(worksheet_id))
            self._skip(tag)
            return
        classes = set((attributes.get("class") or "").split())
        if tag in _DROPPED or (tag == "a" and "headerlink" in classes) or classes & self.drop_classes:
            self._skip(tag)
            if classes & self.drop_classes:
                # A block left out takes the line break before it along: a lesson prints the same
                # whether or not its edition had a note in it.
                while self.out and self.out[-1].isspace():
                    self.out.pop()
            return
        self.out.append(self._start_tag(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping is None and tag not in _DROPPED:
            self.out.append(self._start_tag(tag, attrs, close=True))

    def handle_endtag(self, tag: str) -> None:
        if not self._skipped(tag, start=False):
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._skipping is None:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_comment(self, data: str) -> None:
        pass

    # --- attributes ------------------------------------------------------------------------

    def _start_tag(self, tag: str, attrs: list[tuple[str, str | None]], *, close: bool = False) -> str:
        rewritten: list[tuple[str, str | None]] = []
        for name, written in attrs:
            value = written
            if written is not None:
                if (name == "id" or (name == "for" and tag == "label")) and written not in self.shared_ids:
                    value = self.id_prefix + written
                elif name == "href":
                    value = self._href(written)
                    if value is None:
                        continue
                elif name == "src":
                    value = self._src(written)
                    if value is None:
                        continue
                elif name == "srcset":
                    continue
            rewritten.append((name, value))
        text = "".join(f" {name}" if value is None else f' {name}="{html.escape(value)}"' for name, value in rewritten)
        return f"<{tag}{text}{' /' if close else ''}>"

    def _href(self, href: str) -> str | None:
        if href.startswith("#"):
            return href if href[1:] in self.shared_ids else "#" + self.id_prefix + href[1:]
        if urlsplit(href).scheme:
            return href
        target = urljoin(self.page_base, href).removeprefix(_SITE_ROOT)
        if not self.site_url:
            return None  # a link into a site that has no address: keep the text only
        if self.html_urls:
            target = directory_url(target)
        return urljoin(self.site_url, target)

    def _src(self, src: str) -> str | None:
        """A file URL for an image of the site; None (the alt text shows) for anything else."""
        if src.startswith("data:"):
            return src
        site_path = unquote(urlsplit(urljoin(self.page_base, src)).path.removeprefix("/"))
        path = None if urlsplit(src).scheme else self.site_files.get(site_path)
        if path is None:
            self.missing.append(src)
            return None
        self.files.append(path)
        return path.resolve().as_uri()


_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_INTERNAL_LINK = re.compile(r"""\shref=["']#([^"']+)["']""")


def missing_targets(content: str) -> list[str]:
    """Anchors that `content` links to but does not have, in order."""
    defined = set(_ID.findall(content))
    return list(dict.fromkeys(target for target in _INTERNAL_LINK.findall(content) if target not in defined))


_HTML_PAGE = re.compile(r"^(?P<path>(?:[^?#]*/)?)(?P<name>[^/?#]+)\.html(?P<rest>[?#].*)?$")


def directory_url(target: str) -> str:
    """lessons/2.html -> lessons/2/, lessons/index.html -> lessons/, index.html#top -> #top."""
    match = _HTML_PAGE.match(target)
    if match is None:
        return target
    name = "" if match["name"] == "index" else f"{match['name']}/"
    return f"{match['path']}{name}{match['rest'] or ''}"
