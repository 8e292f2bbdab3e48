"""Independent help as HTML: the whole block (the support page, print) and the short line a lesson
or a worksheet carries on the web, with every number a link to call or text it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from comeback.core.i18n import Messages, messages
from comeback.core.support.model import Support

from .forms import html_messages

TEMPLATES_DIR = Path(__file__).with_name("templates")


def host(url: str) -> str:
    """How a link to a helpline reads: its address without the scheme, e.g. www.samaritans.org."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path.rstrip("/")) or url


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined, trim_blocks=True
    )
    environment.filters["host"] = host
    return environment


def render_help(
    support: Support,
    *,
    support_url: str | None,
    level: int | None = None,
    anchor: str = "",
    t: Messages | None = None,
    tappable: bool = True,
) -> Markup:
    """The block on one line (a page's Markdown keeps its line count when it takes the place of a
    `::support` line), in the words of `t` (default English); each number a link that calls or
    texts it unless `tappable` is false."""
    return _render("help.html.j2", support, support_url=support_url, level=level, anchor=anchor, t=t, tappable=tappable)


def render_help_line(
    support: Support, *, support_url: str | None, anchor: str = "", t: Messages | None = None
) -> Markup:
    """The help in short: each line's numbers, the organisation's contacts, and a link to the whole
    block (`support_url`, relative to where the line is shown)."""
    return _render("help-line.html.j2", support, support_url=support_url, anchor=anchor, t=t, tappable=True)


def _render(template: str, support: Support, *, t: Messages | None, **values: object) -> Markup:
    """On one line: a page's Markdown keeps its line count when the HTML takes the place of a line."""
    html = _environment().get_template(template).render(support=support, t=html_messages(t or messages()), **values)
    return Markup("".join(line.strip() for line in html.splitlines()))
