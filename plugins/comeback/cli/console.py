"""What the command says: MkDocs' own log lines and the command's, on the terminal."""

from __future__ import annotations

import logging
import sys
from typing import NoReturn


def say(message: str) -> None:
    print(f"comeback: {message}", file=sys.stderr, flush=True)


def fail(message: str, code: int = 1) -> NoReturn:
    say(message)
    raise SystemExit(code)


class _Lines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        return message if record.levelno < logging.WARNING else f"{record.levelname}: {message}"


def show_build_log(*, quiet: bool = False) -> None:
    """MkDocs' log (and the plugins', which log under it) on the terminal: warnings and errors,
    and what each step says unless `quiet`."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "comeback", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_Lines())
        handler.comeback = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logging.getLogger("mkdocs.commands.build").setLevel(logging.WARNING)  # "Building documentation to ..."
