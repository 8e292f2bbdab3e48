"""What runs in the learner's browser: the scripts and stylesheet the site ships, and the data they
read about the course (course_data.py). Classic scripts with no imports: a module script is blocked
when the site is opened from a folder."""

from __future__ import annotations

from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
ASSETS_URI = "assets/comeback"
"""Where the site keeps them."""
STYLESHEET = "worksheets.css"
PAGES_STYLESHEET = "pages.css"
"""What the engine adds to every page: help in the header and in short, numbers to tap, content
tables that reflow on a phone (with or without worksheets)."""
# In this order: each reads what the ones before it set up (answers.js: the helpers and events all
# of them share). The head's run before Material's own scripts start (course-data.js is generated
# by the build, see course_data.py).
HEAD_SCRIPTS = ("early.js",)
SCRIPTS = (
    "answers.js",
    "store.js",
    "tabs.js",
    "worksheets.js",
    "data.js",
    "progress.js",
    "calendar.js",
    "plan.js",
    "compare.js",
)
# The copy that works from a folder: Material's search worker started from a file.
OFFLINE_SHIM = ("iframe-worker-shim.js", "iframe-worker-LICENSE.txt")
# The SCORM package's launch page: the scripts that work out progress, then the adapter.
PROGRESS_SCRIPTS = ("answers.js", "store.js", "progress.js")
SCORM_ADAPTER = "scorm.js"
SCHEMA = Path(__file__).resolve().parent / "comeback-answers.schema.json"
"""The JSON Schema of the file "Save everything" writes, published at the site's root."""


def site_assets() -> tuple[str, ...]:
    """The files every build ships (by name in ASSETS_DIR)."""
    return (STYLESHEET, *HEAD_SCRIPTS, *SCRIPTS)
