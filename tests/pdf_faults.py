"""Stand-ins for the function that renders a PDF part in a worker process, each failing on the
part of the worksheet "first-step" in its own way. Module-level, so a spawned worker can import
them (it starts with the test process's sys.path, which holds tests/)."""

from __future__ import annotations

import os
from pathlib import Path

from comeback.print.weasy import RenderRequest, RenderResult, render_pdf

MARKER = "The step you take this week"  # a label of that worksheet: only its parts hold it
LESSON_ONLY = ('class="lesson lead-in"', 'class="help-line"')
"""What only the worksheet's parts in a lesson's PDFs hold (its lead-in, help at the end): the
stand-ins fail on its own part, that of its PDF, which is one and the same in every build."""


def _own_part(html: str) -> bool:
    return MARKER in html and not any(mark in html for mark in LESSON_ONLY)


def raise_on_first_step(request: RenderRequest) -> RenderResult:
    if _own_part(request.html):
        raise ValueError("a fault the test put here")
    return render_pdf(request)


def die_on_first_step(request: RenderRequest) -> RenderResult:
    if _own_part(request.html):
        os._exit(3)  # the process ends at once, as if it ran out of memory
    return render_pdf(request)


def die_once_on_first_step(request: RenderRequest) -> RenderResult:
    """Dies the first time only (COMEBACK_TEST_DIED names the file that says it already has)."""
    died = Path(os.environ["COMEBACK_TEST_DIED"])
    if _own_part(request.html) and not died.exists():
        died.write_text("died once")
        os._exit(3)
    return render_pdf(request)
