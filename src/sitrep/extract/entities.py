"""Who and where: actors, places and sources named in the text, from the gazetteer's words.

A name that is both an actor and a place (« la Russie », « Pyongyang ») is a place after
a locative preposition (« en Russie », « à Pyongyang ») and an actor otherwise. « la
région » names the last region named before it. A source is a claimant: an unambiguous
name of a service (« le renseignement sud-coréen ») or a metonym (« Kiev », « Moscou »)
introduced by « selon », « d'après », « cités par » or followed by a verb of saying.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from dataclasses import dataclass, field

from sitrep.extract.lexicon import (CASUALTY_NOUNS, GROUPS, LOCATIVE, OF_ENDINGS, PART_OF_A_COUNTRY,
                                    PEOPLE)
from sitrep.extract.rules import WORD_START_GUARD, by_first_character, words_pattern
from sitrep.gazetteer import Gazetteer

# « la région », « cette zone », « l'oblast » without a name after them; each branch opens
# with a literal character, so the scan skips ahead to those alone.
_ANAPHORA_NOUN = r"\s+(?:région|zone|province)\b(?!\s+(?:de|d'|du|des)\b)"
_ANAPHORA_OBLAST = r"oblast\b(?!\s+(?:de|d'|du|voisin|russe)\b)"
_ANAPHORA = re.compile(rf"l(?<!\w.)(?:a{_ANAPHORA_NOUN}|'{_ANAPHORA_OBLAST})"
                       rf"|c(?<!\w.)(?:ette{_ANAPHORA_NOUN}|et\s+{_ANAPHORA_OBLAST})")
_SAYING = (r"affirm|estim|indiqu|déclar|rapport|annonc|assur|évalu|précis|reconn|confirm|avanc"
           r"|chiffr|évoqu|reti(?:en|ent)|fait\s+état|fait\s+savoir|soulign|ajout|signal|considèr"
           r"|craint|constat|recens|dénombr|révél|sugg|expliqu|démen|avert|a\s+dit|a\s+écrit"
           r"|s'en\s+tien|tabl\w*\s+sur|parl\w*\s+d[e']|jug(?:e|ent|eait|eaient)\b")
_INTRODUCED = re.compile(
    r"(?:\b(?:selon|d'après|pour|cités?|citées?|rapportés?|repris|relayés?)\s+(?:par\s+)?"
    r"(?:le\s+|la\s+|l'|les\s+|des\s+|du\s+)?|\b(?:a|ont|avait|aurait)\s+(?:\w+\s+)?"
    r"(?:indiqué|annoncé|précisé|affirmé|déclaré|estimé|rapporté|ajouté|confirmé|assuré|souligné)"
    r"\s+(?:le\s+|la\s+|l'|les\s+)?)\Z")
_FOLLOWED_BY_SAYING = re.compile(
    rf"(?:\s*\([^()\n]{{0,40}}\))?"
    # « Le Pentagone, plus prudent, évoque … »: a short incise before the verb
    rf"(?:\s*,\s*(?!(?:qui|que|dont|où|et|mais|ou)\b)[^,.;:\n()«»]{{1,35}},)?"
    rf"\s*,?\s*(?:qui\s+)?(?:(?:a|ont|aurait|auraient|avait|avaient|"
    rf"n'|ne)\s+)?(?:\w+\s+)?(?:{_SAYING})")
# Grouped by first character, the search skips ahead to those alone.
_NOT_AFTER_WORD = r"(?<!\w.)"
_ATTACHED_NOUNS = "|".join([PEOPLE, CASUALTY_NOUNS, GROUPS,
                            "perte|victime|soldat|militaire|prisonnier|mort|blessé|tué"
                            "|rangs"]).split("|")
_ATTACHED_TO = re.compile(rf"(?:{by_first_character(_ATTACHED_NOUNS, _NOT_AFTER_WORD)})"
                          rf"(?:\s+[\w'-]+){{0,2}}\s+\Z")
# The same led by the character before the noun, which is no letter or digit: the search
# skips ahead to those characters rather than to every letter that may open a noun.
_ATTACHED_TO_AFTER = re.compile(rf"\W(?:{by_first_character(_ATTACHED_NOUNS)})"
                                rf"(?:\s+[\w'-]+){{0,2}}\s+\Z")
_SPEAKERS = ["il", "elle", "ils", "elles", r"le\s+service", "l'agence"]
_PRONOUN_SAYING = re.compile(rf"(?:{by_first_character(_SPEAKERS, _NOT_AFTER_WORD)})"
                             rf"\s+(?:\w+\s+)?(?:{_SAYING})")


@dataclass(slots=True)
class Mention:
    """An actor, place or source named at [start, end) of the text."""
    kind: str                    # "actor", "place" or "source"
    id: str
    start: int
    end: int
    adjective: bool = False      # a lower-case demonym (« soldats russes »)
    demonym: bool = False        # a demonym, adjective or noun (« les Russes »)
    specific: bool = False       # a region or town, not a whole country
    place: str | None = None     # a town's gazetteer id
    attached: bool = False       # an adjective on a noun of people (« soldats russes »)


@dataclass
class Entities:
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    sources: list[Mention] = field(default_factory=list)      # attributions only


class EntityMatcher:
    """The gazetteer's words compiled once: one regex per kind of entry."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.ids: dict[str, dict[str, str]] = {}
        self.regex: dict[str, re.Pattern] = {}
        self._after: dict[str, re.Pattern | None] = {}
        for kind in ("actors", "places", "sources"):
            lookup = {}
            for entry in gazetteer.table(kind).values():
                for word in (*entry.words, entry.names["fr"]):
                    lookup.setdefault(_key(word), entry.id)
            self.ids[kind] = lookup
            # Grouped by first character, the scan skips ahead to those alone.
            names = [rf"{w}(?![\w-])" for w in words_pattern(lookup).split("|")]
            self.regex[kind] = re.compile(
                by_first_character(names, WORD_START_GUARD) if lookup else "(?!)")
            # The same names led by the character before them, which may be no letter,
            # digit or hyphen: the scan skips ahead to spaces and marks rather than to
            # every letter that may open a name, about a third faster. It finds what
            # regex[kind] finds as long as every name opens with a word character or a
            # hyphen: no name can then start right where another ends, before no such
            # character, so the character before a name is never part of the last one.
            self._after[kind] = re.compile(rf"[^\w-](?:{by_first_character(names)})") \
                if lookup and all(re.match(r"[\w-]", key.strip()) for key in lookup) else None
        self.actor_words = set(self.ids["actors"])
        self._place_of: dict[str, tuple[bool, str, bool, str | None]] = {}
        self._actor_of: dict[str, tuple[str, bool]] = {}
        self.demonyms = {w for e in gazetteer.actors.values() for w in e.words if w[:1].islower()}
        self.demonym_keys = {_key(w) for w in self.demonyms}


    def spans(self, kind: str, text: str) -> list[tuple[int, int]]:
        """Where the names of a kind stand in the text: what regex[kind].finditer finds."""
        after = self._after[kind]
        if after is None:
            return [match.span() for match in self.regex[kind].finditer(text)]
        first = self.regex[kind].match(text)          # no character before it to find
        found = [first.span()] if first else []
        found += [(match.start() + 1, match.end())
                  for match in after.finditer(text, first.end() if first else 0)]
        return found

    def entry_of(self, kind: str, matched: str) -> str:
        """The id of the entry of a kind whose words a phrase of the scan copy matched."""
        return _entry_id(self.ids[kind], matched)[1]

    def actor_of(self, matched: str) -> tuple[str, bool]:
        """What an actor phrase stands for: (the actor's id, whether it is a demonym)."""
        known = self._actor_of.get(matched)
        if known is None:
            key, actor_id = _entry_id(self.ids["actors"], matched)
            known = self._actor_of[matched] = (actor_id, key in self.demonym_keys)
        return known

    def place_of(self, matched: str) -> tuple[bool, str, bool, str | None]:
        """What a place phrase stands for: (also an actor's name, the region it is
        reported as, whether that is a region rather than a country, the town if any)."""
        known = self._place_of.get(matched)
        if known is None:
            key, place_id = _entry_id(self.ids["places"], matched)
            region = self.gazetteer.region_of(place_id)
            region_entry = self.gazetteer.places.get(region)
            known = (key in self.actor_words, region,
                     bool(region_entry and region_entry.get("kind") == "region"),
                     place_id if place_id != region else None)
            self._place_of[matched] = known
        return known


def _key(word: str) -> str:
    return " ".join(word.replace("\u2019", "'").lower().split())


def _entry_id(lookup: dict[str, str], matched: str) -> tuple[str, str]:
    """(key, id) of a phrase matched in the lower-case scan copy."""
    entry = lookup.get(matched)
    if entry is not None:
        return matched, entry
    key = _key(matched)
    return key, lookup[key]


_MATCHERS: dict[int, tuple[weakref.ref, EntityMatcher]] = {}


def entity_matcher(gazetteer: Gazetteer) -> EntityMatcher:
    """The compiled matcher of a gazetteer, built once per gazetteer object."""
    cached = _MATCHERS.get(id(gazetteer))
    if cached is not None and cached[0]() is gazetteer:
        return cached[1]
    matcher = EntityMatcher(gazetteer)
    _MATCHERS[id(gazetteer)] = (weakref.ref(gazetteer), matcher)
    return matcher


def is_people(actor: Mention) -> bool:
    """« les Nord-Coréens », « des soldats nord-coréens »: people, not a state or a source."""
    return bool((actor.demonym and not actor.adjective) or actor.attached)


def is_locative(scan: str, start: int) -> bool:
    return bool(LOCATIVE.search(scan, max(0, start - 24), start)) \
        or scan.endswith(OF_ENDINGS, max(0, start - 6), start) \
        and bool(PART_OF_A_COUNTRY.search(scan, max(0, start - 40), start))


def is_attached(scan: str, start: int) -> bool:
    """An adjective right after a noun of people or groups (« les pertes nord-coréennes »)."""
    if start <= 60:                      # the noun may open the text: nothing before it
        return bool(_ATTACHED_TO.search(scan, 0, start))
    return bool(_ATTACHED_TO_AFTER.search(scan, start - 61, start))


def _places(scan: str, matcher: EntityMatcher) -> list[Mention]:
    found = []
    for start, end in matcher.spans("places", scan):
        is_actor, region, specific, place = matcher.place_of(scan[start:end])
        if is_actor and not is_locative(scan, start):
            continue                      # « la Russie a riposté »: an actor, not a place
        found.append(Mention("place", region, start, end, specific=specific, place=place))
    return _resolve_anaphora(scan, found)


def _resolve_anaphora(scan: str, named: list[Mention]) -> list[Mention]:
    """« la région » is the last region named before it."""
    found = list(named)
    index, last = 0, None
    for match in _ANAPHORA.finditer(scan):
        while index < len(named) and named[index].end <= match.start():
            if named[index].specific:
                last = named[index]
            index += 1
        if last is not None:
            found.append(Mention("place", last.id, match.start(), match.end(), specific=True,
                                 place=last.place))
    found.sort(key=lambda m: m.start)
    return found


def _actors(low: str, scan: str, matcher: EntityMatcher, places: list[Mention]) -> list[Mention]:
    found = []
    index, count = 0, len(places)
    actor_of = matcher.actor_of
    for start, end in matcher.spans("actors", low):
        while index < count and places[index].end < end:
            index += 1
        if index < count and places[index].start <= start and end <= places[index].end:
            continue                      # « l'oblast russe de Koursk », « en Russie »
        actor_id, demonym = actor_of(low[start:end])
        adjective = demonym and scan[start].islower()
        found.append(Mention("actor", actor_id, start, end, adjective, demonym,
                             attached=adjective and is_attached(low, start)))
    return found


def _sources(scan: str, matcher: EntityMatcher) -> list[Mention]:
    found = []
    for start, end in matcher.spans("sources", scan):
        key, source_id = _entry_id(matcher.ids["sources"], scan[start:end])
        ambiguous = key in matcher.actor_words or key.startswith(("armée", "kiev", "moscou"))
        if ambiguous and not (_INTRODUCED.search(scan, max(0, start - 60), start)
                              or _FOLLOWED_BY_SAYING.match(scan, end)):
            continue
        found.append(Mention("source", source_id, start, end))
    return found


def find_entities(low: str, scan: str, matcher: EntityMatcher) -> Entities:
    """Mentions in the lower-case scan copy; the scan copy tells « russes » from « Russes »."""
    places = _places(low, matcher)
    return Entities(_actors(low, scan, matcher, places), places, _sources(low, matcher))


def refers_to_last_source(scan: str, start: int, end: int) -> bool:
    """« Il estime également que… »: the claimant of the sentence before speaks on."""
    return bool(_PRONOUN_SAYING.search(scan, start, end))


def corpus_parse(text: str, today: dt.date, gazetteer: Gazetteer) -> list[dict]:
    from sitrep.extract.text import lower_copy, scan_copy
    scan = scan_copy(text)
    entities = find_entities(lower_copy(scan), scan, entity_matcher(gazetteer))
    return [{"kind": m.kind, "id": m.id, **({"place": m.place} if m.place else {})}
            for m in sorted(entities.actors + entities.places + entities.sources,
                            key=lambda m: m.start)]
