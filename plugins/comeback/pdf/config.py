from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt

from comeback.options import Switch


class PdfConfig(base.Config):
    enabled = Switch(default=True)
    """Make PDFs. `enabled: !ENV [COMEBACK_PDF, true]` lets COMEBACK_PDF=0 switch them off."""

    paper = opt.Choice(("a4", "letter"), default="a4")
    """Paper size of every PDF."""

    serve = Switch(default=False)
    """Make PDFs during `mkdocs serve` too (unchanged ones come from the cache)."""

    cache = Switch(default=True)
    """Keep rendered PDFs between builds (as Material's social plugin does). With `cache: false`
    every PDF is rendered anew and the cache is neither read nor written."""

    cache_dir = opt.Type(str, default=".cache/comeback-pdf")
    """Where rendered PDFs are kept between builds, relative to mkdocs.yml."""

    workers = opt.Optional(opt.Type(int))
    """How many processes render PDFs at once; default: every core this process may use."""

    def validate(self) -> tuple[list[Any], list[Any]]:
        failed, warnings = super().validate()
        if self.workers is not None and self.workers < 1:
            failed.append(("workers", base.ValidationError("must be at least 1")))
        return failed, warnings
