"""How sure a claim is, on the UK Defence Intelligence yardstick, from its French wording.

The yardstick's probability terms in French: « presque certain » almost_certain,
« très probable » highly_likely, « probable » likely, « possibilité réaliste »
realistic_possibility, « peu probable » unlikely, « très peu probable »
highly_unlikely, « chance infime » remote_chance. Longer phrases win over the words
inside them (« très peu probable » is not « probable »).

>>> [t.level for t in find_terms("il est très peu probable, mais probable ailleurs.")]
['highly_unlikely', 'likely']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitrep.extract.rules import Rule, RuleSet

_ADVERB = r"(?:s|ment)?"             # probable, probables, probablement
_CERTAIN = r"(?:e|es|s|ement)?"      # certain, certaine(s), certainement
CONFIDENCE_RULES = RuleSet([
    Rule("remote_chance", r"chances?\s+(?:infimes?|minimes?|très\s+faibles?|quasi\s+nulles?)"
                          r"|(?:probabilité|possibilité)\s+(?:infime|très\s+faible|quasi\s+nulle)"
                          r"|infime\s+(?:chance|possibilité|probabilité)", "remote_chance"),
    Rule("highly_unlikely", rf"très\s+(?:peu\s+probable{_ADVERB}|improbable{_ADVERB})"
                            rf"|hautement\s+improbable{_ADVERB}|fort\s+peu\s+probable{_ADVERB}",
         "highly_unlikely"),
    Rule("unlikely", rf"peu\s+probable{_ADVERB}|improbable{_ADVERB}|peu\s+vraisemblable{_ADVERB}"
                     rf"|(?:il\s+est\s+)?(?:peu|guère)\s+(?:plausible|envisageable)s?", "unlikely"),
    Rule("almost_certain", rf"(?:presque|quasi(?:ment)?|quasi-)\s*certain{_CERTAIN}"
                           rf"|pratiquement\s+certain{_CERTAIN}|presque\s+sûr{_CERTAIN}|quasi-certitude",
         "almost_certain"),
    Rule("highly_likely", rf"(?:très|hautement|fort)\s+probable{_ADVERB}"
                          rf"|très\s+vraisemblable{_ADVERB}|forte\s+probabilité", "highly_likely"),
    Rule("realistic_possibility", r"possibilité\s+réaliste|possibilité\s+sérieuse"
                                  r"|réelle\s+possibilité|possibilité\s+réelle", "realistic_possibility"),
    Rule("likely", rf"probable{_ADVERB}|vraisemblable{_ADVERB}", "likely"),
], before=r"\b", after=r"\b")


@dataclass(slots=True)
class Term:
    start: int
    end: int
    level: str
    rule: str


# Every phrase holds one of these stems: the rules are tried only in the few words before
# one (most briefings hold two or three), not at every word of the body.
_STEMS = re.compile(r"probab|certain|certitude|possibilit|chance|vraisembl|plausible"
                    r"|envisageable|sûr")
_REACH = 20                          # « hautement im|probable », « pratiquement |certain »


def find_terms(scan: str) -> list[Term]:
    """Every estimative phrase of the lower-case scan copy, in reading order."""
    # The stems are rare: trying the few words before each beats skipping ahead.
    return [Term(hit.start, hit.end, hit.rule.value, hit.rule.name)
            for hit in CONFIDENCE_RULES.find_near(scan, _STEMS, _REACH, skip_ahead=False)]


def corpus_parse(text: str, today: dt.date, gazetteer=None) -> list[dict]:
    from sitrep.extract.text import lower_copy, scan_copy
    return [{"confidence": t.level, "rule": t.rule} for t in find_terms(lower_copy(scan_copy(text)))]
