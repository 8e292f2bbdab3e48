"""The HTML form a lesson shows for a worksheet; the browser module (assets/worksheets.js) fills it in.

Text from YAML is Markdown rendered by markdown-it-py with raw HTML off, then placed by an
autoescaping Jinja2 template, so a `<script>` in a label is shown as text and never run.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup, escape

from comeback.core.i18n import Messages, messages
from comeback.core.ids import help_anchor, worksheet_anchor
from comeback.core.text import render_block, render_inline
from comeback.core.worksheets.model import Worksheet, print_lines, shared_fields

from .compiled import share

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def template_environment(templates_dir: Path) -> Environment:
    """A Jinja2 environment for worksheet templates in `templates_dir`: autoescaping, strict about
    undefined names, blocks trimmed, with the `md` and `md_block` filters (YAML Markdown as safe
    HTML) and the `print_lines` global. Used by the web form and by the pdf plugin's templates."""
    environment = Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(md=render_inline, md_block=render_block)
    environment.globals["print_lines"] = print_lines
    return share(environment)


def html_messages(t: Messages) -> Callable[..., Markup]:
    """`t` as templates call it: `t("forms.save_copy")`, `t("forms.minutes", count=5)`. A message is
    HTML (the catalogue's own markup stays); each value is escaped, unless it is HTML (Markup)."""

    def call(key: str, count: int | None = None, **values: Any) -> Markup:
        return Markup(t(key, count=count, **{name: escape(value) for name, value in values.items()}))

    return call


@cache
def _template() -> Template:
    return template_environment(TEMPLATES_DIR).get_template("form.html.j2")


def render_form(
    worksheet: Worksheet,
    *,
    site_key: str,
    help: Markup | None = None,
    earlier: Worksheet | None = None,
    t: Messages | None = None,
) -> str:
    """The accessible <form> for `worksheet`; `site_key` namespaces its browser storage. `help` is
    the independent-help block a worksheet with `support: true` shows (anchored at help_anchor).
    `earlier` is the worksheet it is compared with (compare_with): their shared fields are shown
    side by side, the earlier answers filled in by compare.js. `t`: the course's words (default English)."""
    shared = set(shared_fields(worksheet, earlier)) if earlier else set()
    return _template().render(
        ws=worksheet,
        site_key=site_key,
        p=worksheet_anchor(worksheet.id),
        help=help,
        help_anchor=help_anchor(worksheet.id),
        earlier=earlier,
        compared=[field for field in worksheet.all_fields if field.id in shared],
        t=html_messages(t or messages()),
    )
