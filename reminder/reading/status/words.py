"""The status vocabulary: words, marks and tags people write, in English, French and Spanish.

Pure data. Every phrase is lowercase, without surrounding punctuation; `find.py`
compares without accents or case (so "TERMINE" matches "terminé").
A phrase maps to exactly one `Status`; longer phrases win over the shorter ones they
contain ("not done" is open although it holds "done").
"""

from __future__ import annotations

import enum


class Status(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


def _phrases(text: str) -> tuple[str, ...]:
    """Phrases written one after another, separated by "; "."""
    return tuple(p.strip() for p in text.split(";"))


# An empty cell is open (`find.py`); "-" and the dashes are read as empty cells too.
STATUS_WORDS: dict[Status, tuple[str, ...]] = {
    Status.DONE: _phrases(
        "done; completed; complete; closed; finalised; finalized; achieved; resolved; "
        "delivered; yes; action complete; action completed; done during the meeting; "
        "completed during the meeting; fully done; finished; fait; terminé; réalisé; achevé; "
        "clos; clôturé; accompli; finalisé; fait pendant la réunion; cumplido; completado; "
        "terminado; realizado; finalizado; hecho; cerrado; concluido; listo; completo; "
        "cumplida; realizada; terminada; completada; finalizada; cerrada; hecha; terminée; "
        "réalisée; clôturée; achevée; finalisée; faite; accomplished; finalised and shared; "
        "submitted and done"
    ),
    Status.IN_PROGRESS: _phrases(
        "ongoing; on going; on-going; in progress; in-progress; in process; started; "
        "partially done; partly done; partial; partially completed; partially complete; "
        "underway; under way; wip; work in progress; continuing; progressing; being done; on "
        "track; permanent; continuous; en cours; en cours de réalisation; partiellement fait; "
        "partiellement réalisé; partiellement; commencé; continu; permanente; en curso; en "
        "proceso; en progreso; en marcha; iniciado; parcialmente; parcialmente cumplido; en "
        "ejecución; avanzando; partially achieved; partially met; recurrent; recurring; "
        "iniciada; commencée; en cours de finalisation; in the works; under review; en "
        "révision; en revisión"
    ),
    Status.CANCELLED: _phrases(
        "cancelled; canceled; dropped; withdrawn; not needed; no longer needed; no longer "
        "required; no longer relevant; not required; not applicable; n/a; na; void; obsolete; "
        "superseded; action withdrawn; action dropped; annulé; abandonné; sans objet; retiré; "
        "supprimé; cancelado; anulado; retirado; descartado; no aplica; duplicate; merged; "
        "anulada; cancelada; annulée; abandonnée; retirée; retirada; descartada; not "
        "relevant; sin efecto"
    ),
    Status.OPEN: _phrases(
        "open; pending; not started; not yet started; to do; todo; new; planned; not done; "
        "not yet done; not yet; outstanding; delayed; overdue; late; on hold; postponed; "
        "deferred; rescheduled; carried over; carried forward; no update; no progress; "
        "blocked; stalled; not completed; incomplete; -; —; –; no; there is no update; there "
        "is no update to provide; no update to provide; à faire; en attente; non commencé; "
        "pas commencé; pas encore commencé; non fait; pas fait; non réalisé; reporté; en "
        "retard; ouvert; suspendu; pas de mise à jour; à venir; prévu; pendiente; no "
        "iniciado; sin iniciar; por hacer; abierto; aplazado; pospuesto; atrasado; retrasado; "
        "en espera; no realizado; no cumplido; sin avance; suspendido; por iniciar; "
        "programado; reprogramado; yet to start; yet to be done; to be done; not yet due; "
        "vencido; vencida; pendientes; no iniciada; non réalisée; non commencée; reportée; à "
        "démarrer; not yet begun"
    ),
}

# Marks stand for a status on their own; a word beside a mark wins ("✘ Not done").
MARKS: dict[str, Status] = {
    "✔": Status.DONE, "✓": Status.DONE, "✅": Status.DONE, "☑": Status.DONE,
    "☒": Status.DONE, "✔️": Status.DONE, "🗸": Status.DONE, "[x]": Status.DONE,
    "✘": Status.OPEN, "✗": Status.OPEN, "❌": Status.OPEN, "✖": Status.OPEN,
    "☐": Status.OPEN, "[ ]": Status.OPEN, "[]": Status.OPEN, "⬜": Status.OPEN,
    "⏸": Status.OPEN, "⏳": Status.IN_PROGRESS, "⌛": Status.IN_PROGRESS,
    "🔄": Status.IN_PROGRESS, "🚧": Status.IN_PROGRESS, "◐": Status.IN_PROGRESS,
    "🚫": Status.CANCELLED, "⛔": Status.CANCELLED,
}  # fmt: skip

# Words in front of a status in a sentence ("This action is ongoing", "Status: done").
FILLERS: tuple[str, ...] = (
    "status", "statut", "estado", "état", "this action is", "this action has been",
    "the action is", "the action has been", "action is", "action has been", "action",
    "this is", "it is", "it has been", "item", "cette action est", "l'action est", "action",
    "esta acción está", "la acción está", "acción", "now", "currently", "already",
    "still", "actuellement", "déjà", "toujours", "ya", "aún", "todavía",
)  # fmt: skip

# Alone at the end of an action line these say when it is due (never), not its status:
# "Partners to report cases, ongoing" is a new, open action without a deadline.
_TIMING = (
    "ongoing|on going|on-going|continuous|continuing|continu|en continu|permanent|permanente|"
    "recurrent|recurring|continuo|continua|en permanence|de forma permanente"
)
TIMING_WORDS: tuple[str, ...] = tuple(_TIMING.split("|"))
