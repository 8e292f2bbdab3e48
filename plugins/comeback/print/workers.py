"""Running jobs in parallel worker processes (WeasyPrint's renders, pikepdf's assemblies), with
one rule for failure: a job that raises, or whose process dies, ends its batch with JobFailed
naming the job."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any, TypeVar

from .weasy import RenderRequest, RenderResult, render_pdf

T = TypeVar("T")


class JobFailed(Exception):
    """A job of a batch failed: it raised `error`, or the process running it died (`error` None)."""

    def __init__(self, index: int, error: BaseException | None) -> None:
        self.index = index
        self.error = error
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        if self.error is None:
            return "the process rendering it stopped without a word (it may have run out of memory or crashed)"
        return f"{type(self.error).__name__}: {self.error}"


class Renderer:
    """Runs batches of jobs in up to `workers` spawned processes, started on first need and kept
    for later batches of the same build. A single job with no pool running is run here instead:
    starting a process costs as much as rendering a small document.

    A job that raises, or whose process dies, ends the batch with JobFailed naming the job. When a
    process dies, the pool is lost with every job it held, so those jobs are run again one at a
    time in a new process: the one that kills it again is the culprit, and a death that does not
    come back (a moment of low memory) costs nothing but time."""

    def __init__(self, workers: int, render: Callable[[RenderRequest], RenderResult] = render_pdf) -> None:
        self.workers = max(1, workers)
        self._render_one = render
        self._pool: ProcessPoolExecutor | None = None

    def render(self, requests: Sequence[RenderRequest]) -> Iterator[tuple[int, RenderResult]]:
        """(index, result) for every request, as they finish; the largest documents start first."""
        order = sorted(range(len(requests)), key=lambda index: len(requests[index].html), reverse=True)
        if self._pool is None and (self.workers == 1 or len(order) == 1):
            yield from self._here(self._render_one, [(requests[index],) for index in order], order)
            return
        yield from self._in_processes(self._render_one, [(requests[index],) for index in order], order)

    def run(self, function: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> Iterator[tuple[int, T]]:
        """(index, result) of `function(*calls[index])` for every call, as they finish: a long
        batch in the worker processes if they are running anyway, a short one in threads here
        (starting another process costs more than a few of the short jobs this is for; the jobs
        are mostly pikepdf, which lets go of the GIL)."""
        indexes = list(range(len(calls)))
        if self._pool is None or len(calls) <= 2 * self.workers:
            with ThreadPoolExecutor(max_workers=self.workers) as threads:
                futures = {
                    threads.submit(function, *arguments): index for index, arguments in zip(indexes, calls, strict=True)
                }
                for future in as_completed(futures):
                    yield futures[future], _result(future, futures[future])
            return
        yield from self._in_processes(function, list(calls), indexes)

    def _here(
        self, function: Callable[..., T], calls: list[tuple[Any, ...]], indexes: list[int]
    ) -> Iterator[tuple[int, T]]:
        for index, arguments in zip(indexes, calls, strict=True):
            try:
                result = function(*arguments)
            except Exception as error:
                raise JobFailed(index, error) from error
            yield index, result

    def _in_processes(
        self, function: Callable[..., T], calls: list[tuple[Any, ...]], indexes: list[int]
    ) -> Iterator[tuple[int, T]]:
        pool = self._start(self.workers)
        futures = {pool.submit(function, *arguments): index for index, arguments in zip(indexes, calls, strict=True)}
        arguments_of = dict(zip(indexes, calls, strict=True))
        done: set[int] = set()
        try:
            for future in as_completed(futures):
                index = futures[future]
                result = _result(future, index)
                done.add(index)
                yield index, result
        except _PoolDied:
            self.close()
            for index in (index for index in indexes if index not in done):
                try:
                    result = _result(self._start(1).submit(function, *arguments_of[index]), index)
                except _PoolDied:
                    self.close()
                    raise JobFailed(index, None) from None
                yield index, result

    def _start(self, workers: int) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: forking a process that has MkDocs, Jinja and maybe Pango loaded (and
            # serve's threads running) is unsafe; spawn is what macOS and Windows do anyway.
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)  # the workers wind down on their own
            self._pool = None

    def __enter__(self) -> Renderer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


class _PoolDied(Exception):
    pass


def _result(future: Future[T], index: int) -> T:
    """The future's result; JobFailed if it raised, _PoolDied if its process pool broke."""
    try:
        return future.result()
    except BrokenProcessPool as error:
        raise _PoolDied from error
    except Exception as error:
        raise JobFailed(index, error) from error


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
