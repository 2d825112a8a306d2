"""`MemoryMailer`: an in-memory `Mailer` for tests of the code that plans and records mail."""

from __future__ import annotations

from collections.abc import Sequence

from reminder.delivery.base import Delivery, Outcome, ResultCallback
from reminder.mail.messages import OutgoingMail


class MemoryMailer:
    """Records "delivered" mails in `sent`; fails the keys it was told to fail.

    `fail(key, permanent=...)` makes every later delivery of that key fail (one
    attempt each, like a server that keeps refusing); `succeed(key)` undoes it.
    Every outcome is appended to `results` as well as passed to `on_result`.
    """

    def __init__(self) -> None:
        self.sent: list[OutgoingMail] = []
        self.results: list[Delivery] = []
        self._failing: dict[str, bool] = {}  # key -> permanent?

    def fail(self, key: str, *, permanent: bool = False) -> None:
        self._failing[key] = permanent

    def succeed(self, key: str) -> None:
        self._failing.pop(key, None)

    async def send(self, mails: Sequence[OutgoingMail], *, on_result: ResultCallback) -> None:
        for mail in mails:
            if mail.key in self._failing:
                permanent = self._failing[mail.key]
                reply = "550 rejected (fake)" if permanent else "451 try again later (fake)"
                outcome = Outcome.REFUSED if permanent else Outcome.FAILED
                delivery = Delivery(mail.key, outcome, 1, reply)
            else:
                self.sent.append(mail)
                delivery = Delivery(mail.key, Outcome.SENT, 1)
            self.results.append(delivery)
            on_result(delivery)

    async def aclose(self) -> None:
        """Nothing to release."""
