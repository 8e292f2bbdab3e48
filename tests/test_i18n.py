"""The engine's own words come from one catalogue per language, each complete: the same keys as the
English one, the same placeholders, and plural forms where counts go."""

from __future__ import annotations

import re
import string

import pytest

from comeback.core.i18n import DEFAULT, language_of, languages, messages

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_engine_speaks_english_and_german() -> None:
    assert {"en", "de"} <= set(languages())


@pytest.mark.parametrize("language", [language for language in languages() if language != DEFAULT])
def test_every_catalogue_has_the_english_keys_and_placeholders(language: str) -> None:
    english, other = messages(DEFAULT).texts, messages(language).texts

    assert sorted(other) == sorted(english)
    assert {key: placeholders(text) for key, text in other.items()} == {
        key: placeholders(text) for key, text in english.items()
    }


@pytest.mark.parametrize("language", languages())
def test_no_message_is_left_in_english_or_empty(language: str) -> None:
    texts = messages(language).texts
    assert all(text.strip() for text in texts.values())
    if language != DEFAULT:
        english = messages(DEFAULT).texts
        same = [key for key, text in texts.items() if text == english[key] and len(text.split()) > 2]
        assert same == []  # words of a sentence each catalogue writes in its own language


def test_a_count_picks_its_form_and_a_value_takes_its_place() -> None:
    t = messages("en")

    assert t("printables.lessons", count=1) == "1 lesson"
    assert t("printables.lessons", count=3) == "3 lessons"
    assert t("printables.workbook_title", site="Comeback") == "Comeback workbook"
    assert messages("de")("printables.lessons", count=9) == "9 Lektionen"


@pytest.mark.parametrize(
    ("theme", "language"), [("de", "de"), ("de-AT", "de"), ("DE_ch", "de"), ("en-GB", "en"), ("fr", "en"), (None, "en")]
)
def test_the_theme_language_chooses_the_catalogue(theme: str | None, language: str) -> None:
    assert language_of(theme) == language
