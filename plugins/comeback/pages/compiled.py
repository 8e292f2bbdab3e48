"""Jinja templates compiled once per process, not once per build: `comeback build` makes three
builds in a row (`comeback serve` one per change), and each would compile the theme's fifty-odd
templates and the print templates again, a good part of a build that renders no PDF.

Each build still makes its own environment, and its own Template objects (with its own globals)
from the code compiled before. That code is kept by the template's name, file and source, and by
what of the environment shapes the code Jinja writes: its syntax, autoescaping, policies, gettext
style, and the very filters and tests it has (Jinja checks how each is called, and calls those it
can on constants while compiling). A changed template, or an environment that differs in any of
these, compiles anew; one with an extension other than i18n, whose effect cannot be told, compiles
as it always did.
"""

from __future__ import annotations

from collections.abc import Hashable
from types import CodeType
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.ext import InternationalizationExtension


class SharedTemplates(BytecodeCache):
    """Compiled templates kept in memory for the life of the process."""

    LIMIT = 2000
    """Templates kept at most: a rebuild whose plugins make new filters each time (closures) adds
    new entries, which must not pile up for as long as `comeback serve` runs."""

    def __init__(self) -> None:
        self._codes: dict[tuple[str, str, Hashable], CodeType] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        bucket = Bucket(environment, self.get_cache_key(name, filename), self.get_source_checksum(source))
        settings = compiler_settings(environment)
        if settings is not None:
            bucket.code = self._codes.get((bucket.key, bucket.checksum, settings))
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        settings = compiler_settings(bucket.environment)
        if settings is not None and bucket.code is not None:
            if len(self._codes) >= self.LIMIT:
                self._codes.clear()
            self._codes[(bucket.key, bucket.checksum, settings)] = bucket.code

    # get_bucket and set_bucket keep the code objects themselves: nothing is written or read.
    def load_bytecode(self, bucket: Bucket) -> None:
        raise NotImplementedError

    def dump_bytecode(self, bucket: Bucket) -> None:
        raise NotImplementedError


SHARED = SharedTemplates()


def share(env: Environment) -> Environment:
    """`env`, compiling each of its templates once in this process (see above)."""
    if env.bytecode_cache is None:
        env.bytecode_cache = SHARED
    return env


def compiler_settings(env: Environment) -> Hashable | None:
    """What of `env` the code compiled for a template depends on, or None if that cannot be told."""
    if any(type(extension) is not InternationalizationExtension for extension in env.extensions.values()):
        return None
    settings = (
        type(env),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        env.autoescape,
        env.finalize,
        tuple(sorted(env.extensions)),
        getattr(env, "newstyle_gettext", None),  # how the i18n extension compiles {% trans %}
        _frozen(env.policies),
        _frozen(env.filters),
        _frozen(env.tests),
    )
    try:
        hash(settings)
    except TypeError:  # a setting that is not a plain value, nor a function
        return None
    return settings


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted(((str(key), _frozen(item)) for key, item in value.items()), key=lambda pair: pair[0]))
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value
