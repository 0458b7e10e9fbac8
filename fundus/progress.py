"""A minimal progress line for command-line tools: redrawn on a terminal, silent
otherwise (logs and CI stay clean). Shared by every CLI in the project."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, label: str = "", stream=None):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.start = time.perf_counter()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.enabled:
            elapsed = time.perf_counter() - self.start
            rate = self.done / elapsed if elapsed > 0 else 0.0
            eta = (self.total - self.done) / rate if rate else 0.0
            self.stream.write(f"\r{self.label} {self.done}/{self.total} "
                              f"({rate:.1f}/s, {eta:.0f}s left)   ")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
