"""Installable: `python -m build` makes a wheel with the starter courses, templates, scripts, styles
and fonts inside, and in a fresh virtual environment outside this repository, with that wheel
installed, `comeback new x && cd x && comeback build` publishes a course with every PDF.

The fresh environment takes the engine from the wheel alone; its dependencies (MkDocs, Material,
WeasyPrint and the rest) are those of the test environment, read through a .pth file, so the test
needs no network. (That pip can install the dependencies the wheel names is what `pip install`
itself checks, in .ci/run and for every user.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from comeback.core.course.printables import workbook_pdf
from conftest import REPO

BIN = Path(sys.executable).parent


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (the build writes beside them)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "CHANGELOG.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "plugins", source / "plugins", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)], source)
    (found,) = dist.glob("comeback-*.whl")
    return found


def test_the_wheel_holds_the_engine_and_everything_it_reads(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for starter in ("en", "de"):
        assert f"comeback/cli/starter/{starter}/mkdocs.yml" in names
        assert f"comeback/cli/starter/{starter}/_gitignore" in names
        assert f"comeback/cli/starter/{starter}/_github/workflows/pages.yml" in names
    assert {"comeback/core/messages/en.yml", "comeback/core/messages/de.yml"} <= names
    assert any(name.startswith("comeback/print/assets/fonts/") and name.endswith(".ttf") for name in names)
    assert any(name.startswith("comeback/browser/assets/") and name.endswith(".js") for name in names)
    assert any(name.endswith(".dist-info/entry_points.txt") for name in names)
    assert not any("__pycache__" in name or name.startswith("tests/") for name in names)


def test_in_a_fresh_environment_new_then_build_publishes_a_course_with_every_pdf(wheel: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], tmp_path)
    python = fresh / "bin/python"
    run(
        [str(BIN / "pip"), "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        tmp_path,
    )
    packages = Path(
        run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path).stdout.strip()
    )
    # The dependencies from the test environment; not comeback itself, which is installed there in
    # development mode (a .pth file there, which Python does not read in a folder a .pth names).
    (packages / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV", "SITE_URL"))}
    env["PATH"] = f"{fresh / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    where = run([str(python), "-c", "import comeback; print(comeback.__file__)"], tmp_path).stdout
    assert where.startswith(str(packages)), where  # the wheel's engine, not this repository's

    run(["comeback", "new", "x"], tmp_path, env)
    course = tmp_path / "x"
    said = run(["comeback", "build"], course, env).stderr

    site = course / "site"
    assert (site / "index.html").is_file() and (site / "facilitator/index.html").is_file()
    assert {path.name for path in (site / "downloads").glob("*.zip")} == {
        "comeback-offline.zip",
        "comeback-scorm12.zip",
    }
    pdfs = {path.relative_to(site).as_posix() for path in site.rglob("*.pdf")}
    assert workbook_pdf("Weekly review") in pdfs and f"facilitator/{workbook_pdf('Weekly review')}" in pdfs
    assert len([name for name in pdfs if name.startswith("pdf/worksheets/")]) == 3
    assert any(name.startswith("facilitator/pdf/facilitator/") for name in pdfs)  # the guide's own
    assert "comeback: published" in said and "Traceback" not in said
    assert run(["comeback", "--version"], tmp_path, env).stdout.startswith("comeback ")
