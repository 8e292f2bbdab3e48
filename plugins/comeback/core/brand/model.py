"""An organisation's brand, `extra.brand` in mkdocs.yml:

    extra:
      brand:
        organisation: Example Ltd        # in the footer, on the home page, on every PDF
        logo: assets/brand/logo.svg      # SVG or PNG, in the docs folder: the header, PDF covers
        accent: "#0b5394"                # the header, links and buttons

The accent must keep white text readable on it and be readable on the white page (4.5:1, WCAG 2.2
AA); a colour that does not is refused, with the nearest colour that does. In the dark palette,
links use the nearest tint of it that is readable on the dark page.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from comeback.core.explain import explain
from comeback.core.problems import format_path

from .colour import AA, HEX, SLATE_SURFACE, WHITE, contrast, nearest_passing

Text = Annotated[str, Field(min_length=1)]
LOGO_TYPES = (".svg", ".png")


class Brand(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)

    organisation: Text
    """The organisation's name."""
    logo: Text | None = None
    """An SVG or PNG file in the docs folder, e.g. assets/brand/logo.svg."""
    accent: Text | None = None
    """A colour as #rrggbb (or #rgb), readable with white text and on a white page."""

    @field_validator("logo")
    @classmethod
    def _an_image(cls, value: str | None) -> str | None:
        if value is not None and PurePosixPath(value).suffix.lower() not in LOGO_TYPES:
            raise ValueError(f"the logo must be an SVG or PNG file, not '{value}'")
        return value

    @field_validator("accent")
    @classmethod
    def _readable(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not HEX.fullmatch(value):
            raise ValueError(f"write the colour as #rrggbb, e.g. '#0b5394', not '{value}'")
        measured = contrast(value, WHITE)
        if measured < AA:
            raise ValueError(
                f"the colour '{value}' has a contrast of {measured:.1f}:1 with white, below the {AA}:1 WCAG 2.2 AA"
                f" asks for (the header's white text is on it, and links in it are on the white page); the"
                f" nearest colour that passes is '{nearest_passing(value, WHITE)}'"
            )
        return value

    @property
    def dark_links(self) -> str | None:
        """The accent, lightened as little as it takes to be readable on the dark palette's lightest
        surface (and so on its page too)."""
        return nearest_passing(self.accent, SLATE_SURFACE) if self.accent else None


class BrandError(Exception):
    """extra.brand in mkdocs.yml is not right; the message says where and how to fix it."""


def load_brand(raw: object) -> Brand | None:
    """`extra.brand` from mkdocs.yml, checked (None: no brand)."""
    if raw is None:
        return None
    try:
        return Brand.model_validate(raw)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            message = str(detail["ctx"]["error"]) if detail["type"] == "value_error" else explain(detail, Brand)[1]
            problems.append(f"mkdocs.yml: {format_path(('extra', 'brand', *detail['loc']))}: {message}")
        raise BrandError("\n".join(problems)) from None
