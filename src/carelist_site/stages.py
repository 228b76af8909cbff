"""Where a build's time goes: seconds per stage, for `carelist build --timings` and the benchmark."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

# The stages in the order a build runs them. Contexts, render and write run in the worker processes: their seconds
# are added up over the workers, so with two workers they can exceed the wall time of the pages stage.
READ = "read+validate"
HISTORY = "history"  # the revisions read from git
MODEL = "model"
CONTEXTS = "page contexts"
RENDER = "render"
WRITE = "write"
OPEN_DATA = "open data"
SEARCH = "search index"
LINK = "link unchanged"  # files reused from the published build (incremental builds)
SWAP = "swap in"  # the new folder replaces the old one, which is deleted
STAGES = (READ, HISTORY, MODEL, CONTEXTS, RENDER, WRITE, OPEN_DATA, SEARCH, LINK, SWAP)


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    pages_wall: float = 0.0  # wall time of contexts + render + write across the workers (the build's own files made meanwhile)
    workers: int = 1
    pages: int = 0  # pages in the site, in every language
    rendered: int = 0  # files whose context was computed and rendered in this build
    reused: int = 0  # files taken unchanged from the previous build (hard links into the new output)
    written: int = 0  # files whose bytes were written anew

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def merge(self, other: dict[str, float]) -> None:
        for name, seconds in other.items():
            self.add(name, seconds)

    def lines(self) -> list[str]:
        """One line per stage, then how the pages were made."""
        width = max(len(name) for name in self.seconds)
        rows = [f"  {name:<{width}}  {seconds:7.2f} s" for name, seconds in self.seconds.items()]
        rows.append(
            f"  pages: {self.workers} process{'es' if self.workers != 1 else ''}, {self.pages_wall:.2f} s wall; "
            f"{self.rendered} rendered, {self.written} written, {self.reused} reused unchanged"
        )
        return rows
