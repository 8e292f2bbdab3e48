"""PDFs kept between builds, addressed by a hash of everything that goes into them (like Material's
social plugin keeps its cards), so a build renders only what changed.

The cache never trusts what it finds. An entry is checked before it is used (the PDF opens and has
the pages it should, a part's layout has the right shape); a damaged one is a miss: it is deleted,
made again and reported. A checked entry is remembered by its size and modification time in the
build's manifest (`builds/<build>.json`), so a later build trusts the unchanged file without
opening it again.

Several builds may share one cache at once (`mkdocs serve` with PDFs on beside `mkdocs build`, or
the tests beside a deploy): files are written under names unique to the process and moved into
place, and a build prunes only what no recent build's manifest names and what is older than GRACE
seconds (another build may be writing it right now).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .weasy import text_library_versions

PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The comeback package: a change to any of its code changes every key, so no code that shapes a
PDF can be moved where the cache does not look."""
_PACKAGES = ("weasyprint", "pydyf", "fonttools", "tinyhtml5", "cssselect2", "tinycss2", "pikepdf")
GRACE = 15 * 60
"""Seconds for which a file nobody's manifest names is spared: it may belong to a build in progress."""
MANIFEST_LIFETIME = 8 * 24 * 3600
"""A build not run for this long (a week, and a day to spare) no longer keeps its entries."""


@dataclass(frozen=True)
class Layout:
    """What a part's PDF holds: its number of pages, and the 0-based page of every element id."""

    pages: int
    anchors: dict[str, int]

    @staticmethod
    def from_json(data: Any) -> Layout | None:
        """The layout in `data`, or None if `data` is not the shape `to_json` writes."""
        if not isinstance(data, dict) or set(data) != {"pages", "anchors"}:
            return None
        pages, anchors = data["pages"], data["anchors"]
        if not isinstance(pages, int) or isinstance(pages, bool) or pages < 1 or not isinstance(anchors, dict):
            return None
        if not all(
            isinstance(page, int) and not isinstance(page, bool) and 0 <= page < pages for page in anchors.values()
        ):
            return None
        return Layout(pages, dict(anchors))

    def to_json(self) -> dict[str, Any]:
        return {"pages": self.pages, "anchors": self.anchors}


@dataclass
class PdfCache:
    """`<directory>/<key>.pdf`, and `<key>.json` (its Layout) for a part.

    `build` names the build (its config and output folder) whose manifest this is; `healed` lists
    what was found damaged and made again, as "<file>: <what was wrong>"."""

    directory: Path
    build: str
    healed: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._checked = _read_manifests(self.directory / "builds")
        """file name -> (size, mtime_ns, pages) of every PDF some build checked and found sound."""
        self._used: dict[str, tuple[int, int, int]] = {}
        self._files: set[str] = set()

    # --- entries -------------------------------------------------------------------------------

    def get_part(self, key: str) -> tuple[Path, Layout] | None:
        """A part's PDF and layout, if both are here and sound."""
        pdf, layout_file = self._path(key, ".pdf"), self._path(key, ".json")
        if not pdf.exists() and not layout_file.exists():
            return None
        layout = self._layout(layout_file)
        problem = None if layout is None else self._check(pdf, layout.pages)
        if layout is None or problem:
            self._heal(key, problem or "its layout is unreadable or of the wrong shape")
            return None
        self._use(layout_file)
        return pdf, layout

    def get_pdf(self, key: str, pages: int) -> Path | None:
        """A finished PDF of `pages` pages, if it is here and sound."""
        pdf = self._path(key, ".pdf")
        if not pdf.exists():
            return None
        problem = self._check(pdf, pages)
        if problem:
            self._heal(key, problem)
            return None
        return pdf

    def put_part(self, key: str, pdf: bytes, layout: Layout) -> Path:
        write_atomically(self._path(key, ".json"), json.dumps(layout.to_json(), sort_keys=True).encode())
        return self._put(key, pdf, layout.pages)

    def put_pdf(self, key: str, pdf: bytes, pages: int) -> Path:
        return self._put(key, pdf, pages)

    def keep(self, path: Path) -> None:
        """Keep a file of the cache's that is not an entry (the form font) while builds use it."""
        self._files.add(path.relative_to(self.directory).as_posix())

    # --- the end of a build --------------------------------------------------------------------

    def finish(self) -> int:
        """Write this build's manifest and prune; the number of files deleted."""
        write_atomically(
            self.directory / "builds" / f"{self.build}.json",
            json.dumps({"entries": self._used, "files": sorted(self._files)}, sort_keys=True).encode(),
        )
        return self.prune()

    def prune(self) -> int:
        """Delete what no manifest names (entries, fonts, leftover temporary files), unless it
        was modified in the last GRACE seconds; drop manifests older than MANIFEST_LIFETIME."""
        if not self.directory.is_dir():
            return 0
        now = time.time()
        builds = self.directory / "builds"
        for manifest in builds.glob("*.json") if builds.is_dir() else ():
            if now - _mtime(manifest) > MANIFEST_LIFETIME:
                manifest.unlink(missing_ok=True)
        named = _named_files(builds)
        deleted = 0
        for path in (*self.directory.iterdir(), *_children(self.directory / "fonts"), *_tmp(builds)):
            relative = path.relative_to(self.directory).as_posix()
            if path.is_dir() or relative in named or (relative.startswith("builds/") and path.suffix != ".tmp"):
                continue
            if now - _mtime(path) > GRACE:
                path.unlink(missing_ok=True)
                deleted += 1
        return deleted

    # --- inside --------------------------------------------------------------------------------

    def _path(self, key: str, suffix: str) -> Path:
        return self.directory / f"{key}{suffix}"

    def _put(self, key: str, pdf: bytes, pages: int) -> Path:
        path = self._path(key, ".pdf")
        write_atomically(path, pdf)
        problem = self._check(path, pages)
        if problem:
            path.unlink(missing_ok=True)
            raise DamagedPdf(f"the PDF just made {problem}")
        return path

    def _check(self, path: Path, pages: int) -> str | None:
        """What is wrong with the PDF at `path` that should have `pages` pages, or None; checked
        once, then trusted while its size and modification time stay the same."""
        try:
            stat = path.stat()
        except OSError:
            return "is missing"
        fingerprint = (stat.st_size, stat.st_mtime_ns, pages)
        name = path.name
        if self._checked.get(name) == fingerprint:
            self._used[name] = fingerprint
            return None
        problem = pdf_problem(path, pages)
        if problem is None:
            self._checked[name] = self._used[name] = fingerprint
        return problem

    def _layout(self, path: Path) -> Layout | None:
        try:
            return Layout.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None

    def _use(self, path: Path) -> None:
        """Name a file that is not a PDF (a layout) in the manifest, so that pruning keeps it."""
        stat = path.stat()
        self._used[path.name] = (stat.st_size, stat.st_mtime_ns, 0)

    def _heal(self, key: str, problem: str) -> None:
        """Delete a damaged entry (so it is made again) and say so."""
        for suffix in (".pdf", ".json"):
            self._path(key, suffix).unlink(missing_ok=True)
        self.healed.append(f"{self._path(key, '.pdf')}: {problem}")


class DamagedPdf(Exception):
    """What was just made is not a sound PDF."""


def pdf_problem(path: Path, pages: int) -> str | None:
    """What is wrong with the PDF at `path`, which should have `pages` pages, or None."""
    try:
        size = path.stat().st_size
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if size == 0:
        return "is empty"
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            found = len(pdf.pages)
    except (pikepdf.PdfError, OSError, ValueError) as error:
        return f"does not open as a PDF ({error})"
    if found == 0:
        return "has no pages"
    if found != pages:
        return f"has {found} pages instead of {pages}"
    return None


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file of a name no other process uses, so a reader
    never sees half a file and two writers never write into one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _read_manifests(builds: Path) -> dict[str, tuple[int, int, int]]:
    checked: dict[str, tuple[int, int, int]] = {}
    for manifest in sorted(builds.glob("*.json")) if builds.is_dir() else ():
        entries = _manifest(manifest).get("entries")
        for name, fingerprint in entries.items() if isinstance(entries, dict) else ():
            if isinstance(fingerprint, list) and len(fingerprint) == 3 and all(isinstance(n, int) for n in fingerprint):
                checked[name] = (fingerprint[0], fingerprint[1], fingerprint[2])
    return checked


def _named_files(builds: Path) -> set[str]:
    """Every file some manifest names, relative to the cache folder."""
    named: set[str] = set()
    for manifest in builds.glob("*.json") if builds.is_dir() else ():
        data = _manifest(manifest)
        entries, files = data.get("entries"), data.get("files")
        if isinstance(entries, dict):
            for name in entries:
                named.update({name, str(Path(name).with_suffix(".json")), str(Path(name).with_suffix(".pdf"))})
        if isinstance(files, list):
            named.update(file for file in files if isinstance(file, str))
    return named


def _manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a damaged manifest names nothing: what it named is rebuilt at worst
    return data if isinstance(data, dict) else {}


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return time.time()


def _children(directory: Path) -> Iterable[Path]:
    return directory.iterdir() if directory.is_dir() else ()


def _tmp(directory: Path) -> Iterable[Path]:
    return directory.glob("*.tmp") if directory.is_dir() else ()


class CacheKeys:
    """Keys of parts: their HTML, whether they are fillable, the bytes of every file they read
    (stylesheet, fonts, images), the rendering code and everything that renders them: Python, the
    packages, and the Pango and HarfBuzz that lay out the text. File digests are remembered for the
    life of the object (one build)."""

    def __init__(self, environment: Mapping[str, str] | None = None) -> None:
        self._digests: dict[Path, str] = {}
        self.environment = dict(environment) if environment is not None else rendering_environment()
        """What renders a PDF, by name: e.g. {"python": "3.11.7", "pango": "1.50.12", ...}."""
        self.base = hashlib.sha256(
            "\n".join(
                [
                    *(f"{name}={value}" for name, value in sorted(self.environment.items())),
                    package_code(),
                ]
            ).encode()
        ).hexdigest()
        """What every key depends on."""

    def key(self, html: str, files: Iterable[Path], *, fillable: bool) -> str:
        """The key of a part: its print HTML and the files it reads."""
        hasher = hashlib.sha256(self.base.encode())
        hasher.update(f"fillable={fillable}".encode())
        for path in sorted(set(files)):
            hasher.update(f"\n{path.as_posix()}\0{self.file_digest(path)}".encode())
        hasher.update(b"\n\n" + html.encode())
        return hasher.hexdigest()[:32]

    def file_digest(self, path: Path) -> str:
        digest = self._digests.get(path)
        if digest is None:
            digest = self._digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return digest


@cache
def package_code() -> str:
    """A digest of every Python module of the comeback package, by path and content."""
    hasher = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        hasher.update(f"{path.relative_to(PACKAGE_DIR).as_posix()}\0".encode() + path.read_bytes() + b"\0")
    return hasher.hexdigest()


@cache
def rendering_environment() -> dict[str, str]:
    """Python's version, the rendering packages' versions, and Pango's and HarfBuzz's."""
    found = {"python": sys.version.split()[0]}
    for package in _PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "missing"
    found.update(text_library_versions())
    return found
