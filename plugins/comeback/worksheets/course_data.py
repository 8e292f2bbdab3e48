"""What the browser knows of the course: a script (assets/comeback/course-data.js) that sets
`window.comebackCourse`, read by store.js, worksheets.js and data.js. A script, not JSON to fetch,
because a fetch of a local file is refused when the site is opened from a folder."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from .model import (
    ChecklistField,
    Choice,
    ChoiceField,
    MatrixField,
    ScaleField,
    TableField,
    TrackerField,
    Worksheet,
    WorksheetField,
)
from .render import render_inline

URI = "assets/comeback/course-data.js"


def course_data(
    worksheets: Mapping[str, Worksheet], pages: Mapping[str, str], *, site: str, shared: bool
) -> dict[str, Any]:
    """`pages` maps each worksheet id to the URL (from the site's root) of the page that places it."""
    return {
        "site": site,
        "shared": shared,
        "worksheets": {
            worksheet_id: {
                "title": worksheet.title,
                "version": worksheet.version,
                "page": pages.get(worksheet_id),
                "sections": [
                    {"title": section.title, "fields": [_field(field) for field in section.fields]}
                    for section in worksheet.sections
                ],
            }
            for worksheet_id, worksheet in worksheets.items()
        },
    }


def as_script(data: Mapping[str, Any]) -> str:
    return f"window.comebackCourse = {json.dumps(data, ensure_ascii=False, sort_keys=True)};\n"


def _plain(markdown: str) -> str:
    return Markup(render_inline(markdown)).striptags()


def _choices(items: Sequence[Choice]) -> list[dict[str, str]]:
    return [{"id": item.id, "label": _plain(item.label)} for item in items]


def _field(field: WorksheetField) -> dict[str, Any]:
    found: dict[str, Any] = {"id": field.id, "type": field.type, "label": _plain(field.label)}
    match field:
        case ScaleField():
            found.update(
                min=field.min, max=field.max, min_label=_plain(field.min_label), max_label=_plain(field.max_label)
            )
        case ChoiceField() | ChecklistField():
            found["options"] = _choices(field.options)
        case TableField():
            found["columns"] = [{"id": c.id, "label": _plain(c.label), "type": c.type} for c in field.columns]
        case TrackerField():
            found["items"] = _choices(field.items) if field.items is not None else None
            found["days"] = field.days
        case MatrixField():
            found["criteria"] = [{"id": c.id, "label": _plain(c.label), "weight": c.weight} for c in field.criteria]
    return found
