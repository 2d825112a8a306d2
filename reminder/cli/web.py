"""`reminder web`: the pages behind the links in mails, served alone by uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from reminder.cli.context import check_log_level


def check_port(value: int) -> int:
    if not 1 <= value <= 65535:
        raise typer.BadParameter(f"{value} is not a port; expected 1 to 65535")
    return value


def web(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", callback=check_port)] = 8080,
    log_level: Annotated[
        str, typer.Option(help="debug, info, warning or error.", callback=check_log_level)
    ] = "info",
) -> None:
    """Serve the pages that mail links open (answers, unsubscribe, settings, calendar).

    Needs REMINDER_BASE_URL (the public address, e.g. https://reminders.example.org,
    usually behind a TLS-terminating proxy) and REMINDER_SECRET_KEY. `reminder serve`
    runs the same pages beside the scheduler when a base URL is configured.
    """
    import asyncio
    import signal

    from reminder import clock, logs
    from reminder.web.app import create_app
    from reminder.web.server import web_server

    settings = ctx.obj.settings()
    logs.configure(level=log_level.upper(), secrets=[settings.web.secret_key or ""])
    app = create_app(engine=ctx.obj.engine(settings), settings=settings, clock=clock.now)
    server = web_server(app, host=host, port=port, log_level=log_level)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, lambda: setattr(server, "should_exit", True))
        await server.serve()

    asyncio.run(main())


def register(app: typer.Typer) -> None:
    app.command()(web)
