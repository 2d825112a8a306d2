"""Real `reminder` processes for the crash tests, and the SMTP server's killer.

A `Killer` is the server's `on_command` hook: at the chosen command (the Nth MAIL,
DATA or QUIT the server sees) it SIGKILLs the client process (its whole process group)
before the server replies. At a DATA the server already holds the message: its sender
dies without knowing, the one window SMTP cannot close. The killer notes which
messages were in that window (`SmtpTestServer.unconfirmed`) when it struck.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.smtp_server import Received, SmtpTestServer


@dataclass
class Proc:
    """A `reminder` process in its own process group, its output in files."""

    name: str
    popen: subprocess.Popen[bytes]
    folder: Path

    @classmethod
    def start(cls, name: str, *args: str, env: dict[str, str], folder: Path) -> Proc:
        out = (folder / f"{name}.out").open("wb")
        err = (folder / f"{name}.err").open("wb")
        popen = subprocess.Popen(
            [sys.executable, "-m", "reminder", *args],
            env=env, cwd=folder, stdout=out, stderr=err, start_new_session=True,
        )  # fmt: skip
        out.close()
        err.close()
        return cls(name, popen, folder)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def kill(self) -> None:
        """SIGKILL the process and whatever it started (a render worker)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)

    def stop(self) -> int:
        """SIGTERM (the batch in flight finishes and is recorded), then wait."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
        try:
            return self.popen.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill()
            return self.popen.wait(timeout=10)

    def output(self) -> str:
        out = (self.folder / f"{self.name}.out").read_text(errors="replace")
        err = (self.folder / f"{self.name}.err").read_text(errors="replace")
        return f"--- {self.name} stdout\n{out[-3000:]}\n--- {self.name} stderr\n{err[-3000:]}"


def pid_owning(port: int, pids: Sequence[int]) -> int | None:
    """Which of `pids` holds the loopback TCP socket whose local port is `port`."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with Path(table).open() as f:
            next(f)
            for line in f:
                fields = line.split()
                if int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{fields[9]}]")
    for pid in pids:
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    if str(fd.readlink()) in inodes:
                        return pid
    return None


@dataclass
class Killer:
    """The server's `on_command` hook: SIGKILLs the client at the `number`th `command`.

    With several candidate processes, the one holding the connection is killed.
    """

    server: SmtpTestServer
    command: str
    number: int
    procs: list[Proc] = field(default_factory=list)
    fired: threading.Event = field(default_factory=threading.Event)
    window: list[Received] = field(default_factory=list)
    victim: Proc | None = None
    at: float = 0.0
    # Called once the victim is dead, before the server replies: what the ledger then
    # says (`reminder history`), to tell the outcomes the victim had not yet committed.
    snapshot: Callable[[], str] | None = None
    after: str = ""

    def __post_init__(self) -> None:
        self.server.on_command = self

    def __call__(self, command: str, number: int, peer: tuple[str, int]) -> None:
        if self.fired.is_set() or command != self.command or number != self.number:
            return
        live = [p for p in self.procs if p.popen.poll() is None]
        pid = live[0].pid if len(live) == 1 else pid_owning(peer[1], [p.pid for p in live])
        victim = next((p for p in live if p.pid == pid), None)
        if victim is None:
            return  # not one of ours (cannot happen on a private server): keep waiting
        # The messages whose sender has not been seen going on since: with the kill,
        # their outcome stays unknown to the client.
        self.window = self.server.unconfirmed()
        victim.kill()
        self.victim, self.at = victim, time.monotonic()
        if self.snapshot is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                victim.popen.wait(timeout=10)
            self.after = self.snapshot()
        self.fired.set()


def wait_for(condition: object, timeout: float, step: float = 0.2) -> bool:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


def serve_args() -> Iterator[str]:
    yield from ("serve", "--tick", "1")
