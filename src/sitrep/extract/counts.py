"""Casualty figures and troop deployments: a figure, the people it counts, what befell them.

A figure becomes a fact when it counts people (« 3 000 soldats », « 6 000 tués »,
« les pertes … ont dépassé les 6.000 ») and a word near it says what it counts: losses
(killed, wounded, missing, captured, or all together), or troops deployed, reinforcing
or withdrawn. The nearest such word after the figure wins, else the nearest before it.
Generic statements (« un bataillon compte entre 300 et 1 000 hommes ») and projections
(« pourrait envoyer ») are no fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.document import Discourse, Document, SentenceView, evidence_span, pick_place
from sitrep.extract.entities import is_locative, is_people
from sitrep.extract.facts import Draft, as_of
from sitrep.extract.lexicon import FUNCTION_WORDS, GROUPS, PEOPLE
from sitrep.extract.numbers import Figure
from sitrep.extract.rules import WORD_START_GUARD, Rule, RuleSet, by_first_character

_NOT_HUMAN_LOSSES = (r"(?!\s+(?:matérielles|d'équipements?|de\s+(?:territoire|terrain|matériel|chars|"
                     r"véhicules|blindés|équipements?|positions|temps)))")
_CASUALTY_KIND = r"(?:tués|morts|blessés|disparus|capturés|prisonniers|faits\s+prisonniers)"
# Words that say what a figure counts, each rule naming (kind, category).
CUE_RULES = RuleSet([
    # Two or more kinds of casualty together (« tués ou blessés », « tués, blessés ou
    # disparus », « … confondus »), or all of them: the total.
    Rule("killed_or_wounded", rf"{_CASUALTY_KIND}(?:\s*,\s*(?:de\s+)?{_CASUALTY_KIND})*\s+"
                              rf"(?:ou|et|et/ou)\s+(?:de\s+)?{_CASUALTY_KIND}(?:\s+confondus)?"
                              r"|toutes\s+catégories\s+confondues|bilan\s+(?:global|total)"
                              # « Le total des pertes, blessés compris, dépasserait 6 000 »
                              r"|(?:blessés|tués|morts|disparus)\s+compris|y\s+compris\s+les\s+blessés"
                              # « Kyiv avance un bilan supérieur à 6 000 »: a toll
                              r"|bilan(?=\s+(?:supérieur|inférieur|proche|voisin)\s+(?:à|de))"
                              # « avoir tué ou blessé une trentaine de soldats »: the verbs
                              r"|tué\s+ou\s+blessé|blessé\s+ou\s+tué",
         ("casualties", "total")),
    Rule("lost_their_lives", r"(?:(?:a|ont|aurait|auraient|avait|avaient|avoir)\s+)?perdu\s+la\s+vie"
                             r"|trouvé\s+la\s+mort|tombés?\s+au\s+combat|morts?\s+au\s+combat",
         ("casualties", "killed")),
    Rule("killed", r"tué(?:e|s|es)?|tuer|morts?|décédés?|décès|(?:ont\s+)?péri|éliminé(?:e|s|es)?"
                   r"|neutralisé(?:e|s|es)?|abattu(?:e|s|es)?|succombé", ("casualties", "killed")),
    Rule("wounded", r"blessé(?:e|s|es)?|blessures?", ("casualties", "wounded")),
    Rule("missing", r"(?:portés?\s+)?disparus?|disparitions?", ("casualties", "missing")),
    Rule("captured", r"capturé(?:e|s|es)?|captures?|faits?\s+prisonniers?|prisonniers?|captifs?"
                     r"|captivité|se\s+sont\s+rendus|redditions?"
                     r"|(?:aux|entre\s+les)\s+mains\s+(?:de\s+l'|de\s+la|des|du|de)",  # « aux mains de l'Ukraine »
         ("casualties", "captured")),
    Rule("losses", rf"pertes?{_NOT_HUMAN_LOSSES}|victimes?|hors\s+de\s+combat"
                   r"|(?:(?:a|ont|aurait|auraient|avait|avaient|avoir)\s+)?perdu\b|perdant|subi",
         ("casualties", "total")),
    Rule("with_reinforcements", r"renforts(?:\s+(?:de|d'|du|des)\s*[\w'-]+(?:\s+[\w'-]+)?)?\s+compris"
                                r"|y\s+compris\s+les\s+renforts",
         ("deployment", "deployed")),
    Rule("reinforcement", r"renforts?|supplémentaires?|additionnel(?:le)?s?|en\s+renfort"
                          # « 5 000 soldats prélevés sur les axes de Zaporijjia »: taken
                          # from elsewhere to add to a force
                          r"|prélevé(?:e|s|es)?\s+(?:sur|dans)"
                          r"|(?:second|deuxième|troisième|nouveaux?|nouvelle)\s+(?:contingents?|vagues?"
                          r"|groupes?|déploiements?)|renforcer|redéployé(?:e|s|es)?\s+vers"
                          r"|nouveaux\s+arrivants"
                          # « 3 000 hommes qui ont rejoint le contingent »: added to a force there
                          r"|rejoint\s+(?:le|ce|leur|son)\s+contingent"
                          r"|rejoint\s+(?:les|leurs|ses)\s+(?:unités|troupes)\s+(?:déjà\s+)?(?:sur\s+place"
                          r"|déployées|engagées)", ("deployment", "reinforcement")),
    Rule("withdrawn", r"retiré(?:e|s|es)?|retraits?|rapatrié(?:e|s|es)?|rapatriements?"
                      r"|rappelé(?:e|s|es)?"
                      # « 2 000 soldats ont quitté l'oblast de Koursk »
                      r"|(?:ont|avaient|auraient|avait|aurait)\s+quitté\s+(?:l'oblast|la\s+région"
                      r"|le\s+front|la\s+russie|le\s+territoire|la\s+zone)"
                      # « 3 500 soldats auraient regagné la Corée du Nord »: home again
                      r"|(?:ont|avaient|auraient|avait|aurait|aient)\s+(?:déjà\s+)?regagné\s+(?:la\s+corée"
                      r"\s+du\s+nord|pyongyang|leur\s+pays)|(?:rentrée?s|retournée?s)\s+(?:en\s+corée\s+du"
                      r"\s+nord|à\s+pyongyang|au\s+pays)", ("deployment", "withdrawn")),
    Rule("deployed", r"déplo\w+|envo[yi]\w*|enverr\w*|dépêché(?:e|s|es)?|stationné(?:e|s|es)?"
                     # « a décidé d'expédier 12 000 militaires », « un engagement total de
                     # 12 000 hommes »
                     r"|expédi\w*|engagement(?=\s+(?:[\w'-]+\s+)?(?:de|d')\s*(?:\d|quelque|environ|près"
                     r"|plus|au\s+moins|jusqu))"
                     r"|présents?|présence|engagé(?:e|s|es)?|engager|arrivé(?:e|s|es)?|arrivée|transporté(?:e|s|es)?"
                     r"|transféré(?:e|s|es)?(?!\s+(?:à|vers)\s+(?:kiev|kyiv|un\s+centre|une\s+prison|un\s+camp))"
                     r"|contingents?|mobilisé(?:e|s|es)?|positionné(?:e|s|es)?"
                     r"|combatt(?:ent|aient|ant|re)|se\s+battent|se\s+trouv\w*|s'y\s+trouv\w*|opèrent"
                     r"|participent|(?:ont|avaient|auraient)\s+participé|particip(?:aient|eraient)"
                     r"|(?:y\s+)?(?:ont|avaient|auraient)\s+pris\s+part|prennent\s+part"
                     r"|(?:ont|avaient|auraient|avait|aurait|aient)\s+(?:déjà\s+)?rejoint"
                     r"(?!\s+(?:le|ce|leur|son)\s+contingent|\s+(?:les|leurs|ses)\s+(?:unités|troupes)\s+"
                     r"(?:déjà\s+)?(?:sur\s+place|déployées|engagées))"
                     r"|(?:ont|avaient|auraient|avait|aurait|aient)\s+(?:déjà\s+)?(?:gagné|atteint)\s+(?:la\s+russie"
                     r"|la\s+région|l'oblast|le\s+front|la\s+zone)"
                     r"|fourni(?:r|t)?|affecté(?:e|s|es)?|acheminé(?:e|s|es)?|redéployé(?:e|s|es)?"
                     r"|déplacé(?:e|s|es)?\s+vers"
                     # troops trained in Russia are there
                     r"|en\s+(?:cours\s+de\s+)?formation|s'entraîn\w*|suivent\s+un\s+entraînement"
                     # « 800 soldats russes ont progressé dans un gazoduc »: troops moving
                     r"|(?:ont|avaient|auraient)\s+(?:progressé|avancé|infiltré|surgi|pénétré)"
                     r"|concentré(?:e|s|es)?|massé(?:e|s|es)?|rassemblé(?:e|s|es)?"
                     r"|en\s+première\s+ligne|sur\s+le\s+front|au\s+front|vers\s+le\s+front"
                     r"|(?:des|leurs|de\s+nouvelles)\s+positions", ("deployment", "deployed")),
], before=r"(?<![\w-])", after=r"(?![\w-])")

_HEAD = re.compile(
    r"\s*\(?\s*(?:(?:de|des)\s+|d')?(?:(?:ces|leurs|ses|nos)\s+)?"
    r"(?:(?:nouveaux|nouvelles|autres|jeunes|premiers|premières"
    r"|derniers|dernières|anciens|simples|propres)\s+)?(?P<word>[^\W\d_][\w'-]*)?")
_NUMBER_OF_AFTER = re.compile(r"\s+le\s+nombre\s+(?:total\s+)?(?:de\s+|d'|des\s+)"
                              r"(?!(?:ceux|celles|ces)\b)(?=[^\W\d_])(?P<word>[^\W\d_][\w'-]*)")
_PEOPLE_WORD = re.compile(rf"(?:{PEOPLE})\Z")
_GENERIC = re.compile(
    r"\b(?:une?|chaque)\s+(?:bataillon|brigade|régiment|division|compagnie|unité|section|escouade"
    r"|corps|peloton|armée)\b[^.;]{0,60}?\b(?:compte|comptent|comprend|regroupe|rassemble"
    r"|se\s+compose|est\s+composée?|aligne|totalise)\b"
    # « son armée compte plus d'un million de soldats d'active »: a whole army's size
    r"|\b(?:(?:son|sa|leur)\s+|l')armée\s+(?:\w+\s+)?(?:compte|aligne|totalise|dispose\s+d)"
    # « une armée nord-coréenne forte d'environ 1,2 million d'hommes »
    r"|\barmée\s+(?:[\w-]+\s+)?forte\s+d(?:e|')"
    r"|\b(?:en\s+général|généralement|en\s+moyenne|typiquement|habituellement|d'ordinaire"
    r"|théoriquement|en\s+principe|pour\s+mémoire)\b")
# Every alternative opens with a literal character, so the regex engine skips ahead to
# those alone (rules.by_first_character).
_PROJECTION = re.compile(by_first_character([
    r"pourrai(?:en)?t\b", r"pourront\b", r"envisage(?:nt|rait|raient)?\s+d[e']",
    r"prévoi(?:t|ent)\s+d[e']", r"projett?e(?:nt)?\s+d[e']", r"s'apprête(?:nt)?\s+à",
    r"menace(?:nt)?\s+d[e']", r"n'exclu\w*\s+pas", r"risque(?:nt)?\s+d[e']",
    r"si\s+(?:la|le|les|l'|[^\W\d_][\w'-]*\s+(?:[\w'-]+\s+)?[\w'-]+(?:ait|aient)\b)",
    # « si un second contingent de 10 000 hommes était envoyé »: a condition (« si » before
    # a determiner is never « so »)
    r"si\s+(?:un|une|des|ce|cet|cette|ces|son|sa|ses|leur|leurs)\b",
    # « il lui faudrait envoyer 3 000 hommes », « un envoi pouvant aller jusqu'à 100 000 »,
    # « Pyongyang devrait y affecter 5 000 hommes de plus »: a need, a ceiling, a forecast
    r"faudrai(?:en)?t\b", r"pouvant\s+(?:aller|atteindre|monter|dépasser)\b",
    r"devrai(?:en)?t\s+(?:[\w'-]+\s+){0,2}?(?:envoyer|déployer|dépêcher|affecter|fournir"
    r"|transférer|acheminer|engager|être\s+porté(?:e|s|es)?|porter|atteindre|dépasser)\b",
    # « a annoncé que la Corée du Nord enverrait 1 000 démineurs », « l'envoi prochain
    # de 6 000 militaires »: a sending ahead.
    *(rf"{verb}(?:a|ait|aient|ont)\b" for verb in ("enverr", "déploier", "dépêcher", "fournir",
                                                  "transférer")),
    *(rf"{noun}s?\s+(?:prochaine?s?|annoncée?s?|prévue?s?|attendue?s?)\b"
      for noun in ("envoi", "déploiement", "arrivée", "renfort", "contingent")),
    # « ce qui porterait à plus de 20 000 le nombre … »: a consequence, not a count.
    r"porterai(?:en)?t\s+(?:à|a)\b", r"sur\s+le\s+point\s+d[e']",
    # « un contingent hypothétique de 100 000 hommes »
    r"hypothétiques?\b",
    # « Pyongyang doit envoyer 1 000 démineurs »: an obligation ahead.
    r"doi(?:t|vent)\s+(?:encore\s+|aussi\s+|en\s+outre\s+)?(?:envoyer|déployer|dépêcher|fournir"
    r"|transférer|acheminer)\b"], WORD_START_GUARD))
# The future and conditional of a sending, and the words that report a decision taken
# (see CountReader._projected).
_SENDING_AHEAD = re.compile(r"(?:enverr|déploier|dépêcher)(?:a|ait|aient|ont)")
_ANNOUNCED = re.compile(r"\b(?:a|ont|avait|aurait)\s+(?:\w+\s+)?(?:annoncé|déclaré|indiqué|affirmé"
                        r"|confirmé|promis)|\bannon[cç]\w*|\bselon\s+(?:moscou|pyongyang|le\s+kremlin)")
# A figure told of another war is history, not a count (« la guerre de Corée, qui lui
# avait coûté quelque 215 000 tués »); so is a figure beside a date long past.
# « l'Afghanistan, où l'URSS avait perdu environ 15 000 soldats »: a power long gone.
_PAST_POWER = re.compile(r"\b(?:l'urss|l'union\s+soviétique|l'armée\s+soviétique"
                         r"|l'armée\s+rouge|les\s+soviétiques)\b")
_PAST_WAR = re.compile(r"\b(?:guerre\s+de\s+corée|(?:seconde|deuxième|première)\s+guerre\s+mondiale"
                       r"|grande\s+guerre|guerre\s+du\s+vietnam|guerre\s+d'afghanistan"
                       r"|guerre\s+froide"
                       # « en dix ans de guerre en Afghanistan », « la guerre en Syrie »:
                       # another theatre
                       r"|guerre\s+(?:[\w'-]+\s+){0,3}?(?:en|au)\s+(?:afghanistan|irak|iran|syrie|yémen"
                       r"|libye|tchétchénie|géorgie|vietnam|israël|soudan|mali))\b")
# « En février 2018, en Syrie, entre 100 et 200 mercenaires russes avaient été tués »: a
# sentence set in another theatre tells of it, war named or not.
_OTHER_THEATRE = re.compile(r"\b(?:en|au)\s+(?:afghanistan|irak|syrie|yémen|libye|tchétchénie"
                            r"|vietnam|soudan|mali|centrafrique)\b")
HISTORY_YEARS = 10
# « lors de l'armistice de 1953 »: a year the date rules do not read as a date by itself.
_YEAR_NAMED = re.compile(r"\b(?:en|de|dès|depuis|années)\s+(1[89]\d\d|20[0-2]\d)\b(?![  ]?\d)")
# « les deux prisonniers », « des deux hommes »: a count told before, named again.
_DEFINITE_BEFORE = re.compile(r"\b(?:les|des|ces|aux|leurs|ses)\s+\Z")
# A figure that its own clause denies, or says was not reported (« Kiev dément les
# affirmations selon lesquelles 500 soldats … », « n'a pas fait état de 1 000 tués »), or
# that a correction replaces (« la version précédente mentionnait 12 000 soldats »).
_NOT_ASSERTED = re.compile(by_first_character([
    *(rf"{verb}\b" for verb in ("dément", "démentent", "démentait", "démentaient",
                                r"a\s+(?:\w+\s+){0,2}?démenti", r"ont\s+(?:\w+\s+){0,2}?démenti",
                                "nie", "nient", "niait",
                                "réfute", "réfutent", r"a\s+réfuté", r"ont\s+réfuté")),
    r"n'(?:a|ont|avait|avaient)\s+(?:pas|jamais)\s+(?:fait\s+état|fait\s+mention|évoqué"
    r"|mentionné|annoncé|confirmé|signalé|rapporté)\b",
    # « n'avoir détecté aucun envoi de 20 000 hommes »: a sending no one saw
    r"aucune?\s+(?:nouvel(?:le)?\s+|nouveau\s+)?(?:envoi|déploiement|arrivée|renfort|mouvement"
    r"|transfert)s?\s+(?:de|d')",
    *(rf"{noun}\s+(?:précédente|antérieure|initiale|erronée)\b"
      for noun in ("version", "estimation", "note", "édition", "chiffre"))], WORD_START_GUARD))
# « Aucune source sérieuse n'évoque, à ce stade, un bilan de 8 000 morts », « Rien
# n'indique que … »: no one says it, up to the figure unless the sentence turns first.
_NO_ONE_SAYS = re.compile(r"\b(?:aucune?\s+(?:[\w'-]+\s+){0,3}?n'(?:évoque|mentionne|confirme|avance"
                          r"|indique|rapporte|signale|fait\s+état)\w*"
                          # « n'a relevé aucun indice d'un second envoi »
                          r"|aucune?\s+(?:indices?|signes?|éléments?|preuves?|traces?)\b"
                          r"|rien\s+n'(?:indique|montre|confirme|permet)\w*)")
_TURN = re.compile(r"\b(?:mais|tandis\s+que|alors\s+que|cependant|toutefois)\b|[;:]")
_GENITIVE = re.compile(r"\b(?:pertes|victimes|morts|tués|blessés|soldats|troupes|forces|militaires"
                       r"|hommes)\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')\Z")
_LOSS_CUES = ("losses", "lost_their_lives")
# « la moitié des 11 000 soldats ont été tués »: the 11 000 are the whole, not the losses.
_FRACTION_OF = re.compile(r"(?:\b(?:moitié|tiers|quarts?|majorité|partie|plupart|totalité|ensemble"
                          r"|pour\s*cent|dixième|cinquième)|%)\s+(?:des|de\s+ces|de\s+leurs|de\s+ses"
                          r"|du|de\s+la)\s+(?:\w+\s+)?\Z")
# A relative clause goes on with the time of the clause before (« …début février, où … »).
_RELATIVE_CLAUSE = re.compile(r"(?:où|dont|qui|lorsque|quand|puis)\b")
# « …ont été tués et qu'un millier d'autres avaient été blessés »: a coordinated clause of
# its own; a cue before it (« tués ») does not reach the figure after it.
_NEW_PROPOSITION = re.compile(r"\b(?:et|mais|ou|tandis|alors|puis)\s+(?:qu'|que\b)")
# « …de 500 hommes, et les pertes nord-coréennes de 1 000 »: a cue after a comma and a
# conjunction heads the next coordinated phrase, not the figure before it.
# A relative clause after the figure speaks of its own antecedent: in « 11 000 soldats se
# trouvent dans la région, d'après le Pentagone, qui n'exclut pas l'envoi de renforts »
# the reinforcements are not the 11 000.
_RELATIVE_AFTER_FIGURE = re.compile(r",\s*(?:qui|dont|lequel|laquelle|lesquels|lesquelles)\b")
_RESPECTIVELY = re.compile(r"\brespectivement\b")
# A figure set between commas after « estimé à », « évalué à » or « fortes de » sizes the
# noun before it.
_APPOSITION_BEFORE = re.compile(r",\s*(?:(?:estimée?s?|évaluée?s?|chiffrée?s?)"
                                r"(?:\s+par\s+[\w'-]+(?:\s+[\w'-]+){0,3}?)?\s+à"   # « évaluées par Séoul à »
                                r"|fort(?:e|s|es)?(?:\s+de)?)\s+"
                                r"(?:(?:environ|quelque|près\s+de|plus\s+de|au\s+moins)\s+)?\Z")
# « des unités nord-coréennes, fortes de 2 000 à 3 000 hommes, … »: the size of a force.
_FORCE_BEFORE_APPOSITION = re.compile(rf"\b(?:{GROUPS})(?:\s+[\w'-]+){{0,2}}\s*,\s*[\w\s'-]*\Z")
_APPOSITION_AFTER = re.compile(r"\s+[\w'-]+(?:\s+[\w'-]+){0,2}\s*,")
# « l'effort russe mobilise quelque 50 000 hommes »: a side's war effort or array too.
_INSTITUTION_BEFORE = re.compile(r"\b(?:état-major|armée|commandement|gouvernement|régime"
                                 r"|ministère\s+de\s+la\s+défense|ministère|effort|dispositif)\s+\Z")
# Prisoners « transférés à Kiev » are held there, not deployed.
_TRANSFERRED = re.compile(r"\btransféré(?:e|s|es)?\b")
_TOOK_PRISONER_BEFORE = re.compile(r"\b(?:avoir|a|ont|aurait|auraient|avait|avaient|auront)\s+"
                                   r"(?:déjà\s+)?fait\s+\Z")
# « capturés par les forces spéciales ukrainiennes »: the captor, named as the agent.
_CAPTOR_BEFORE = re.compile(r"\bpar\s+(?:les\s+|la\s+|le\s+|l'|des\s+)?(?:[\w'-]+\s+){0,3}"
                            r"(?:et\s+(?:les\s+|la\s+|le\s+|l'|des\s+)?(?:[\w'-]+\s+){0,3})?\Z")
# « des forces ukrainiennes capturent deux soldats nord-coréens blessés »: captives,
# whatever else befell them.
_COUNTS_THEIR_LOSSES_AFTER = re.compile(
    r"\s+(?:chiffr|estim|évalu|port|situ)\w*\s+(?:leurs|ses)\s+pertes\s+(?:à|au|aux)\b")
# « soit 5 000 de plus que le total annoncé fin février »: a difference between counts.
_DIFFERENCE_AFTER = re.compile(r"\s+(?:\w+\s+)?de\s+(?:plus|moins)\s+(?:que|qu')")
# « …, le Pentagone d'entre 11 000 et 12 000, Séoul d'environ 12 000 »: the verb said once.
_ELLIPTIC_CLAIM = re.compile(r"\s+(?:de\s+|d')")
_THAT_WORD = re.compile(r"\b(?:que|qu')")
_CAPTURED_BEFORE = re.compile(r"\b(?:captur(?:e|ent|ait|aient|é|ée|és|ées)|fait\s+prisonniers?"
                              r"|faits\s+prisonniers)\b")
# « Séoul estime qu'environ 3 000 renforts … », « un contingent que Séoul évaluait à
# 11 000 hommes »: who estimates or reports the figure is not whose people they are.
_SAYS_AFTER = re.compile(
    r"(?:\s+[\w'-]+){0,2}?\s+(?:estim|évalu|chiffr|affirm|avanc|indiqu|rapport|assur|déclar"
    r"|annonc|précis|jug|pens|croi|considèr|signal|expliqu)\w*"
    r"(?:\s+(?:déjà|aussi|désormais|toujours|encore|pour\s+sa\s+part|de\s+son\s+côté"
    r"|par\s+ailleurs|également|quant\s+à\s+(?:lui|elle)))?"
    r"\s+(?:que\b|qu'|à\b)"
    # « Séoul maintient son évaluation d'un contingent de … »: its own estimate
    r"|(?:\s+[\w'-]+){0,2}?\s+(?:maintien|confirm|rév|relèv|abaiss|réitèr|conserv|reprend|avanc)\w*"
    r"\s+(?:son|sa|ses|leur|leurs)\s+(?:évaluation|estimation|bilan|chiffre|décompte|fourchette)s?\b")
# « Séoul compte 11 000 soldats envoyés en Russie, Kyiv en annonce 12 000, le Pentagone
# s'en tient à une fourchette de 11 000 à 12 000 »: a side whose verb gives the figure as
# its count or claim is who says it, not whose people are counted.
# The stems of the verbs a side gives a count with (« compte », « annonce », « évalue »).
_COUNTING = r"compt|recens|dénombr|annon[cç]|avan[cç]|évalu|reconn"
_CLAIMS_FIGURE_AFTER = re.compile(
    r"(?:\s+de\s+la\s+défense|\s+des\s+affaires\s+étrangères)?"      # « le ministère sud-coréen de la Défense parle de »
    r"(?:\s*,\s*qui\s+[^,.;]{0,80},)?"             # « Washington, qui retient une fourchette plus large, chiffre … »
    # « le secrétaire d'État américain Antony Blinken avait avancé »: a name, an auxiliary
    r"(?:(?:\s+(?!(?:qui|que|dont|et|mais|les?|la|des?|du)\b)[\w'-]+){0,2}?\s+(?:a|avait|aurait|ont"
    r"|avaient|auraient))?"
    rf"\s+(?:n?'?en\s+)?(?:{_COUNTING}|évoqu|reti[e]?n|cit|donn|chiffr"
    r"|parl(?:e|es|ent|ait|aient|é)\b|tabl\w*\s+sur|s'en\s+tien|fai\w*\s+état)\w*"
    r"(?:(?:\s+|(?<='))(?:à|de|d'|des|du|une?|le|la|les|fourchette|chiffre|total|bilan|estimation|plus"
    r"|désormais|aujourd'hui|encore|déjà|également|maintenant"
    r"|moins|près|environ|quelque|entre|au|moins"
    # « le Pentagone parlait fin octobre de 8 000 hommes »: when it said so
    r"|fin|début|mi|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre|\d{1,2}|1er|hier"
    # « Séoul retient une fourchette plus basse, de 4 700 à 5 000 pertes »
    r"|basse|haute|large|étroite|prudente|élevée|faible)(?:\b|(?<=')),?)*"
    # « n'en reconnaissait encore qu'« au moins 3 000 » »
    r"(?:\s+qu'\s*«?)?\s*")
# « le NIS faisait état d'environ 300 morts et 2 700 blessés »: the figures a verb of
# counting gives in one breath.
_COORDINATED = re.compile(r"(?:\s+[\w'-]+){1,2}\s*,?\s+(?:et|ainsi\s+que|dont)\s+")
# « les pertes du contingent », « les pertes des unités engagées »: whose losses.
_LOSSES_OF = re.compile(r"\b(?:pertes|victimes)(?:\s+(?:cumulées|totales|globales|humaines|réelles"
                        r"|estimées))?\s+(?:du|des|de\s+ce|de\s+cet|de\s+leur|de\s+son"
                        r"|de\s+sa|de\s+la|de\s+l')\s*\Z")
_ENEMY = re.compile(r"\b(?:l'adversaire|l'ennemi|les\s+forces\s+(?:adverses|ennemies)"
                    r"|le\s+camp\s+adverse)\b")
_COUNTS_OF_THEM_BEFORE = re.compile(
    rf"\b(?:n')?en\s+(?:\w+\s+)?(?:{_COUNTING}|estim)\w*"
    r"(?:\s+(?:encore|déjà|désormais|toujours|plutôt))?\s+(?:qu'\s*«?\s*|que\s+)?"
    r"(?:(?:environ|quelque|près\s+de|plus\s+de|au\s+moins|jusqu'à)\s+)?\Z")
# « Nous estimons que le total se situe entre 2 500 et 3 500 », « le bilan dépasse 4 000
# hommes »: a toll as the subject of a verb of level. A toll is losses; a total is
# what was counted last, when that was losses.
_TOLL_BEFORE = re.compile(
    r"\b(?:le|ce|leur|son|notre)\s+(?P<noun>bilan|total)(?:\s+[\w'-]+){0,2}?"
    # the verb, unless the figure holds it (« dépasse 4 000 » is a bound)
    r"(?:\s+(?:dépass\w*|atteign\w*|atteint|s'élève\w*|s'élevait|se\s+situ\w*|avoisin\w*"
    r"|approch\w*|frôl\w*|oscill\w*)"
    r"(?:\s+(?:aujourd'hui|désormais|déjà|probablement|sans\s+doute|largement|nettement))?"
    r"(?:\s+(?:à|a|de|d'|entre|les?|environ|quelque|près\s+de|plus\s+de|au\s+moins))*)?\s*\Z")
_AMONG_BEFORE = re.compile(r"\b(?:parmi\s+(?:les|ces|leurs|ses)|s'ajout\w*\s+aux|en\s+plus\s+des"
                           r"|outre\s+les|sur\s+(?:les|un\s+(?:total|contingent|effectif)\s+d(?:e|'))"
                           r"|[,;]\s*sur)\s*(?:(?:quelque|environ|près\s+de"
                           r"|plus\s+de)\s+)?\Z")
# « Choïgou a obtenu l'envoi de 1 000 démineurs »: who asks for troops does not send them.
_REQUESTS_AFTER = re.compile(r"\s+(?:[\w'-]+\s+){0,4}?(?:a|ont|avait|aurait)\s+(?:obtenu|demandé"
                             r"|réclamé|négocié|sollicité|arraché)\b")
# « 8 000 d'entre eux »: part of the people counted just before.
_OF_THEM_AFTER = re.compile(r"\s+d'entre\s+(?:eux|elles)\b")
_SIDE_BEFORE = re.compile(r"\b(?:du\s+)?côté\s+\Z")
# « Selon Séoul, 3 000 militaires … »: who says so, not who sends them.
_ATTRIBUTED_BEFORE = re.compile(r"\b(?:selon|d'après)\s+(?:les?\s+|la\s+|l')?\Z")
_INCLUDED_AFTER = re.compile(r"\s+(?:compris|inclus)\b")
# « …, soit plus de la moitié du contingent », « …, un chiffre qui, rapporté aux effectifs
# engagés, … »: what follows compares or comments on the figure.
_RESTATEMENT_AFTER = re.compile(r",\s*(?:soit|c'est-à-dire|autrement\s+dit"
                                r"|(?:un|ce)\s+(?:chiffre|bilan|total|nombre)\b)")
# « 1 000 démineurs et de 5 000 … »: the figure's noun, then the next figure, coordinated.
_COORDINATED_BEFORE = re.compile(r"\s+[\w'-]+\s+et\s+(?:de\s+|d')?(?:quelque\s+|environ\s+)?")
# « 5 000 soldats nord-coréens », « 5 000 ouvriers du génie militaire nord-coréens »: the
# figure's own noun, with a complement of one or two words, then the demonym.
_OWN_NOUN = re.compile(r"\s+(?:de\s+|d')?[\w'-]+(?:\s+(?:du|de\s+la|de\s+l'|des)\s*[\w'-]+"
                       r"(?:\s+[\w'-]+)?)?\s+")
# The participles of sending troops somewhere.
_SENT = r"envoyé|déployé|dépêché|transféré|acheminé|engagé"
_MASSED = r"concentré|massé"                      # troops gathered, by whoever sent them
# The auxiliary of a compound past (« a envoyé », « auraient perdu »).
_AUXILIARY = r"(?:a|ont|avait|avaient|aurait|auraient)"
_SENDS_AFTER = re.compile(rf"\s+(?:[\w'-]+\s+){{0,3}}?{_AUXILIARY}\s+"
                          rf"(?:déjà\s+)?(?:{_SENT}|{_MASSED})\b")
_LOST_AFTER = re.compile(rf"\s+(?:[\w'-]+\s+){{0,2}}?{_AUXILIARY}\s+"
                         r"(?:déjà\s+|ainsi\s+|au\s+total\s+)?perdu\b")
_AIDED_BEFORE = re.compile(r"\b(?:aux\s+côtés\s+d[e']|pour\s+(?:soutenir|appuyer|aider|épauler|renforcer)"
                           r"|en\s+soutien\s+(?:à|au)|au\s+profit\s+d[e'])\s*(?:la\s+|le\s+|l')?\Z")
_COST_BEFORE = re.compile(r"\bcoûté\s+(?:(?:à|au|aux)\s+(?:la\s+|l')?[\w'-]+(?:\s+[\w'-]+)?\s+)?\Z")
_COST_TO = re.compile(r"\bcoûté\s+(?:à|au|aux)\s+(?:la\s+|l')?\Z")
# « Choïgou s'est rendu à Pyongyang pour annoncer l'envoi d'un millier de démineurs »:
# who announces a sending does not send the troops.
_ANNOUNCES_SENDING_AFTER = re.compile(r"(?:\s+[\w'-]+){0,8}?\s+(?:annonc\w*|promis|promettre)\s+"
                                      r"(?:l'envoi|le\s+déploiement|l'arrivée)\b")
_THAT_BEFORE = re.compile(r"\b(?:que|qu')\s*(?:la\s+|le\s+|l')?\Z")
# « … que la Corée du Nord aurait envoyés »: after « que », the participle agrees.
_SENT_BY_IT_AFTER = re.compile(rf"\s+{_AUXILIARY}\s+(?:déjà\s+)?"
                               rf"(?:{_SENT})(?:e|s|es)?\b")
# « envoyés en Russie par Pyongyang », « rassemblé par Moscou »: the agent of a participle
# that sends or gathers troops (not of another one: « les zones reprises par la Russie »).
_AGENT_BEFORE = re.compile(rf"\b(?:{_SENT}|{_MASSED}|rassemblé|mobilisé|réuni|fourni)"
                           r"e?s?\b(?:\s+[\w'-]+){0,4}?\s+par\s+(?:la\s+|le\s+|l')?\Z")
# « en petits groupes de 10 à 15 hommes »: how they move, not how many there are (« un
# premier groupe d'environ 1 500 hommes » is a count).
_GROUP_SIZE_BEFORE = re.compile(r"\b(?:en|par)\s+(?:(?:de\s+)?(?:petits|petites|grands|grandes)\s+)?"
                                r"(?:groupes|équipes|escouades|vagues)\s+(?:de\s+|d')?\Z")
# « 3 000 hommes supplémentaires pourraient être envoyés »: the figure's own verb is a
# possibility.
_PROJECTED_PREDICATE = re.compile(r"(?:\s+[\w'-]+){0,3}?\s+(?:pourrai(?:en)?t|pourront|devrai(?:en)?t"
                                  r"|devront|risquent\s+d[e']|sur\s+le\s+point\s+d[e']"
                                  r"|(?:seraient|sont|serait|est)\s+attendue?s?\b"
                                  # « 100 000 hommes si le conflit se prolongeait »
                                  r"|si\s+(?:la|le|les|l')\s*[\w'-]+\s+(?:[\w'-]+\s+)?[\w'-]+(?:ait|aient)\b)")
_GOES_ON = re.compile(r"(?:voire|ou\s+même|et\s+même|sinon|ou\s+bien)\b")
# « les pertes avaient dépassé les 6 000, sur un contingent initial d'environ 11 000 »:
# the force the figure is counted out of has its own figure.
_OUT_OF_AFTER = re.compile(r"[^.;]{0,12}?\b(?:sur|parmi)\s+(?:un|une|le|la|les|l'|leur|son|sa|ses|ce|cet"
                           r"|cette|des)\s*")
_NEXT_COORDINATE = re.compile(r"[,;]\s*(?:et|mais|tandis\s+que|alors\s+que)\b")
# « 300 ont été tués », « 300 soldats avaient été blessés »: the figure is the subject of
# an auxiliary and the participle after it says what befell them; an incidental may
# stand between (« 400 d'entre eux, pour la plupart blessés, ont été rapatriés »).
_SUBJECT_OF_AUXILIARY = re.compile(
    r"(?:\s+[\w'-]+){0,3}?(?:\s*,[^,.;]{1,60},)?\s+(?:ont|avaient|auraient|auront|sont|seraient"
    r"|étaient|seront|a|avait|aurait|est|serait|était)\s+(?:(?:déjà|également|aussi|ainsi|probablement|vraisemblablement"
    r"|récemment)\s+)?(?:été\s+)?\Z")
MAX_CUE_DISTANCE = 160
PRE_CUE_WEIGHT = 1.5


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    kind: str
    category: str
    rule: str


def find_cues(scan: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """The cues of the lower-case scan copy that start in [start, end)."""
    hits = CUE_RULES.finditer(scan) if start == 0 and end is None \
        else CUE_RULES.finditer_within(scan, start, len(scan) if end is None else end)
    return [Cue(hit.start, hit.end, *hit.rule.value, hit.rule.name) for hit in hits]


def _in_source(actor, view) -> bool:
    """Whether an actor mention is part of a source's name (« le renseignement ukrainien »)."""
    return any(s.start <= actor.start < s.end for s in view.sources)


def _claims_a_figure(scan: str, actor, view) -> bool:
    """Whether the actor mention is the subject of a verb whose object is a figure of the
    sentence (« Séoul compte 11 000 soldats », « Kyiv en annonce 12 000 »)."""
    return any(f.start > actor.end and _CLAIMS_FIGURE_AFTER.fullmatch(scan, actor.end, f.start)
               for f in view.figures)


_POINTS_BACK = re.compile(r"\b(?:ses|sa|son|leurs?)\b")


def _speaker_between(scan: str, actor, figure: Figure, view) -> bool:
    """Whether a source opens a later clause between a subject and the figure, so the
    figure is that source's and the subject belongs to the clause before (« le Pentagone
    parlait de 8 000 hommes, tandis que le NIS évoque un contingent de 10 000 soldats »).
    Not when the figure's words point back to the subject (« La Russie continue : le
    renseignement britannique évaluait ses pertes à 1 000 »)."""
    clause = view.sentence.clause_index
    return any(actor.end <= s.start and s.end <= figure.start
               and clause(s.start) > clause(actor.start)
               and not _POINTS_BACK.search(scan, s.end, figure.start) for s in view.sources)


def _head(scan: str, figure: Figure) -> tuple[str, Cue | None]:
    """What the word after a figure says: 'people', 'other' (obus, chars), or 'open'.

    A casualty or deployment noun there (« 3 000 blessés », « 3 000 renforts ») is the cue.
    """
    match = _HEAD.match(scan, figure.end)
    number_of = _NUMBER_OF_AFTER.match(scan, figure.end)
    if number_of:                 # « évalue à 13 000 le nombre de conteneurs »: that noun
        match = number_of
    word = match.group("word")
    if not word:
        return "open", None
    cue = CUE_RULES.match(scan, match.start("word"))
    if cue is not None and cue.rule.name != "deployed":
        return "people", Cue(cue.start, cue.end, *cue.rule.value, cue.rule.name)
    lower = word.lower()
    if _PEOPLE_WORD.match(lower):
        return "people", None
    if lower in FUNCTION_WORDS or lower.split("'")[0] in FUNCTION_WORDS or cue is not None:
        return "open", None
    return "other", None


def _nearest_cue(scan: str, cues: list[Cue], figure: Figure, start: int, end: int) -> Cue | None:
    best, best_distance = None, float("inf")
    for cue in cues:
        if cue.start >= figure.end and cue.start < end:
            distance = cue.start - figure.end
            if _SUBJECT_OF_AUXILIARY.match(scan[figure.end:cue.start]):
                distance = 0                  # « 300 ont été tués »: its own predicate
            elif _NEXT_COORDINATE.search(scan, figure.end, cue.start) \
                    or _RELATIVE_AFTER_FIGURE.search(scan, figure.end, cue.start) \
                    or _OUT_OF_AFTER.fullmatch(scan, figure.end, cue.start):
                continue
        elif cue.end <= figure.start and cue.start >= start:
            if _NEW_PROPOSITION.search(scan, cue.end, figure.start):
                continue
            if cue.kind == "deployment" and _LOSSES_OF.search(scan, max(0, cue.start - 30),
                                                               cue.start):
                continue                      # « les pertes du contingent »: the losses count
            distance = (figure.start - cue.end) * PRE_CUE_WEIGHT
        else:
            continue
        if distance < best_distance and distance <= MAX_CUE_DISTANCE * PRE_CUE_WEIGHT:
            best, best_distance = cue, distance
    return best


class CountReader:
    """Reads casualty and deployment facts from the figures of one document."""

    def __init__(self, doc: Document, discourse: Discourse, default_actor: str | None,
                 adversaries: dict[str, str] | None = None,
                 source_actors: dict[str, str] | None = None) -> None:
        self.doc = doc
        self.discourse = discourse
        self.default_actor = default_actor
        self.adversaries = adversaries or {}     # actor id -> the side it fights
        self.source_actors = source_actors or {}  # source id -> the state it belongs to
        self.counted: set[int] = set()            # the values of the figures read so far
        self.deployed_actor: str | None = None     # whose troops were counted last
        self.said_at = 0                           # where the last figure was read
        self.people_before: list[str] = []          # people the sentence before named
        self.last_counted: tuple[str, str] | None = None   # kind and category read last

    def read(self, view: SentenceView) -> tuple[list[Draft], set[tuple[int, int]]]:
        """The sentence's facts, and the clauses whose figures made them."""
        drafts, clauses = [], set()
        figures = view.figures
        for position, figure in enumerate(figures):
            seg_start = figures[position - 1].end if position else view.start
            # The earlier figure of a change (« passe de 3 000 à 4 000 tués ») counts what
            # the later one counts: its segment runs on over it.
            after = position + (2 if figure.rule == "change_from" else 1)
            seg_end = figures[after].start if after < len(figures) else view.end
            draft = self._read_figure(view, figure, seg_start, seg_end)
            if draft is not None:
                drafts.append(draft)
                if draft.quantity.value is not None:
                    self.counted.add(draft.quantity.value)
                clauses.add(view.sentence.clause_at(figure.start))
                self.discourse.actor = draft.actor or self.discourse.actor
                self.said_at = view.start
                if draft.kind == "deployment" and draft.actor:
                    self.deployed_actor = draft.actor
                self.last_counted = (draft.kind, draft.category)
        # « Les Nord-Coréens … »: a people named by its noun, which « d'entre eux » in the
        # next sentence may mean (an adjective there names whom it fights as often).
        self.people_before = [a.id for a in view.actors if a.demonym and not a.adjective]
        return drafts, clauses

    def _classify(self, view: SentenceView, figure: Figure, seg_start: int, seg_end: int):
        head, head_cue = _head(self.doc.low, figure)
        if head == "other":
            return None
        if head_cue is not None:
            return head_cue
        cues = view.extra["cues"]
        among = _AMONG_BEFORE.search(self.doc.low, max(view.start, figure.start - 30), figure.start)
        if among:
            # « 100 tués et 1 000 blessés parmi les quelque 11 000 soldats déployés »: the
            # force the losses are counted in, sized by what follows it, never by them.
            force = head == "people" or "contingent" in among.group() or "effectif" in among.group()
            return _nearest_cue(self.doc.low, cues, figure, figure.end, seg_end) or (
                Cue(figure.start, figure.end, "deployment", "deployed", "force_counted_in")
                if force else None)
        if _APPOSITION_BEFORE.search(self.doc.low, max(view.start, figure.start - 30), figure.start) \
                and _APPOSITION_AFTER.match(self.doc.low, figure.end):
            # « le contingent, estimé à 11 000 hommes, a perdu … »: the figure only sizes
            # the noun before it; the predicate after speaks of that noun.
            cue = _nearest_cue(self.doc.low, cues, figure, view.start, figure.start)
            if cue is None and head == "people" and _FORCE_BEFORE_APPOSITION.search(
                    self.doc.low, max(view.start, figure.start - 80), figure.start):
                return Cue(figure.start, figure.end, "deployment", "deployed", "size_of_a_force")
        else:
            # « dépassent 6 000, soit plus de la moitié du contingent »: what follows « soit »
            # compares the figure with something else.
            restated = _RESTATEMENT_AFTER.search(self.doc.low, figure.end, seg_end)
            seg_end = restated.start() if restated else seg_end
            cue = _nearest_cue(self.doc.low, cues, figure, seg_start, seg_end) \
                or _nearest_cue(self.doc.low, cues, figure, view.start, figure.start)
        if cue is None and head == "people" and any(
                figure.end <= p.start < figure.end + 60 and is_locative(self.doc.low, p.start)
                and not _TRANSFERRED.search(self.doc.low, figure.end, p.start)
                for p in view.places):
            return Cue(figure.start, figure.end, "deployment", "deployed", "present_somewhere")
        if cue is not None and cue.category in ("wounded", "killed") and cue.start >= figure.end:
            # « capturé deux soldats blessés »: captives described; not « a confirmé la
            # capture et juge qu'environ 300 soldats aient été tués », another proposition.
            captured = _CAPTURED_BEFORE.search(
                self.doc.low, view.sentence.clause_at(figure.start)[0], figure.start)
            if captured and not _THAT_WORD.search(self.doc.low, captured.end(), figure.start):
                return Cue(cue.start, cue.end, "casualties", "captured", "captives_described")
        if cue is not None and cue.category == "deployed" and any(
                c.category == "reinforcement" and seg_start <= c.start < seg_end
                and not (c.start > figure.end
                         and _RELATIVE_AFTER_FIGURE.search(self.doc.low, figure.end, c.start))
                for c in cues):
            return Cue(cue.start, cue.end, "deployment", "reinforcement", "deployed_as_reinforcement")
        return cue

    def _read_figure(self, view, figure: Figure, seg_start: int, seg_end: int) -> Draft | None:
        scan = self.doc.low
        clause = view.sentence.clause_at(figure.start)
        if _GENERIC.search(scan, clause[0], clause[1]) or _GROUP_SIZE_BEFORE.search(
                scan, max(view.start, figure.start - 30), figure.start) \
                or _DIFFERENCE_AFTER.match(scan, figure.end):
            return None
        cue = self._cue_from_context(view, figure, clause,
                                     self._classify(view, figure, seg_start, seg_end))
        if cue is not None and cue.kind == "casualties" and \
                _FRACTION_OF.search(scan, max(view.start, figure.start - 40), figure.start):
            cue = Cue(figure.start, figure.end, "deployment", "deployed", "whole_of_a_fraction")
        if cue is None:
            return None
        if self._projected(view, figure, cue) or _PROJECTED_PREDICATE.match(scan, figure.end):
            return None
        if _NOT_ASSERTED.search(scan, max(view.start, clause[0]), figure.start) \
                or self._tells_history(view):
            return None
        no_one = None
        for no_one in _NO_ONE_SAYS.finditer(scan, view.start, figure.start):
            pass
        if no_one is not None and not _TURN.search(scan, no_one.end(), figure.start):
            return None
        if figure.quantity.value in self.counted and _DEFINITE_BEFORE.search(
                scan, max(view.start, figure.start - 8), figure.start):
            return None
        draft = Draft(cue.kind, cue.category, None, figure.quantity,
                      rule=f"{cue.rule}_{figure.rule}")
        if cue.rule == "claimed_as_before" and self.discourse.actor is not None:
            draft.actor = self.discourse.actor    # whose the sentence's last count was
        else:
            self._set_actor(draft, view, figure, cue, seg_start, seg_end)
        date_start = self._set_when(draft, view, figure, clause)
        if draft.when is not None and draft.when.start > self.doc.today:
            return None         # « d'ici le printemps »: a forecast, not a count
        self._set_place(draft, view, figure, clause, seg_start, seg_end)
        self._set_source(draft, view, figure)
        draft.confidence = view.terms[0].level if view.terms else None
        anchors = [figure.start] if date_start is None else [figure.start, date_start]
        draft.evidence.append(evidence_span(view, anchors))
        return draft

    def _cue_from_context(self, view, figure: Figure, clause, cue: Cue | None) -> Cue | None:
        """What the figure counts when no word beside it says, or says it wrongly: what was
        counted before, a source's claim, a toll or a cost before it."""
        scan = self.doc.low
        head = _head(scan, figure)[0]
        toll = _TOLL_BEFORE.search(scan, clause[0], figure.start)
        if cue is None and self.last_counted is not None and _COUNTS_OF_THEM_BEFORE.search(
                scan, max(view.start, figure.start - 50), figure.start):
            # « le NIS n'en recensait qu'environ 3 000 »: « en » is what was counted last.
            cue = Cue(figure.start, figure.end, *self.last_counted, "counted_as_before")
        claimed = cue is None and (any(
            s.end <= figure.start and (_CLAIMS_FIGURE_AFTER.fullmatch(scan, s.end, figure.start)
                                       or _ELLIPTIC_CLAIM.fullmatch(scan, s.end, figure.start))
            for s in view.sources) or self.said_at == view.start and any(
            a.end <= figure.start and not a.adjective
            and _ELLIPTIC_CLAIM.fullmatch(scan, a.end, figure.start) for a in view.actors))
        if claimed and self.last_counted is not None and self.said_at == view.start \
                and head == "open":
            # « Séoul s'en tient à 4 000 tués et blessés, alors que Kyiv avance plus de
            # 4 500 », « Kiev parle de 11 000 hommes, le Pentagone d'entre 11 000 et
            # 12 000 »: a bare figure another source gives counts what this sentence counted.
            cue = Cue(figure.start, figure.end, *self.last_counted, "claimed_as_before")
        elif claimed and head == "people" and (
                self.last_counted is None or self.last_counted[0] == "deployment"):
            # « Le GUR avance le chiffre de 12 000 militaires », « Kiev parle de 11 000
            # hommes »: soldiers a source counts, with no word of loss, are a force's size.
            cue = Cue(figure.start, figure.end, "deployment", "deployed", "claimed_force")
        if cue is not None and cue.start >= figure.end and "," in scan[figure.end:cue.start]:
            # « le bilan réel dépasse déjà 5 000, la plupart des blessés n'étant pas
            # évacués »: a toll before the figure outweighs a word in the clause after it.
            if toll is not None and toll["noun"] == "bilan":
                cue = Cue(figure.start, figure.end, "casualties", "total", "toll")
        if cue is None and head != "other" and _COST_BEFORE.search(scan, clause[0], figure.start):
            # « l'opération a coûté à Kyiv plus de 76 000 hommes »: what it cost, after it
            cue = Cue(figure.start, figure.end, "casualties", "total", "losses")
        if cue is None and toll is not None and head != "other" and (
                toll["noun"] == "bilan"
                or self.last_counted is not None and self.last_counted[0] == "casualties"):
            cue = Cue(figure.start, figure.end, "casualties", "total", "toll")
        return cue

    def _projected(self, view, figure: Figure, cue: Cue) -> bool:
        """Whether the figure's clause sets it ahead (« pourrait envoyer », « si … »). A
        sending in the future or the conditional is the decision it reports when the
        sentence tells of an announcement (« a annoncé que la Corée du Nord enverrait
        1 000 démineurs », « Pyongyang enverra …, a annoncé Choïgou »). A toll « pouvant
        aller jusqu'à » a figure is bounded by it, not foreseen (its qualifier says so)."""
        scan = self.doc.low
        ahead = [hit for hit in _PROJECTION.finditer(
            scan, max(view.start, self._modal_start(view, figure) - 40), figure.start)
            if not (cue.kind == "casualties" and hit.group().startswith("pouvant"))]
        if not ahead:
            return False
        return not (all(_SENDING_AHEAD.fullmatch(hit.group()) for hit in ahead)
                    and _ANNOUNCED.search(scan, view.start, view.end))

    def _tells_history(self, view) -> bool:
        """Whether the sentence tells of another war or of a time long past; once per sentence."""
        known = view.extra.get("history")
        if known is None:
            scan = self.doc.low
            known = view.extra["history"] = bool(
                scan.find("guerre", view.start, view.end) >= 0
                and _PAST_WAR.search(scan, view.start, view.end)
                or _PAST_POWER.search(scan, view.start, view.end)
                or _OTHER_THEATRE.search(scan, view.start, view.end)) or any(
                d.when.end.year < self.doc.today.year - HISTORY_YEARS for d in view.dates) or any(
                int(year) < self.doc.today.year - HISTORY_YEARS
                for year in _YEAR_NAMED.findall(scan, view.start, view.end))
        return known

    def _modal_start(self, view, figure: Figure) -> int:
        """Where the clause that sets the figure's mood starts: its own, or for a clause
        that goes on from the one before (« pourrait envoyer 10 000 soldats, voire porter
        ses effectifs à 25 000 »), that one's."""
        index = view.sentence.clause_index(figure.start)
        while index > 0 and _GOES_ON.match(self.doc.low, view.sentence.clauses[index][0]):
            index -= 1
        return view.sentence.clauses[index][0]

    def _set_actor(self, draft: Draft, view, figure: Figure, cue: Cue, seg_start, seg_end) -> None:
        scan = self.doc.low
        clause = view.sentence.clause_at(figure.start)
        # Claimants are not the people counted (« le renseignement militaire ukrainien »).
        in_segment = [a for a in view.actors if seg_start <= a.start < seg_end
                      and not _in_source(a, view)]
        captors = [a for a in in_segment if cue.category == "captured" and a.start > figure.end
                   and _CAPTOR_BEFORE.search(scan, max(view.start, a.start - 70), a.start)]
        # Whose people: a demonym on the counted noun (« soldats nord-coréens »), or a
        # people noun (« les Nord-Coréens »).
        # « 50 000 hommes, Nord-Coréens compris »: part of the count, not whose it is.
        attached = [a for a in in_segment if a not in captors
                    and (a.attached or (a.demonym and not a.adjective))
                    and not _INCLUDED_AFTER.match(scan, a.end)]
        # « Les forces spéciales ukrainiennes chiffrent leurs pertes à 4 000 » in a briefing
        # on the North Koreans: a side that counts « leurs pertes » of the side it fights,
        # the one spoken of, counts that side's losses, not its own.
        claimants = [a.id for a in attached if a.start < figure.start
                     and _COUNTS_THEIR_LOSSES_AFTER.match(scan, a.end, figure.start)] + [
            self.source_actors[s.id] for s in view.sources
            if s.start < figure.start and s.id in self.source_actors
            and _COUNTS_THEIR_LOSSES_AFTER.match(scan, s.end, figure.start)]
        topic = self.discourse.actor or self.default_actor
        if claimants and topic is not None and self.adversaries.get(topic) == claimants[-1]:
            draft.actor = topic
            return
        # « Moscou, qui nie la présence de troupes nord-coréennes, affirme que l'Ukraine a
        # perdu près de 45 000 hommes »: the side that lost them, subject of the figure's
        # own clause, outweighs a demonym in a clause before it.
        if cue.rule in _LOSS_CUES:
            losers = [a for a in view.actors if clause[0] <= a.start < figure.start
                      and not a.adjective and not _in_source(a, view)
                      and (not is_locative(scan, a.start) and _LOST_AFTER.match(scan, a.end, figure.start)
                           # « a coûté à Kyiv plus de 76 000 hommes »
                           or _COST_TO.search(scan, max(0, a.start - 20), a.start))]
            # « a coûté à l'Ukraine 500 soldats »: the country after « coûté à », read as a
            # place, is who lost them.
            losers += [p for p in view.places if clause[0] <= p.start < figure.start
                       and not p.specific and _COST_TO.search(scan, max(0, p.start - 20), p.start)]
            if losers:
                draft.actor = max(losers, key=lambda a: a.start).id
                return
        if _OF_THEM_AFTER.match(scan, figure.end):
            # « Les Nord-Coréens ont pesé. Entre 2 000 et 3 000 d'entre eux … »: of the
            # people named last in this sentence, else the subject of the one before.
            named = [a.id for a in view.actors if a.start < figure.start and is_people(a)
                     and not _in_source(a, view)]
            draft.actor = named[-1] if named else (self.people_before
                                                   or [self.discourse.actor])[0]
            if draft.actor is not None:
                return
        # « le ministère russe affirmait que l'adversaire avait perdu 945 militaires »: the
        # enemy of the side that speaks.
        enemy = _ENEMY.search(scan, max(view.start, seg_start), figure.start)
        speakers = [s for s in view.sources if s.end <= (enemy.start() if enemy else 0)
                    and s.id in self.source_actors]
        if enemy and speakers and self.adversaries.get(self.source_actors[speakers[-1].id]):
            draft.actor = self.adversaries[self.source_actors[speakers[-1].id]]
            return
        paired = self._respective_actor(view, figure, [
            a for a in view.actors if not _in_source(a, view)])
        if paired is not None:        # « les pertes ukrainiennes et nord-coréennes … respectivement à 800 et 1 200 »
            draft.actor = paired
            return
        on_cue = [a for a in attached if a.adjective and cue.end <= a.start <= cue.end + 2
                  and cue.end <= figure.start]
        if on_cue:                    # « les pertes ukrainiennes seraient … de 500 »
            draft.actor = on_cue[0].id
            return
        # « environ 50 000 soldats russes »: a demonym on the figure's own noun; « 1 000
        # démineurs et 5 000 ouvriers nord-coréens »: or on the noun of the figure it is
        # coordinated with.
        nouns_end = [figure.end] + [f.end for f in view.figures if f.start > figure.end
                                    and _COORDINATED_BEFORE.fullmatch(scan, figure.end, f.start)][:1]
        on_noun = [a for a in view.actors if a.adjective and not _in_source(a, view)
                   and any(end <= a.start <= end + 40 and _OWN_NOUN.fullmatch(scan, end, a.start)
                           for end in nouns_end)]
        if on_noun:
            draft.actor = on_noun[0].id
            return
        # « Les services sud-coréens maintiennent leur estimation : Pyongyang a envoyé en
        # Russie 12 000 soldats »: who sends them, in the figure's own clause, outweighs a
        # demonym in a clause before it, or one after the figure's noun (« Moscou a
        # concentré 50 000 hommes, appuyés par les unités nord-coréennes »).
        if draft.kind == "deployment" and attached and all(
                a.start < clause[0] or a.start > figure.end for a in attached):
            senders = [a for a in view.actors if clause[0] <= a.start < figure.start
                       and not a.adjective and not is_locative(scan, a.start)
                       and not _in_source(a, view)
                       and _SENDS_AFTER.match(scan, a.end, figure.start)]
            if senders:
                draft.actor = senders[-1].id
                return
        # Not a demonym in a later clause (« environ 600 tués, alors que … la reprise de
        # Koursk par l'armée russe »): it is another subject's.
        attached = [a for a in attached if a.start < figure.start or a.start < clause[1]]
        if attached:
            draft.actor = min(attached, key=lambda a: abs(a.start - figure.start)).id
            return
        # « Moscou affirme avoir fait 430 prisonniers »: the captor's adversary's people.
        if cue.category == "captured" and _TOOK_PRISONER_BEFORE.search(
                scan, max(view.start, figure.start - 30), figure.start):
            captors = [a for a in view.actors if a.start < figure.start
                       and self.adversaries.get(a.id)]
        # « Guerassimov affirme que plus de 430 soldats ont été faits prisonniers »: a
        # fighting side that tells of prisoners tells of its captives.
        if cue.category == "captured" and not captors:
            captors = [a for a in view.actors if a.end <= figure.start and not a.adjective
                       and self.adversaries.get(a.id)
                       and _SAYS_AFTER.match(scan, a.end, figure.start)]
        if captors and self._captives_of(captors[-1].id):
            draft.actor = self._captives_of(captors[-1].id)
            return
        # « Côté russe, 3 500 hommes … »: a fronted side names whose people they are.
        sides = [a for a in view.actors if a.adjective and a.start < figure.start
                 and _SIDE_BEFORE.search(scan, max(view.start, a.start - 12), a.start)]
        # … unless a side named after it is the subject (« Côté russe, le ministère affirme
        # que l'Ukraine a perdu plus de 76 000 hommes »).
        if sides and not any(sides[-1].end <= a.start < figure.start and not a.adjective
                             and not _in_source(a, view)
                             and not is_locative(scan, a.start) for a in view.actors):
            draft.actor = sides[-1].id
            return
        # « … soldats envoyés en Russie par Pyongyang »: the agent sends them.
        # Not the agent of another noun in a later clause (« …, conformément à l'annonce
        # faite en juin par Sergueï Choïgou »).
        agents = [a for a in in_segment if draft.kind == "deployment" and not a.adjective
                  and cue.end < a.start < view.sentence.clause_at(cue.end)[1]
                  and _AGENT_BEFORE.search(scan, max(0, a.start - 70), a.start)]
        if agents:
            draft.actor = agents[0].id
            return
        # « les pertes de la Russie », « 3 000 soldats de la Corée du Nord »; not « des
        # hôpitaux militaires de Moscou » further on.
        genitive = [a for a in in_segment if _GENITIVE.search(scan, max(0, a.start - 30), a.start)
                    and (a.start < figure.start or a.start - figure.end <= 30)]
        if genitive:
            draft.actor = genitive[0].id
            return
        if draft.kind == "deployment":
            # « les quelque 15 000 soldats que la Corée du Nord aurait envoyés en Russie »:
            # the sender of a relative clause on the figure's noun.
            senders = [a for a in view.actors if figure.end < a.start <= figure.end + 50
                       and not a.adjective and not _in_source(a, view)
                       and _THAT_BEFORE.search(scan, max(figure.end, a.start - 12), a.start)
                       and _SENT_BY_IT_AFTER.match(scan, a.end)]
            if senders:
                draft.actor = senders[0].id
                return
        if draft.kind == "deployment" or cue.rule in _LOSS_CUES:
            # The subject that sends or loses them (« la Corée du Nord a envoyé … »).
            # A source is no subject (« selon Moscou »), unless it sends or masses the
            # troops itself (« Moscou avait concentré quelque 50 000 hommes »).
            subjects = [a for a in view.actors if a.start < figure.start and not a.adjective
                        and not is_locative(scan, a.start)
                        and (not _in_source(a, view)
                             or _SENDS_AFTER.match(scan, a.end, figure.start))
                        and not _SAYS_AFTER.match(scan, a.end, figure.start)
                        and not _claims_a_figure(scan, a, view)
                        and not _REQUESTS_AFTER.match(scan, a.end, figure.start)
                        and not _ANNOUNCES_SENDING_AFTER.match(scan, a.end, figure.start)
                        and not _ATTRIBUTED_BEFORE.search(scan, max(0, a.start - 12), a.start)
                        and not _speaker_between(scan, a, figure, view)]
            if subjects:
                draft.actor = subjects[-1].id
                return
            # « l'état-major russe a commencé à transférer 10 000 hommes »: an institution.
            institutions = [a for a in view.actors if clause[0] <= a.start < figure.start
                            and a.adjective and _INSTITUTION_BEFORE.search(
                                scan, max(0, a.start - 40), a.start)
                            and not _claims_a_figure(scan, a, view)]
            if institutions:
                draft.actor = institutions[-1].id
                return
        # In a paragraph of its own, troops sent or present are the side whose troops were
        # counted last, not the side whose losses were (« l'Ukraine aurait perdu 2 000
        # hommes. ¶ … 3 000 soldats supplémentaires ont été envoyés en Russie »); within
        # one (« Les pertes nord-coréennes dépassent 6 000. Cela représente la moitié des
        # 11 000 soldats déployés »), the side spoken of.
        new_paragraph = "\n\n" in scan[self.said_at:view.start]
        draft.actor = (self.deployed_actor or self.default_actor
                       if draft.kind == "deployment" and new_paragraph else None) \
            or self.discourse.actor or self.default_actor
        draft.fallback.add("actor")

    def _captives_of(self, captor: str) -> str | None:
        """Whose people a side takes prisoner: the side the briefing is about when that
        side fights the captor (Ukraine takes North Koreans in a briefing on them),
        else the captor's adversary."""
        about = self.discourse.actor or self.default_actor
        if about is not None and about != captor and self.adversaries.get(about) == captor:
            return about
        return self.adversaries.get(captor)

    def _respective_actor(self, view, figure: Figure, actors: list) -> str | None:
        """With « respectivement », the n-th figure after it goes with the n-th side
        named before it."""
        word = _RESPECTIVELY.search(self.doc.low, view.start, figure.start)
        if word is None:
            return None
        sides = [a.id for a in actors if a.start < word.start() and (a.adjective or a.demonym)]
        sides = [side for i, side in enumerate(sides) if side not in sides[:i]]
        figures = [f for f in view.figures if f.start > word.start()]
        if len(sides) < 2 or len(figures) != len(sides) or figure not in figures:
            return None
        return sides[figures.index(figure)]

    def _set_when(self, draft: Draft, view, figure: Figure, clause) -> int | None:
        """The figure's own date, else the briefing date; returns where the date stands."""
        same_clause = [d for d in view.dates if clause[0] <= d.start < clause[1]]
        date = min(same_clause, key=lambda d: abs(d.start - figure.start), default=None)
        if date is None and len(view.sentence.clauses) > 1:
            fronted = self.doc.date_only_clause(view, 0)
            if fronted is not None and fronted.start < figure.start:
                date = fronted
            elif _RELATIVE_CLAUSE.match(self.doc.low, clause[0]):
                date = max((d for d in view.dates if d.end <= clause[0]),
                           key=lambda d: d.start, default=None)
        if date is None:
            draft.when = as_of(self.doc.today)
            draft.fallback.add("when")
            return None
        draft.when = date.when
        return date.start

    def _set_place(self, draft: Draft, view, figure: Figure, clause, seg_start, seg_end) -> None:
        place = pick_place(view.places, figure.start, clause[0], clause[1]) \
            or pick_place(view.places, figure.start, seg_start, seg_end)
        if place is not None:
            draft.location, draft.place = place.id, place.place
            if place.specific:
                self.discourse.location, self.discourse.place = place.id, place.place
            return
        # « a décidé d'envoyer 12 000 soldats pour soutenir la Russie », « … aux côtés de la
        # Russie »: troops sent to a side's aid are in that side's country.
        aided = [a for a in view.actors if draft.kind == "deployment" and figure.end <= a.start
                 and not a.adjective
                 and _AIDED_BEFORE.search(self.doc.low, max(0, a.start - 30), a.start)]
        if aided:
            draft.location = aided[0].id
            return
        draft.location = self.discourse.location or self.doc.dominant_region
        draft.place = self.discourse.place if self.discourse.location else None
        draft.fallback.update(("location", "place"))

    def _set_source(self, draft: Draft, view, figure: Figure) -> None:
        scan = self.doc.low
        # « Kyiv en annonce 12 000, et le Pentagone s'en tient à 11 000 à 12 000 »: a source
        # whose verb gives a figure says that one, and no other.
        own = [s for s in view.sources if s.end <= figure.start
               and (_CLAIMS_FIGURE_AFTER.fullmatch(scan, s.end, figure.start) or any(
                   s.end < f.start and f.end <= figure.start
                   and _CLAIMS_FIGURE_AFTER.fullmatch(scan, s.end, f.start)
                   and _COORDINATED.fullmatch(scan, f.end, figure.start) for f in view.figures))]
        others = [s for s in view.sources if not _claims_a_figure(scan, s, view)]
        if own:
            draft.source = own[-1].id
        elif others:
            draft.source = min(others, key=lambda s: abs(s.start - figure.start)).id
        elif view.extra.get("continued_source"):
            draft.source = view.extra["continued_source"]
        else:
            draft.source = self.doc.header_source
            draft.fallback.add("source")


def corpus_parse(text: str, today, gazetteer) -> list[dict]:
    """What the corpus checks: the casualty and deployment facts of a text read as a body."""
    from sitrep.extract import read_drafts
    from sitrep.extract.facts import to_facts
    return [f.to_json() for f in to_facts(read_drafts(text, today, gazetteer), text)
            if f.kind != "event"]
