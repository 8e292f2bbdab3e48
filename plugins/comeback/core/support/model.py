"""Who a learner can turn to: the typed model of `extra.support` in mkdocs.yml.

    extra:
      support:
        page: support.md                   # the page with the full guidance (the default)
        organisation: Example Ltd
        contacts:                          # the organisation's own: shown beside independent help
          - {name: Employee assistance programme, detail: "0800 000 000, any hour", call: "0800 000 000"}
        crisis_lines: [uk-ie, uk-text, ie-text, us, ca, au, nz, world]  # the default: keys of lines.yml, or
          - {name: ..., where: ..., how: "Call 0101 or text 0202", call: "0101", text: "0202", url: ...}

Independent help cannot be switched off: an empty list of crisis lines is an error. A number under
`call` or `text` is a link that calls or texts it (numbers.py), where the text shows it; so each must
be written in the text (`how`, `detail`, `emergency`) as it is under `call` or `text`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any, Self
from urllib.parse import urlsplit

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from comeback.core.explain import explain
from comeback.core.problems import Loc, format_path
from comeback.core.yaml_nodes import YamlDocument, read_yaml

from .numbers import Link, Part, find, linked, number_problem

LINES_FILE = Path(__file__).with_name("lines.yml")
DEFAULT_LINES = ("uk-ie", "uk-text", "ie-text", "us", "ca", "au", "nz", "world")
Text = Annotated[str, Field(min_length=1)]
DEFAULT_EMERGENCY = (
    "your local emergency number: 999 or 112 in the UK and Ireland, 911 in the US and Canada, 000 in"
    " Australia, 111 in New Zealand"
)
DEFAULT_EMERGENCY_NUMBERS = ("999", "112", "911", "000", "111")


def _phone_number(number: str) -> str:
    problem = number_problem(number)
    if problem:
        raise ValueError(problem)
    return number


def _one_or_more(value: Any) -> Any:
    """`call: "116 123"` is a list of one; a number YAML read as a number is refused, since YAML
    reads 0700 as 448."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f'write the number in quotes, e.g. "{value}": YAML reads some numbers, like 0700, as others')
    return value


URL_SCHEMES = ("https", "http", "mailto", "tel", "sms")
"""What a helpline's or contact's link may be: a web page, an address to write to, a number. Not
javascript: (it would run on every page that shows help), nor an address without a scheme, which
a browser reads as a page of this site that is not there."""


def _url(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in URL_SCHEMES:
        found = f"'{scheme}:' is" if scheme else "it has no scheme, so it is"
        raise ValueError(
            f"'{url}': {found} not a link people can follow; start it with https://"
            " (or mailto:, tel:, sms:), e.g. https://www.example.org/help"
        )
    if scheme in ("https", "http") and not parts.netloc:
        raise ValueError(f"'{url}': it names no site; write it whole, e.g. https://www.example.org/help")
    return url.strip()


Url = Annotated[str, AfterValidator(_url)]
Number = Annotated[str, AfterValidator(_phone_number)]
Numbers = Annotated[tuple[Number, ...], BeforeValidator(_one_or_more)]


def _numbers_in(text: str, key: str, numbers: dict[str, tuple[str, ...]]) -> None:
    """Each number is written in `text` (the value of `key`), where it becomes its link."""
    for kind, listed in numbers.items():
        for index, number in enumerate(listed):
            if find(text, number) < 0:
                at: Loc = (kind, index) if len(listed) > 1 else (kind,)
                raise PydanticCustomError(
                    "number_not_in_text",
                    f"'{number}' is not in {key} ('{text}'); write it there as it is here, so that it"
                    " is the link people tap",
                    {"at": at},
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
    url: Url | None = None
    """Its own web site."""
    call: Numbers = ()
    """The numbers in `how` to call, e.g. "116 123": each a link that calls it."""
    text: Numbers = ()
    """The numbers in `how` to send a text message to: each a link that starts one."""

    @model_validator(mode="after")
    def _numbers_shown(self) -> Self:
        _numbers_in(self.how, "how", {"call": self.call, "text": self.text})
        return self

    @property
    def how_linked(self) -> tuple[tuple[Part, ...], tuple[Link, ...]]:
        """`how` with its numbers as links, and the text links that go beside it (numbers.linked)."""
        return linked(self.how, self.call, self.text)

    @property
    def links(self) -> tuple[Link, ...]:
        """Every number to tap, the calls first: the line in short."""
        return (*(Link(number, "call") for number in self.call), *(Link(number, "text") for number in self.text))


class Contact(_Model):
    """One of the organisation's own contacts."""

    name: Text
    detail: str = ""
    url: Url | None = None
    call: Numbers = ()
    """The numbers in `detail` to call."""
    text: Numbers = ()
    """The numbers in `detail` to send a text message to."""

    @model_validator(mode="after")
    def _numbers_shown(self) -> Self:
        _numbers_in(self.detail, "detail", {"call": self.call, "text": self.text})
        return self

    @property
    def detail_linked(self) -> tuple[tuple[Part, ...], tuple[Link, ...]]:
        return linked(self.detail, self.call, self.text)


def default_lines() -> tuple[Line, ...]:
    return tuple(known_lines()[key] for key in DEFAULT_LINES)


class SupportError(Exception):
    """extra.support in mkdocs.yml is not right; the message says where and how to fix it."""


@cache
def known_lines() -> dict[str, Line]:
    return read_lines(LINES_FILE, "comeback/core/support/lines.yml")


def read_lines(path: Path, shown: str) -> dict[str, Line]:
    """The lines of a file like lines.yml, by key; a mistake raises SupportError with its line."""
    problems, document = read_yaml(path, shown)
    if document is None:
        raise SupportError("\n".join(str(problem) for problem in problems))
    lines: dict[str, Line] = {}
    found: list[str] = []
    for key, value in (document.data or {}).items():
        try:
            lines[key] = Line.model_validate(_lists_as_tuples(value))
        except ValidationError as error:
            found += _problems(error, Line, (key,), document, shown)
    if found:
        raise SupportError("\n".join(found))
    return lines


class Support(_Model):
    """`extra.support`: independent lines, and the organisation's contacts beside them."""

    page: Text = "support.md"
    """The page with the full guidance on getting help, as a path in the docs folder."""
    emergency: Text = DEFAULT_EMERGENCY
    """Who to call in an emergency, for the countries the course is used in."""
    emergency_call: Numbers | None = None
    """The numbers in `emergency` to call (the default text's by default)."""
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

    @model_validator(mode="after")
    def _numbers_shown(self) -> Self:
        _numbers_in(self.emergency, "emergency", {"emergency_call": self.emergency_numbers})
        return self

    @property
    def emergency_numbers(self) -> tuple[str, ...]:
        if self.emergency_call is not None:
            return self.emergency_call
        return DEFAULT_EMERGENCY_NUMBERS if self.emergency == DEFAULT_EMERGENCY else ()

    @property
    def emergency_linked(self) -> tuple[Part, ...]:
        return linked(self.emergency, self.emergency_numbers)[0]


def load_support(raw: object, *, config: str | None = None, shown: str = "mkdocs.yml") -> Support:
    """`extra.support` from mkdocs.yml, checked (None gives the defaults). `config`, the text of
    mkdocs.yml, gives each problem its line."""
    data = {} if raw is None else raw
    try:
        return Support.model_validate(_lists_as_tuples(data))
    except ValidationError as error:
        document = _nodes(config) if config is not None else None
        raise SupportError("\n".join(_problems(error, Support, ("extra", "support"), document, shown))) from None


def _problems(
    error: ValidationError, model: type[BaseModel], prefix: Loc, document: YamlDocument | None, shown: str
) -> list[str]:
    """Each problem as `file:line: key: what to do` (`file: key: ...` without the file's text)."""
    problems = []
    for detail in error.errors():
        if detail["type"] == "value_error":
            loc, message = tuple(detail["loc"]), str(detail["ctx"]["error"])
        else:
            loc, message = explain(detail, model)
        where = (*prefix, *loc)
        file = f"{shown}:{document.line_of(where)}" if document is not None else shown
        problems.append(f"{file}: {format_path(where)}: {message}")
    return problems


def _nodes(text: str) -> YamlDocument | None:
    """mkdocs.yml's node tree, for its lines: composed, not constructed, so its tags (!ENV) need no
    constructor of their own."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    return YamlDocument(data=None, root=root, duplicate_keys=[])


def _lists_as_tuples(data: Any) -> Any:
    """YAML gives lists; the frozen models keep tuples (strict mode takes no list for a tuple)."""
    if isinstance(data, dict):
        return {key: _lists_as_tuples(value) for key, value in data.items()}
    if isinstance(data, list):
        return tuple(_lists_as_tuples(item) for item in data)
    return data
