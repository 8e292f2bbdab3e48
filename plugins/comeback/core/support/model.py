"""Who a learner can turn to: the typed model of `extra.support` in mkdocs.yml.

    extra:
      support:
        page: support.md                   # the page with the full guidance (the default)
        organisation: Example Ltd
        contacts:                          # the organisation's own: shown beside independent help
          - {name: Employee assistance programme, detail: "0800 000 000, any hour", url: https://...}
        crisis_lines: [uk-ie, us, ca, au, nz, world]     # the default: keys of lines.yml, or
          - {name: ..., where: ..., how: ..., url: ...}   # lines of your own, or both

Independent help cannot be switched off: an empty list of crisis lines is an error.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from comeback.core.explain import explain
from comeback.core.problems import format_path

LINES_FILE = Path(__file__).with_name("lines.yml")
DEFAULT_LINES = ("uk-ie", "us", "ca", "au", "nz", "world")
Text = Annotated[str, Field(min_length=1)]
DEFAULT_EMERGENCY = (
    "your local emergency number: 999 or 112 in the UK and Ireland, 911 in the US and Canada, 000 in"
    " Australia, 111 in New Zealand"
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


class Line(_Model):
    """An independent helpline."""

    name: Text
    """What it is called, e.g. Samaritans."""
    how: Text
    """How to reach it, e.g. "Call 116 123, free, any time"."""
    where: Text | None = None
    """Who it is for, e.g. "UK and Ireland"."""
    url: Text | None = None
    """Its own web site."""


class Contact(_Model):
    """One of the organisation's own contacts."""

    name: Text
    detail: str = ""
    url: str = ""


def default_lines() -> tuple[Line, ...]:
    return tuple(known_lines()[key] for key in DEFAULT_LINES)


@cache
def known_lines() -> dict[str, Line]:
    data = yaml.safe_load(LINES_FILE.read_text(encoding="utf-8"))
    return {key: Line.model_validate(value) for key, value in data.items()}


class Support(_Model):
    """`extra.support`: independent lines, and the organisation's contacts beside them."""

    page: Text = "support.md"
    """The page with the full guidance on getting help, as a path in the docs folder."""
    emergency: Text = DEFAULT_EMERGENCY
    """Who to call in an emergency, for the countries the course is used in."""
    organisation: Text = "Your organisation"
    contacts: tuple[Contact, ...] = ()
    crisis_lines: tuple[Line, ...] = Field(default_factory=default_lines)
    """Keys of the lines this course knows (lines.yml) or lines of your own; never empty."""

    @field_validator("crisis_lines", mode="before")
    @classmethod
    def _known_lines(cls, value: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            return value
        if not value:
            raise ValueError(
                "independent help cannot be switched off: list at least one line (a key such as 'uk-ie',"
                " or your own {name, how, url}), or leave the key out for the default lines"
            )
        known = known_lines()
        lines: list[Any] = []
        for item in value:
            if isinstance(item, str):
                if item not in known:
                    raise ValueError(f"unknown crisis line '{item}' (the course knows: {', '.join(known)})")
                lines.append(known[item])
            else:
                lines.append(item)
        return tuple(lines)


class SupportError(Exception):
    """extra.support in mkdocs.yml is not right; the message says where and how to fix it."""


def load_support(raw: object) -> Support:
    """`extra.support` from mkdocs.yml, checked (None gives the defaults)."""
    data = {} if raw is None else raw
    try:
        return Support.model_validate(_lists_as_tuples(data))
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            if detail["type"] == "value_error":
                message = str(detail["ctx"]["error"])
            else:
                message = explain(detail, Support)[1]
            where = format_path(("extra", "support", *detail["loc"]))
            problems.append(f"mkdocs.yml: {where}: {message}")
        raise SupportError("\n".join(problems)) from None


def _lists_as_tuples(data: Any) -> Any:
    """YAML gives lists; the frozen models keep tuples (strict mode takes no list for a tuple)."""
    if isinstance(data, dict):
        return {key: _lists_as_tuples(value) for key, value in data.items()}
    if isinstance(data, list):
        return tuple(_lists_as_tuples(item) for item in data)
    return data
