"""A test learning platform: a page that hosts an unzipped SCORM 1.2 package in a frame, under the
LMS-side runtime of the npm package scorm-again, every call the package makes recorded. Shared by
the SCORM tests and the tests of courses of other lengths."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Frame, Page

from conftest import REPO, Server, start_server

SCORM_AGAIN = REPO / "node_modules/scorm-again/dist/scorm12.js"

HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm12.js"></script>
<script>
  // A SCORM 1.2 API from scorm-again, with no commit URL (it then sends nothing), every call the
  // package makes recorded, and the data of an earlier visit loaded first (a resume).
  const api = new Scorm12API({ logLevel: 5, mastery_override: false });
  const earlier = JSON.parse(sessionStorage.getItem("lms-earlier") || "null");
  if (earlier) api.loadFromJSON(earlier);
  window.calls = [];
  window.API = {};
  // An LMS that fails, as some do: ?initialize=false refuses to start the course; ?getvalue=throw
  // throws on every read.
  const failing = new URLSearchParams(location.search);
  for (const name of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
                      "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]) {
    window.API[name] = (...args) => {
      if (name == "LMSGetValue" && failing.get("getvalue") == "throw") {
        window.calls.push({ name, args, result: "thrown", error: "" });
        throw new Error("The platform lost its connection");
      }
      if (name == "LMSInitialize" && failing.get("initialize") == "false") {
        window.calls.push({ name, args, result: "false", error: "101" });
        return "false";
      }
      const result = api[name](...args);
      window.calls.push({ name, args, result: String(result), error: String(api.LMSGetLastError()) });
      return result;
    };
  }
  window.lms = api;
</script>
</head><body>
<iframe id="sco" title="The course" src="package/scorm.html" style="width: 1200px; height: 800px"></iframe>
</body></html>
"""

# The LMS's pop-up: the window it opens for the course, which frames the package (the API stays in
# the window that opened it: the package finds it through top.opener).
POPUP = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS: the course window</title></head><body>
<iframe id="sco" title="The course" src="package/scorm.html" style="width: 1200px; height: 800px"></iframe>
</body></html>
"""


@dataclass
class Lms:
    server: Server

    @property
    def url(self) -> str:
        return self.server.base_url + "host.html"

    @property
    def package_url(self) -> str:
        return self.server.base_url + "package/"


@contextmanager
def hosting(package: Path, root: Path) -> Iterator[Lms]:
    """The test LMS, in `root`, hosting the unzipped `package`; served while in the block."""
    assert SCORM_AGAIN.is_file(), "scorm-again is missing: run `npm ci` (scripts/test does)"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "package")
    shutil.copy(SCORM_AGAIN, root / "scorm12.js")
    (root / "host.html").write_text(HOST, encoding="utf-8")
    (root / "popup.html").write_text(POPUP, encoding="utf-8")
    # The LMS's own page that opens the pop-up: the API, without a frame of its own.
    (root / "opener.html").write_text(HOST.replace('src="package/scorm.html"', 'src="about:blank"'), encoding="utf-8")
    server = start_server(root, "/lms/")
    try:
        yield Lms(server)
    finally:
        server.stop()


def course_frame(page: Page) -> Frame:
    page.wait_for_function("() => window.calls && window.calls.some(c => c.name == 'LMSInitialize')")
    frame = page.frame(name="comeback-course")
    assert frame is not None
    frame.wait_for_load_state()
    return frame


def leave(page: Page) -> list[dict[str, Any]]:
    """Ends the visit as an LMS does when the learner closes the course: the frame goes away."""
    page.evaluate("document.getElementById('sco').remove()")
    page.wait_for_function("() => window.calls.some(c => c.name == 'LMSFinish')")
    calls: list[dict[str, Any]] = page.evaluate("window.calls")
    return calls


def sets(calls: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(c["args"][0], c["args"][1]) for c in calls if c["name"] == "LMSSetValue"]
