"""The package's shape, held by tests: a core that knows nothing of MkDocs, folders that import each
other in one direction only, one name for one job, and one rule in one place."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

from comeback.core.markup import DIRECTIVES
from comeback.pages.directives import RENDERERS
from conftest import REPO

PACKAGE = REPO / "plugins" / "comeback"


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path) -> set[str]:
    """The modules `name` imports (relative imports resolved)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            submodules = {f"{module}.{alias.name}" for alias in node.names} & set(modules())
            found.update(submodules)
            if len(submodules) < len(node.names):  # a name from the module itself, not only its submodules
                found.add(module)
    return found


def folder(name: str, path: Path) -> str:
    """The package (folder) a module is in."""
    return name if path.name == "__init__.py" else name.rsplit(".", 1)[0]


def test_the_core_imports_nothing_of_mkdocs_and_nothing_outside_the_core() -> None:
    found = {
        name: sorted(
            module
            for module in imports(name, path)
            if module.split(".")[0] in ("mkdocs", "material", "properdocs", "markdown", "pymdownx")
            or (module.startswith("comeback.") and not module.startswith("comeback.core"))
        )
        for name, path in modules().items()
        if name.startswith("comeback.core")
    }

    assert len(found) >= 15  # the core is there, and these are its modules
    assert {name: outside for name, outside in found.items() if outside} == {}


def test_no_folder_of_the_package_imports_one_that_imports_it_back() -> None:
    all_modules = modules()
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in all_modules.items():
        here = folder(name, path)
        for module in imports(name, path):
            if module in all_modules and (there := folder(module, all_modules[module])) != here:
                edges[here].add(there)

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for following in edges[node]:
                if following == start:
                    return [*trail, start]
                if following not in trail:
                    stack.append((following, [*trail, following]))
        return None

    assert {"comeback.mkdocs", "comeback.core", "comeback.print", "comeback.pages"} <= set(edges) | {"comeback.core"}
    assert [cycle for start in sorted(edges) if (cycle := cycle_from(start))] == []


def test_at_most_one_module_is_called_render_and_modules_of_the_print_step_are_named_for_their_step() -> None:
    names = [path.name for path in PACKAGE.rglob("*.py")]

    assert names.count("render.py") <= 1
    steps = {path.stem for path in (PACKAGE / "print").glob("*.py")}
    assert {"book", "weasy", "workers", "assembly", "form_fields", "fonts", "cache"} <= steps
    assert (PACKAGE / "core/course/printables.py").is_file()  # which PDFs there are and what goes in each


def test_every_directive_of_the_registry_has_one_renderer() -> None:
    assert set(RENDERERS) == set(DIRECTIVES)


def test_the_slug_rule_lives_in_one_place() -> None:
    slug_rules = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if re.search(r"\[\^a-z0-9\]\+", path.read_text(encoding="utf-8"))
    ]

    assert slug_rules == ["core/ids.py"]


@pytest.mark.parametrize(
    "plugin",
    sorted(
        ("course", "facilitator", "worksheets", "learner", "brand", "support", "references", "offline", "scorm", "pdf")
    ),
)
def test_every_plugin_has_enabled_first_taking_what_an_environment_variable_gives(plugin: str) -> None:
    from comeback.mkdocs.options import Switch
    from comeback.mkdocs.state import FEATURES

    options = next(kind for kind, name in FEATURES.items() if name == f"comeback/{plugin}")
    first = next(iter(options._schema))

    assert first == ("enabled", first[1]) and isinstance(first[1], Switch)
    config = options()
    config.load_dict({"enabled": 0})
    assert config.validate() == ([], []) and config.enabled is False
