"""Verbs that open an action as an imperative ("Circulate the ToR", "share feedback").

`is_verb(word)` is True for the base form of a verb minutes use for tasks, in English,
French or Spanish (a French or Spanish infinitive from this list). The list is generic
task vocabulary; an unknown word is not a verb here, so a topic heading ("Storage",
"Information management") is never read as an action.
"""

from __future__ import annotations

_EN = """
add address advocate agree align allocate analyse analyze approach arrange ask assess assign
attend book brief bring build calculate call cancel check circulate clarify clean collect
compile complete conduct confirm consider consolidate consult contact continue contribute
convene coordinate create cut debrief decide define deliver deploy design develop disseminate
distribute do document draft edit engage ensure escalate establish estimate explore extend
facilitate feed file finalise finalize find fix flag follow forward fund get give harmonise
harmonize hire hold host identify implement include inform inspect install integrate invite
investigate issue join keep launch lead liaise list look make map meet migrate mobilise
mobilize monitor nominate notify obtain order organise organize outline pay plan post prepare
present print prioritise prioritize procure produce propose provide publish purchase push
raise reach recruit register reply report request resend respond review revise rotate run
schedule select send set share ship sign submit summarise summarize support take test tour
track train transfer translate triage update upgrade upload validate verify visit work write
"""
_FR = """
actualiser analyser assurer collecter compiler confirmer contacter convoquer coordonner
diffuser élaborer envoyer faire finaliser identifier informer mettre organiser partager
planifier préparer présenter produire rédiger relancer soumettre suivre transmettre valider
vérifier
"""
_ES = """
actualizar asegurar circular compartir completar consolidar contactar convocar coordinar
definir elaborar enviar entregar finalizar gestionar hacer identificar informar llevar
organizar preparar presentar realizar remitir revisar socializar validar verificar
"""
_VERBS = frozenset((_EN + _FR + _ES).split())


def is_verb(word: str) -> bool:
    """True when `word` (any case) is a task verb of the list."""
    return word.lower() in _VERBS
