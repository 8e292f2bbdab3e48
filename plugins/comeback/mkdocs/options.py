"""Option types the comeback plugins share in mkdocs.yml."""

from __future__ import annotations

from typing import ClassVar

from mkdocs.config import base
from mkdocs.config import config_options as opt


class Switch(opt.Type[bool]):
    """A yes/no option that also takes what an environment variable gives through `!ENV`:
    COMEBACK_PDF=0 arrives as the integer 0, COMEBACK_PDF=off as the string "off"."""

    _WORDS: ClassVar[dict[str, bool]] = {
        "1": True,
        "true": True,
        "yes": True,
        "on": True,
        "0": False,
        "false": False,
        "no": False,
        "off": False,
    }

    def __init__(self, default: bool) -> None:
        super().__init__(bool, default=default)

    def run_validation(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in self._WORDS:
            return self._WORDS[value.strip().lower()]
        raise base.ValidationError(f"expected true or false (or 1/0, yes/no, on/off), got {value!r}")
