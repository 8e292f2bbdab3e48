"""Reading YAML with its node tree kept, so problems can name the line they are on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Loc

MERGE_TAG = "tag:yaml.org,2002:merge"


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


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raises yaml.YAMLError (with marks) on a syntax error."""
    loader = yaml.SafeLoader(text)
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
