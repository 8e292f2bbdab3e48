"""References as APA 7 shows them (books and journal articles), and in APA's order."""

from __future__ import annotations

import re

from .model import Reference

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#])")


def format_reference(reference: Reference) -> str:
    """The reference in APA 7 style, as Markdown (titles of books and journals in italics)."""
    authors = _authors(reference.authors)
    title = _escape(reference.title)
    # The model allows a DOI only characters that mean nothing in Markdown or a URL.
    doi = f" [https://doi.org/{reference.doi}](https://doi.org/{reference.doi})" if reference.doi else ""
    if reference.type == "book":
        return f"{authors} ({reference.year}). *{title}*{_stop(title)} {_escape(reference.publisher or '')}.{doi}"
    issue = f"({reference.issue})" if reference.issue is not None else ""
    source = f"*{_escape(reference.journal or '')}*, *{reference.volume}*{issue}, {_escape(reference.pages or '')}."
    return f"{authors} ({reference.year}). {title}{_stop(title)} {source}{doi}"


def sort_key(reference: Reference) -> tuple[str, int, str]:
    """APA's order: by the first author's surname, then the year, then the title."""
    return (reference.authors[0].casefold(), reference.year, reference.title.casefold())


def _authors(authors: list[str]) -> str:
    """APA 7: "A", "A, & B", "A, B, & C" (the ampersand always after a comma)."""
    names = [_escape(author) for author in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def _stop(title: str) -> str:
    """The full stop after a title, unless it ends in its own ? or !."""
    return "" if title.endswith(("?", "!", ".")) else "."


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
