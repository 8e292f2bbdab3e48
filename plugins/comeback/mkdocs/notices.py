"""Warnings about the build's own housekeeping (a damaged cache entry it repaired), which
`mkdocs build --strict` must not count: strict mode is about the author's pages, and failing a
build for something it has already put right would only make people run it twice.

They go to the logger "comeback.mkdocs.notices", outside MkDocs' own logger tree (whose warnings strict
mode counts), and are printed the way MkDocs prints its warnings.
"""

from __future__ import annotations

import logging

notices = logging.getLogger("comeback.mkdocs.notices")
notices.propagate = False
if not notices.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    notices.addHandler(_handler)
