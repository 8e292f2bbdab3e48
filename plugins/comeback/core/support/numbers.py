"""Phone numbers in help text: what a number may look like, the link a phone follows to call or text
it, and where it sits in the sentence that shows it ("Call 116 123, free, any time"). The one place
that turns a number into a `tel:` or `sms:` link, for the web and for print."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["call", "text"]

# Digits, with the spaces, hyphens, dots and brackets people write them with, and a + for the
# country code: "116 123", "9-8-8", "+44 (0)20 7946 0000".
_NUMBER = re.compile(r"\+?[0-9][0-9 .()\-]*[0-9]|[0-9]")
_DIGITS = re.compile(r"[^0-9+]")


def number_problem(number: str) -> str | None:
    """Why `number` is not a phone number as help text writes one, or None."""
    if not _NUMBER.fullmatch(number):
        return (
            f"'{number}' is not a phone number: write it as people dial it, with digits, spaces or"
            " hyphens (e.g. '116 123', '9-8-8', '+44 20 7946 0000')"
        )
    return None


def href(number: str, kind: Kind) -> str:
    """The link that calls or texts `number`: tel:116123, sms:988 (only digits and a leading +,
    which every phone dials; the "(0)" of "+44 (0)20 ..." is dialled only from inside the country)."""
    scheme = "tel" if kind == "call" else "sms"
    dialled = number.replace("(0)", "") if number.startswith("+") else number
    return f"{scheme}:{_DIGITS.sub('', dialled)}"


def find(text: str, number: str) -> int:
    """Where `number` first stands on its own in `text` (not inside a longer number), or -1."""
    found = re.search(rf"(?<![0-9]){re.escape(number)}(?![0-9])", text)
    return found.start() if found else -1


@dataclass(frozen=True)
class Link:
    """A number to tap: `number` as written, `kind` what the tap does."""

    number: str
    kind: Kind

    @property
    def href(self) -> str:
        return href(self.number, self.kind)


Part = str | Link


def linked(
    text: str, call: tuple[str, ...] = (), sms: tuple[str, ...] = ()
) -> tuple[tuple[Part, ...], tuple[Link, ...]]:
    """`text` cut into plain parts and the numbers in it to tap, each where it first appears: a
    number to call calls, one only to text texts. Second, the links that have no place in the text:
    a number one can call and text is shown once, as a call, so its text link goes beside it."""
    places: list[tuple[int, Link]] = []
    for number in call:
        places.append((find(text, number), Link(number, "call")))
    for number in sms:
        if number not in call:
            places.append((find(text, number), Link(number, "text")))
    parts: list[Part] = []
    at = 0
    for start, link in sorted((place for place in places if place[0] >= 0), key=lambda place: place[0]):
        if start < at:
            continue  # inside a number already linked
        parts += [text[at:start], link]
        at = start + len(link.number)
    parts.append(text[at:])
    beside = tuple(Link(number, "text") for number in sms if number in call)
    return tuple(part for part in parts if part != ""), beside
