"""Python's cycle collector held off while a large file is imported.

An import keeps what it read (every row of a 100,000-row tracker, as objects) alive to
the end, and makes objects at a pace that starts the collector every few hundred: each
collection then walks those live objects again, which cost a quarter of such an import's
time for no garbage found (the import's objects are freed by reference counting). The
collector is paused for the import and resumed after it; imports running side by side
(the desk's threads) resume it when the last one ends.
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
