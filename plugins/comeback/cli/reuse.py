"""The copy for a folder and the SCORM package of an earlier `comeback build`, used again when
nothing they are made from has changed, so that a run with nothing new skips the copy's whole build.

They are kept in `.cache/comeback-build/<fingerprint>/`, where the fingerprint is the zips' stamp
(edition, mode, a hash of the sources and the engine, the address their PDFs name: bundle/stamp.py)
and what else decides what the build makes: mkdocs.yml as read, environment variables (!ENV)
resolved; the packages installed and the Python running them; the libraries that lay out the PDFs'
text; the build date (the sitemap's). Only a build that warned about nothing is kept, so that a
reused copy never hides a warning. What is found is checked before it is used (each zip's digest,
its stamp) and copied into the run's own folder; whatever is wrong with it, the copy is built.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_build_date
from mkdocs.utils.yaml import yaml_load

from comeback.bundle.stamp import Stamp, read_stamp, stamp_path
from comeback.print.cache import rendering_environment

FOLDER = ".cache/comeback-build"
KEPT = 3
"""Fingerprints kept: the newest few (another branch's, another address's), not every one ever made."""
RECIPE = "zips.json"
LEFT_OVER = 3600
"""Seconds after which a folder being written is one a run left behind, not one it is writing."""


def fingerprint(config: MkDocsConfig, stamp: Stamp) -> str | None:
    """What decides the zips of a build of `config` stamped `stamp`, as a hash; None if mkdocs.yml
    holds something that cannot be written down for certain (then nothing is reused)."""
    try:
        with open(config.config_file_path, "rb") as source:
            settings = yaml_load(source)
        what = {
            "stamp": [stamp.edition, stamp.shared_computer, stamp.content, stamp.url],
            "settings": settings,
            "python": sys.version,
            "packages": _installed(),
            "rendering": rendering_environment(),
            "date": get_build_date(),
        }
        text = json.dumps(what, sort_keys=True, default=_refuse)
    except Exception:  # a tag with no plain value, an unreadable file: build, as without this
        return None
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def find(project: Path, key: str, stamp: Stamp, into: Path) -> dict[str, Path] | None:
    """The zips kept under `key`, checked and copied into `into`, by name; None if there are none
    (or they are not sound, or not stamped `stamp`)."""
    kept = project / FOLDER / key
    try:
        recipe = json.loads((kept / RECIPE).read_text(encoding="utf-8"))
        found: dict[str, Path] = {}
        into.mkdir(parents=True, exist_ok=True)
        for name, entry in recipe.items():
            zipped = kept / str(entry["file"])
            if _digest(zipped) != entry["sha256"] or read_stamp(zipped) != stamp:
                return None
            found[name] = Path(shutil.copy2(zipped, into / zipped.name))
            shutil.copy2(stamp_path(zipped), stamp_path(found[name]))
        os.utime(kept)  # the newest, for pruning
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return found or None


def keep(project: Path, key: str, zips: Mapping[str, Path]) -> None:
    """Keep the zips a build just made (and their stamps) under `key`; drop the oldest others."""
    folder = project / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=folder, prefix=".partial-"))
    try:
        recipe = {}
        for name, zipped in zips.items():
            shutil.copy2(zipped, partial / zipped.name)
            shutil.copy2(stamp_path(zipped), stamp_path(partial / zipped.name))
            recipe[name] = {"file": zipped.name, "sha256": _digest(zipped)}
        (partial / RECIPE).write_text(json.dumps(recipe, sort_keys=True), encoding="utf-8")
        shutil.rmtree(folder / key, ignore_errors=True)
        partial.rename(folder / key)  # all at once: a run reading it sees all of it or none
    except OSError:
        pass  # not kept: the next run builds the copy again
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    kept = sorted((path for path in folder.iterdir() if path.is_dir()), key=_mtime, reverse=True)
    now = time.time()
    for old in kept[KEPT:]:
        if not old.name.startswith(".") or now - _mtime(old) > LEFT_OVER:  # another run may be writing it
            shutil.rmtree(old, ignore_errors=True)


def _installed() -> list[str]:
    """Every installed distribution with its version, as its metadata folder is named (quicker than
    reading each one's metadata)."""
    return sorted(
        entry.name
        for place in sys.path
        if os.path.isdir(place or ".")
        for entry in os.scandir(place or ".")
        if entry.name.endswith((".dist-info", ".egg-info"))
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _refuse(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} has no plain value")
