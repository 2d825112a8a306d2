"""What table columns mean: the header words of action tables and trackers, EN/FR/ES.

One vocabulary serves both analyses: minutes tables (`tables.rows`, by `role`) and
tracker sheets (`trackers.headers`, by `SYNONYMS` and fuzzy matching). A header cell
names one field: the action text, the owner (a person or role), the organisation, the
deadline, the status, remarks, an identifier (the tracker's own, or the "Register ID"
of a file this tool exported), the date the action was raised, the section (agenda
item, topic), or discussion/decisions (which never hold actions).

`role(text)` is the field of a minutes-table header cell: the first of `_ROLES` whose
pattern occurs in it, else the tracker vocabulary's answer, else "other"; None for an
empty cell. Ditto marks (`is_ditto`) are the ways people write "same as above".
"""

from __future__ import annotations

import functools
import re
from typing import Final, Literal

Field = Literal[
    "text",
    "owner",
    "org",
    "deadline",
    "status",
    "remarks",
    "register_id",
    "ref",
    "meeting_date",
    "section",
]

# Order matters: on a tie between fields (same match strength, same position) the earlier
# wins. The compound names ("Action by", "Action status", ...) exist so that the word
# "action" inside them does not make the column an action-text column.
# fmt: off
SYNONYMS: Final[dict[Field, tuple[str, ...]]] = {
    "text": (
        "Action", "Action point", "Action points", "Action point(s)", "Actions", "Task",
        "Activity", "Action item", "Point d'action", "Action à mener", "Description",
        "Tasks", "Activities", "Action items", "Points d'action", "Actions à mener",
        "Recommendation", "Recommandation", "Recommandations", "Recommendations",
        "Compromiso", "Compromisos", "Acción", "Acciones", "Acuerdo", "Acuerdos", "Tarea",
        "Tareas", "Actividad", "Actividades", "Punto de acción", "Puntos de acción",
        "Action required", "Action agreed", "Next steps", "Mesure", "Mesures",
        "Action to be taken", "Follow-up action",
    ),
    "owner": (
        "Responsible", "Responsible person", "Focal point", "Owner", "Who", "Lead",
        "Responsable", "Point focal", "Assigned to", "By whom", "Action by", "Action owner",
        "Responsables", "Assignee", "Qui", "Quién", "Quien", "Person responsible",
        "Focal person", "Contact person", "Persona responsable", "Punto focal", "Encargado",
        "Encargada", "Responsable de l'action", "Lead person", "Person",
    ),
    "org": (
        "Agency", "Responsible agency", "Lead agency", "Organisation", "Organization",
        "Organisme", "Agence", "Organización", "Entidad", "Agencia", "Institución",
        "Institution", "Partner", "Partenaire", "Socio", "Responsible organisation",
        "Responsible organization",
    ),
    "deadline": (
        "Deadline", "Due", "Due date", "By when", "When", "Timeline", "Timeframe",
        "Target date", "Échéance", "Date limite", "Délai", "Action deadline", "Due by",
        "Fecha límite", "Plazo", "Fecha de entrega", "Date butoir", "Échéancier",
        "Revised deadline", "New deadline", "Cuándo", "Quand",
    ),
    "status": (
        "Status", "Progress", "Statut", "État", "Done?", "Action status", "Estado",
        "Estatus", "Avance", "Avancement", "État d'avancement", "Situación", "RAG",
        "RAG status", "Progreso",
    ),
    "remarks": (
        "Remarks", "Comments", "Notes", "Update", "Follow-up", "Observations", "Commentaires",
        "Action taken", "Remarques", "Observaciones", "Comentarios", "Notas", "Seguimiento",
        "Updates", "Progress update", "Latest update", "Suivi", "Actualización",
    ),
    # The register's own id, in a file this tool exported: never the tracker's "ref".
    "register_id": ("Register ID",),
    "ref": (
        "ID", "#", "No", "No.", "Ref", "S/N", "SN", "N°", "Ref no", "Reference", "Action no",
        "Action ID", "Action ref", "Item no", "Nº", "Núm", "Número", "Código",
    ),
    "meeting_date": (
        "Date", "Meeting date", "Date raised", "Date of meeting", "Meeting", "Date de réunion",
        "Raised", "Date opened", "Date added", "Date identified", "Fecha de reunión",
        "Fecha reunión", "Reunión", "Date de la réunion", "Réunion", "Raised on",
        "Fecha de la reunión",
    ),
    "section": (
        "Agenda item", "Topic", "Section", "Theme", "Sector", "Working group", "Tema",
        "Thème", "Sujet", "Punto de agenda", "Point de l'ordre du jour", "Category",
        "Catégorie", "Categoría", "Área", "Thématique",
    ),
}
# fmt: on

# A deadline column that supersedes an earlier one ("Revised deadline" beside "Deadline").
REVISED: Final = re.compile(
    r"\b(?:revised|new|updated|current|latest|nouvelle|révisée|revisee|nueva|revisada)\b", re.I
)

_DEADLINE = (
    r"deadline|\bdue\b|\bby when\b|\bwhen\b|timeline|time\s*frame|target date|échéance|"
    r"echeance|date limite|délai|fecha l[íi]mite|\bplazo|\bcu[áa]ndo\b|\bquand\b|date butoir"
)
_ROLES: Final = (
    # Before "action": "Action deadline" is a deadline column.
    ("deadline", re.compile(_DEADLINE, re.I)),
    ("discussion", re.compile(r"^\W*(?:decisions?|décisions?|decisi[óo]n(?:es)?)\W*$", re.I)),
    (
        "action",
        re.compile(
            r"\baction|\bfollow[- ]?up|\bnext steps?\b|\btasks?\b|^\W*what\W*$|recomm[ae]ndation|"
            r"compromiso|\bacci[óo]n|acuerdo|\btareas?\b|\bmesures?\b|points? d.action",
            re.I,
        ),
    ),
    (
        "status",
        re.compile(
            r"\bstatus\b|\bprogress\b|\bstatut\b|\bétat\b|\bestado\b|\bavance|avancement", re.I
        ),
    ),
    (
        "org",
        re.compile(
            r"^\W*(?:agency|agencies|organi[sz]ations?|organisme|agence|organizaci[óo]n|entidad|"
            r"agencia|partners?)\W*$",
            re.I,
        ),
    ),
    (
        "responsible",
        re.compile(
            r"respons[ia]b|\bowners?\b|focal\s*points?|\bpoints? focal|\bwho\b|\blead\b|\bqui\b|"
            r"\bqui[ée]n\b|assign|encargad|\bagency\b|\bby whom\b",
            re.I,
        ),
    ),
    (
        "meeting_date",
        re.compile(
            r"date raised|\braised\b|meeting date|date of (?:the )?meeting|fecha de (?:la )?reuni|"
            r"date de (?:la )?réunion",
            re.I,
        ),
    ),
    (
        "agenda",
        re.compile(
            r"\bagenda|\btopics?\b|\bitems?\b|\bsubject|\btema\b|\bsujet\b|"
            r"\bthème|ordre du jour",
            re.I,
        ),
    ),
    (
        "discussion",
        re.compile(
            r"discuss|main points|summary|débat|discusi[óo]n|résumé|resumen|"
            r"\bpoints? discutés",
            re.I,
        ),
    ),
    (
        "remarks",
        re.compile(
            r"\bremarks?\b|\bcomments?\b|\bnotes?\b|commentaires?|observa|\bupdates?\b|remarques?|"
            r"comentarios?",
            re.I,
        ),
    ),
)

# Tracker fields under the names minutes tables use for them.
_FROM_FIELD: Final[dict[str, str]] = {
    "text": "action",
    "owner": "responsible",
    "org": "org",
    "deadline": "deadline",
    "status": "status",
    "remarks": "remarks",
    "section": "agenda",
    "meeting_date": "meeting_date",
    "ref": "other",
    "register_id": "other",
}

_DITTO: Final = re.compile(
    r'^\s*(?:["\u201c\u201d\u201e\u2033\u3003]|\'\'|\u2019\u2019|-\s*["\u201c\u201d]\s*-|'
    r"ditto|idem|ídem|id\.|same as above|same|comme ci-dessus|igual)\s*$",
    re.I,
)


def is_ditto(text: object) -> bool:
    """True when a cell only says "same as above": `"`, `''`, `-"-`, "ditto", "idem"."""
    return isinstance(text, str) and _DITTO.match(text) is not None


@functools.lru_cache(maxsize=4096)
def role(text: str) -> str | None:
    """The role of a minutes-table header cell; "other" when unknown, None when empty."""
    if not text:
        return None
    found = next((name for name, pattern in _ROLES if pattern.search(text)), None)
    if found is not None:
        return found
    # Imported here: the tracker header matcher imports this module's vocabulary.
    from reminder.reading.trackers.headers import classify

    match = classify(text) if len(text) <= 40 else None
    return _FROM_FIELD.get(match.field, "other") if match is not None else "other"
