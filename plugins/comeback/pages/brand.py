"""The brand on the site: its colours, in both palettes, from extra.brand's accent."""

from __future__ import annotations

from comeback.core.brand.model import Brand


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
