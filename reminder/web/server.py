"""uvicorn for the web part, able to run inside another program's event loop."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import uvicorn
from fastapi import FastAPI


class _Embedded(uvicorn.Server):
    """A server that leaves signals to its host: `reminder serve` stops it itself."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def web_server(app: FastAPI, *, host: str, port: int, log_level: str) -> uvicorn.Server:
    """A server for `app`: `await server.serve()`; set `should_exit` to stop it (the
    caller handles SIGINT and SIGTERM, so that a stop is a clean exit, not an error)."""
    config = uvicorn.Config(
        app, host=host, port=port, log_level=log_level, lifespan="off", proxy_headers=True
    )
    return _Embedded(config)
