"""The facilitator edition's own front: its navigation opens with the guide, and with `home` (under
comeback/facilitator) a page of the guide is the edition's home page, at the site's root, while the
learners' home page (index.md) moves to learners/, under a name that says whose it is."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

LEARNER_HOME = "index.md"
LEARNERS_FOLDER = "learners"
"""Where the learners' home page goes in the facilitator edition when a guide page takes its place."""


def facilitator_nav(nav: list[Any], guide: list[Any], *, title: str, home: str | None, learner_home: str) -> list[Any]:
    """The facilitator edition's navigation: its home page first (if it has one of its own), then the
    guide's section `title`, then the course as learners see it, their home page named `learner_home`."""
    if home is None:
        return [{title: guide}, *nav]
    first = next((item for item in guide if _is(item, home)), home)
    rest = [item for item in guide if not _is(item, home)]
    learners = [{learner_home: LEARNER_HOME} if _is(item, LEARNER_HOME) else item for item in nav]
    return [first, {title: rest}, *learners]


def _is(item: Any, page: str) -> bool:
    """Whether a nav item is the page, as `page.md` or `Its title: page.md`."""
    return item == page or (isinstance(item, dict) and len(item) == 1 and next(iter(item.values())) == page)


def move_home(files: Files, home: str) -> None:
    """`home` becomes the site's home page (index.html), and the learners' home page moves to
    learners/. Links to either still resolve: MkDocs finds pages by their source, not their URL."""
    page = files.get_file_from_path(home)
    if page is None or not page.is_documentation_page():
        raise PluginError(
            f"mkdocs.yml: comeback/facilitator: home: there is no page {home} in the docs folder; name a page of"
            " the guide (e.g. facilitator/guide.md), or leave `home` out"
        )
    learners = files.get_file_from_path(LEARNER_HOME)
    if learners is not None:
        _move(learners, f"{LEARNERS_FOLDER}/index.html")
    _move(page, "index.html")
    page.name = "index"  # what MkDocs asks of a home page (Page.is_homepage)


def _move(file: File, dest_uri: str) -> None:
    for derived in ("url", "abs_dest_path"):  # worked out from dest_uri, perhaps already: again, then
        file.__dict__.pop(derived, None)
    file.dest_uri = dest_uri
