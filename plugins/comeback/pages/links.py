"""Links to what a build makes for download, with their sizes: the PDFs (after each worksheet's
form, at the end of each lesson, in the lists `::pdfs[...]` shows) and the zips (`::download[...]`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, Template

from comeback.core.i18n import Messages, messages

from .forms import TEMPLATES_DIR, html_messages, template_environment


def human_size(size: int, t: Messages | None = None) -> str:
    """e.g. "4.1 MB", "230 KB" ("4,1 MB" in German); never "0 KB"."""
    t = t or messages()
    if size >= 1024 * 1024:
        return t("downloads.size_mb", size=f"{size / 1024 / 1024:.1f}".replace(".", t("downloads.decimal_point")))
    return t("downloads.size_kb", size=max(1, round(size / 1024)))


@dataclass(frozen=True)
class Pdf:
    """A PDF this build made, as lists of PDFs show it."""

    path: str
    """Where it is in the site, e.g. pdf/worksheets/goal-ladder.pdf."""
    title: str
    note: str
    size: int


def pdf_links(
    pdfs: Mapping[str, Pdf],
    href: Callable[[str], str],
    *,
    worksheets: Sequence[tuple[str, str]] = (),
    handout: str | None = None,
    lists: Mapping[str, Sequence[str]] | None = None,
    t: Messages | None = None,
) -> dict[str, str]:
    """The HTML of the PDF slots of one page, by slot name: `worksheets` (slot name, PDF path) after
    each form, a lesson's `handout` (with its worksheets') at its end, and the `lists` of PDFs
    (list name -> PDF paths) it shows. `href` makes a site path a URL from the page; `t`: the course's
    words (default English)."""
    t = t or messages()
    words = html_messages(t)

    def link(path: str) -> dict[str, str]:
        pdf = pdfs[path]
        return {"href": href(path), "title": pdf.title, "note": pdf.note, "size": human_size(pdf.size, t)}

    values = {
        name: _template("worksheet-link.html.j2").render(t=words, **link(path))
        for name, path in worksheets
        if path in pdfs
    }
    if handout is not None and handout in pdfs:
        placed = [link(path) for _, path in worksheets if path in pdfs]
        values[f"lesson-pdfs:{handout}"] = _template("lesson-links.html.j2").render(
            handout=link(handout), worksheets=placed, t=words
        )
    for name, paths in (lists or {}).items():
        values[f"pdfs:{name}"] = _template("printables.html.j2").render(
            kind=name, pdfs=[link(path) for path in paths if path in pdfs], t=words
        )
    return values


@dataclass(frozen=True)
class Download:
    """A zip a page can link (`::download[<name>]`): the copy that works from a folder, the SCORM package."""

    name: str
    site_path: str
    """Where it is in the site, e.g. downloads/comeback-offline.zip."""
    size: int | None
    """None: this build has none to publish."""
    inside: bool = False
    """This build is the copy the zip holds (a page of it links no zip)."""


def download_link(download: Download, href: str | None, size: str | None, t: Messages) -> str:
    """What `::download[<name>]` shows: the link with its size and how to use it. Without a zip to
    link, nothing: how to make one is for the site's owner, whom the build's log tells (bundles.py),
    not for the learners and facilitators who read the page."""
    name = download.name
    if download.inside:
        return f"<p><em>{t(f'downloads.{name}_inside')}</em></p>"
    if href is None or size is None:
        return ""
    after = t("downloads.offline_how") if name == "offline" else ""
    link = f'<a href="{href}" download>{t(f"downloads.{name}_link")}</a> ({t("downloads.zip")}, {size})'
    return f"<p>{link}{':' if after else '.'}{after}</p>"


@cache
def _template(name: str) -> Template:
    environment: Environment = template_environment(TEMPLATES_DIR)
    return environment.get_template(name)
