"""What a reference is: the typed model of one entry of content/references.yml, and the rules of
the file (an APA 7 book or journal article, keyed by a stable id)."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator
from pydantic_core import PydanticCustomError

from comeback.core.ids import ID_PATTERN

Text = Annotated[str, Field(min_length=1)]
# Only characters that mean nothing in Markdown or a URL, so a DOI can go into a link as it is.
_DOI = re.compile(r"10\.\d{4,9}/[-._;:/A-Za-z0-9]+")


class Reference(BaseModel):
    """One published work, as APA 7 lists it."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)

    type: Literal["book", "article"]
    """A book, or an article in a journal."""
    authors: list[Text] = Field(min_length=1, max_length=20)
    """Each as 'Surname, I. I.' in the order the work gives them."""
    year: int = Field(ge=1800, le=2100)
    """The year it was published."""
    title: Text
    """The title as APA gives it: sentence case, with a capital after a colon."""
    journal: Text | None = None
    """An article's journal."""
    volume: int | None = Field(default=None, ge=1)
    """An article's volume."""
    issue: int | None = Field(default=None, ge=1)
    """An article's issue, if the journal numbers them."""
    pages: Text | None = None
    """An article's first and last page, e.g. '85–101'."""
    publisher: Text | None = None
    """A book's publisher."""
    doi: Text | None = None
    """The work's DOI, if it has one, e.g. '10.1037/0003-066X.57.9.705' (without https://doi.org/);
    APA 7 ends the reference with it as a link."""

    @model_validator(mode="after")
    def _doi_is_a_doi(self) -> Self:
        if self.doi is not None and not _DOI.fullmatch(self.doi):
            raise PydanticCustomError(
                "doi",
                f"'{self.doi}' is not a DOI; write it as it starts, with '10.' (e.g. 10.1037/0003-066X.57.9.705),"
                " without https://doi.org/",
                {"at": ("doi",)},
            )
        return self

    @model_validator(mode="after")
    def _has_what_its_type_needs(self) -> Self:
        kind = "an article" if self.type == "article" else "a book"
        for key in _NEEDS[self.type]:
            if getattr(self, key) is None:
                raise PydanticCustomError("missing_for_type", f"{kind} needs '{key}'; add it", {"at": ()})
        for key in _ONLY["book" if self.type == "article" else "article"]:
            if getattr(self, key) is not None:
                raise PydanticCustomError(
                    "not_for_type", f"'{key}' is not part of {kind}'s reference; remove it", {"at": (key,)}
                )
        return self


_NEEDS = {"article": ("journal", "volume", "pages"), "book": ("publisher",)}
_ONLY = {"article": ("journal", "volume", "issue", "pages"), "book": ("publisher",)}


class ReferencesFile(RootModel[dict[Annotated[str, Field(pattern=ID_PATTERN)], Reference]]):
    """content/references.yml: every reference by its id (lowercase letters, digits, hyphens),
    e.g. `dweck-2006`, which lessons cite as `[@dweck-2006]`."""
