"""`reminder web` and `reminder serve` serving the pages, as a user starts them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.cli.test_app import reminder
from tests.web.server import free_port

SECRET = "s" * 40


def wait_for(url: str, proc: subprocess.Popen[str]) -> httpx.Response:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            return httpx.get(url, timeout=1)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered at {url}")


def start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMINDER_")}
    env.update(REMINDER_BASE_URL="https://reminders.example.org", REMINDER_SECRET_KEY=SECRET)
    return subprocess.Popen(
        [sys.executable, "-m", "reminder", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(proc: subprocess.Popen[str]) -> tuple[str, str]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    return out, err


def test_web_without_a_base_url_says_what_it_needs(tmp_path: Path) -> None:
    result = reminder("web", cwd=tmp_path)
    assert result.returncode == 1
    assert "REMINDER_BASE_URL" in result.stderr and "Traceback" not in result.stderr
    bad = reminder("web", "--port", "70000", cwd=tmp_path)
    assert bad.returncode == 2 and "--port" in bad.stderr


def test_web_serves_the_pages_and_stops_on_sigint(tmp_path: Path) -> None:
    port = free_port()
    proc = start(tmp_path, "web", "--port", str(port))
    try:
        assert wait_for(f"http://127.0.0.1:{port}/health", proc).text == "ok"
        page = httpx.get(f"http://127.0.0.1:{port}/a/not-a-link")
        assert page.status_code == 400 and "This link does not work" in page.text
    finally:
        _, err = stop(proc)
    assert SECRET not in err


def test_serve_runs_the_pages_beside_the_scheduler(tmp_path: Path) -> None:
    port = free_port()
    proc = start(tmp_path, "serve", "--tick", "1", "--web-port", str(port))
    try:
        assert wait_for(f"http://127.0.0.1:{port}/health", proc).text == "ok"
    finally:
        _, err = stop(proc)
    assert "service stopped" in err and SECRET not in err
