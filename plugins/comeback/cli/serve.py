"""`comeback serve`: the course at http://127.0.0.1:8000/, built again whenever a lesson, a
worksheet or a session plan changes. The learner edition, or `--edition facilitator`. PDFs are
left out while serving (`serve: true` under comeback/pdf makes them too)."""

from __future__ import annotations

import argparse
from typing import Any

from mkdocs.commands.serve import serve

from comeback.mkdocs.state import Run, set_process_run

from .console import show_build_log


def add(commands: Any) -> None:
    parser = commands.add_parser(
        "serve", help="serve the course while you write it, rebuilt on every change", description=__doc__
    )
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="the course's mkdocs.yml (default: ./mkdocs.yml)"
    )
    parser.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", help="the address to serve at (default: 127.0.0.1:8000)"
    )
    parser.add_argument(
        "--edition", choices=("learner", "facilitator"), default="learner", help="which edition to serve"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from . import config_file

    show_build_log()
    set_process_run(Run(edition=args.edition))  # the server loads the config again for each rebuild
    serve(config_file=str(config_file(args.config_file)), dev_addr=args.dev_addr, livereload=True)
    return 0
