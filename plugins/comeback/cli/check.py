"""`comeback check`: every problem of the course's sources, each with its file and line, without
rendering a page: worksheets, where they are placed, references, session plans, brand, support,
every page's directives and front matter. Exits 1 on any problem."""

from __future__ import annotations

import argparse
import time
from typing import Any

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .console import say


def add(commands: Any) -> None:
    parser = commands.add_parser(
        "check", help="report every problem of the course's sources, without building", description=__doc__
    )
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="the course's mkdocs.yml (default: ./mkdocs.yml)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from comeback.mkdocs.course import check_project

    from . import config_file

    clock = time.perf_counter()
    try:
        course = check_project(load_config(str(config_file(args.config_file))))
    except MkDocsException as error:
        print(error)
        return 1
    say(
        f"no problems: {len(course.pages)} pages, {len(course.lessons)} lessons, {len(course.worksheets)} worksheets,"
        f" {len(course.plans)} session plans, {len(course.references)} references"
        f" ({time.perf_counter() - clock:.1f} s)"
    )
    return 0
