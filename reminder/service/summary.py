"""What a run of notices did, mail by mail state: the summary the CLI and `serve` print."""

from __future__ import annotations

from dataclasses import dataclass, field

from reminder.delivery.base import Delivery, Outcome
from reminder.ledger.claims import Claimed
from reminder.mail.messages import Rendered
from reminder.planning.notices import Notice


@dataclass
class RunSummary:
    """What a run did, one bucket per outcome (each a list of (key, reason) or a count).

    Mails this run owned end in `sent`, `failed` (transient: the next run retries),
    `unknown` (DATA unanswered: sent again with the same Message-ID), `refused` (every
    recipient refused: final) or `not_sent` (our own error: retried once fixed). Mails
    it did not own are counted in `already_sent` (an earlier run sent them),
    `refused_earlier` and `elsewhere` (a live run is sending them now). `taken_over`
    counts the mails it took from a run that died, `resent` those of them a server may
    already have had. A dry run fills `planned`, the counts of mails it would not own,
    and `previews` (the rest: what a real run would send now).
    """

    planned: int = 0
    sent: int = 0
    already_sent: int = 0
    refused_earlier: int = 0
    elsewhere: int = 0
    taken_over: int = 0
    resent: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    not_sent: list[tuple[str, str]] = field(default_factory=list)
    previews: list[tuple[Notice, Rendered]] = field(default_factory=list)
    interrupted: bool = False

    @property
    def would_send(self) -> int:
        return self.planned - self.already_sent - self.refused_earlier - self.elsewhere

    @property
    def done(self) -> int:
        """Mails of this run whose fate is known, for progress."""
        problems = len(self.failed) + len(self.unknown) + len(self.refused) + len(self.not_sent)
        return self.sent + self.already_sent + self.refused_earlier + self.elsewhere + problems

    @property
    def ok(self) -> bool:
        """Nothing failed and nothing is left for a later run."""
        return not (self.failed or self.unknown or self.refused or self.not_sent)

    def count_others(self, states: dict[str, str]) -> None:
        """Count the mails another run holds or settled, by their ledger state."""
        for state in states.values():
            if state == Outcome.SENT.value:
                self.already_sent += 1
            elif state == Outcome.REFUSED.value:
                self.refused_earlier += 1
            else:
                self.elsewhere += 1

    def count_claimed(self, claimed: Claimed) -> None:
        self.count_others(claimed.others)
        self.taken_over += len(claimed.taken_over)
        self.resent += len(claimed.resent)

    def add(self, delivery: Delivery, reason: str) -> None:
        """File one owned mail's outcome."""
        bucket = {
            Outcome.FAILED: self.failed,
            Outcome.UNKNOWN: self.unknown,
            Outcome.REFUSED: self.refused,
            Outcome.NOT_SENT: self.not_sent,
        }
        if delivery.ok:
            self.sent += 1
        else:
            bucket[delivery.outcome].append((delivery.key, reason))

    def line(self) -> str:
        """One line for people and logs: every non-empty bucket, in a fixed order."""
        parts = [f"planned {self.planned}", f"sent {self.sent}"]
        counts = (
            ("already sent earlier", self.already_sent),
            ("being sent by another run", self.elsewhere),
            ("failed (transient, will be retried)", len(self.failed)),
            ("outcome unknown (will be sent again, same Message-ID)", len(self.unknown)),
            ("failed permanently (recipient refused)", len(self.refused)),
            ("refused earlier", self.refused_earlier),
            ("not sent (configuration or template)", len(self.not_sent)),
            ("taken over from a dead run", self.taken_over),
        )
        parts += [f"{label} {n}" for label, n in counts if n]
        return ", ".join(parts) + (", interrupted" if self.interrupted else "")
