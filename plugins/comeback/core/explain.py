"""Turning pydantic's validation errors into plain messages that say how to fix the YAML, for any of
the YAML sources (worksheets, references), each with the model of its file."""

from __future__ import annotations

import datetime
import difflib
import types
from collections.abc import Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, RootModel
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from .ids import id_from
from .problems import Loc


def explain(
    error: ErrorDetails, root: type[BaseModel], *, type_names: str = "", too_short: Mapping[str, str] | None = None
) -> tuple[Loc, str]:
    """Where a validation error is in a file of `root` models (union tags removed, so it matches
    the YAML) and what to do. `type_names` lists the values a union's `type` key takes; `too_short`
    says what a list that must not be empty needs, by its key."""
    loc, field, _ = _resolve(error["loc"], root)
    too_short = too_short or {}
    ctx = error.get("ctx") or {}
    value = error["input"]
    kind = error["type"]
    key = loc[-1] if loc else ""

    if kind == "union_tag_invalid":
        return (*loc, "type"), f"unknown type '{ctx.get('tag')}' (expected one of: {type_names})"
    if kind == "union_tag_not_found":
        return (*loc, "type"), f"missing required key 'type' (one of: {type_names})"
    if "at" in ctx:  # our own checks in model.py: the message is already plain
        return (*loc, *ctx["at"]), error["msg"]
    if kind == "missing":
        return loc, f"missing required key '{key}'; add it"
    if kind == "extra_forbidden":
        return loc, _unknown_key(str(key), _resolve(error["loc"][:-1], root)[2])
    if kind == "invalid_key":  # e.g. `1:`, `yes:` or `~:`, which YAML reads as a number, true or null
        allowed = ", ".join(_keys(_unwrap(_resolve(error["loc"][:-1], root)[2])))
        return loc[:-1], f"a key must be text, not {_describe(value)}; use one of the keys allowed here: {allowed}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, f"must be a mapping of keys and values ('key: value' lines), not {_describe(value)}"
    if kind == "list_type":
        return loc, f"must be a list (one '- ' item per line), not {_describe(value)}"
    if kind == "string_type":
        if value is None:
            return loc, "is empty; write the text after the colon, or remove the key if it is optional"
        hint = "; put it in quotes" if isinstance(value, (bool, int, float, datetime.date)) else ""
        return loc, f"must be text, not {_describe(value)}{hint}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        hint = "; remove the quotes" if isinstance(value, str) and value.strip().lstrip("-").isdigit() else ""
        return loc, f"must be a whole number, not {_describe(value)}{hint}"
    if kind == "string_too_short":
        return loc, "is empty; write some text, or remove the key if it is optional"
    if kind == "too_short":
        if key in too_short:
            return loc, too_short[str(key)]
        least = ctx.get("min_length", 1)
        if least == 1:
            return loc, f"needs at least one {str(key).removesuffix('s')}; add one"
        return loc, f"needs at least {least} {key}; add more"
    if kind == "string_pattern_mismatch":
        return loc, (
            f"invalid id '{value}': use only lowercase letters, digits and single hyphens, e.g. '{_slug(value)}'"
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        return loc, _out_of_range(value, field)
    return loc, error["msg"][:1].lower() + error["msg"][1:]


def _unknown_key(key: str, parent: Any) -> str:
    allowed = _keys(_unwrap(parent))
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f"unknown key '{key}' (did you mean '{close[0]}'?)"
    return f"unknown key '{key}' (allowed here: {', '.join(allowed)})"


def _keys(model: Any) -> list[str]:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return []
    fields = model.model_fields.items()
    return [info.alias or name for name, info in fields if name != "source"]


def _out_of_range(value: Any, field: FieldInfo | None) -> str:
    low = high = None
    for rule in field.metadata if field else []:
        if isinstance(rule, annotated_types.Ge):
            low = rule.ge
        elif isinstance(rule, annotated_types.Le):
            high = rule.le
    if low is not None and high is not None:
        return f"must be between {low} and {high}, not {value}"
    if low is not None:
        return f"must be {low} or more, not {value}"
    if high is not None:
        return f"must be {high} or less, not {value}"
    return f"{value} is out of range"


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"a date ({value.isoformat()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _slug(value: Any) -> str:
    return id_from(str(value)) or "my-id"


def _resolve(loc: tuple[str | int, ...], root: type[BaseModel]) -> tuple[Loc, FieldInfo | None, Any]:
    """Follow a pydantic error location through the models: the same location without the union
    tags pydantic inserts (so it names YAML keys only), the model field it ends at (if it ends at
    one) and the type expected there."""
    clean: list[str | int] = []
    annotation: Any = root
    field: FieldInfo | None = None
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, RootModel):
            annotation = _unwrap(annotation.model_fields["root"].annotation)  # the file is its root
        if part == "[key]":  # pydantic's name for the mapping key just named: not a YAML key
            annotation, field = None, None
        elif get_origin(annotation) is dict and isinstance(part, str):
            annotation, field = get_args(annotation)[1], None
            clean.append(part)
        elif _is_model(annotation) and isinstance(part, str):
            field = _field_by_key(annotation, part)
            annotation = field.annotation if field else None
            clean.append(part)
        elif get_origin(annotation) in (list, tuple) and isinstance(part, int):
            annotation, field = get_args(annotation)[0], None  # list[X] or tuple[X, ...]
            clean.append(part)
        elif get_origin(annotation) in (Union, types.UnionType) and isinstance(part, str):
            annotation = _member_with_tag(annotation, part)  # a tag: not a YAML key
        else:
            annotation, field = None, None
            clean.append(part)
    return tuple(clean), field, annotation


def _unwrap(annotation: Any) -> Any:
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif _is_optional(annotation):
            annotation = next(member for member in get_args(annotation) if member is not type(None))
        else:
            return annotation


def _is_optional(annotation: Any) -> bool:
    members = get_args(annotation)
    return get_origin(annotation) in (Union, types.UnionType) and len(members) == 2 and type(None) in members


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _field_by_key(model: type[BaseModel], key: str) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info
    return None


def _member_with_tag(union: Any, tag: str) -> Any:
    for member in get_args(union):
        type_field = member.model_fields.get("type") if _is_model(member) else None
        if type_field and get_origin(type_field.annotation) is Literal and tag in get_args(type_field.annotation):
            return member
    return None
