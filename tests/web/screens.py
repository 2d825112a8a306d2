"""Screenshots of desk pages, written by the test run for review (not compared).

`shoot(page, "register-forum")` saves the page at the phone width and at 1280 px under
$REMINDER_SCREENSHOTS (default `screenshots/` at the repository root, git-ignored).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[2]
WIDTHS = (375, 1280)


def folder() -> Path:
    path = Path(os.environ.get("REMINDER_SCREENSHOTS", ROOT / "screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def shoot(page: Any, name: str) -> list[Path]:
    """Full-page screenshots of `page` as it is now, at each width; their paths."""
    out = []
    size = page.viewport_size or {"width": 375, "height": 800}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": size["height"]})
        path = folder() / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        out.append(path)
    page.set_viewport_size(size)
    return out
