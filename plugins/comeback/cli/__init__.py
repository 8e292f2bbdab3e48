"""The `comeback` command: a course from a starter, a check of its sources, a site to look at while
writing, and the whole publishable site in one run.

    comeback new DIR        a starter course of its own, in DIR
    comeback check          every problem of the course's sources, each with its file and line
    comeback serve          the learner edition at http://127.0.0.1:8000/, rebuilt as you write
    comeback build          site/: both editions, the downloads, every PDF
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .console import fail


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        return 130
    return code


def _version() -> str:
    try:
        return version("comeback")
    except PackageNotFoundError:
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    from . import build, check, new, serve

    parser = argparse.ArgumentParser(
        prog="comeback",
        description="A static site generator for guided self-help courses.",
        epilog="Run 'comeback <command> --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"comeback {_version()}")
    commands = parser.add_subparsers(title="commands", metavar="<command>")
    for module in (new, check, serve, build):
        module.add(commands)
    return parser


def config_file(value: str) -> Path:
    """The course's mkdocs.yml, named or found in the current folder."""
    path = Path(value)
    if path.is_dir():
        path = path / "mkdocs.yml"
    if not path.is_file():
        fail(f"there is no {path}: run the command in a course's folder, or name its mkdocs.yml with -f")
    return path.resolve()


__all__ = ["config_file", "main"]
