"""Reading a YAML source file with its node tree kept, so problems can name the line they are on.

Anchors and aliases (`&name`, `*name`) are refused: the files are short and written by hand, and an
alias lets a few hundred bytes expand into millions of values (the "billion laughs").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Loc, Problem

MERGE_TAG = "tag:yaml.org,2002:merge"
# libyaml's parser when PyYAML has it (its wheels do): it reads the same YAML with the same marks
# several times faster, and a build reads every worksheet and plan. A file it cannot read is read
# again by PyYAML's own, whose messages say more plainly what is wrong.
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class DuplicateKey:
    loc: Loc
    line: int
    first_line: int


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    root: Node | None
    duplicate_keys: list[DuplicateKey]

    def line_of(self, loc: Loc) -> int:
        """The 1-based line of `loc` (a key's line for mapping members), or of the nearest parent
        that exists, since a missing key has no line of its own."""
        if self.root is None:
            return 1
        line = self.root.start_mark.line + 1
        node: Node = self.root
        for part in loc:
            found = _child(node, part)
            if found is None:
                break
            line, node = found
        return line


def read_yaml(path: Path, file: str) -> tuple[list[Problem], YamlDocument | None]:
    """The parsed file, or the problems that stop it being read (named `file` in messages)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [Problem(file, 1, "", "the file is not UTF-8 text; save it as UTF-8")], None
    except OSError as error:
        return [Problem(file, 1, "", f"cannot read the file: {error.strerror or error}")], None
    try:
        return _read(text, file, FAST)
    except yaml.YAMLError:
        pass
    try:
        return _read(text, file, yaml.SafeLoader)
    except yaml.reader.ReaderError as error:
        # Not a MarkedYAMLError: it has a position in the text instead of a line.
        line = text.count("\n", 0, error.position) + 1
        message = (
            f"invalid YAML: the control character U+{error.character:04X} is not allowed in YAML;"
            " delete it (it often comes with pasted text)"
        )
        return [Problem(file, line, "", message)], None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        context = f" ({error.context})" if error.context else ""
        message = (
            f"invalid YAML: {error.problem}{context}; check the indentation, and quote text that contains ': ' or ' #'"
        )
        return [Problem(file, line, "", message)], None
    except yaml.YAMLError as error:
        return [Problem(file, 1, "", f"invalid YAML: {error}")], None


def _read(text: str, file: str, loader: type[Any]) -> tuple[list[Problem], YamlDocument | None]:
    aliases = _anchors_and_aliases(text, loader)
    if aliases:
        return [Problem(file, line, "", _NO_ALIASES.format(name=name)) for line, name in aliases], None
    return [], parse_yaml(text, loader)


_NO_ALIASES = (
    "YAML anchors and aliases ('{name}') are not allowed here; write the value out in full each time it is needed"
)


def _anchors_and_aliases(text: str, loader: type[Any]) -> list[tuple[int, str]]:
    """(line, "&name" or "*name") of every anchor and alias, read from the event stream (which is
    linear in the text, unlike the data an alias expands into)."""
    found: list[tuple[int, str]] = []
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent):
            found.append((line, f"*{event.anchor}"))
        elif isinstance(event, yaml.NodeEvent) and event.anchor:
            found.append((line, f"&{event.anchor}"))
    return found


def parse_yaml(text: str, loader_type: type[Any] = FAST) -> YamlDocument:
    """Parse one YAML document; raises yaml.YAMLError (with marks) on a syntax error."""
    loader = loader_type(text)
    try:
        root = loader.get_single_node()
        # Before constructing: the constructor flattens merge keys into the node tree in place.
        duplicates = _duplicate_keys(root, (), set()) if root is not None else []
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return YamlDocument(data=data, root=root, duplicate_keys=duplicates)


def _child(node: Node, part: str | int) -> tuple[int, Node] | None:
    if isinstance(node, MappingNode) and isinstance(part, str):
        # The last of repeated keys, because that is the value PyYAML keeps.
        for key, value in reversed(node.value):
            if isinstance(key, ScalarNode) and key.value == part:
                return key.start_mark.line + 1, value
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item.start_mark.line + 1, item
    return None


def _duplicate_keys(node: Node, loc: Loc, visited: set[int]) -> list[DuplicateKey]:
    # Aliases share nodes and may even be recursive: visit each node once.
    if id(node) in visited:
        return []
    visited.add(id(node))
    found: list[DuplicateKey] = []
    if isinstance(node, MappingNode):
        first_lines: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag == MERGE_TAG:
                continue
            line = key.start_mark.line + 1
            if key.value in first_lines:
                found.append(DuplicateKey(loc=(*loc, key.value), line=line, first_line=first_lines[key.value]))
            else:
                first_lines[key.value] = line
            found += _duplicate_keys(value, (*loc, key.value), visited)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            found += _duplicate_keys(item, (*loc, index), visited)
    return found
