"""Generic vocabulary and tests for owner text: articles, head nouns, ditto marks, labels,
deadline fields, the patterns that cut owner text (support and counterpart words,
alternatives, separators), and whether two spellings joined by "/" are one owner written
in two languages.

Pure functions over strings; no names of particular people or organisations.
"""

from __future__ import annotations

import re
import unicodedata

# Nouns that end the name of a body: "Fire and Rescue Service", "Shelter/CCCM Cluster".
_HEADS = (
    "service services department departments unit units team teams group groups committee "
    "committees cluster clusters sector sectors sub-cluster sub-sector subcluster subsector "
    "wg wgs twg tf tt aor network networks office offices section division agency ministry "
    "directorate authority board council coalition alliance forum secretariat programme "
    "program project centre center taskforce force forces desk platform hub"
)
HEAD_NOUNS = frozenset(_HEADS.split())
# Heads that come first in French and Spanish names ("Comité de ...", "Ministerio de ...").
_HEADS_FIRST = (
    "comite groupe grupo equipe equipo ministere ministerio direction direccion bureau "
    "oficina secretaria unite unidad reseau red conseil consejo mesa departement departamento"
)
_ROMANCE_HEADS = frozenset(
    (_HEADS_FIRST + " fundacion fondation asociacion association corporacion instituto "
     "institut alianza alliance federacion federation").split()
)  # fmt: skip
HEAD_NOUNS_FOLDED = HEAD_NOUNS | _ROMANCE_HEADS
_ARTICLE = re.compile(r"^(?:the|le|la|les|el|los|las)\s+(?=\S)|^l['’](?=\w)", re.IGNORECASE)
_DITTO = re.compile(
    r"""^\s*(?:"|''|“|”|„|〃|″|-"-|–"–|—"—|-''-|ditto|idem|ídem|id\.|do\.)\s*$""", re.IGNORECASE
)
# A label in front of the owners ("Responsible: ...", "ACTION: ...").
LABEL = re.compile(
    r"^(?:responsibles?|responsables?|resp\.?|owners?|leads?|focal\s+points?|points?\s+focal|"
    r"assignees?|assigned\s+to|who|qui|qui[eé]n(?:es)?|encargad[oa]s?|a\s+cargo|"
    r"actions?(?:\s+items?)?|ap|acci[oó]n|compromiso)\s*[:\-–]\s*",
    re.IGNORECASE,
)
# A deadline written among the owners ("IOM, by next Thursday"): reported, not an owner.
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|f[eé]v|avr|mai|juin|juil|"
    r"ao[uû]t|d[eé]c|ene|abr|ago|dic)\w*"
)
_WHEN = (
    rf"(?:\d|{_MONTH}|\w+day|\w+di|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|"
    r"domingo|the\s+end|end|next|this|early|mid|close|cob|eow|eod|la\s+fin|fin|finales|"
    r"la\s+pr[oó]xima|prochaine?|la\s+semaine|semaine|week|month|meeting|q[1-4]|h[12])"
)
DEADLINE_FIELD = re.compile(
    rf"^(?:(?:by|before|until|till|due(?:\s+on)?|deadline:?|avant|d['’]ici|au\s+plus\s+tard(?:\s+le)?|"
    rf"pour\s+le|antes\s+del?|hasta|a\s+m[aá]s\s+tardar(?:\s+el)?|para\s+el)\s+(?:the\s+|le\s+|el\s+)?{_WHEN}"
    rf"|asap|eow|eod|cob|end\s+of|within\s+\d|within\s+\w+\s+(?:days?|weeks?)|"
    rf"next\s+(?:\w+day|week|month|meeting|call)|mid[\s-]+{_MONTH}|fin\s+(?:de|du|d['’]|{_MONTH})|"
    rf"finales\s+de|mediados\s+de)\b|^\d{{1,2}}[/.-]\d{{1,2}}|^\d{{1,2}}\s+\w+\s+\d{{4}}$",
    re.IGNORECASE,
)
NOISE = {
    "",
    "-",
    "–",
    "—",
    "etc",
    "n/a",
    "na",
    "tbd",
    "tbc",
    "all",
    "?",
    "none",
    "x",
    "al",
}  # "al": what is left of "et al."
# French and Spanish words of coordination bodies, folded to one English word, so that a
# name written twice ("Todos los socios / All partners") is recognised as one owner.
_FUNCTIONS = "the le la les el los las de du des of del d l and et y"
FUNCTION_WORDS = frozenset(_FUNCTIONS.split())


def is_ditto(text: str | None) -> bool:
    """Whether a cell is a ditto mark ('"', "''", '-"-', "idem"): "same as the row above"."""
    return bool(text) and bool(_DITTO.match(text or ""))


def drop_article(name: str) -> str:
    """ "The co-chairs" -> "co-chairs"; "le Cluster Logistique" -> "Cluster Logistique"."""
    return _ARTICLE.sub("", name, count=1)


def ends_with_head_noun(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and words[-1].lower().strip(".,") in HEAD_NOUNS


_HEAD_FIRST = re.compile(r"^(?:\S+\s+)?(?:\w+)\s+(?:of|de|du|des|del|d['’])\s", re.IGNORECASE)


def starts_with_head_noun(name: str) -> bool:
    """ "Comité de Agua", "Department of Fire", "Fundación Paz": a name that opens with its
    head noun, then "of"/"de" and its object, or (French/Spanish heads) its words."""
    words = drop_article(name).split()
    if len(words) >= 3 and _HEAD_FIRST.match(" ".join(words) + " "):
        return any(fold_word(w) in HEAD_NOUNS_FOLDED for w in words[:2])
    return len(words) >= 2 and fold_word(words[0]) in _ROMANCE_HEADS


_ROLE_WORDS = (
    "coordinator co-coordinator coordinators officer officers manager managers lead co-lead "
    "chair co-chair chairs secretariat advisor adviser specialist director head staff team "
    "focal coordinateur coordonnateur coordinador coordinadora responsable"
)
_ROLES = frozenset(_ROLE_WORDS.split())


_GROUPS = (
    "partners members partenaires membres socios miembros agencies agences agencias donors "
    "bailleurs donantes ngos ong ongs others autres otros"
)
_GROUP_WORDS = frozenset(_GROUPS.split())


def is_group_word(word: str) -> bool:
    """ "Partners", "Members": a word that names owners of its own, never a name's tail."""
    return fold_word(word) in _GROUP_WORDS or fold_word(word) in _ROLES


def is_role_noun(word: str) -> bool:
    """ "Coordinator", "Officer", "Team": a word that names a role or body on its own line."""
    return fold_word(word) in _ROLES or fold_word(word) in HEAD_NOUNS


def is_common_word(word: str) -> bool:
    """A single capitalised word such as "Fire" or "Water" (not an acronym, not a handle)."""
    return bool(re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ]{2,}", word))


def initials_match(name: str, acronym: str) -> bool:
    """Whether `acronym` spells the initials of `name`'s words ("Humanity & Inclusion", "HI")."""
    words = [w for w in re.split(r"[\s&+/,-]+", name) if w and w.lower() not in FUNCTION_WORDS]
    return len(acronym) >= 2 and "".join(w[0] for w in words).upper() == acronym.upper()


# How owner text is cut: support and counterpart words, alternatives, separators.
_SUPPORT_NOUN = (
    r"(?:technical\s+)?(?:support|inputs?|help|assistance|contributions?|guidance|appui|"
    r"soutien|aide|contribution|apoyo|ayuda|acompañamiento|insumos|aportes)"
)
_SUPPORT_WORDS = (
    r"(?:with|avec|con)\s+(?:(?:the|l['’]|la|le|el|un|une)\s*)?(?:{noun}\s+)?"
    r"(?:from|of|by|de|du|des|del|d['’])(?=\W)|supported\s+by|assisted\s+by|helped\s+by|"
    r"in\s+(?:collaboration|coordination|consultation|liaison)\s+with|"
    r"en\s+(?:collaboration|coordination|liaison)\s+avec|en\s+coordinaci[oó]n\s+con|"
    r"appuy[ée]e?s?\s+par|apoyad[oa]s?\s+por"
)
# Outside parentheses only the support words count ("X, with support from Y"); inside,
# "(with <any word> from Y)" is support too ("(with inputs from Y)", misspelt or not).
_SUPPORT_LABEL = r"(?:support(?:ing)?|supporters?|appui|soutien|apoyo|with)\s*:"  # "Support: X"
SUPPORT_LEAD = re.compile(
    rf"(?:[,;]\s*|\s+)(?:{_SUPPORT_WORDS.format(noun=_SUPPORT_NOUN)}|{_SUPPORT_LABEL})\s*",
    re.IGNORECASE,
)
_ANY_NOUN = _SUPPORT_NOUN + r"|[\w-]+"
PAREN_SUPPORT = re.compile(
    rf"^(?:{_SUPPORT_WORDS.format(noun=_ANY_NOUN)}|with|avec|con|and|et|y)\s*", re.IGNORECASE
)
COUNTERPART = re.compile(r"\s+(?:with|avec|con)\s+(?=\S)", re.IGNORECASE)
OR = re.compile(r"^(?:or|ou|o|u)\s+", re.IGNORECASE)
IF = re.compile(r"\s*\b(?:if|si|when|unless|cuando|quand|lorsque|sauf|in\s+case|en\s+cas)\b")
SEPARATOR = re.compile(
    r",?\s+(?:or|ou|o|u(?=\s+h?[oO]))\s+(?=\S)|"
    r"\s*[,;\n+]\s*|\s*/\s*|\s*&\s*|\s+(?:and|AND|et|y|e(?=\s+h?[iIíÍ]))\s+"
)
_CAP_WORD = r"[A-ZÀ-Þ][a-zß-ÿ]{2,}"
_HEAD = "|".join(sorted(HEAD_NOUNS))
LISTED_NAME = re.compile(
    rf"^\s*(?:{_CAP_WORD},\s+)+{_CAP_WORD},?\s+(?:and|&|et|y|e)\s+{_CAP_WORD}\s+(?i:{_HEAD})\s*$"
)
OR_WORDS = {"or", "ou", "o", "u"}


_GLOSSARY = {
    "tous": "all", "toutes": "all", "tout": "all", "todos": "all", "todas": "all",
    "partenaires": "partners", "socios": "partners", "socias": "partners",
    "partenaire": "partner", "socio": "partner", "membres": "members", "miembros": "members",
    "membre": "member", "miembro": "member", "equipe": "team", "equipo": "team",
    "groupe": "group", "grupo": "group", "coordonnateur": "coordinator",
    "coordinateur": "coordinator", "coordonnatrice": "coordinator",
    "coordinador": "coordinator", "coordinadora": "coordinator", "president": "chair",
    "presidente": "chair", "presidence": "chair", "presidencia": "chair",
    "secretaria": "secretariat", "agences": "agencies", "agencias": "agencies",
    "sante": "health", "salud": "health", "eau": "water", "agua": "water",
    "abri": "shelter", "abris": "shelter", "albergue": "shelter", "alojamiento": "shelter",
    "travail": "working", "trabajo": "working", "gestion": "management",
    "gouvernement": "government", "gobierno": "government", "bureau": "office",
    "oficina": "office", "sous-groupe": "sub-group", "subgrupo": "sub-group",
}  # fmt: skip


def fold_word(word: str) -> str:
    """`word` lowercase, without accents, and in its English form where a glossary knows it."""
    text = unicodedata.normalize("NFKD", word)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _GLOSSARY.get(text, text)
