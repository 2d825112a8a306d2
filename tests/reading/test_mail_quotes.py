"""E-mail minutes: a signature and an earlier message quoted below hold no action points."""

from __future__ import annotations

from pathlib import Path

from reminder.reading.dispatch import read_source

MAIL = """From: Dana Reyes
Sent: Tuesday, 4 March 2025 10:00
To: Water WG
Subject: Action items, water WG, 4 March 2025

Dear all,

Action items:
- Omid: share the borehole list by Friday
- Lea: update the 4W by 15/03

Kind regards,
Dana

Dana Reyes | WG coordinator
+00 000 0000

________________________________
From: Lea Stone
Sent: Monday, 3 March 2025 09:00
Subject: Agenda

Action items from last time:
- Omid: book the room by Wednesday
"""


def test_the_signature_and_the_quoted_mail_give_no_actions(tmp_path: Path) -> None:
    path = tmp_path / "mail.txt"
    path.write_text(MAIL, encoding="utf-8")
    actions = read_source(path).actions
    assert [a.owners for a in actions] == [("Omid",), ("Lea",)]


def test_a_second_header_block_ends_the_minutes(tmp_path: Path) -> None:
    path = tmp_path / "mail.txt"
    path.write_text(MAIL.replace("Kind regards,\n", ""), encoding="utf-8")
    actions = read_source(path).actions
    assert len(actions) == 2
    assert all("book the room" not in a.text for a in actions)
