"""Content tables that a phone can show whole: each cell of a Markdown table gets its column's
heading as `data-label`, which pages.css shows beside the cell when a narrow screen stacks the
table's rows as cards (instead of hiding columns behind sideways scrolling)."""

from __future__ import annotations

import html
import re

# Python-Markdown's tables: <table> with no attributes of its own (a table written in HTML, or one
# a directive makes, has its own layout and is left alone), one header row, cells in rows.
_TABLE = re.compile(r"<table>(?P<inside>.*?)</table>", re.S)
_HEAD = re.compile(r"<thead>(?P<row>.*?)</thead>", re.S)
_HEADING = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.S)
_BODY = re.compile(r"<tbody>(?P<rows>.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.S)
_CELL = re.compile(r"<td(?=[\s>])")
_TAG = re.compile(r"<[^>]+>")


def label_cells(page_html: str) -> str:
    """`page_html` with every cell of its Markdown tables labelled by its column's heading."""
    return _TABLE.sub(_labelled, page_html)


def _labelled(table: re.Match[str]) -> str:
    inside = table["inside"]
    head = _HEAD.search(inside)
    if head is None:
        return table[0]
    labels = [html.escape(html.unescape(_TAG.sub("", cell["text"])).strip()) for cell in _HEADING.finditer(head["row"])]

    def row(match: re.Match[str]) -> str:
        column = iter(labels)
        return _CELL.sub(lambda cell: f'<td data-label="{next(column, "")}"', match[0])

    def body(match: re.Match[str]) -> str:
        return _ROW.sub(row, match[0])

    return f"<table data-comeback-cards>{_BODY.sub(body, inside)}</table>"
