"""The last line of defence for facilitator-only material: what only facilitators' material says,
as runs of words, so that a learner build can check everything it writes (pages, search index,
scripts, PDFs, packages) for any of it, whatever path it took there.

A run is RUN words in a row from a facilitator note, a page of the facilitator guide or a session
plan, and only runs that no learner page says itself count: a note may quote its lesson."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from comeback.core.course.model import Course
from comeback.core.course.plans import Plan
from comeback.core.text import render_block, strings

RUN = 8
"""Words in a row that make a phrase specific enough to be the note's own."""
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")


def words(text: str) -> list[str]:
    """The words of text or HTML, lowercased, tags and entities resolved."""
    return _WORD.findall(html.unescape(_TAG.sub(" ", text)).lower())


def _runs(found: list[str]) -> Iterator[tuple[str, ...]]:
    for start in range(len(found) - RUN + 1):
        yield tuple(found[start : start + RUN])


@dataclass(frozen=True)
class FacilitatorText:
    runs: Mapping[tuple[str, ...], str]
    """Each run of words only facilitators' material has, and where it is (file:line)."""

    def found_in(self, text: str) -> list[str]:
        """Where the facilitator material is from that `text` (text or HTML) carries, once each."""
        found = {self.runs[run] for run in _runs(words(text)) if run in self.runs}
        return sorted(found)


def facilitator_text(course: Course) -> FacilitatorText:
    """What the course's facilitator notes, guide pages and session plans say that no learner page does."""
    learner: set[tuple[str, ...]] = set()
    facilitator: dict[tuple[str, ...], str] = {}
    for path, page in course.pages.items():
        for note in page.notes:
            for run in _runs(words(render_block(note.markdown))):
                facilitator.setdefault(run, f"{page.file}:{note.line}")
        if course.is_guide(path):
            for run in _runs(words(render_block(page.markdown))):
                facilitator.setdefault(run, page.file)
        else:
            learner.update(_runs(words(render_block(page.without_notes()))))
            learner.update(_runs(words(" . ".join(map(render_block, strings(dict(page.meta)))))))  # objectives
    for worksheet_id, worksheet in course.worksheets.items():
        runs = _runs(words(" . ".join(map(render_block, strings(worksheet.model_dump())))))
        if course.is_guide(course.placements.get(worksheet_id, "")):  # a facilitator's form
            for run in runs:
                facilitator.setdefault(run, f"worksheets/{worksheet_id}.yml")
        else:
            learner.update(runs)
    for plan in course.plans.values():
        where = plan.source.name if plan.source else plan.id
        for text in _plan_text(plan):
            for run in _runs(words(render_block(text))):
                facilitator.setdefault(run, f"sessions/{where}")
    return FacilitatorText({run: where for run, where in facilitator.items() if run not in learner})


def _plan_text(plan: Plan) -> Iterable[str]:
    yield plan.summary
    for session in plan.sessions:
        yield from (session.pre_work, session.group_activity, session.close, *session.discussion, *session.homework)
        yield from (item.how for item in session.agenda if item.how)
        if session.pairs:
            yield from (session.pairs.exercise, session.pairs.odd_number)
