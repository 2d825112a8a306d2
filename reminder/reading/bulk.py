"""Bulk reading without the cyclic garbage collector's passes.

Reading a large tracker makes hundreds of thousands of small objects (cells, rows,
actions) that all stay alive until the read ends; each generation-2 collection walks all of
them again and finds nothing, and on a 100,000-row CSV those walks were a third of the
read's CPU time. Reference counting still frees everything as usual; only the cycle passes
wait until the outermost read ends. Nested and concurrent reads (the collector thread, an
import) share one count, so the collector is enabled again only when the last one ends, and
only if it was enabled before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def no_cycle_passes() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block (see module doc)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
