"""Timing rules for SMTP delivery: the send-rate limit and the retry backoff.

Both take the clock and the sleep function as arguments so tests can run them on a
virtual clock instead of waiting.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[object]]


class Pacer:
    """Spaces message transactions evenly: at most `per_minute` starts per minute.

    Every caller (all workers of one run share one pacer) gets the next free slot,
    `60 / per_minute` seconds after the previous one, and sleeps until it. There is
    no burst allowance: providers count messages in sliding windows, and an even
    spacing never exceeds the cap whichever window they use. `per_minute <= 0` means
    no limit. Slots are claimed before sleeping, so no lock is needed on one loop.
    """

    def __init__(self, per_minute: int, *, clock: Clock, sleep: Sleep) -> None:
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next = -math.inf

    async def wait(self) -> None:
        """Return when the caller may start its next message transaction."""
        if self.interval == 0.0:
            return
        now = self._clock()
        slot = max(now, self._next)
        self._next = slot + self.interval
        if slot > now:
            await self._sleep(slot - now)


def backoff_delay(base_seconds: float, failed_attempts: int) -> float:
    """Delay before the next attempt: `base_seconds`, then doubling after each failure.

    No jitter: the pacer already spreads retries out, and a deterministic delay keeps
    the schedule testable.
    """
    return base_seconds * 2.0 ** max(failed_attempts - 1, 0)
