"""The engine's own words, in the course's language: one message catalogue per language
(messages/<language>.yml), chosen by the site's `theme.language`. Everything the engine itself
writes into a page, a script, a PDF, the calendar file or the SCORM package comes from it; the
course's own words (lessons, worksheets, plans) are the author's.

    forms:
      save_copy: Save a copy                  t("forms.save_copy")
      saved_at: Saved on this device at {time}   t("forms.saved_at", time="10:00")
      questions:                              t("forms.questions", count=3)
        one: "{count} question"
        other: "{count} questions"

A catalogue is nested YAML; keys are its dotted paths. `{name}` places a value; a key with `one` and
`other` under it takes `count`. Every catalogue has exactly the keys of the English one, with the
same placeholders (a test says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUES = Path(__file__).with_name("messages")
DEFAULT = "en"
BROWSER = "browser."
"""The keys the browser's scripts use start with this: the build hands them to the scripts."""


@dataclass(frozen=True)
class Messages:
    language: str
    """The catalogue's language, e.g. "de"."""
    texts: Mapping[str, str]
    """Every message by its key: plural forms as "<key>.one" and "<key>.other"."""

    def __call__(self, key: str, /, count: int | None = None, **values: Any) -> str:
        if count is not None:
            key = f"{key}.{'one' if count == 1 else 'other'}"
            values["count"] = count
        return self.texts[key].format(**values)

    def browser(self) -> dict[str, str]:
        """The messages the browser's scripts use, by their key without "browser."."""
        return {key.removeprefix(BROWSER): text for key, text in self.texts.items() if key.startswith(BROWSER)}


def languages() -> tuple[str, ...]:
    """The languages the engine speaks."""
    return tuple(sorted(path.stem for path in CATALOGUES.glob("*.yml")))


def language_of(theme_language: str | None) -> str:
    """The catalogue for a theme's language, e.g. "de" for "de" or "de-AT"; English for one the
    engine does not speak."""
    wanted = (theme_language or DEFAULT).lower().replace("_", "-")
    return next((language for language in (wanted, wanted.split("-")[0]) if language in languages()), DEFAULT)


@cache
def messages(language: str = DEFAULT) -> Messages:
    chosen = language_of(language)
    return Messages(chosen, _flat(yaml.safe_load((CATALOGUES / f"{chosen}.yml").read_text(encoding="utf-8"))))


def _flat(data: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            found.update(_flat(value, f"{prefix}{key}."))
        else:
            found[f"{prefix}{key}"] = str(value)
    return found
