"""What a zip holds, written beside it (`<zip>.json`) by the build that makes it: the edition, whether
it was made for shared computers, a hash of the sources it was made from, and the address its PDFs
name. A later build publishes or links a zip only if the stamp says it is that build's own: the
same edition, the same mode, the same sources and the same address. So a facilitator's copy, a
training room's, or yesterday's course never reaches a learner. Knows nothing of MkDocs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Stamp:
    edition: str
    shared_computer: bool
    content: str
    """A hash of the sources and of the engine that made it (content_hash, engine_hash)."""
    url: str | None = None
    """The address its PDFs name (where the learner edition is published), or None."""


def content_hash(sources: Iterable[Path], root: Path) -> str:
    """A hash of every file under `sources` (folders or files), by its path from `root` and its bytes."""
    hasher = hashlib.sha256()
    for source in sources:
        for path in sorted([source] if source.is_file() else source.rglob("*") if source.is_dir() else []):
            if path.is_file():
                name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
                hasher.update(f"{name}\0".encode() + path.read_bytes() + b"\0")
    return hasher.hexdigest()


@cache
def engine_hash() -> str:
    """A hash of this engine: its code, templates, scripts and styles (a zip holds the last three)."""
    hasher = hashlib.sha256()
    for path in sorted(ENGINE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hasher.update(f"{path.relative_to(ENGINE).as_posix()}\0".encode() + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def stamp_path(zipped: Path) -> Path:
    return zipped.with_name(zipped.name + ".json")


def write_stamp(zipped: Path, stamp: Stamp) -> None:
    stamp_path(zipped).write_text(json.dumps(asdict(stamp), sort_keys=True) + "\n", encoding="utf-8")


def read_stamp(zipped: Path) -> Stamp | None:
    """The zip's stamp, or None if it has none (or one that cannot be read)."""
    try:
        data = json.loads(stamp_path(zipped).read_text(encoding="utf-8"))
        url = data.get("url")
        if url is not None and not isinstance(url, str):
            return None
        return Stamp(str(data["edition"]), bool(data["shared_computer"]), str(data["content"]), url)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
