"""Progress for long-running demo builds: one updating line on a terminal, else every 10%."""

from __future__ import annotations

import time


class Progress:
    """Report `label: done/total` as work advances, without flooding a log file.

    On a terminal the line is rewritten in place; anywhere else (a pipe, a log, a test) a line
    is written each time another tenth of the work is done, so 100,000 articles make ten lines.
    """

    def __init__(self, out, label: str, total: int):
        self.out, self.label, self.total = out, label, total
        self.done = 0
        self.started = time.monotonic()
        self._tty = bool(getattr(out, "isatty", lambda: False)())
        self._next_tenth = 1

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._tty:
            self.out.write(f"\r{self._line()}", ending="")
            self.out.flush()
            return
        if not self.total or self.done * 10 < self._next_tenth * self.total:
            return
        while self.done * 10 >= self._next_tenth * self.total:
            self._next_tenth += 1
        self.out.write(self._line())

    def finish(self) -> float:
        """End the line (on a terminal) and return the seconds spent."""
        if self._tty:
            self.out.write("")
        return time.monotonic() - self.started

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def _line(self) -> str:
        line = f"{self.label}: {self.done}/{self.total}"
        if self.total >= 1000:
            line += f" ({self.rate():,.0f}/s)"
        return line


class Silent:
    """A Progress that says nothing, for callers that do not want output."""

    def __init__(self, *args, **kwargs):
        self.done = 0
        self.started = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self.done += n

    def finish(self) -> float:
        return time.monotonic() - self.started

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0
