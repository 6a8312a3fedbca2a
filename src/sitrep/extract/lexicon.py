"""French word lists that several dimensions share: who can be counted, and the small words.

Patterns here are lower-case regex fragments: rules match the lower-case scan copy.
"""

from __future__ import annotations

import re

# People a figure can count (troops and the trades sent with them), singular and plural.
PEOPLE = (
    r"soldats?|militaires?|hommes|troupes?|combattants?|assaillants?|recrues?|conscrits?|fantassins?"
    r"|sous-officiers?|officiers?|membres|personnels?|effectifs?|mercenaires?|volontaires?"
    r"|forces\s+spéciales|commandos?|tireurs?|artilleurs?|servants?|réservistes?|opérateurs?"
    r"|ingénieurs?|sapeurs?|démineurs?|bâtisseurs?|ouvriers?|travailleurs?|instructeurs?"
    r"|techniciens?|spécialistes?|parachutistes?|marins?|pilotes?|gardes?|individus|personnes"
    r"|éléments|hommes\s+de\s+troupe|nord-coréens|nord-coréennes|russes|ukrainiens|ukrainiennes"
)
# Nouns that count people by what happened to them.
CASUALTY_NOUNS = r"tués|morts|blessés|disparus|prisonniers|captifs|victimes|pertes"
# Groups whose nationality an adjective gives (« les unités nord-coréennes »).
GROUPS = (
    r"unités?|forces?|armées?|contingents?|bataillons?|brigades?|régiments?|divisions?"
    r"|détachements?|renforts?|groupes?|corps|colonnes?|formations?|positions?"
)
# Words that may follow a figure without naming what it counts.
FUNCTION_WORDS = frozenset("""
le la les l un une des du de d au aux à a en dans sur sous par pour avec sans selon lors
depuis pendant durant parmi contre entre vers chez et ou ni mais donc car or qui que qu dont
où ont avait avaient aurait auraient auront sont seraient seront étaient était est sera été
ce cet cette ces ses leurs leur son sa se s y il ils elle elles c soit ainsi encore déjà
seulement environ désormais aujourd hier au-delà près presque jusqu plus moins au total
officiellement initialement supplémentaires supplémentaire additionnels de plus hors ne n
côté côtés après avant fin début mi d'ici ici là tout tous toutes toute autres au moins
""".split())
# Prepositions that make a country or capital name a place (« en Russie », « à Pyongyang »).
LOCATIVE = re.compile(
    r"(?:\b(?:en|dans|à|au|aux|vers|sur|jusqu'(?:à|en|au)|près\s+d[e']|autour\s+d[e']"
    r"|depuis|via|pour)\s*(?:la\s+|le\s+|l'|les\s+)?)\Z")
# « dans l'est de la Russie »: a part of a country is in it too. Tried only after the
# words it ends with (OF_ENDINGS), which few names follow.
PART_OF_A_COUNTRY = re.compile(
    r"\b(?:dans|à)\s+(?:l'|le\s+)(?:est|ouest|nord|sud|nord-est|nord-ouest|sud-est|sud-ouest"
    r"|extrême-orient)\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')\Z")
OF_ENDINGS = ("de la ", "de l'", "du ", "des ", "de ", "d'")

PEOPLE_RE = re.compile(rf"(?:{PEOPLE})\b")
