"""A progress indicator on standard error for the long link commands (nothing on stdout)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Prints "stap: tekst (n s)" lines; quiet=True prints nothing (for tests and services)."""

    def __init__(self, *, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.started = time.perf_counter()

    def step(self, text: str) -> None:
        if self.quiet:
            return
        elapsed = time.perf_counter() - self.started
        self.stream.write(f"[{elapsed:6.1f} s] {text}\n")
        self.stream.flush()


QUIET = Progress(quiet=True)
