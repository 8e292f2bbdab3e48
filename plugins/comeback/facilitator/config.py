"""Options of the `comeback/facilitator` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

EDITIONS = ("learner", "facilitator")


class FacilitatorConfig(Config):
    edition = c.Choice(EDITIONS, default="learner")
    """`learner` (the default) leaves every facilitator note and guide page out of the site, its
    search index and its PDFs; `facilitator` shows the notes, marked, and adds the guide.
    `edition: !ENV [COMEBACK_EDITION, learner]` lets COMEBACK_EDITION=facilitator choose it."""

    title = c.Type(str, default="For facilitators")
    """The guide's section in the navigation."""

    nav = c.Type(list, default=[])
    """The guide's pages, as MkDocs' `nav` takes them: added as a section of the navigation in the
    facilitator edition only."""
