"""Python's cycle collector held off while bulk work runs: reading a large file,
importing it, planning a chunk of digests.

Such work keeps what it made (every cell and row of a 100,000-row tracker, a chunk's
items) alive to the end, and makes objects at a pace that starts the collector every
few hundred: each collection then walks those live objects again and finds nothing
(reference counting frees them), which cost a quarter to a third of that work's CPU.
Nested and concurrent pauses (an import that reads, the desk's threads) share one
count: the collector resumes when the last one ends, and only if it ran before the
first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0
_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off cycle collection in the block; the collector's own state is restored after."""
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
