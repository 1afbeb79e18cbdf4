"""How many requests one client may make: a sliding-window log per client, pure logic with an injectable clock.

A sliding window (rather than a token bucket) keeps the promise of ``ASSISTANT_RATE_LIMIT`` literally: at most
that many requests in any 60 seconds, never a burst on top of a refill."""
from __future__ import annotations

import math
import threading
import time
from collections import deque
from typing import Callable

WINDOW_S = 60.0
SWEEP_EVERY = 1024  # calls between sweeps of clients that went quiet


class RateLimiter:
    """``limit`` requests per client in any ``window_s`` seconds; refused requests do not count."""

    def __init__(self, limit: int, window_s: float = WINDOW_S, clock: Callable[[], float] = time.monotonic):
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit!r}")
        self.limit, self.window_s, self.clock = limit, window_s, clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._calls = 0

    def acquire(self, client: str) -> float:
        """Counts a request of ``client``: 0.0 when allowed, else the seconds until one would be."""
        now = self.clock()
        with self._lock:
            self._calls += 1
            if self._calls % SWEEP_EVERY == 0:
                self._sweep(now)
            hits = self._hits.get(client)
            if hits is None:
                hits = self._hits[client] = deque()
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) < self.limit:
                hits.append(now)
                return 0.0
            return hits[0] + self.window_s - now

    def wait(self, client: str) -> float:
        """Without counting: 0.0 when ``client`` may make a request now, else the seconds until it may."""
        now = self.clock()
        with self._lock:
            hits = self._hits.get(client)
            if not hits:
                return 0.0
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            return 0.0 if len(hits) < self.limit else hits[0] + self.window_s - now

    def _sweep(self, now: float) -> None:
        # a client whose newest request left the window is indistinguishable from a new one: forget it, so that
        # memory follows the clients of the last minute, not every address ever seen
        quiet = [c for c, hits in self._hits.items() if not hits or hits[-1] <= now - self.window_s]
        for c in quiet:
            del self._hits[c]

    def __len__(self) -> int:
        return len(self._hits)


def retry_after_header(seconds: float) -> str:
    """Retry-After takes whole seconds; rounding down would invite a retry that is refused again."""
    return str(max(1, math.ceil(seconds)))
