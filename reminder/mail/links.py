"""Signed links in mails: each one works for one recipient, one purpose, for a while.

A link carries its payload (the contact's address, and for an item the item and the
answer) signed with the service's secret key (itsdangerous), so it cannot be altered to
reach another item or person, and a timestamp, so it expires (`link_days`). Both ends
take the time from the caller: mails sign at the run's `now`, the web app checks at
its clock's. Whether a link was already used is the register's business, not this.
"""

from __future__ import annotations

import functools
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode, int_to_bytes, want_bytes

from reminder.mail.filters import aware
from reminder.mail.i18n import Gettext, translations
from reminder.planning.notices import Notice

ANSWERS = ("done", "in_progress", "new_date", "comment")
PURPOSES = {
    "item": "a",
    "unsubscribe": "u",
    "settings": "s",
    "calendar": "c",
    "signin": "desk/enter",  # a coordinator's sign-in link to the desk
}


class LinkError(Exception):
    """A link that is not ours, was altered, or has expired; `expired` says which."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


@dataclass(frozen=True)
class Link:
    """What a verified link says: who, what for, and for an item which one and how."""

    purpose: str
    contact: str
    item: int | None = None
    answer: str | None = None


class _ClockedSigner(TimestampSigner):
    """itsdangerous reads the system time to stamp and to check; here the caller's does."""

    def __init__(self, *args: Any, clock: Callable[[], datetime], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clock = clock

    def get_timestamp(self) -> int:
        return int(self._clock().timestamp())


def serializer(secret: str, purpose: str, now: datetime) -> URLSafeTimedSerializer:
    """Signs and checks with `purpose` as salt, stamping and judging age at `now`."""
    return URLSafeTimedSerializer(
        secret, salt=purpose, signer=_ClockedSigner, signer_kwargs={"clock": lambda: now}
    )


@functools.lru_cache(maxsize=64)
def _stamp(secret: str, purpose: str, now: datetime) -> tuple[bytes, Any]:
    """What every link of `purpose` signed at `now` shares, as `serializer`'s signer
    makes it: the timestamp part, and the HMAC keyed with the derived key (copied for
    each link). A digest signs four links per item: made once, not per link."""
    signer = serializer(secret, purpose, now).make_signer()
    assert isinstance(signer, _ClockedSigner)
    stamp = want_bytes(signer.sep) + base64_encode(int_to_bytes(signer.get_timestamp()))
    return stamp, hmac.new(signer.derive_key(), digestmod=signer.digest_method)


def _signed(secret: str, purpose: str, now: datetime, payload: dict[str, Any]) -> str:
    """`serializer(secret, purpose, now).dumps(payload)`, written without its attempt
    to compress the payload (a few dozen bytes of JSON, which zlib never shortens):
    the same token whenever zlib would not have shortened it, and always one that
    `serializer(...).loads` reads (tests/mail/test_links_in_mail.py)."""
    stamp, keyed = _stamp(secret, purpose, now)
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    value = base64_encode(data) + stamp
    mac = keyed.copy()
    mac.update(value)
    return (value + b"." + base64_encode(mac.digest())).decode("ascii")


class Links:
    """Makes and reads the links of one service (its `base_url` and `secret`)."""

    def __init__(self, *, base_url: str, secret: str, days: int = 45) -> None:
        self.base_url, self._secret, self.lifetime = (
            base_url.rstrip("/"),
            secret,
            timedelta(days=days),
        )

    def url(
        self,
        purpose: str,
        *,
        contact: str,
        now: datetime,
        item: int | None = None,
        answer: str | None = None,
    ) -> str:
        """The link for `purpose`, signed at `now`."""
        payload: dict[str, Any] = {"c": contact.lower()}
        if purpose == "item":
            if answer not in ANSWERS or item is None:
                raise ValueError(f"an item link needs an item and one of {ANSWERS}")
            payload.update(i=item, a=answer)
        token = _signed(self._secret, purpose, now, payload)
        suffix = ".ics" if purpose == "calendar" else ""
        return f"{self.base_url}/{PURPOSES[purpose]}/{token}{suffix}"

    def item_links(self, *, contact: str, item: int, now: datetime) -> dict[str, str]:
        """The four answers to one item, for one recipient."""
        return {a: self.url("item", contact=contact, item=item, answer=a, now=now) for a in ANSWERS}

    def read(
        self, purpose: str, token: str, *, now: datetime, lifetime: timedelta | None = None
    ) -> Link:
        """The link `token` says, checked at `now` against `lifetime` (default: the
        links' `link_days`); LinkError when it cannot be trusted."""
        checker = serializer(self._secret, purpose, now)
        max_age = int((lifetime or self.lifetime).total_seconds())
        try:
            payload = checker.loads(token, max_age=max_age)
        except SignatureExpired as exc:
            raise LinkError("this link has expired", expired=True) from exc
        except BadSignature as exc:
            raise LinkError("this link is not valid (it may have been cut or changed)") from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("c"), str):
            raise LinkError("this link is not valid")
        item, answer = payload.get("i"), payload.get("a")
        if purpose == "item" and (not isinstance(item, int) or answer not in ANSWERS):
            raise LinkError("this link is not valid")
        return Link(purpose, payload["c"], item if purpose == "item" else None, answer)


# What each answer link says (message ids: the templates' catalogs translate them).
ANSWER_LABELS = {
    "done": "Done",
    "in_progress": "In progress",
    "new_date": "New date",
    "comment": "Comment",
}
LINKED_KINDS = ("digest", "escalation", "pre_meeting")  # mails whose items can be answered


def answer_links(
    items: Iterable[int], *, links: Links, contact: str, now: datetime, gettext: Gettext
) -> dict[int, tuple[tuple[str, str], ...]]:
    """Each item's four answer links for `contact`, labelled in the mail's language."""
    return {
        item: tuple(
            (gettext(ANSWER_LABELS[a]), url)
            for a, url in links.item_links(contact=contact, item=item, now=now).items()
        )
        for item in items
    }


def mail_links(*, links: Links, contact: str, now: datetime) -> dict[str, str]:
    """The links at the foot of every mail to `contact`."""
    return {
        purpose: links.url(purpose, contact=contact, now=now)
        for purpose in ("settings", "unsubscribe", "calendar")
    }


def links_context(notice: Notice, links: Links, language: str) -> dict[str, Any]:
    """The signed links of one mail, for its first recipient (the one it is about)."""
    assert notice.now is not None  # links are signed at the moment the notice was planned
    contact, now = notice.to[0].email, aware(notice.now)
    out: dict[str, Any] = {"mail_links": mail_links(links=links, contact=contact, now=now)}
    if notice.kind.value in LINKED_KINDS:
        items = {i.id for s in notice.sections for i in s.items}
        gettext, _ = translations(language)
        out["links"] = answer_links(
            sorted(items), links=links, contact=contact, now=now, gettext=gettext
        )
    return out
