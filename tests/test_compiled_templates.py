"""Templates compiled once per process (pages/compiled.py): a later build of the same process uses
the code compiled before, unless the template or what of the environment shapes its code changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from comeback.pages.compiled import share


def _environment(folder: Path, **filters: object) -> Environment:
    env = Environment(loader=FileSystemLoader(folder), auto_reload=False)
    env.filters.update(filters)
    return share(env)


def _compiles(env: Environment, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    compile_source = env.compile

    def counted(source: str, name: str | None = None, filename: str | None = None, *args: object) -> object:
        compiled.append(str(name))
        return compile_source(source, name, filename, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(env, "compile", counted)
    return compiled


def test_a_later_environment_uses_the_code_compiled_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    assert _environment(tmp_path).get_template("page.html").render(name="first") == "<p>first</p>"

    later = _environment(tmp_path)
    compiled = _compiles(later, monkeypatch)

    assert later.get_template("page.html").render(name="second") == "<p>second</p>"
    assert compiled == []


def test_a_changed_template_is_compiled_anew(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text("<p>before {{ name }}</p>", encoding="utf-8")
    assert _environment(tmp_path).get_template("page.html").render(name="x") == "<p>before x</p>"

    template.write_text("<p>after {{ name }}</p>", encoding="utf-8")

    assert _environment(tmp_path).get_template("page.html").render(name="x") == "<p>after x</p>"


def test_an_environment_with_other_filters_compiles_anew(tmp_path: Path) -> None:
    # Jinja calls a filter on a constant while compiling: the code holds the first filter's result.
    (tmp_path / "page.html").write_text('{{ "word" | shout }}', encoding="utf-8")
    assert _environment(tmp_path, shout=str.upper).get_template("page.html").render() == "WORD"

    assert _environment(tmp_path, shout=str.title).get_template("page.html").render() == "Word"


def test_an_environment_with_other_syntax_compiles_anew(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("{{ 1 + 1 }} <%= 2 + 2 %>", encoding="utf-8")
    assert _environment(tmp_path).get_template("page.html").render() == "2 <%= 2 + 2 %>"

    other = Environment(
        loader=FileSystemLoader(tmp_path), variable_start_string="<%=", variable_end_string="%>", auto_reload=False
    )

    assert share(other).get_template("page.html").render() == "{{ 1 + 1 }} 4"
