"""The notice kinds as commands name them (`send digests`, `history --kind report`)."""

from __future__ import annotations

from enum import StrEnum

from reminder.planning.notices import Kind


class KindArg(StrEnum):
    digests = "digests"
    escalations = "escalations"
    pre_meeting = "pre-meeting"
    report = "report"


KINDS = {
    KindArg.digests: Kind.DIGEST,
    KindArg.escalations: Kind.ESCALATION,
    KindArg.pre_meeting: Kind.PRE_MEETING,
    KindArg.report: Kind.REPORT,
}
