"""PDFs kept between builds, addressed by a hash of everything that goes into them (like Material's
social plugin keeps its cards), so a build renders only what changed."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any


# The code that turns print HTML into PDF bytes: a change to it must change every key.
_RENDERING_CODE = (Path(__file__).with_name("render.py"), Path(__file__).with_name("acroform.py"))
_PACKAGES = ("comeback", "weasyprint", "pydyf", "fonttools", "tinyhtml5", "cssselect2", "tinycss2", "pikepdf")


class PdfCache:
    """`<directory>/<key>.pdf` (and `<key>.json`, its page count and anchors), written atomically;
    `prune` drops what the last build did not use."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.pdf"

    def get(self, key: str) -> Path | None:
        path = self.path(key)
        return path if path.is_file() else None

    def get_layout(self, key: str) -> dict[str, Any] | None:
        try:
            return json.loads(self.path(key).with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, pdf: bytes, *, layout: dict[str, Any] | None = None) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.path(key)
        if layout is not None:
            _write(path.with_suffix(".json"), json.dumps(layout, sort_keys=True).encode())
        _write(path, pdf)
        return path

    def prune(self, keep: Iterable[str]) -> int:
        """Delete cached files whose key is not in `keep`; the number deleted."""
        if not self.directory.is_dir():
            return 0
        wanted = set(keep)
        stale = [
            path for path in self.directory.iterdir() if path.suffix in (".pdf", ".json") and path.stem not in wanted
        ]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)


def _write(path: Path, data: bytes) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)


class CacheKeys:
    """Keys of parts: their HTML, whether they are fillable, the bytes of every file they read
    (stylesheet, fonts, images), the rendering code and the versions of the packages that render
    them. File digests are remembered for the life of the object (one build)."""

    def __init__(self) -> None:
        self._digests: dict[Path, str] = {}
        self.base = hashlib.sha256(
            "\n".join([*_package_versions(), *(self.file_digest(path) for path in _RENDERING_CODE)]).encode()
        ).hexdigest()
        """What every key depends on: package versions and the rendering code."""

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
def _package_versions() -> tuple[str, ...]:
    found = []
    for package in _PACKAGES:
        try:
            found.append(f"{package}=={version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} missing")
    return tuple(found)
