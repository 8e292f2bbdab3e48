"""The PDF build can be trusted: a damaged cache heals itself, every PDF is checked before the site
gets it, builds can share a cache, and whatever fails (a worker included) ends the build with one
clear error that names the PDF, the part and the file it came from."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest

import pdf_faults
from comeback.mkdocs.pdfs import PdfStep
from comeback.print.cache import GRACE, CacheKeys, rendering_environment
from conftest import BuiltSite, build_site
from test_pdf import age, pdf_stats, stats, write_site

PDFS = {
    "pdf/worksheets/example-all.pdf",
    "pdf/worksheets/first-step.pdf",
    "pdf/handouts/1-reframe.pdf",
    "pdf/handouts/2-first-step.pdf",
    "pdf/test-course-workbook.pdf",
}


def site_pdfs(built: BuiltSite) -> dict[str, tuple[int, str]]:
    """Every PDF of the built site: its number of pages and its text."""
    found: dict[str, tuple[int, str]] = {}
    for path in sorted(built.site_dir.rglob("*.pdf")):
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
        found[path.relative_to(built.site_dir).as_posix()] = (pages, text.stdout)
    return found


def cache_entries(root: Path) -> tuple[list[Path], list[Path]]:
    """(part PDFs, finished PDFs) in the cache: a part has its layout beside it."""
    pdfs = sorted((root / ".cache/comeback-pdf").glob("*.pdf"))
    return [p for p in pdfs if p.with_suffix(".json").exists()], [
        p for p in pdfs if not p.with_suffix(".json").exists()
    ]


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def empty(path: Path) -> None:
    path.write_bytes(b"")


def scramble(path: Path) -> None:
    """Same size, nothing a PDF reader can use."""
    path.write_bytes(bytes(range(256)) * (path.stat().st_size // 256) + b"x" * (path.stat().st_size % 256))


def layout_of_wrong_shape(path: Path) -> None:
    path.with_suffix(".json").write_text("[]")


def unreadable_layout(path: Path) -> None:
    path.with_suffix(".json").write_text('{"pages": 1, "anch')


def layout_with_impossible_pages(path: Path) -> None:
    layout = json.loads(path.with_suffix(".json").read_text())
    path.with_suffix(".json").write_text(json.dumps({**layout, "pages": layout["pages"] + 7}))


DAMAGE: dict[str, tuple[str, Callable[[Path], None]]] = {
    "a truncated part": ("parts", truncate),
    "an empty part": ("parts", empty),
    "a scrambled part": ("parts", scramble),
    "a layout of the wrong shape": ("parts", layout_of_wrong_shape),
    "an unreadable layout": ("parts", unreadable_layout),
    "a layout with the wrong page count": ("parts", layout_with_impossible_pages),
    "an emptied finished PDF": ("finished", empty),
    "a truncated finished PDF": ("finished", truncate),
}


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[int, str]]]:
    """A site built once with a full cache, and its PDFs. Each test damages the cache and builds
    again, which leaves it whole for the next (a copy would not do: keys hold file paths)."""
    root = write_site(tmp_path_factory.mktemp("built-once"))
    first = build_site(root)
    assert first.ok, first.error
    return root, site_pdfs(first)


def whole(built: tuple[Path, dict[str, tuple[int, str]]]) -> Path:
    """The site built once, its cache checked whole (every entry there and sound)."""
    root = built[0]
    again = build_site(root)
    assert stats(again) == "rendered 0 PDFs, 5 from cache" and not pdf_stats(again).healed
    return root


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda name: name.replace(" ", "-"))
def test_a_damaged_cache_entry_is_deleted_made_again_and_reported_and_the_build_stays_green(
    built_once: tuple[Path, dict[str, tuple[int, str]]], tmp_path: Path, damage: str
) -> None:
    root, good = whole(built_once), built_once[1]
    which, spoil = DAMAGE[damage]
    parts, finished = cache_entries(root)
    damaged = parts if which == "parts" else finished
    for path in damaged:
        spoil(path)

    again = build_site(root)  # strict, as every build here is

    assert again.ok, again.error
    assert site_pdfs(again) == good
    healed = pdf_stats(again).healed
    assert sorted(line.split(": ", 1)[0] for line in healed) == sorted(str(path) for path in damaged)
    assert len(pdf_stats(again).rendered if which == "finished" else pdf_stats(again).parts) >= len(damaged)


def test_a_healed_entry_is_reported_as_a_warning_that_strict_mode_does_not_count(
    built_once: tuple[Path, dict[str, tuple[int, str]]], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = whole(built_once)
    _, finished = cache_entries(root)
    empty(finished[0])

    with caplog.at_level("WARNING", logger="comeback.mkdocs.notices"):
        again = build_site(root)

    assert again.ok, again.error
    assert [record.getMessage() for record in caplog.records if record.name == "comeback.mkdocs.notices"] == [
        f"comeback/pdf: a damaged cache entry was deleted and made again: {finished[0]}: is empty"
    ]


def test_an_unchanged_entry_is_trusted_without_being_opened_again(
    built_once: tuple[Path, dict[str, tuple[int, str]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = whole(built_once)
    opened: list[Path] = []
    real_open = pikepdf.open

    def counting_open(path: Path, *args: Any, **kwargs: Any) -> pikepdf.Pdf:
        opened.append(Path(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(pikepdf, "open", counting_open)
    again = build_site(root)

    assert stats(again) == "rendered 0 PDFs, 5 from cache"
    assert opened == []


def test_leftover_temporary_files_and_unused_font_subsets_are_pruned_but_not_young_ones(
    built_once: tuple[Path, dict[str, tuple[int, str]]], tmp_path: Path
) -> None:
    root = whole(built_once)
    cache = root / ".cache/comeback-pdf"
    old_tmp = cache / ".abc.pdf.x1y2.tmp"
    old_font = cache / "fonts" / "comeback-form-0123456789abcdef.ttf"
    young_tmp = cache / ".def.pdf.z3w4.tmp"  # another build may be writing it right now
    for path in (old_tmp, old_font):
        path.write_bytes(b"left over")
    age(cache, GRACE + 60)
    young_tmp.write_bytes(b"being written")
    build_site(root)

    assert not old_tmp.exists() and not old_font.exists()
    assert young_tmp.exists()
    assert len(list((cache / "fonts").glob("*.ttf"))) == 1  # the one in use stays


def test_two_builds_sharing_one_cache_at_once_both_succeed_and_publish_every_pdf(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    runs = []
    for name in ("one", "two"):
        environment = {**os.environ, "SITE_URL": f"https://{name}.example.org/", "NO_MKDOCS_2_WARNING": "1"}
        command = [str(mkdocs), "build", "--strict", "-q", "-d", str(root / f"site-{name}")]
        runs.append(subprocess.Popen(command, cwd=root, env=environment, stderr=subprocess.PIPE, text=True))
    results = [(run.wait(timeout=600), run.stderr.read() if run.stderr else "") for run in runs]

    assert [code for code, _ in results] == [0, 0], results
    for name in ("one", "two"):
        published = BuiltSite(root=root, site_dir=root / f"site-{name}")
        pdfs = site_pdfs(published)
        assert set(pdfs) == PDFS
        assert all(pages > 0 for pages, _ in pdfs.values())
        assert f"{name}.example.org" in pdfs["pdf/test-course-workbook.pdf"][1]


def test_with_cache_false_every_pdf_is_rendered_and_the_cache_is_neither_read_nor_written(tmp_path: Path) -> None:
    root = write_site(tmp_path, pdf_options={"cache": False})
    first, second = build_site(root), build_site(root)

    assert stats(first) == stats(second) == "rendered 5 PDFs, 0 from cache"
    assert not (root / ".cache").exists()
    assert set(site_pdfs(second)) == PDFS


# --- what a key covers ---------------------------------------------------------------------------


def test_the_key_covers_python_pango_harfbuzz_and_every_package_that_renders() -> None:
    import weasyprint.text.ffi as weasyprint_ffi

    environment = rendering_environment()
    pango = weasyprint_ffi.pango.pango_version()
    weasyprint_ffi.ffi.cdef("const char *hb_version_string (void);")
    harfbuzz = weasyprint_ffi.ffi.string(weasyprint_ffi.harfbuzz.hb_version_string()).decode()

    assert environment["python"] == platform.python_version()
    assert environment["pango"] == f"{pango // 10000}.{pango // 100 % 100}.{pango % 100}"  # as WeasyPrint has it
    assert environment["harfbuzz"] == harfbuzz
    assert {"weasyprint", "pydyf", "pikepdf", "fonttools"} <= set(environment)
    keys = {
        CacheKeys({**environment, name: "another"}).key("<p>x</p>", [], fillable=False)
        for name in ("python", "pango", "harfbuzz", "weasyprint")
    }
    assert len(keys | {CacheKeys(environment).key("<p>x</p>", [], fillable=False)}) == 5


def test_the_key_covers_the_code_of_the_whole_package_wherever_it_lives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from comeback.print import cache

    package = tmp_path / "comeback"
    (package / "pages").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    module = package / "pages" / "forms.py"  # no rendering code, and yet it shapes what goes into a PDF
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)

    def key() -> str:
        cache.package_code.cache_clear()
        return CacheKeys({}).key("<p>x</p>", [], fillable=False)

    module.write_text("LABEL = 'one'\n")
    before = key()
    module.write_text("LABEL = 'two'\n")
    changed = key()
    module.rename(package / "pages" / "fields.py")
    moved = key()
    cache.package_code.cache_clear()

    assert len({before, changed, moved}) == 3


def test_the_key_covers_the_bytes_of_every_font_a_part_uses(tmp_path: Path) -> None:
    font = tmp_path / "font.ttf"
    font.write_bytes(b"one font")
    before = CacheKeys({}).key("<p>x</p>", [font], fillable=True)
    font.write_bytes(b"another font")

    assert CacheKeys({}).key("<p>x</p>", [font], fillable=True) != before


# --- one error boundary --------------------------------------------------------------------------

# Two parts hold the worksheet: its own PDF's, and its lesson handout's (with the help in short);
# two workers render them at once, and the one that fails first is the one named.
WHAT_FAILED = (
    r"comeback/pdf: could not make (pdf/worksheets/first-step\.pdf( and \d+ more PDFs)?: rendering its part"
    r" worksheets/first-step|pdf/handouts/2-first-step\.pdf( and \d+ more PDFs)?: rendering its part"
    r" lessons/2-first-step/first-step\+help) \(from worksheets/first-step\.yml\) failed: "
)


def one_error(built: BuiltSite, why: str) -> None:
    assert len(built.errors) == 1, built.errors
    assert re.fullmatch(WHAT_FAILED + re.escape(why), built.errors[0]), built.errors[0]


def fault_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: Callable[..., object]) -> BuiltSite:
    monkeypatch.setattr(PdfStep, "render_part", staticmethod(fault))
    return build_site(write_site(tmp_path, pdf_options={"workers": 2}))


def test_an_error_in_a_worker_ends_the_build_with_one_error_naming_the_pdf_the_part_and_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = fault_build(tmp_path, monkeypatch, pdf_faults.raise_on_first_step)

    assert not built.ok
    one_error(built, "ValueError: a fault the test put here")
    assert not any("Traceback" in line for line in built.logs)


def test_a_worker_that_dies_ends_the_build_with_one_error_naming_the_part_it_was_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = fault_build(tmp_path, monkeypatch, pdf_faults.die_on_first_step)

    assert not built.ok
    one_error(built, "the process rendering it stopped without a word (it may have run out of memory or crashed)")


def test_a_worker_that_dies_once_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMEBACK_TEST_DIED", str(tmp_path / "died"))
    built = fault_build(tmp_path / "site", monkeypatch, pdf_faults.die_once_on_first_step)

    assert (tmp_path / "died").exists()  # it did die
    assert built.ok, built.error
    assert stats(built) == "rendered 5 PDFs, 0 from cache"


def test_a_file_where_the_cache_folder_goes_ends_the_build_with_one_error_saying_what_to_do(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    (root / ".cache").mkdir()
    (root / ".cache/comeback-pdf").write_text("not a folder", encoding="utf-8")

    built = build_site(root)

    assert built.errors == [
        f"comeback/pdf: cannot keep the PDF cache in {root / '.cache/comeback-pdf'}: Not a directory"
        f" ({root / '.cache/comeback-pdf/fonts'}); remove what is in the way, or set cache_dir under comeback/pdf"
        " in mkdocs.yml"
    ]
