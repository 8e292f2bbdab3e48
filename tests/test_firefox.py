"""The learner's journeys in Firefox (Debian's firefox-esr, driven over WebDriver BiDi by the npm
package puppeteer-core): one Node script, tests/firefox/journeys.mjs, run once against the shared
built course, its offline copy unpacked into a folder and its SCORM package under scorm-again. The
other browser tests run in Chromium; browsers differ exactly where the course is delicate: storage
under file://, the back/forward cache, form restoration, sessionStorage across tabs."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, Published, start_server
from lms import hosting

FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
SCRIPT = REPO / "tests/firefox/journeys.mjs"
JOURNEYS = [
    "fill and reload",
    "leave and return",
    "erase, then Back",
    "save and load a copy",
    "My plan and its calendar file",
    "shared-computer mode",
    "the offline copy from a folder",
    "the SCORM package under scorm-again",
]


@pytest.mark.firefox
def test_the_learner_journeys_in_firefox(published: Published, tmp_path: Path) -> None:
    assert Path(FIREFOX).is_file(), "firefox-esr is missing: scripts/test installs it"
    assert (REPO / "node_modules/puppeteer-core").is_dir(), "puppeteer-core is missing: run `npm ci`"
    with zipfile.ZipFile(published.downloads / "comeback-offline.zip") as archive:
        archive.extractall(tmp_path / "offline")
    (tmp_path / "files").mkdir()
    server = start_server(published.site.site_dir)
    try:
        with hosting(published.downloads / "comeback-scorm12.zip", tmp_path / "lms") as lms:
            config = {
                "site": server.base_url,
                "offline": (tmp_path / "offline/comeback").as_uri() + "/",
                "lms": lms.url,
                "firefox": FIREFOX,
                "files": str(tmp_path / "files"),
            }
            run = subprocess.run(
                ["node", str(SCRIPT), json.dumps(config)], capture_output=True, text=True, timeout=240, check=False
            )
    finally:
        server.stop()
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    results = [line for line in lines if "journey" in line]
    version = next(line["browser"] for line in lines if "browser" in line)
    print(f"\n{version}:")
    for result in results:
        said = "; ".join([*result["notes"], result["error"] or ""]).strip("; ")
        print(f"  {'pass' if result['ok'] else 'FAIL'} {result['journey']} ({result['ms']} ms) {said}")
    assert [result["journey"] for result in results] == JOURNEYS
    assert [result for result in results if not result["ok"]] == []
