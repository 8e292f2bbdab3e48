"""`comeback new DIR`: a starter course of its own in DIR, ready to build: two short lessons, three
worksheets, a session plan for a group, the support, privacy and printables pages, references,
mkdocs.yml, a README with its two commands, the workflows that test and publish it, .gitignore, and
requirements.txt naming this engine.
In English, or German with `--language de`. DIR must be new or empty."""

from __future__ import annotations

import argparse
import json
import shutil
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import Any

from ..core.worksheets import schema
from .console import fail, say

STARTERS = Path(__file__).resolve().parent / "starter"
# Files whose names begin with a dot are kept without it in the package (package data leaves dot
# files out), and given it back in the course.
DOTTED = {"_gitignore": ".gitignore", "_github": ".github"}


def add(commands: Any) -> None:
    parser = commands.add_parser("new", help="write a starter course of its own into a new folder", description=__doc__)
    parser.add_argument("folder", metavar="DIR", help="the folder to write the course into (new, or empty)")
    parser.add_argument("--language", choices=languages(), default="en", help="the starter's language (default: en)")
    parser.set_defaults(run=run)


def languages() -> list[str]:
    return sorted(path.name for path in STARTERS.iterdir() if path.is_dir()) if STARTERS.is_dir() else ["en"]


def run(args: argparse.Namespace) -> int:
    target = Path(args.folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        fail(f"{target} is not empty: choose a new folder, or an empty one, for the course")
    written = write_starter(target, args.language)
    say(f"wrote a starter course in {target} ({written} files)")
    say(f"next: cd {target} && comeback serve   (then comeback build to make the site)")
    return 0


def write_starter(target: Path, language: str = "en") -> int:
    """Copy the starter course in `language` into `target`; the number of files written."""
    source = STARTERS / language
    count = 0
    for path in sorted(source.rglob("*")):
        if path.is_dir() or "__pycache__" in path.parts:
            continue
        relative = Path(*(DOTTED.get(part, part) for part in path.relative_to(source).parts))
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / relative)
        count += 1
    # The worksheet schema comes from the models, so a new course's editor knows this engine's keys.
    (target / schema.DEFAULT_PATH).write_text(schema.schema_text(), encoding="utf-8")
    (target / "requirements.txt").write_text(requirements(), encoding="utf-8")
    return count + 2


def requirements() -> str:
    """requirements.txt of a new course: this engine, from where it was installed, so that the
    course's workflows install the engine it was made with, and nothing else of the same name."""
    try:
        found = distribution("comeback")
        # PEP 610: how pip installed it (from a URL, a repository, a folder), if not from an index.
        return requirements_text(found.version, json.loads(found.read_text("direct_url.json") or "{}"))
    except (PackageNotFoundError, ValueError):
        return requirements_text("0", {})


def requirements_text(engine: str, origin: dict[str, Any]) -> str:
    url = str(origin.get("url", ""))
    vcs = origin.get("vcs_info")
    note = ""
    if vcs:
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        line = f"comeback @ {vcs['vcs']}+{url}" + (f"@{revision}" if revision else "")
    elif url.startswith(("https://", "http://")):
        line = f"comeback @ {url}"
    else:
        line = f"comeback=={engine}"
        if url:
            note = (
                f"# It was installed from {url}: put that wheel or repository where your workflows can\n"
                "# reach it, and name it below instead (comeback @ https://..., or comeback @ git+https://...).\n"
            )
    return f"# The engine this course was made with: `pip install -r requirements.txt` installs it.\n{note}{line}\n"
