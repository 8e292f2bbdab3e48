"""Ids and slugs: the one rule for the ids authors write (worksheets, fields, references, plans) and
for the ids and slugs the build makes from them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""An id an author writes: lowercase letters, digits and single hyphens, e.g. goal-ladder."""
_NOT_SLUG = re.compile(r"[\W_]+")
_NOT_ID = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A slug for a file or folder the build names: "Set new goals!" -> "set-new-goals",
    "Învățare și curaj" -> "invatare-si-curaj", "Новый старт" -> "новый-старт". Letters and digits
    of any script, lowercase; single hyphens between words. Accents come off Latin letters (as
    people write such slugs by hand), not off the letters of other scripts, where a mark can make
    another letter (й is not и)."""
    kept: list[str] = []
    for character in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(character) and kept and kept[-1].isascii():
            continue
        kept.append(character)
    return _NOT_SLUG.sub("-", unicodedata.normalize("NFC", "".join(kept))).strip("-")


def id_from(text: str) -> str:
    """An id an author could write (ID_PATTERN) made from `text`, to suggest in a message: the
    slug's ASCII letters and digits ("Übung 1" -> "ubung-1")."""
    return _NOT_ID.sub("-", slugify(text)).strip("-")


def site_key(site_url: str | None, site_name: str) -> str:
    """A slug that keeps this site's saved answers apart from other sites on the same origin
    (GitHub Pages serves every project of a user from one origin): the URL path, else the name."""
    return slugify(urlsplit(site_url or "").path) or slugify(site_name) or "site"


def worksheet_anchor(worksheet_id: str) -> str:
    """The id of a worksheet's form on its page, and of its start in print."""
    return f"ws-{worksheet_id}"


HELP_BLOCK = "comeback-help"
"""The id of the whole independent-help block on the support page, which shorter help links to."""


def help_anchor(worksheet_id: str) -> str:
    """The id of the independent help a worksheet shows."""
    return f"ws-{worksheet_id}--help"


def form_ids(worksheet_id: str, field_ids: Iterable[str]) -> set[str]:
    """The ids a worksheet's form is built from: ws-<worksheet> and ws-<worksheet>-<field>.

    Every other id in the form is one of these followed by "--<part>", and no worksheet or field id
    holds "--", so two forms on one page repeat an id exactly when these sets meet.
    """
    prefix = worksheet_anchor(worksheet_id)
    return {prefix, *(f"{prefix}-{field_id}" for field_id in field_ids)}
