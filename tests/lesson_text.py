"""Extract the reader-facing prose of a lesson, so word counts and readability measure what people read.

Front matter, facilitator notes (learners never get them), code blocks, worksheet directives,
images, HTML and Markdown syntax are removed; headings, list items, table cells and admonition
bodies stay, because readers read them.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from comeback.core.markup import parse_page

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
FENCE = re.compile(r"^(```|~~~).*?^\1\s*$", re.DOTALL | re.MULTILINE)
DIRECTIVE = re.compile(r"^::\w[\w-]*\[.*?\]\s*$", re.MULTILINE)
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
HTML_TAG = re.compile(r"<[^>]+>")
ADMONITION = re.compile(r'^\s*(!!!|\?\?\?\+?)\s+[\w-]+(\s+"([^"]*)")?\s*$', re.MULTILINE)
ATTR_LIST = re.compile(r"\{[:#.][^}]*\}")
MARKUP = re.compile(r"[*_`#>|]+")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.MULTILINE)
LIST_MARKER = re.compile(r"^\s*(?:[-+*]|\d+\.)\s+", re.MULTILINE)


def split_front_matter(markdown: str) -> tuple[dict[str, Any], str]:
    match = FRONT_MATTER.match(markdown)
    if not match:
        return {}, markdown
    return yaml.safe_load(match.group(1)) or {}, markdown[match.end() :]


def lesson_text(markdown: str) -> str:
    body = parse_page(markdown, path="lesson.md", file="lesson.md").without_notes()
    for pattern in (FENCE, DIRECTIVE, IMAGE, TABLE_RULE, ATTR_LIST):
        body = pattern.sub(" ", body)
    body = ADMONITION.sub(lambda m: m.group(3) or " ", body)
    body = LINK.sub(r"\1", body)
    body = HTML_TAG.sub(" ", body)
    body = LIST_MARKER.sub("", body)
    body = MARKUP.sub(" ", body)
    return re.sub(r"[ \t]+", " ", body).strip()


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", text))
