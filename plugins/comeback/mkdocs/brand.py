"""The `comeback/brand` MkDocs plugin: puts the organisation of `extra.brand` on the site.

on_config         the logo in the header, the organisation in the footer, the colours' stylesheet
on_files          the stylesheet (made from the accent), and a check that the logo is there
on_page_markdown  a `::brand` line (the home page) says whose copy of the course this is
The PDFs take the brand from the course model (comeback/pdf).
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from comeback.core.brand.model import Brand
from comeback.core.markdown_lines import block_directives
from comeback.mkdocs.course import course_of
from comeback.mkdocs.pages import shown_path

log = get_plugin_logger("comeback/brand")
STYLESHEET = "assets/comeback/brand.css"
DIRECTIVE = "::brand"


class BrandConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off; `::brand` lines then stay in the pages as text."""


class BrandPlugin(BasePlugin[BrandConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.brand: Brand | None = None
        self._logo_url: str | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.brand = course_of(config).brand if self.config.enabled else None
        if self.brand is None:
            return None
        if self.brand.logo:
            config.theme["logo"] = self.brand.logo
        provided = f"This copy is provided by {escape(self.brand.organisation)}"
        config.copyright = f"{config.copyright} · {provided}" if config.copyright else provided
        if self.brand.accent:
            config.extra_css.append(STYLESHEET)  # last, so that it wins over the site's own colours
            log.info(f"{self.brand.accent}, with links in the dark palette in {self.brand.dark_links}")
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.brand is None:
            return None
        if self.brand.logo:
            logo = files.get_file_from_path(self.brand.logo)
            if logo is None:
                missing = shown_path(Path(config.docs_dir) / self.brand.logo, config)
                raise PluginError(
                    f"mkdocs.yml: extra.brand.logo: there is no {missing};"
                    " put the logo in the docs folder, or correct the path"
                )
            self._logo_url = logo.url
        if self.brand.accent:
            files.append(File.generated(config, STYLESHEET, content=stylesheet(self.brand)))
        return files

    @event_priority(110)  # before comeback/worksheets, like the other line-for-line expansions
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or DIRECTIVE not in markdown:
            return None
        placed, _ = block_directives(markdown, DIRECTIVE)
        lines = markdown.split("\n")
        for index in placed:
            lines[index] = self._provided_by(page)
        return "\n".join(lines)

    def _provided_by(self, page: Page) -> str:
        """One line of HTML: whose copy of the course this is (nothing without a brand)."""
        if self.brand is None:
            return ""
        logo = ""
        if self._logo_url:
            src = get_relative_url(self._logo_url, page.url)
            logo = f'<img src="{escape(src)}" alt="{escape(self.brand.organisation)}" class="comeback-brand-logo"> '
        provided = f"This copy of the course is provided by <strong>{escape(self.brand.organisation)}</strong>."
        return f'<p class="comeback-brand">{logo}{provided}</p>'


def stylesheet(brand: Brand) -> str:
    """The site's colours from the brand's accent, in both palettes."""
    assert brand.accent is not None
    return f"""/* Made by comeback/brand from extra.brand.accent in mkdocs.yml. */
:root,
[data-md-color-scheme="default"] {{
  --md-primary-fg-color: {brand.accent};
  --md-primary-fg-color--light: {brand.accent};
  --md-primary-fg-color--dark: {brand.accent};
  --md-typeset-a-color: {brand.accent};
}}
[data-md-color-scheme="slate"] {{
  --md-primary-fg-color: {brand.accent};
  --md-typeset-a-color: {brand.dark_links};
}}
.comeback-brand-logo {{ height: 2em; vertical-align: middle; }}
"""
