"""Dated events: a verb or noun of an event category and a date in the same sentence.

The date is the one in the trigger's clause, else a sentence-opening date (« Le 12
mars, … »), else a date standing alone in the next clause (« …, le 6 août, … »); an
event with no date is not worth a false alarm and is left out. The actor is who acts:
a demonym on the trigger noun (« la contre-offensive russe »), « de » + a name after it
(« la visite de Vladimir Poutine »), else the subject before it, else the sentence's
first actor. One event per actor and date in a sentence: the first trigger wins, but a
statement or a capture of unnamed places gives way to any other.
"""

from __future__ import annotations

import dataclasses
import re

from sitrep.extract.dates import DateMention
from sitrep.extract.document import Discourse, Document, SentenceView, evidence_span, pick_place
from sitrep.extract.entities import Mention, is_locative, is_people
from sitrep.extract.facts import Draft, union_spans
from sitrep.extract.lexicon import GROUPS, PEOPLE
from sitrep.extract.rules import Rule, RuleSet

# What saluting acknowledges (« a salué la contribution des soldats nord-coréens »), and
# what may stand between the verb and it (an incise, an adverb).
_SALUTED = (r"(?:le\s+rôle|la\s+participation|l'engagement|l'\s*«?\s*héroïsme|la\s+contribution"
            r"|le\s+courage|la\s+bravoure|le\s+sacrifice|les\s+(?:soldats|militaires|troupes|combattants))")
_SALUTE_GAP = (r"(?:\s*,\s*[^,;.«»\n]{1,40}?,|\s+publiquement|\s*,?\s+pour\s+la\s+première\s+fois\s*,?"
               r"|\s+au\s+passage)?(?:\s+publiquement)?")
_CAPITAL = r"(?:moscou|pyongyang|pékin|séoul|kiev|kyiv|washington|minsk|téhéran)"
_NAMED_PLACE = (r"(?:le\s+contrôle\s+(?:de\s+la\s+|du\s+|de\s+l'|des\s+|de\s+|d'))?"
                r"(?:(?:la\s+|le\s+|l')?(?:petite\s+|grande\s+)?"
                r"(?:ville|village|localité|commune|bourg|oblast|région)\s+(?:de\s+|d'))?"
                # not a determiner: « ont repris leurs assauts » takes no place
                r"(?P<name>(?!(?:ville|village|localité|commune|bourg|oblast|région|leurs?|ses|son"
                r"|sa|la|le|les|de|du|des|ces|cette|ce|cet|une?|nos|notre|plusieurs|quelques"
                r"|deux|trois|quatre|cinq|six|nombreux|nouveaux|part|l'oblast|l'ensemble|l'intégralité)\b)"
                r"[^\W\d_][\w'-]*)")
EVENT_RULES = RuleSet([
    Rule("capture_of_a_whole",       # « avoir repris l'ensemble de l'oblast »
         r"(?:repris|reconquis|libéré|pris\s+le\s+contrôle\s+de)\s+(?:l'ensemble|la\s+totalité"
         r"|l'intégralité)\s+(?:de\s+l'oblast|de\s+la\s+région|du\s+territoire|des\s+territoires)"
         # « a proclamé la reprise complète de l'oblast »
         r"|(?:reprise|libération|reconquête)\s*»?\s+(?:complète|totale)\s*»?\s+(?:de\s+l'oblast"
         r"|de\s+la\s+région)(?!\s+(?:de|d')\b)"
         # « a revendiqué la reprise de l'ensemble de l'oblast de Koursk »
         r"|(?:reprise|libération|reconquête)\s+de\s+(?:l'ensemble|la\s+totalité|l'intégralité)\s+"
         r"(?:de\s+l'oblast|de\s+la\s+région|du\s+territoire)",
         "capture"),
    Rule("capture_of_named_place",
         r"(?:(?:repris|pris|capturée?|conquis|reconquis|libérée?|emparée?s?|emparés"
         r"|reprendre|prendre|reconquérir|libérer"
         # the present of a chronology's line (« L'armée russe reprend Soudja »)
         r"|reprend|reprennent|reconquiert|reconquièrent)(?:\s*»)?"
         r"|reprise|prise|capture|libération|contrôle"       # « libéré » Soudja: a claim quoted
         # « a proclamé la « libération » de l'oblast » (not « leur rôle dans la
         # « libération » de la région », which names it)
         r"|(?:proclam|annon[cç]|revendiqu)\w*(?:\s+(?:à|devant)\s+[\w'-]+(?:\s+[\w'-]+)?)?\s+la\s+«\s*"
         r"(?:libération|reprise)"
         r"(?:\s+(?:complète|totale))?\s*»)"
         # « la « libération complète » de l'oblast de Koursk »: the quote closed after it
         r"\s+(?:complète?\s*»?\s+|totale?\s*»?\s+)?(?:de\s+(?:la\s+|l')?|d'|du\s+)?"
         + _NAMED_PLACE, "capture"),
    # « les forces ukrainiennes tiennent Soudja depuis le 15 août »: held since the day
    # it was taken
    Rule("held_since",
         r"(?:tien(?:t|nent|nait|naient)|contrôl(?:e|ent|ait|aient)|occup(?:e|ent|ait|aient))\s+"
         + _NAMED_PLACE + r"(?=\s+depuis\s+(?:le\s+)?(?:\d|1er))", "capture"),
    # « a annoncé le 13 mars la reprise de la ville »: the town named before
    Rule("capture_of_the_town",
         r"(?:reprise|prise|capture|libération|chute)\s+de\s+la\s+(?:ville|localité)(?!\s+(?:de|d')\b)",
         "capture"),
    Rule("capture_of_places",
         r"(?:a|ont|avait|avaient|aurait|auraient|avoir)\s+(?:\w+\s+)?(?:repris|pris|conquis|reconquis"
         r"|libéré)\s+(?:plusieurs|des|de\s+nombreu(?:x|ses)|\d+|une\s+dizaine|quelques)"
         # « a revendiqué la reprise de deux villages de la région »
         r"|(?:reprise|prise|conquête|reconquête|capture)\s+de\s+(?:deux|trois|quatre|cinq|six"
         r"|plusieurs|quelques|nombreux|nouveaux|\d+|une\s+dizaine\s+de)\s+(?:villages|localités"
         r"|hameaux|bourgs)", "capture"),
    Rule("control_passed",           # « Soudja est passée sous contrôle ukrainien le 15 août »
         r"passée?s?\s+sous\s+(?:le\s+)?contrôle", "capture"),
    Rule("fall_of_named_place",      # « Soudja est tombée le 13 mars » (the name: see read)
         r"(?:(?:est|était|serait|aurait|a|avait)\s+(?:été\s+)?tombée?|tombe|tombent)"
         r"(?:\s+aux\s+mains\s+d(?:es|u|e\s+la|e\s+l'|'))?", "capture"),
    Rule("capture_in_passive",       # « l'oblast de Koursk avait été entièrement repris »
         r"(?:a|ont|avait|avaient|aurait|auraient|avoir)\s+été\s+(?:entièrement\s+|totalement\s+"
         r"|complètement\s+|officiellement\s+)?(?:repris|reprise|reconquis|reconquise|libéré|libérée)"
         # « que l'oblast de Koursk était entièrement « libéré » »: the state claimed (people
         # are freed, never « entirely »)
         r"|(?:est|était|serait|sont|étaient|seraient)\s+(?:désormais\s+)?(?:entièrement|totalement"
         r"|complètement)\s+«?\s*(?:repris|reprise|reconquis|reconquise|libéré|libérée)s?",
         "capture"),
    Rule("counteroffensive",
         r"contre-offensives?|contre-attaques?|contre-attaqué|riposté|riposte|reconquête"
         r"|récupérer\s+(?:les\s+)?(?:territoires|terres|positions)", "counteroffensive"),
    Rule("incursion", r"incursions?|(?:a|ont)\s+pénétré"       # « la frontière russe »: whose border
                      r"|(?P<on_object>franchi(?:ssent|ssaient|ssant|rent|t)?\s+la\s+frontière)"
                      r"|offensive\s+transfrontalière", "incursion"),
    Rule("offensive",
         # « l'offensive russe engagée le 6 mars »: the definite article names an event of
         # its own only with whose it is (« l'attaque » alone points back to one told)
         r"l'(?:offensive|assaut|attaque)(?=\s+(?:russe|ukrainienne?|nord-coréenne?|éclair"
         r"|surprise|d'envergure|de\s+grande\s+ampleur)\b)"
         r"|(?:une|la|cette|leur|son|sa|des|leurs|ses|de\s+nouveaux|de\s+nouvelles|un)\s+"
         r"(?:nouvelles?\s+|grandes?\s+|vastes?\s+|violente?s?\s+|premières?\s+|premiers?\s+"
         r"|nouveaux\s+)?"
         r"(?:offensives?|assauts?|poussées?|attaques?(?!\s+(?:de\s+drones?|de\s+missiles?|aériennes?"
         r"|au\s+drone)))"
         r"|lancé\s+une\s+attaque|(?:sont|est)\s+revenue?s?\s+au\s+combat"
         r"|attaqué\s+(?:au|à|dans|près|en|vers|autour)\b"
         r"|(?P<on_object>attaqu(?:ent|aient|ait|é|ée|és|ées)\s+(?:les|la|le|l')\s*(?:positions|lignes"
         r"|forces|troupes|unités|villages?|ville|localités?))"
         r"|retour\s+au\s+combat|passée?s?\s+à\s+l'offensive|monté(?:e|s|es)?\s+à\s+l'assaut"
         # « y sont probablement revenues la semaine dernière », « revenues en première ligne »
         r"|y\s+(?:sont|seraient|étaient)\s+(?:\w+\s+)?revenue?s"
         r"|(?:sont|seraient|étaient)\s+(?:\w+\s+)?revenue?s\s+(?:au\s+front|sur\s+le\s+front"
         r"|en\s+première\s+ligne|sur\s+la\s+ligne)",
         "offensive"),
    # « les unités nord-coréennes participent aux assauts russes depuis le 6 décembre »:
    # the participants' offensive (not whose the assaults are)
    Rule("joined_assaults",
         r"(?P<on_object>particip\w*\s+(?:aux|à\s+des|à\s+de\s+nouveaux|à\s+de\s+nouvelles)\s+"
         r"(?:assauts|offensives|attaques|combats))", "offensive"),
    Rule("attack_on_named_place",    # « attaqué Soudja » (after « attaquent les positions »)
         r"attaqu(?:é|ée|ent|aient|ait)\s+" + _NAMED_PLACE, "offensive"),
    Rule("withdrawal",
         r"se\s+retir\w*|s'est\s+retirée?|se\s+sont\s+retirée?s|retraits?|repli|se\s+repli\w*"
         r"|(?P<on_object>quitt(?:ent|aient|ait|é|ée|és|ées)\s+(?:la\s+ville|le\s+village|la\s+localité"
         r"|la\s+région|l'oblast|leurs\s+positions))"
         r"|se\s+sont\s+repliée?s|s'est\s+repliée?|repliée?s?|évacuée?s?|abandonné\s+(?:la|le|les|leurs?|ses)"
         r"|retiré(?:e|s|es)?\s+(?:de|du|des)"
         # « le retour du 528e régiment du génie »: units home
         r"|retour\s+(?:du|des|de\s+la|de\s+l')\s+(?:\d+\w*\s+)?(?:régiments?|unités|troupes|soldats"
         r"|contingents?|bataillons?|brigades?)"
         # « n'observent plus de soldats nord-coréens sur le front depuis la fin janvier »,
         # « les unités nord-coréennes ne sont plus observées en première ligne »: troops
         # no longer seen are gone from the front
         r"|n'(?:(?:a|ont|avait|avaient|avoir)\s+plus\s+(?:observé|repéré|vu|croisé|aperçu|détecté)"
         r"|(?:observ|repèr|voi|croise|aperçoi|détect)\w*\s+plus)"
         r"\s+(?:de\s+|d')(?:soldats|unités|troupes|militaires|combattants|éléments)"
         r"|ne\s+(?:sont|seraient|étaient|sont\s+pas)?\s*plus\s+(?:observée?s|repérée?s|vue?s|aperçue?s"
         r"|détectée?s)", "withdrawal"),
    Rule("confirmation",
         r"(?:a|ont|avait|avaient|aurait)\s+(?:\w+\s+){0,2}?(?:confirmé|reconnu|admis)"
         # « a pour la première fois (officiellement) reconnu »: spelt out, since a wider
         # gap after every « a » would cost every sentence
         r"|(?:a|ont|avait|avaient|aurait)\s+(?:\w+\s+)?pour\s+la\s+première\s+fois\s+(?:\w+\s+)?"
         r"(?:confirmé|reconnu|admis)"
         r"|confirm(?:e|ent|ait|aient|ation)|reconna(?:ît|it|issent|issait)|admet(?:tent)?"
         # « a annoncé la reprise de l'oblast et reconnu le rôle des soldats nord-coréens »:
         # the auxiliary said once for both verbs
         r"|et\s+(?:\w+\s+){0,3}?(?:reconnu|confirmé|admis)(?=[\s,]+(?:[\w'-]+[\s,]+){0,8}?"
         r"(?:le\s+rôle|la\s+participation|l'engagement|la\s+présence|l'envoi|la\s+contribution"
         r"|l'implication|le\s+déploiement)\b)"
         r"|reconnu(?:t|rent)|confirm(?:a|èrent)"          # the past historic of a chronology
         # « salue pour la première fois le rôle des soldats nord-coréens »: an acknowledgement
         # (« salué, pour la première fois en public, la contribution », « saluant
         # publiquement l'« héroïsme » »: an incise or an adverb between)
         rf"|(?P<on_object>salu(?:e|é|ent|ait|ant){_SALUTE_GAP}"
         rf"\s+{_SALUTED})",
         "confirmation"),
    # « Medvedev conduisait la délégation russe au défilé … à Pyongyang »
    Rule("delegation", r"(?:conduit|conduisait|dirige|dirigeait|menait|a\s+conduit|a\s+dirigé"
                       r"|a\s+mené)\s+(?:la|une)\s+délégation", "visit"),
    Rule("visit", r"(?:s'est|se\s+sont|s'était|s'étaient|se\s+serait|se\s+seraient|se"
                  r"|s'y\s+(?:est|était|sont|étaient))\s+(?:déjà\s+)?"
                  r"rend(?:u|ue|us|ues|ra|ait)?\b(?!\s+(?:aux|à\s+l'ennemi"
                  r"|à\s+l'armée|compte))|visites?|a\s+visité|visit(?:ait|aient|ent)|en\s+visite"
                  r"|(?:été|était|étaient|est|sont|fut)\s+reçue?s?|a\s+séjourné|séjournait"
                  # an official who « est arrivée à Moscou »: troops arrive at a front, not a capital
                  r"|(?:arrivée?s?|arrivent|arrive|arrivait|revenue?s?|retournée?s?|atterri\w*)\s+à"
                  r"\s+(?:moscou|pyongyang"
                  r"|pékin|séoul|wonsan"
                  r"|kiev|kyiv|washington|minsk|téhéran)\b", "visit"),
    # « Choïgou a annoncé hier à Pyongyang, à l'issue d'un entretien avec Kim Jong Un, … »:
    # an official who speaks in another country's capital is visiting it (one who does so
    # at home is not: see _read); any other event told in the sentence comes first.
    Rule("spoke_in_capital",
         r"(?:(?:a|ont|avait|avaient|aurait)\s+(?:\w+\s+){0,2}?(?:annoncé|déclaré|affirmé|rencontré|retrouvé"
         r"|assisté|promis)"
         # « s'est entretenue à Moscou avec Lavrov », « au terme d'un entretien avec Kim Jong Un
         # à Pyongyang »
         r"|(?:s'est|se\s+sont|s'était)\s+entretenue?s?|entretiens?\s+avec(?:\s+[\w'-]+){1,4}?)"
         rf"\s+(?:[\w'-]+\s+){{0,2}}?à\s+{_CAPITAL}\b", "visit"),
    # « soient traités en terroristes »: the verb, not a treaty
    Rule("agreement", r"(?<!d')(?<!être\s)(?<!été\s)(?<!sont\s)(?<!soient\s)(?<!seront\s)"
                      r"(?<!seraient\s)(?:traité|accord|pacte)s?(?!\s+(?:en|comme|avec|par)\b)"
                      r"|signé(?:e|s)?|signature|ratifi\w+|promulgu\w+"
                      r"|entrée?\s+en\s+vigueur|l'(?:a|ont|avait|avaient)\s+approuvé"
                      r"|approuvé\s+(?:le|ce)\s+(?:traité|pacte|accord)"
                      # « il a été approuvé par le Conseil de la Fédération », « adopté par
                      # la Douma le 24 octobre »: the chambers' votes
                      r"|(?:adopté|approuvé)e?s?\s+(?:\w+\s+){0,3}?par\s+(?:la\s+douma|le\s+parlement"
                      r"|le\s+conseil\s+de\s+la\s+fédération|l'assemblée|le\s+sénat)", "agreement"),
    # « des unités nord-coréennes ont livré leurs premiers combats le 4 novembre », « ont
    # été engagés pour la première fois au combat », « la première participation de
    # troupes nord-coréennes aux combats »: troops first in combat (see _fighters).
    Rule("first_combat",
         r"premi(?:er|ers|ère|ères)\s+(?:accrochages?|combats?|affrontements?|engagements?"
         r"|échanges\s+de\s+tirs)"
         r"|(?:combattu|pris\s+part|engagée?s?|participé)\s+(?:\w+\s+){0,2}?pour\s+la\s+première\s+fois"
         r"|pour\s+la\s+première\s+fois\s+(?:au\s+combat|à\s+des\s+combats|aux\s+combats|au\s+feu)"
         r"|première\s+participation\b", "other"),
    # « Kim Jong-un a décoré des officiers rentrés de Koursk », « une cérémonie de remise
    # de décorations »: honours given, an event of its own kind.
    Rule("ceremony", r"(?:a|ont|avait|avaient)\s+(?:\w+\s+)?décoré|cérémonies?"
                     r"|remise\s+de\s+(?:décorations|médailles)|remis\s+à\s+titre\s+posthume"
                     r"|défilés?\s+militaires?", "other"),
    # « Poutine a ratifié le traité le 9 novembre ; Kim Jong Un a fait de même deux jours
    # plus tard »: the event told last, by another actor, on another day.
    Rule("same_as_before", r"(?:a|ont|avait|avaient)\s+fait\s+de\s+même|en\s+(?:a|ont|avait)\s+fait"
                           r"\s+autant|l'(?:a|ont|avait)\s+imitée?", "same"),
    # (« a salué la contribution des soldats » is an acknowledgement: see confirmation)
    Rule("statement", r"(?:a|ont)\s+(?:\w+\s+){0,3}?(?:déclaré|annoncé|démenti|remercié|dénoncé|condamné"
                      rf"|salué(?!{_SALUTE_GAP}\s+{_SALUTED}))|déclaration|communiqué",
         "statement"),
], before=r"(?<![\w-])", after=r"(?![\w-])")

# An event named as a landmark in time (« depuis le début de la contre-offensive », « lors
# d'un assaut ») is not stated there, unless its own date follows (« après sa
# ratification en novembre »).
# « tirer les leçons des premiers engagements », « le secteur des premiers combats »:
# first combats named by another noun are a reference, not an event told.
_NAMED_BY_NOUN_BEFORE = re.compile(r"\b(?:leçons?|enseignements?|bilan|secteur|zone|lieux?"
                                   r"|souvenirs?|suite|lendemain|expérience|théâtre|date)\s+"
                                   r"(?:des|de\s+(?:leurs|ses|ces))\s+\Z")
_TIME_REFERENCE = re.compile(r"\b(?:depuis|avant|après|pendant|durant|lors)\s+"
                             r"(?:le\s+début\s+|la\s+fin\s+)?(?:de\s+|d'|des\s+|du\s+)?"
                             r"(?:la\s+|le\s+|l'|les\s+|leur\s+|son\s+|sa\s+)?\Z"
                             # « participent à la contre-offensive russe »: taking part in the
                             # one told elsewhere (« à des assauts » are new ones)
                             r"|\b(?:particip\w*|pris\s+part|prennent\s+part|prenaient\s+part)\s+"
                             r"(?:à\s+la|à\s+l'|au)\s*\Z")
# « en application de l'article 4 du traité »: the treaty is invoked, not agreed there.
_INVOKED = re.compile(r"\b(?:(?:en\s+application|en\s+vertu|conformément|au\s+titre|aux\s+termes"
                      r"|sur\s+la\s+base|au\s+nom)\s+(?:de|du|des|d'|à|au|aux)\s+"
                      # « en invoquant l'article 4 du traité », « citant le traité »
                      r"|(?:en\s+)?(?:invoquant|citant|s'appuyant\s+sur)\s+(?:le|la|l'|les)\s*)"
                      r"(?:[\w'-]+\s+){0,4}\Z")
_AND_BETWEEN = re.compile(r"\s+et\s+(?:la\s+|le\s+|l'|les\s+)?")
# « préparent une offensive », « pour exiger le retrait immédiat de ces troupes »: not
# done yet.
_PLANNED_BEFORE = re.compile(r"\b(?:prépar\w*|planifi\w*|envisag\w*|projett?\w*|exig\w*|réclam\w*"
                             r"|s'apprêt\w*\s+à"
                             r"\s+(?:lancer|mener)|menac\w*\s+de\s+lancer)\s+(?:une?\s+|des\s+|la\s+|le\s+"
                             r"|l'|leur\s+|sa\s+|son\s+|de\s+nouvelles?\s+)?(?:\w+\s+)?\Z")
# « …, lancée le 8 mars », « …, annoncée par Moscou le 13 mars », « … avait été annoncée
# le 15 août »: a participle that dates the event's noun.
_LAUNCHED_ON = re.compile(r"[\s,]*(?:(?:a|avait|aurait)\s+été\s+)?(?:lancée?s?|déclenchée?s?|entamée?s?"
                          r"|commencée?s?|amorcée?s?|survenue?s?|annoncée?s?|revendiquée?s?|confirmée?s?)"
                          r"(?:\s+par(?:\s+[\w'-]+){1,3}?)?\s+(?:dès\s+)?(?:le|la|l'|au|en|début|fin|mi)\b")
# « ces unités ont été retirées »: troops named before, by a demonstrative
_THESE_TROOPS = re.compile(r"\b(?:ces|ses|leurs)\s+(?:unités|troupes|soldats|forces|hommes|militaires"
                           r"|combattants|bataillons)\b")
# « a confirmé lundi que … », not « depuis que », « alors que »
_SAID_THAT = re.compile(r"(?<!depuis\s)(?<!alors\s)(?<!tandis\s)(?<!parce\s)(?<!bien\s)\b(?:que|qu')")
# « depuis le 15 août »: since a day, not a month or a year
_SINCE_A_DAY = re.compile(r"(?:depuis|dès)\s+(?:le\s+)?(?:\d|1er)")
# « La prise de Soudja, où se trouve …, »: a relative clause between a noun and its verb
_RELATIVE_INCISE = re.compile(r"[\s,]*(?:où|qui|dont|que|qu')\b")
_LAUNCHED_BY = re.compile(r"\s+(?:lancée?s?|menée?s?|conduite?s?|déclenchée?s?|entreprise?s?)"
                          r"\s+par\s+(?:les?\s+|la\s+|l')?")
_AGAIN = re.compile(r"\bpuis\s+(?:de\s+nouveau|à\s+nouveau|encore|une\s+seconde\s+fois)\s*,?\s*\Z")
# « il s'y était rendu le 21 mars, puis le 4 juin. »: « puis » and a date that closes the
# clause, with no verb of its own, tell the same event again.
_THEN = re.compile(r",?\s*(?:et\s+)?puis\s*,?\s*\Z")
_SAME_OCCASION = re.compile(
    r"[\s\-*>]*(?P<phrase>dans\s+la\s+foulée|(?:dans|au\s+cours\s+de|lors\s+de)\s+la\s+même"
    r"\s+(?:intervention|allocution|déclaration|réunion|visioconférence|séance|conférence|visite"
    r"|cérémonie)|à\s+(?:cette|la\s+même)\s+occasion)\b")
# « après celle du 4 juin »: the one (visit, attack …) of that date
_THE_ONE_OF = re.compile(r"\bcelle\s+(?:du|de|d')\s*\Z")
_CLOSES_CLAUSE = re.compile(r"\s*(?:[.;,)]|\Z)")
_RELATIVE_SUBJECT = re.compile(r"qui\b")
_INVOLVEMENT = re.compile(r"\b(?:participation|présence|engagement|envoi|rôle|implication"
                          r"|déploiement|contribution|héroïsme|courage|bravoure|sacrifice)\b")
# A clause that opens with a determiner: a verb's object after an incise
_OBJECT_OPENS = re.compile(r"[\s,]*(?:la|le|l'|les)\b")
# « lors d'une réunion télévisée », « selon Moscou »: an incise between a verb and its object
_INCISE_OPENS = re.compile(r"[\s,]*(?:lors|au\s+cours|pendant|durant|selon|d'après|en\s+présence"
                           r"|devant|dans\s+un|dans\s+une)\b")
# « affirme qu'elles avaient été retirées »: a pronoun subject after « que »
_THAT_PRONOUN_BEFORE = re.compile(r"\bqu'(?:ils|elles)\s+(?:[\w'-]+\s+){0,3}\Z")
_PRONOUN_SUBJECT = re.compile(r"\s*(?:ils|elles)\s")
_ONE_PRONOUN_SUBJECT = re.compile(r"[\s\-*>]*(?:il|elle)\s+(?!y\s+a\b|est\s+(?:probable|possible"
                                  r"|peu|très|presque)|semble|s'agit|faut|reste\b|apparaît)")
_HYPOTHESIS = re.compile(r"[\s\-*#>]*si\s")
_CONDITIONAL = re.compile(r"\w(?:rait|raient)\b")
_GERUND = re.compile(r"[\s\-*#>]*en\s+(?!avant\b)[\w'-]{2,}ant\b")
_WHEN_CLAUSE = re.compile(r"\s*(?:lorsque|lorsqu'|quand|alors\s+que|au\s+moment\s+où)")
# « Lavrov a rencontré Kim Jong-un à Wonsan le 12 juillet, au deuxième jour d'une
# visite »: a clause that places the event in time is on the date told just before.
_DURING_CLAUSE = re.compile(r"\s*(?:au\s+(?:premier|deuxième|second|troisième|dernier)\s+jour"
                            r"|à\s+l'occasion|au\s+cours|lors|pendant|durant)\s+(?:de\s+|d'|du\s+|des\s+)")
_NAME_BEFORE = re.compile(r"\b[A-ZÀ-Þ][\w'-]*\s+\Z")
# Who says or confirms speaks of what follows « que »: a date there is not the saying's.
_SAYING = ("confirmation", "statement")
_NEGATION_BEFORE = re.compile(r"(?:\bne\s+|\bn')\Z")
_NEGATION_INSIDE = re.compile(r"\b(?:pas|jamais|plus)\b")
_THAT = re.compile(r"\bque\b|\bqu'")
# An actor in a phrase of place or opposition is not who acts (« ont surgi derrière les
# lignes ukrainiennes et repris … »).
_NOT_SUBJECT = re.compile(r"\b(?:derrière|contre|face\s+à|face\s+aux|chez|parmi|devant|vers"
                          r"|auprès\s+d(?:es|u|e)|aux\s+côtés\s+d(?:es|u|e))\s+"
                          r"(?:les\s+|la\s+|le\s+|l'|des\s+|du\s+|d')?(?:[\w'-]+\s+){0,2}\Z")
# Events that happen on a day: « depuis » gives them no date of their own.
_PUNCTUAL = ("visit", "capture", "agreement", "confirmation", "statement", "other")
_WEAK_RULES = ("statement", "capture_of_places", "spoke_in_capital")
# Events a side carries out, whose possessive (« son incursion ») names that side; « sa
# ratification » is the treaty's.
_OWNED = ("incursion", "offensive", "counteroffensive", "withdrawal")
# « l'armée ukrainienne », « les forces russes »: a side's force, not « les pertes russes ».
_FORCE_BEFORE = re.compile(rf"\b(?:{GROUPS}|{PEOPLE}|état-major|commandement)\s+(?:[\w'-]+\s+)?\Z")
_ADJECTIVE_AFTER = re.compile(r"\s+(?:[\w'-]+\s+)?")
_GENITIVE_AFTER = re.compile(r"\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')(?:[\w'-]+\s+){0,2}\Z")
_PASSIVE_AGENT = re.compile(r"\bpar\s+(?:les?\s+|la\s+|l'|des\s+)?(?:[\w'-]+\s+){0,2}\Z")
_ATTRIBUTION_CLAUSE = re.compile(r"\s*(?:selon|d'après)\b")
_POSSESSIVE_BEFORE = re.compile(r"\b(?:sa|son|leur)\s+(?:[\w-]+\s+)?\Z")
# « reçu par Kim Jong-un », « rentrés de Russie »: a name after a preposition is no subject.
_AFTER_PREPOSITION = re.compile(r"(?:\b(?:de|du|des|à|au|aux|en|par|pour|avec|contre|sur|vers"
                                r"|chez|entre|dans)\s+|\bd')(?:la\s+|le\s+|les\s+|l')?\Z")


def opens_on_same_occasion(scan: str, start: int) -> bool:
    """Whether the sentence at start opens « Dans la foulée », « Dans la même intervention »
    …: undated, it tells of the occasion told just before."""
    return _SAME_OCCASION.match(scan, start) is not None


def find_triggers(scan: str, start: int = 0, end: int | None = None) -> list:
    """The event triggers of the lower-case scan copy that start in [start, end)."""
    if start == 0 and end is None:
        return list(EVENT_RULES.finditer(scan))
    return list(EVENT_RULES.finditer_within(scan, start, len(scan) if end is None else end))


class EventReader:
    """Reads dated events, one sentence at a time."""

    def __init__(self, doc: Document, discourse: Discourse,
                 source_actors: dict[str, str] | None = None,
                 main_actor: str | None = None) -> None:
        self.doc = doc
        self.discourse = discourse
        self.source_actors = source_actors or {}    # source id -> the state it belongs to
        self.main_actor = main_actor                 # whose people the briefing names most
        self.named: list[list] = []                  # the actors of each sentence read, in order
        self.last_told: str | None = None    # the category of the last sentence's last event
        self.last_actor: str | None = None   # and its actor
        self.last_visitor: str | None = None  # who made the last visit told
        self.occasion: Draft | None = None   # the first event of the last sentence that told one

    def read(self, view: SentenceView, counted_clauses: set[tuple[int, int]]) -> list[Draft]:
        drafts = self._read(view, counted_clauses) \
            if view.dates or "row_date" in view.extra \
            or self.occasion is not None and opens_on_same_occasion(self.doc.low, view.start) else []
        if drafts:
            self.occasion = drafts[0]
        if view.actors:
            self.named.append(view.actors)
        self.last_told = drafts[-1].category if drafts else None
        self.last_actor = drafts[-1].actor if drafts else None
        visitors = [d.actor for d in drafts if d.category == "visit"]
        self.last_visitor = visitors[-1] if visitors else self.last_visitor
        return drafts

    @property
    def last_people(self) -> str | None:
        """Whose people the sentences before this one named last."""
        for actors in reversed(self.named[-3:]):
            people = [a for a in actors if is_people(a)]
            if people:
                return people[-1].id
        return None

    def _read(self, view: SentenceView, counted_clauses: set[tuple[int, int]]) -> list[Draft]:
        if _HYPOTHESIS.match(self.doc.low, view.start) and _CONDITIONAL.search(
                self.doc.low, view.start, view.end):
            return []           # « Si Moscou lançait une offensive …, ces unités y seraient … »
        chosen: dict[tuple, tuple[object, Draft]] = {}
        for hit in view.extra["triggers"]:
            category = hit.rule.value
            if not self._names_a_real_place(hit):
                continue                  # « pris part », « repris le combat »
            if hit.rule.name == "first_combat" and _NAMED_BY_NOUN_BEFORE.search(
                    self.doc.low, max(view.start, hit.start - 30), hit.start):
                continue                  # « les leçons des premiers engagements »: a reference
            if hit.rule.name == "fall_of_named_place" and \
                    not _NAME_BEFORE.search(self.doc.scan, max(0, hit.start - 40), hit.start):
                continue                  # « la ville est tombée »: which one, not said here
            clause = view.sentence.clause_at(hit.start)
            if category in _SAYING and (_NEGATION_BEFORE.search(self.doc.low, max(0, hit.start - 4),
                                                                hit.start)
                                        or _NEGATION_INSIDE.search(hit.text)):
                continue                  # « ne reconnaît toujours pas », « n'a pas confirmé »
            if _PLANNED_BEFORE.search(self.doc.low, max(view.start, hit.start - 40), hit.start):
                continue                  # « préparent une offensive »: not launched yet
            if _TIME_REFERENCE.search(self.doc.low, max(view.start, hit.start - 30), hit.start) \
                    and not any(hit.end <= d.start for d in view.dates) \
                    and not (category == "visit" and view.dates):
                # (« signé le 19 juin, lors de la visite de Poutine »: the visit is that day's)
                continue                  # « depuis le début de la contre-offensive »: a landmark
            if category == "agreement" and _INVOKED.search(
                    self.doc.low, max(view.start, hit.start - 50), hit.start):
                continue
            if hit.rule.name == "statement" and counted_clauses:
                continue                  # a figure's attribution, not an event of its own
            if category == "withdrawal" and clause in counted_clauses:
                continue                  # « 2 000 soldats retirés » is a deployment fact
            if category == "same":
                told = [d for h, d in chosen.values() if h.end <= hit.start]
                if not told and self.last_told is None:
                    continue
                category = told[-1].category if told else self.last_told
            draft = self._read_trigger(view, hit, clause)
            if draft is None:
                continue
            draft.category = category
            if hit.rule.name == "spoke_in_capital" and (draft.location or "")[:2] == draft.actor:
                continue                  # at home: no visit
            again = self._again(view, draft, hit)
            if again is not None:       # « le 4 juin, puis de nouveau le 17 juin »
                chosen.setdefault((again.actor, again.when.start, again.when.end), (hit, again))
            key = (draft.actor, draft.when.start, draft.when.end)
            if key in chosen and category == "confirmation" \
                    and chosen[key][1].category != "confirmation" \
                    and _INVOLVEMENT.search(self.doc.low, hit.start, hit.end + 60):
                # « a annoncé la libération de l'oblast et salué la participation des soldats
                # nord-coréens »: acknowledging the troops, after another event, is one of
                # its own (told first, it takes in what its object names).
                key += ("involvement",)
            if key not in chosen or (chosen[key][0].rule.name in _WEAK_RULES
                                     and hit.rule.name not in _WEAK_RULES):
                if key in chosen:
                    draft.evidence = union_spans(draft.evidence + chosen[key][1].evidence)
                chosen[key] = (hit, draft)
            else:
                kept = chosen[key][1]
                kept.evidence = union_spans(kept.evidence + draft.evidence)
        return [draft for _, draft in chosen.values()]

    def _again(self, view: SentenceView, draft: Draft, hit) -> Draft | None:
        """The same event told a second time with its own date (« puis de nouveau le 17 »)."""
        for date in view.dates:
            low = self.doc.low
            if date.start > hit.end and date.when != draft.when and (
                    _AGAIN.search(low, max(hit.end, date.start - 40), date.start)
                    # « sa deuxième visite en moins de deux semaines, après celle du 4 juin »
                    or _THE_ONE_OF.search(low, max(hit.end, date.start - 12), date.start)
                    or _THEN.search(low, max(hit.end, date.start - 12), date.start)
                    and _CLOSES_CLAUSE.match(low, date.end)):
                if date.when.start > self.doc.today:
                    return None
                return dataclasses.replace(draft, when=date.when, rule=draft.rule + "_again",
                                           evidence=[evidence_span(view, [hit.start, date.start])],
                                           fallback=set(draft.fallback))
        return None

    def _names_a_real_place(self, hit) -> bool:
        """False for a rule that names a place whose name is no name (« capture dimanche »)."""
        return hit.rule.name not in ("capture_of_named_place", "attack_on_named_place", "held_since") \
            or self.doc.scan[hit.start_of("name")].isupper()

    def _date(self, view: SentenceView, hit, clause_index: int):
        clause = view.sentence.clauses[clause_index]
        # « a ratifié le traité signé en juin »: a date after another trigger is that one's.
        same = [d for d in view.dates if clause[0] <= d.start < clause[1]
                and not (d.start > hit.end and any(hit.end <= t.start < d.start
                                                   and self._names_a_real_place(t)
                                                   for t in view.extra["triggers"]))]
        if hit.rule.value in _SAYING:
            same = [d for d in same if not (d.start > hit.end
                                            and _THAT.search(self.doc.low, hit.end, d.start))]
        # « ont indiqué la semaine dernière qu'elles n'avaient plus repéré d'unités … depuis
        # la mi-janvier »: a date before « que » is the saying's, when the event has its own.
        if not view.dates and self.occasion is not None:
            # « Dans la foulée, il a salué les soldats nord-coréens »: on the day of the
            # first event told in the sentence before.
            opening = _SAME_OCCASION.match(self.doc.low, view.start)
            if opening is not None:
                text = " ".join(self.doc.scan[opening.start("phrase"):opening.end()].split())
                return DateMention(view.start, view.start,
                                   dataclasses.replace(self.occasion.when, text=text), "same_occasion")
        own = [d for d in same if not (d.end <= hit.start
                                       and _THAT.search(self.doc.low, d.end, hit.start))]
        same = own or same
        launched = self._launched_on(view, clause_index)
        if launched is not None and all(d.start < hit.start for d in same):
            # « a fait état le 5 novembre d'un premier engagement, survenu la veille »: the
            # participle after the event's noun dates it, not the report before it.
            return launched
        if same:
            return min(same, key=lambda d: abs(d.start - hit.start))
        # « … le 6 août 2024, lorsque des brigades franchissent la frontière »: a clause of
        # time takes the date that ends the clause before it.
        if clause_index > 0 and (_WHEN_CLAUSE.match(self.doc.low, clause[0])
                                 or _DURING_CLAUSE.match(self.doc.low, clause[0])):
            before = view.sentence.clauses[clause_index - 1]
            ending = [d for d in view.dates if before[0] <= d.start < before[1]
                      and not self.doc.low[d.end:before[1]].strip(" ,")]
            if ending:
                return ending[-1]
        # « La contre-offensive russe, lancée le 8 mars par … »: the participle after the
        # event's noun dates it.
        if launched is not None:
            return launched
        # « a revendiqué le 26 avril, lors d'une réunion télévisée, la reprise de … »: the
        # verb's object after an incise takes the date that ends the verb's clause.
        if clause_index > 0 and _OBJECT_OPENS.match(self.doc.low, clause[0]):
            index = clause_index - 1
            while index > 0 and _INCISE_OPENS.match(self.doc.low, view.sentence.clauses[index][0]):
                index -= 1
            if index < clause_index - 1:
                before = view.sentence.clauses[index]
                ending = [d for d in view.dates if before[0] <= d.start < before[1]
                          and not self.doc.low[d.end:before[1]].strip(" ,")]
                if ending:
                    return ending[-1]
        # « En annonçant la fin des opérations le 26 avril, le général a salué … »: a
        # fronted gerund tells what was done at the same time, on its date.
        if clause_index > 0:
            before = view.sentence.clauses[clause_index - 1]
            if _GERUND.match(self.doc.low, before[0]):
                dated = [d for d in view.dates if before[0] <= d.start < before[1]]
                if dated:
                    return dated[-1]
        # A date fronted in clauses of its own; of « La veille, le 12 mars, … » the
        # nearest, which is the more precise.
        for index in range(clause_index - 1, -1, -1):
            fronted = self.doc.date_only_clause(view, index)
            if fronted is not None:
                return fronted
        # A date standing alone next, or after an apposition (« …, Andreï Belooussov, le
        # 29 novembre »).
        for neighbour in (clause_index + 1, clause_index - 1, clause_index + 2):
            if 0 <= neighbour < len(view.sentence.clauses):
                alone = self.doc.date_only_clause(view, neighbour)
                if alone is not None:
                    return alone
        # « la deuxième visite de Choïgou, après celle du 4 juin »: undated itself, it
        # tells of the one on that date.
        for date in view.dates:
            if date.start > hit.end and _THE_ONE_OF.search(self.doc.low, max(hit.end, date.start - 12),
                                                            date.start):
                return date
        return view.extra.get("row_date")     # a table's cell: its row's date

    def _launched_on(self, view: SentenceView, clause_index: int):
        """The date of a participle opening the next clause (« …, lancée le 8 mars »), or
        the one after a relative incise (« La prise de Soudja, où se trouve …, avait été
        annoncée le 15 août »)."""
        clauses = view.sentence.clauses
        for after in clauses[clause_index + 1:clause_index + 3]:
            if _LAUNCHED_ON.match(self.doc.low, after[0]):
                dated = [d for d in view.dates if after[0] <= d.start < after[1]]
                if dated:
                    return dated[0]
            if not _RELATIVE_INCISE.match(self.doc.low, after[0]):
                break
        return None

    def _actor(self, view: SentenceView, hit, clause: tuple[int, int]):
        scan = self.doc.low
        actors = view.actors
        if hit.rule.name in ("first_combat", "joined_assaults"):
            return self._fighters(view)
        if hit.rule.value in _SAYING:
            # « le NIS a confirmé qu'un soldat nord-coréen … »: a source that speaks, as
            # the subject nearest the verb, speaks for its state.
            speakers = [m for m in view.sources if clause[0] <= m.start < hit.start
                        and m.id in self.source_actors]
            if speakers and not any(speakers[-1].start < a.start < hit.start for a in actors):
                speaker = speakers[-1]
                return dataclasses.replace(speaker, kind="actor",
                                           id=self.source_actors[speaker.id])
        # On the trigger noun: « la contre-offensive russe »; not on a verb's object
        # (« attaquent les positions ukrainiennes »).
        for actor in actors if hit.group("on_object") is None else ():
            if hit.end <= actor.start <= hit.end + 40:
                between = scan[hit.end:actor.start]
                if (actor.adjective and _ADJECTIVE_AFTER.fullmatch(between)) \
                        or _GENITIVE_AFTER.fullmatch(between):
                    return actor
                # « l'incursion lancée par Kiev »: the noun's agent
                if not actor.adjective and _LAUNCHED_BY.fullmatch(between):
                    return actor
        if hit.rule.value in _OWNED and _POSSESSIVE_BEFORE.search(
                scan, max(view.start, hit.start - 30), hit.start):
            # « Kyiv revendique 20 000 pertes russes depuis le début de son incursion »,
            # « le territoire conquis par l'Ukraine lors de son incursion »: whose the
            # event is, the side named last before it (not an adjective), or a source's state.
            subject = self._owner(view, hit)
            if subject is not None:
                return subject
        if hit.rule.value not in _SAYING and _THAT_PRONOUN_BEFORE.search(
                scan, max(clause[0], hit.start - 40), hit.start):
            # « Le renseignement ukrainien affirme qu'elles avaient été retirées »: what is
            # said after « que » is of the people named before, not of who says it.
            people = [a for a in actors if a.start < hit.start and is_people(a)]
            antecedent = people[-1].id if people else self.last_people
            if antecedent is not None:
                return Mention("actor", antecedent, hit.start, hit.end)
        before = [a for a in actors if clause[0] <= a.start < hit.start
                  and not _NOT_SUBJECT.search(scan, max(clause[0], a.start - 40), a.start)]
        if before and hit.rule.value in _SAYING:
            # « Guerassimov chiffra les pertes ukrainiennes et reconnut … »: who speaks is
            # named (here or opening the sentence), not an adjective on what is spoken of.
            before = [a for a in before if not a.adjective]
        if before:
            # « les troupes russes et nord-coréennes ont lancé … », « le traité entre la
            # Russie et la Corée du Nord est entré en vigueur »: the side named first leads.
            if len(before) >= 2 and before[-2].adjective == before[-1].adjective \
                    and _AND_BETWEEN.fullmatch(scan, before[-2].end, before[-1].start):
                return before[-2]
            return before[-1]
        if hit.rule.value == "visit" and self.last_visitor is not None \
                and _POSSESSIVE_BEFORE.search(scan, max(clause[0], hit.start - 30), hit.start):
            # « Lors de sa précédente visite, le 4 juin, l'ancien ministre … »: whose visit,
            # with no subject before it, is who made the last one told.
            return Mention("actor", self.last_visitor, hit.start, hit.end)
        if _PRONOUN_SUBJECT.match(scan, clause[0]):
            # « Les Nord-Coréens ont pesé … Selon les services sud-coréens, ils avaient été
            # retirés … »: « ils » are the people named last, not the source before it.
            people = [a for a in actors if a.start < clause[0] and is_people(a)]
            antecedent = people[-1].id if people else self.last_people
            if antecedent is not None:
                return Mention("actor", antecedent, hit.start, hit.end)
        if clause[0] == view.sentence.clauses[0][0] and self.last_actor is not None \
                and _ONE_PRONOUN_SUBJECT.match(scan, clause[0]):
            # « Choïgou a été reçu hier à Pyongyang. Il s'y était déjà rendu il y a deux
            # semaines »: « il » is who acted in the sentence before.
            return Mention("actor", self.last_actor, hit.start, hit.end)
        if clause[0] > view.sentence.clauses[0][0] \
                and _ONE_PRONOUN_SUBJECT.match(scan, clause[0]):
            # « Reçu par Kim Jong-un, Choïgou effectuait sa troisième visite : il s'y était
            # déjà rendu le 21 mars »: « il » opening a later clause is the subject before
            # it, not a name after a preposition (« par … », « de Russie »), a place or a
            # claimant.
            subjects = [a for a in actors if view.start <= a.start < clause[0]
                        and not a.adjective and not is_locative(scan, a.start)
                        and not _ATTRIBUTION_CLAUSE.match(scan, view.sentence.clause_at(a.start)[0])
                        and not _AFTER_PREPOSITION.search(scan, max(view.start, a.start - 12),
                                                          a.start)]
            if subjects:
                return subjects[-1]
            index = view.sentence.clause_index(clause[0])
            if self.occasion is not None and self.occasion.actor is not None \
                    and _SAME_OCCASION.match(scan, view.start):
                # « Dans la foulée, il a salué … »: who acted on that occasion.
                return Mention("actor", self.occasion.actor, hit.start, hit.end)
            if self.last_actor is not None and all(
                    self.doc.date_only_clause(view, before) for before in range(index)):
                # « Le même jour, il a reconnu … »: only a date before it, so who acted in
                # the sentence before.
                return Mention("actor", self.last_actor, hit.start, hit.end)
        if _RELATIVE_SUBJECT.match(scan, clause[0]):   # « et que Kiev, qui avait lancé … »
            antecedent = [a for a in actors if view.start <= a.start < clause[0]]
            if antecedent:
                return antecedent[-1]
        # The first side named in the sentence, within the part the event is told in: a
        # chronology of « ; »-joined steps tells each of its own (« l'incursion ukrainienne
        # a débuté le 6 août ; Soudja a été reprise par les forces russes le 13 mars »).
        told_from = max(view.sentence.clauses[0][0], scan.rfind(";", view.start, hit.start) + 1)
        opening = [a for a in actors if told_from <= a.start < hit.start
                   and not _ATTRIBUTION_CLAUSE.match(scan, view.sentence.clause_at(a.start)[0])]
        if opening:
            return opening[0]
        agents = [a for a in actors if a.start > hit.end and a.start < clause[1]
                  and _PASSIVE_AGENT.search(scan, max(0, a.start - 40), a.start)]
        if agents:
            return agents[0]
        if hit.rule.value in _SAYING:
            # Who speaks is named before what is said: not whom the confirmation names
            # (« le secrétaire général de l'OTAN a confirmé que des unités nord-coréennes
            # … » has no speaker the gazetteer knows, so no event).
            that = _THAT.search(scan, hit.end, view.end)
            actors = [a for a in actors if that is None or a.start < that.start()]
        # Last, the first side named; not an adjective on a thing (« la station de comptage
        # du gaz russe »), which says nothing of who acted.
        actors = [a for a in actors if not a.adjective or a.attached
                  or _FORCE_BEFORE.search(scan, max(0, a.start - 30), a.start)]
        if not actors and _THESE_TROOPS.search(scan, clause[0], hit.start) and self.last_people:
            # « ces unités ont été retirées du front »: the people named last
            return Mention("actor", self.last_people, hit.start, hit.end)
        return actors[0] if actors else None

    def _owner(self, view: SentenceView, hit):
        """The side named last before the trigger that is no adjective nor a place, a
        source's state standing for the source (« Kyiv revendique … »), or None."""
        scan = self.doc.low
        named = [a for a in view.actors if a.start < hit.start and not is_locative(scan, a.start)
                 and (not a.adjective or _FORCE_BEFORE.search(scan, max(0, a.start - 30), a.start))]
        named += [dataclasses.replace(m, kind="actor", id=self.source_actors[m.id])
                  for m in view.sources if m.start < hit.start and m.id in self.source_actors]
        return max(named, key=lambda a: a.start) if named else None

    def _fighters(self, view: SentenceView):
        """Who first fought: the troops the sentence names (« des soldats nord-coréens »),
        not their opponent (« contre les forces ukrainiennes ») nor who reports it (« le
        ministre ukrainien … a indiqué »); else the people named last (« ces troupes »)."""
        scan = self.doc.low
        fighters = [a for a in view.actors if is_people(a)
                    and not _NOT_SUBJECT.search(scan, max(view.start, a.start - 40), a.start)]
        # « les premiers affrontements entre les forces ukrainiennes et des unités
        # nord-coréennes »: both sides named, the first combat is of the side the
        # briefing is about.
        ours = [a for a in fighters if a.id == self.main_actor]
        if ours:
            return ours[0]
        if fighters:
            return fighters[0]
        people = self.last_people
        return Mention("actor", people, view.start, view.start) if people else None

    def _read_trigger(self, view: SentenceView, hit, clause: tuple[int, int]) -> Draft | None:
        clause_index = view.sentence.clause_index(hit.start)
        date = self._date(view, hit, clause_index)
        if date is None or date.when.start > self.doc.today:
            return None         # undated, or foreseen (« d'ici la fin mars »): not an event yet
        if hit.rule.name == "joined_assaults" and date.end <= hit.start \
                and _SAID_THAT.search(self.doc.low, date.end, hit.start):
            return None         # « a confirmé lundi que des soldats participaient aux combats »
        if hit.rule.value in _PUNCTUAL and date.when.precision == "range" \
                and (date.when.text or "").lower().startswith(("depuis", "dès")):
            if hit.rule.value != "capture" or not _SINCE_A_DAY.match((date.when.text or "").lower()):
                return None     # « la première visite … depuis 2000 » dates no visit
            # « tient Soudja depuis le 15 août », « revendique depuis le 15 août le contrôle
            # de Soudja »: held since the day it was taken.
            date = dataclasses.replace(date, when=dataclasses.replace(
                date.when, end=date.when.start, precision="day"))
        actor = self._actor(view, hit, clause)
        if actor is None:
            return None
        draft = Draft("event", hit.rule.value, actor.id, None, date.when, rule=hit.rule.name)
        place = pick_place(view.places, hit.end, clause[0], clause[1]) \
            or pick_place(view.places, hit.end, view.start, view.end)
        anchors = [hit.start, date.start, actor.start]
        if place is not None:
            draft.location, draft.place = place.id, place.place
            anchors.append(place.start)
            if place.specific:
                self.discourse.location, self.discourse.place = place.id, place.place
        else:
            draft.location = self.discourse.location or self.doc.dominant_region
            draft.fallback.add("location")
        if view.sources:
            draft.source = min(view.sources, key=lambda s: abs(s.start - hit.start)).id
        draft.confidence = view.terms[0].level if view.terms else None
        draft.evidence.append(evidence_span(view, anchors))
        return draft


def corpus_parse(text: str, today, gazetteer) -> list[dict]:
    """What the corpus checks: the events of a text read as a body."""
    from sitrep.extract import read_drafts
    from sitrep.extract.facts import to_facts
    return [f.to_json() for f in to_facts(read_drafts(text, today, gazetteer), text)
            if f.kind == "event"]
