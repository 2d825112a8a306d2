"""The notice kinds as commands name them (`send digests`, `history --kind report`)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

# Planning is loaded when a command runs, not when `reminder --help` lists the commands.
if TYPE_CHECKING:
    from reminder.planning.notices import Kind


class KindArg(StrEnum):
    digests = "digests"
    escalations = "escalations"
    pre_meeting = "pre-meeting"
    report = "report"


def notice_kind(arg: KindArg) -> Kind:
    """The kind of notice `arg` names."""
    from reminder.planning.notices import Kind

    return {
        KindArg.digests: Kind.DIGEST,
        KindArg.escalations: Kind.ESCALATION,
        KindArg.pre_meeting: Kind.PRE_MEETING,
        KindArg.report: Kind.REPORT,
    }[arg]
