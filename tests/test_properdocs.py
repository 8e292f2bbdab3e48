"""The course also builds with ProperDocs, the maintained fork of MkDocs 1.x (MkDocs 1.6 is no longer
maintained, and MkDocs 2 drops plugins): the same pages, the same PDFs, with --strict."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import PUBLIC_URL, REPO, BuiltSite


def test_properdocs_builds_the_same_site_strictly_pdfs_included(built_site: BuiltSite, tmp_path: Path) -> None:
    properdocs = Path(sys.executable).parent / "properdocs"
    assert properdocs.exists(), "ProperDocs is missing: install the test extras (scripts/test does)"
    site = tmp_path / "site"
    result = subprocess.run(
        [str(properdocs), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=REPO,
        # No offline zip, whatever .cache holds: `comeback build` publishes those, not a plain build.
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SITE_URL": PUBLIC_URL,
            "COMEBACK_OFFLINE_ZIP": str(tmp_path / "no-offline-copy.zip"),
            "COMEBACK_SCORM_ZIP": str(tmp_path / "no-scorm-package.zip"),
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    published = {
        path.relative_to(built_site.site_dir).as_posix() for path in built_site.site_dir.rglob("*") if path.is_file()
    }
    # The learner edition `comeback build` publishes, without what only that run adds beside it.
    expected = {name for name in published if not name.startswith(("facilitator/", "downloads/"))}
    assert files == expected
    assert sum(1 for name in files if name.endswith(".pdf")) >= 25
    lesson = "lessons/1-reframe-the-setback/index.html"
    assert (site / lesson).read_text(encoding="utf-8").count('data-worksheet="') == 3
