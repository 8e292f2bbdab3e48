"""What the browser knows of the course: a script (assets/comeback/course-data.js) that sets
`window.comebackCourse`, read by every comeback script: the worksheets' fields, the parts of the
course (the pages that place worksheets, lessons among them), where each page is, and the engine's
words in the course's language (the catalogue's `browser.` messages). A script, not
JSON to fetch, because a fetch of a local file is refused when the site is opened from a folder.

URLs are from the site's root; `root`, the root's own address, is worked out in the browser from
where this script was loaded, so that the same data serves a site on a server and one in a folder."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from comeback.core.course.model import Course
from comeback.core.text import plain
from comeback.core.worksheets.model import (
    ChecklistField,
    Choice,
    ChoiceField,
    DateField,
    MatrixField,
    ScaleField,
    TableField,
    TrackerField,
    WorksheetField,
)

URI = "assets/comeback/course-data.js"


def course_data(course: Course, urls: Mapping[str, str], *, site: str, shared: bool) -> dict[str, Any]:
    """`urls` maps pages (their paths in the docs folder) to their URLs from the site's root."""
    return {
        "site": site,
        "shared": shared,
        "language": course.language,
        "messages": course.t.browser(),
        "worksheets": {
            worksheet_id: {
                "title": worksheet.title,
                "version": worksheet.version,
                "page": urls.get(course.placements.get(worksheet_id, "")),
                "compare_with": worksheet.compare_with,
                "sections": [
                    {"title": section.title, "fields": [_field(field) for field in section.fields]}
                    for section in worksheet.sections
                ],
            }
            for worksheet_id, worksheet in course.worksheets.items()
            if in_edition(course, worksheet_id, urls)
        },
        "parts": [
            {
                "title": part.heading,
                "page": urls.get(part.src_path),
                "lesson": part.lesson.id if part.lesson else None,
                "worksheets": list(part.worksheets),
            }
            for part in course.parts
            if part.src_path in urls
        ],
    }


def in_edition(course: Course, worksheet_id: str, urls: Mapping[str, str]) -> bool:
    """A worksheet the guide places (a facilitator's form, such as an evaluation) is part of the
    edition that has the guide, and nowhere else: the learner edition's scripts never see it."""
    placed = course.placements.get(worksheet_id, "")
    return not course.is_guide(placed) or placed in urls


def as_script(data: Mapping[str, Any]) -> str:
    root = 'new URL("../../", document.currentScript.src).href'  # this file is assets/comeback/
    content = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return f"window.comebackCourse = {content};\nwindow.comebackCourse.root = {root};\n"


def _choices(items: Sequence[Choice]) -> list[dict[str, str]]:
    return [{"id": item.id, "label": plain(item.label)} for item in items]


def _field(field: WorksheetField) -> dict[str, Any]:
    found: dict[str, Any] = {"id": field.id, "type": field.type, "label": plain(field.label)}
    if field.plan:
        found["plan"] = True
    if field.optional:
        found["optional"] = True
    match field:
        case DateField():
            if field.calendar:
                found["calendar"] = plain(field.calendar)
        case ScaleField():
            found.update(
                min=field.min, max=field.max, min_label=plain(field.min_label), max_label=plain(field.max_label)
            )
        case ChoiceField() | ChecklistField():
            found["options"] = _choices(field.options)
        case TableField():
            found["columns"] = [{"id": c.id, "label": plain(c.label), "type": c.type} for c in field.columns]
        case TrackerField():
            found["items"] = _choices(field.items) if field.items is not None else None
            found["days"] = field.days
        case MatrixField():
            found["criteria"] = [{"id": c.id, "label": plain(c.label), "weight": c.weight} for c in field.criteria]
    return found
