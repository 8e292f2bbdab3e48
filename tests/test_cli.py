"""The `comeback` command: `new` writes a starter course of its own, `check` reports every problem
of a course's sources with its file and line, `serve` serves an edition and rebuilds it on a change,
`build` publishes everything in one run. And no build ever publishes or links a zip that is not
its own: another edition's, a training room's, or one made from an older course."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from comeback.cli import main
from comeback.pages.links import human_size
from conftest import REPO, BuiltSite, Published, build_site, starter_course
from outputs import every_output

BIN = Path(sys.executable).parent
LOCAL_ADDRESS = re.compile(r"127\.0\.0\.1|localhost|0\.0\.0\.0", re.IGNORECASE)


# --- the command and its help ------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["new"], ["check"], ["serve"], ["build"]], ids=lambda c: " ".join(c) or "-")
def test_each_command_explains_itself(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])

    assert exited.value.code == 0
    usage = capsys.readouterr().out
    assert usage.startswith(f"usage: comeback {' '.join(command)}".rstrip())
    for option in {"new": ["DIR", "--language"], "serve": ["--edition"], "build": ["--site-url", "--site-dir"]}.get(
        " ".join(command), []
    ):
        assert option in usage


@pytest.mark.parametrize("entry", [[str(BIN / "comeback")], [sys.executable, "-m", "comeback"]], ids=["script", "-m"])
def test_the_command_is_a_console_script_and_a_module(entry: list[str]) -> None:
    result = subprocess.run([*entry, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"comeback \d+\.\d+\.\d+\S*\n", result.stdout)


# --- new -----------------------------------------------------------------------------------------


def test_new_writes_a_starter_course_of_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "weekly")]) == 0
    root = tmp_path / "weekly"
    files = {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}

    assert {
        "README.md",
        "mkdocs.yml",
        ".gitignore",
        ".github/workflows/pages.yml",
        ".github/workflows/ci.yml",
        "content/support.md",
        "content/privacy.md",
        "content/references.yml",
        "worksheets/worksheet.schema.json",
    } <= files
    assert len([name for name in files if name.startswith("content/lessons/")]) == 2
    assert len([name for name in files if name.startswith("worksheets/") and name.endswith(".yml")]) == 3
    assert [name for name in files if name.startswith("sessions/")]
    # Not a copy of this repository's course: none of its lessons or worksheets.
    ours = {
        path.stem
        for folder in ("content/lessons", "worksheets")
        for path in (REPO / folder).iterdir()
        if path.suffix in (".md", ".yml")
    }
    assert not ours & {Path(name).stem for name in files}
    # Its README gives the two commands: serve it, publish it.
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "comeback serve" in readme and "comeback build" in readme
    assert "comeback serve" in capsys.readouterr().err


def test_new_uses_the_starters_field_types(tmp_path: Path) -> None:
    root = starter_course(tmp_path)
    types = set(re.findall(r"^\s*type: ([\w-]+)", _worksheets(root), re.MULTILINE))
    assert len(types) >= 5, types


def _worksheets(root: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted((root / "worksheets").glob("*.yml")))


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")

    with pytest.raises(SystemExit) as exited:
        main(["new", str(tmp_path)])

    assert exited.value.code == 1
    assert f"{tmp_path} is not empty: choose a new folder, or an empty one" in capsys.readouterr().err
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


# --- check ---------------------------------------------------------------------------------------


def test_check_passes_a_sound_course(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = starter_course(tmp_path)
    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 0
    assert "no problems: " in capsys.readouterr().err


def test_check_reports_every_problem_with_its_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = starter_course(tmp_path)
    worksheet = root / "worksheets/week-plan.yml"
    text = worksheet.read_text(encoding="utf-8")
    worksheet.write_text(text.replace("type: checklist", "type: tickboxes", 1), encoding="utf-8")
    bad_line = text.splitlines().index(next(line for line in text.splitlines() if "type: checklist" in line)) + 1
    lesson = root / "content/lessons/2-plan-ahead.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n::worksheet[no-such-sheet]\n", encoding="utf-8")
    last_line = len(lesson.read_text(encoding="utf-8").splitlines())

    assert main(["check", "-f", str(root / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out
    assert f"worksheets/week-plan.yml:{bad_line}:" in out
    assert f"content/lessons/2-plan-ahead.md:{last_line}:" in out and "no-such-sheet" in out
    assert "Traceback" not in out


def test_check_names_a_missing_config_and_how_to_find_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "-f", str(tmp_path / "mkdocs.yml")])
    assert exited.value.code == 1
    assert "run the command in a course's folder, or name its mkdocs.yml with -f" in capsys.readouterr().err


# --- build ---------------------------------------------------------------------------------------


def test_build_publishes_both_editions_and_the_downloads_made_in_the_run(starter_published: Published) -> None:
    site = starter_published.site

    assert (site.site_dir / "index.html").is_file()
    assert (site.site_dir / "facilitator/facilitator/guide/index.html").is_file()
    assert not (site.site_dir / "facilitator/guide").exists()  # the guide is the facilitator edition's only
    for name, words in (
        ("comeback-offline.zip", "The course to use without the internet"),
        ("comeback-scorm12.zip", ""),
    ):
        zipped = starter_published.downloads / name
        size = human_size(zipped.stat().st_size)
        assert zipfile.ZipFile(zipped).testzip() is None
        if words:  # the printables page links the copy for a folder, in each edition, with its size
            link = f'<a href="{{}}downloads/{name}" download>{words}</a> (zip, {size})'
            assert link.format("../") in site.page("printables/")
            assert link.format("../../") in starter_published.facilitator.page("printables/")
    assert (starter_published.downloads / "comeback-scorm12.zip").stat().st_size > 0


def test_build_renders_each_pdf_once_whichever_editions_and_packages_use_it(starter_published: Published) -> None:
    rendered = Counter(starter_published.rendered)
    site_dir = starter_published.site.site_dir
    every_pdf = {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.pdf")}
    facilitator_pdfs = {name.removeprefix("facilitator/") for name in every_pdf if name.startswith("facilitator/")}

    assert rendered and max(rendered.values()) == 1, rendered
    # A new course has no PDF cache: every distinct PDF of the run was rendered, once.
    assert set(rendered) == {name for name in every_pdf if not name.startswith("facilitator/")} | facilitator_pdfs
    assert len(facilitator_pdfs) > len(every_pdf) - len(facilitator_pdfs)  # the guide's own PDFs are among them


def test_build_without_a_site_url_prints_no_address_anywhere(starter_published: Published) -> None:
    outputs = every_output(starter_published.site.site_dir)
    assert any(name.endswith(".pdf") for name in outputs) and any("!" in name for name in outputs)

    assert [(name, match.group()) for name, text in outputs.items() for match in LOCAL_ADDRESS.finditer(text)] == []


def test_build_stops_strictly_and_names_what_failed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = starter_course(tmp_path)
    lesson = root / "content/lessons/1-look-back.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nSee [the missing page](nowhere.md).\n", encoding="utf-8")

    assert main(["build", "-q", "-f", str(root / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert "nowhere.md" in err and "comeback: the build stopped" in err
    assert not (root / "site/facilitator").exists()


# --- no zip but a build's own -------------------------------------------------------------------

PACKAGE_BUILDS = {
    "a facilitator's package": ({"COMEBACK_EDITION": "facilitator"}, "it holds the facilitator edition"),
    "a training room's package": ({"COMEBACK_SHARED_COMPUTER": "1"}, "it was made for shared computers"),
    "a package of the course before an edit": ({}, "the course has changed since it was made"),
}


@pytest.fixture
def starter_without_pdfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new starter course, built here with plain `mkdocs build`s and no PDFs (not the point)."""
    monkeypatch.setenv("COMEBACK_PDF", "0")
    for name in ("COMEBACK_EDITION", "COMEBACK_SHARED_COMPUTER", "COMEBACK_OFFLINE", "SITE_URL"):
        monkeypatch.delenv(name, raising=False)
    return starter_course(tmp_path)


def _plain_build(root: Path, monkeypatch: pytest.MonkeyPatch, **environment: str) -> BuiltSite:
    with monkeypatch.context() as patch:
        for key, value in environment.items():
            patch.setenv(key, value)
        built = build_site(root)
    assert built.ok, built.errors
    return built


@pytest.mark.parametrize("case", PACKAGE_BUILDS, ids=list(PACKAGE_BUILDS))
def test_a_plain_build_never_publishes_a_package_that_is_not_its_own(
    case: str, starter_without_pdfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = starter_without_pdfs
    environment, why = PACKAGE_BUILDS[case]
    _plain_build(root, monkeypatch, COMEBACK_OFFLINE="1", **environment)
    zips = sorted((root / ".cache").rglob("*.zip"))
    assert [path.name for path in zips] == ["comeback-offline.zip", "comeback-scorm12.zip"]
    if case.endswith("before an edit"):
        lesson = root / "content/lessons/1-look-back.md"
        lesson.write_text(lesson.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")

    built = _plain_build(root, monkeypatch)

    assert not (built.site_dir / "downloads").exists()
    assert "This build has no copy that works from a folder" in built.page("printables/")
    for zipped in zips:
        assert f"{zipped} is not published or linked: {why}" in "\n".join(built.logs)


def test_a_plain_build_publishes_its_own_package_with_its_size(
    starter_without_pdfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = starter_without_pdfs
    _plain_build(root, monkeypatch, COMEBACK_OFFLINE="1")
    zipped = root / ".cache/comeback-offline/comeback-offline.zip"

    built = _plain_build(root, monkeypatch)

    assert (built.site_dir / "downloads/comeback-offline.zip").read_bytes() == zipped.read_bytes()
    link = '<a href="../downloads/comeback-offline.zip" download>The course to use without the internet</a>'
    assert f"{link} (zip, {human_size(zipped.stat().st_size)})" in built.page("printables/")


# --- the packages of an earlier run ------------------------------------------------------------

URL = "https://example.org/course/"


def _publish(root: Path, *, site_url: str = URL, strict: bool = True) -> Any:
    from comeback.cli.build import publish

    return publish(root / "mkdocs.yml", site_url=site_url, strict=strict)


def test_build_reuses_the_packages_of_the_last_run_while_nothing_they_are_made_from_changes(
    starter_without_pdfs: Path,
) -> None:
    root = starter_without_pdfs
    first = _publish(root)
    made = {path.name: path.read_bytes() for path in (root / "site/downloads").glob("*.zip")}

    again = _publish(root)

    assert not first.builds[0].reused and again.builds[0].reused
    assert {path.name: path.read_bytes() for path in (root / "site/downloads").glob("*.zip")} == made
    size = human_size(len(made["comeback-offline.zip"]))
    assert f'comeback-offline.zip" download>The course to use without the internet</a> (zip, {size})' in (
        root / "site/printables/index.html"
    ).read_text(encoding="utf-8")

    lesson = root / "content/lessons/1-look-back.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nA line written since.\n", encoding="utf-8")
    edited = _publish(root)

    assert not edited.builds[0].reused
    with zipfile.ZipFile(root / "site/downloads/comeback-offline.zip") as archive:
        page = next(name for name in archive.namelist() if name.endswith("lessons/1-look-back.html"))
        assert "A line written since." in archive.read(page).decode()


def test_build_keeps_no_packages_from_a_run_that_warned(starter_without_pdfs: Path) -> None:
    root = starter_without_pdfs
    lesson = root / "content/lessons/1-look-back.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nSee [the missing page](nowhere.md).\n", encoding="utf-8")
    _publish(root, strict=False)

    again = _publish(root, strict=False)

    assert not again.builds[0].reused  # so its warnings are said again


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PACKAGE_SOURCES: dict[str, Any] = {
    "a lesson": lambda root, patch: _edit(root / "content/lessons/1-look-back.md", "\n", "\nA new line.\n"),
    "a worksheet": lambda root, patch: _edit(next((root / "worksheets").glob("*.yml")), "title: ", "title: New "),
    "a session plan": lambda root, patch: _edit(next((root / "sessions").glob("*.yml")), "\n", "\n# a note\n"),
    "mkdocs.yml": lambda root, patch: _edit(root / "mkdocs.yml", "site_name: ", "site_name: New "),
    "an environment variable mkdocs.yml reads": lambda root, patch: patch.setenv("COMEBACK_EDITION", "facilitator"),
    "the theme's templates": lambda root, patch: (root / "overrides/main.html").write_text(
        '{% extends "base.html" %}{# changed #}', encoding="utf-8"
    ),
    "the engine": lambda root, patch: patch.setattr("comeback.mkdocs.bundles.engine_hash", lambda: "another engine"),
    "the packages installed": lambda root, patch: patch.setattr("comeback.cli.reuse._installed", lambda: ["other"]),
    "the site's address": None,
}


@pytest.mark.parametrize("change", PACKAGE_SOURCES, ids=list(PACKAGE_SOURCES))
def test_the_packages_are_made_again_when_anything_they_are_made_from_changes(
    change: str, starter_without_pdfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.config import load_config

    from comeback.cli.build import packages_key
    from comeback.mkdocs.state import Run

    root = starter_without_pdfs
    _edit(root / "mkdocs.yml", "theme:\n", "theme:\n  custom_dir: overrides\n")
    (root / "overrides").mkdir()
    (root / "overrides/main.html").write_text('{% extends "base.html" %}', encoding="utf-8")

    def key(url: str = URL) -> tuple[Any, str | None]:
        run = Run(packages_dir=root / "packages", public_url=url)
        return packages_key(load_config(str(root / "mkdocs.yml")), run)

    before = key()
    assert before[1] is not None and key() == before  # the same sources, the same key
    if PACKAGE_SOURCES[change] is None:
        after = key("https://example.org/elsewhere/")
    else:
        PACKAGE_SOURCES[change](root, monkeypatch)
        after = key()

    assert after[1] != before[1]


def test_a_later_build_of_the_same_process_reads_every_changed_source(
    starter_without_pdfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Builds of one process share what they read while the sources stay the same.
    root = starter_without_pdfs
    monkeypatch.setenv("COMEBACK_EDITION", "facilitator")
    first = _plain_build(root, monkeypatch)
    assert "Plan the week ahead" in first.page("lessons/2-plan-ahead/")

    _edit(root / "worksheets/week-plan.yml", "title: Plan the week ahead", "title: Plan the coming week")
    _edit(root / "sessions/weekly.yml", "Introduce the course.", "Introduce the whole course.")
    lesson = root / "content/lessons/1-look-back.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nA line written since.\n", encoding="utf-8")
    again = _plain_build(root, monkeypatch)

    assert "Plan the coming week" in again.page("lessons/2-plan-ahead/")
    assert "A line written since." in again.page("lessons/1-look-back/")
    assert "Introduce the whole course." in again.page("facilitator/weekly/")


# --- serve ---------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return None


def _wait_for(condition: object, what: str, process: subprocess.Popen[str], seconds: float = 60) -> None:
    """Polls `condition` until it holds; fails, with what the server said, if the server ends first
    or it never does (a limit for a hung server, not a wait for time)."""
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"{what}: {process.communicate()[1][-2000:]}")
        time.sleep(0.1)


@pytest.fixture
def served(starter_without_pdfs: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    root = starter_without_pdfs
    address = f"127.0.0.1:{_free_port()}"
    process = subprocess.Popen(
        [str(BIN / "comeback"), "serve", "--edition", "facilitator", "-a", address],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield root, f"http://{address}/", process
    process.terminate()
    process.communicate(timeout=30)


def test_serve_serves_the_edition_asked_for_and_rebuilds_on_a_change(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    root, url, process = served
    _wait_for(lambda: _get(url + "facilitator/guide/") is not None, "the facilitator guide was never served", process)
    lesson = root / "content/lessons/1-look-back.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nA sentence written while serving.\n", encoding="utf-8")

    _wait_for(
        lambda: "A sentence written while serving." in (_get(url + "lessons/1-look-back/") or ""),
        "the changed lesson was never served",
        process,
    )


@pytest.mark.parametrize(
    ("origin", "line"),
    [
        ({}, "comeback==1.2.0"),
        (
            {"url": "https://example.org/comeback-1.2.0-py3-none-any.whl", "archive_info": {}},
            "comeback @ https://example.org/comeback-1.2.0-py3-none-any.whl",
        ),
        (
            {"url": "https://example.org/comeback.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
            "comeback @ git+https://example.org/comeback.git@abc123",
        ),
        ({"url": "file:///home/me/comeback", "dir_info": {"editable": True}}, "comeback==1.2.0"),
    ],
    ids=["index", "wheel at an address", "repository", "local folder"],
)
def test_new_names_the_engine_as_it_was_installed(origin: dict[str, Any], line: str) -> None:
    from comeback.cli.new import requirements_text

    text = requirements_text("1.2.0", origin)
    assert text.splitlines()[-1] == line
    assert ("file:///home/me/comeback" in text) == str(origin.get("url", "")).startswith("file:")


def test_the_same_sources_make_the_same_zips_with_nothing_a_folder_cannot_use(
    starter_without_pdfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = starter_without_pdfs
    made = []
    for _ in range(2):
        _plain_build(root, monkeypatch, COMEBACK_OFFLINE="1", SITE_URL="https://example.org/weekly/")
        made.append({path.name: path.read_bytes() for path in (root / ".cache").rglob("*.zip")})

    assert made[0] == made[1] and len(made[0]) == 2
    for name, data in made[0].items():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            texts = [
                archive.read(entry).decode("utf-8", "replace") for entry in names if entry.endswith((".html", ".xml"))
            ]
        assert not [entry for entry in names if entry.endswith(("sitemap.xml", "sitemap.xml.gz", "404.html"))], name
        assert not [text for text in texts if "example.org/weekly" in text], name  # no address of the site
