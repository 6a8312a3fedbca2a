"""Warnings about facts that contradict earlier briefings or the briefing's own words.

Two rules:
- a cumulative casualty figure for the same actor, category and source must not go
  down: a later estimate whose upper bound is below an earlier estimate's lower bound
  contradicts it (« plus de 6 000 » then « environ 5 000 »; « plus de 6 000 » then
  « plus de 5 000 » does not, it only says less);
- a claimed proportion (« plus de la moitié des quelque 11 000 ») must hold for the
  casualty figure stated in the same sentence or, failing that, the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.errors import SitrepError
from sitrep.model import Fact, Quantity
from sitrep.pair import Sitrep

# --- bounds of a stated figure --------------------------------------------------------

LOWER_FROM_VALUE = ("exact", "approx", "more_than", "at_least")
UPPER_FROM_VALUE = ("exact", "approx", "less_than", "at_most")


def lower_bound(quantity: Quantity) -> int | None:
    """The least the figure says (None when it says no least)."""
    if quantity.low is not None:
        return quantity.low
    return quantity.value if quantity.qualifier in LOWER_FROM_VALUE else None


def upper_bound(quantity: Quantity) -> int | None:
    """The most the figure says (None when it is open-ended, « plus de 6 000 »)."""
    if quantity.high is not None:
        return quantity.high
    return quantity.value if quantity.qualifier in UPPER_FROM_VALUE else None


def best_estimate(quantity: Quantity) -> int | None:
    if quantity.value is not None:
        return quantity.value
    if quantity.low is not None and quantity.high is not None:
        return (quantity.low + quantity.high) // 2
    return quantity.low if quantity.low is not None else quantity.high


def fact_line(sitrep: Sitrep, fact: Fact) -> int:
    return sitrep.fr.line_of(fact.evidence[0].start) if fact.evidence else 1


# --- rule 1: cumulative figures do not go down ----------------------------------------

def _as_of(fact: Fact, sitrep: Sitrep):
    return fact.when.end if fact.when is not None else sitrep.date


def decreasing_figures(sitreps: list[Sitrep]) -> list[SitrepError]:
    """Each estimate compared with the highest lower bound stated before it (by as-of date)."""
    figures = sorted(((f, s) for s in sitreps for f in s.facts
                      if f.kind == "casualties" and f.quantity is not None and f.source),
                     key=lambda fs: (_as_of(*fs), fs[1].date, fs[1].id, fs[0].id))
    warnings = []
    highest: dict[tuple, tuple[int, Sitrep]] = {}
    for fact, sitrep in figures:
        key = (fact.actor, fact.category, fact.source)
        upper = upper_bound(fact.quantity)
        if key in highest and upper is not None and upper < highest[key][0]:
            previous, where = highest[key]
            warnings.append(SitrepError(
                f"{fact.category} for {fact.actor or 'unknown actor'} from {fact.source} goes "
                f"down to {upper} (at most) after at least {previous} in {where.id}",
                sitrep.fr.path, fact_line(sitrep, fact)))
        lower = lower_bound(fact.quantity)
        if lower is not None and (key not in highest or lower > highest[key][0]):
            highest[key] = (lower, sitrep)
    return warnings


# --- rule 2: claimed proportions ------------------------------------------------------

FRACTIONS = {"moitié": 1 / 2, "tiers": 1 / 3, "quart": 1 / 4, "deux tiers": 2 / 3,
             "trois quarts": 3 / 4, "cinquième": 1 / 5, "dixième": 1 / 10}
COMPARATORS = {"plus": "more", "moins": "less", "au moins": "at_least", "près": "about",
               "presque": "about", "environ": "about", "": "about"}
# How far « près de la moitié » may be from one half, relative to the fraction.
APPROX_TOLERANCE = 0.2
NUMBER = r"\d{1,3}(?:[ .\u00a0\u202f]\d{3})+(?!\d)|\d+"
RATIO = re.compile(
    r"(?<!\w)(?P<cmp>au moins|plus|moins|près|presque|environ|)\s*"
    r"(?:de la|du|des|de|d’|d')?\s*(?:la|le|les|un|une)?\s*"
    r"(?P<frac>deux tiers|trois quarts|moitié|tiers|quart|cinquième|dixième)"
    r"\s+(?:des|de|du|d’|d')\s*(?:quelque|environ|près de|)\s*(?P<n>" + NUMBER + r")(?!\d)",
    re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


@dataclass(frozen=True)
class RatioClaim:
    start: int
    end: int
    text: str
    comparator: str
    fraction: float
    total: int


def parse_number(text: str) -> int:
    return int(re.sub(r"[ .\u00a0\u202f]", "", text))


def ratio_claims(body: str) -> list[RatioClaim]:
    """Every « plus de la moitié des N » style claim in a French body."""
    claims = []
    for match in RATIO.finditer(body):
        total = parse_number(match["n"])
        if total == 0:
            continue
        claims.append(RatioClaim(match.start(), match.end(), match.group(0).strip(),
                                 COMPARATORS[match["cmp"].lower()],
                                 FRACTIONS[" ".join(match["frac"].lower().split())], total))
    return claims


def _enclosing(body: str, offset: int, pattern: str) -> tuple[int, int]:
    """The (start, end) of the stretch of body around offset between two separators."""
    starts = [m.end() for m in re.finditer(pattern, body[:offset])]
    start = starts[-1] if starts else 0
    after = re.search(pattern, body[offset:])
    return start, offset + after.start() if after else len(body)


def claim_figure(claim: RatioClaim, body: str, facts: list[Fact]) -> Fact | None:
    """The casualty fact of the claim's sentence, else the nearest one in its paragraph."""
    paragraph = _enclosing(body, claim.start, r"\n[ \t]*\n")
    sentence = _enclosing(body, claim.start, SENTENCE_END.pattern)
    candidates = []
    for fact in facts:
        if fact.kind != "casualties" or fact.quantity is None:
            continue
        for span in fact.evidence:
            if not paragraph[0] <= span.start < paragraph[1]:
                continue
            in_sentence = sentence[0] <= span.start < sentence[1]
            candidates.append((not in_sentence, abs(span.start - claim.start), fact.id, fact))
    return min(candidates, key=lambda c: c[:3])[3] if candidates else None


def claim_holds(claim: RatioClaim, quantity: Quantity) -> bool | None:
    """Whether the figure supports the claim (None when the figure cannot tell)."""
    target = claim.fraction * claim.total
    if claim.comparator in ("more", "at_least"):
        figure = lower_bound(quantity)
        if figure is None:
            return None
        return figure > target if claim.comparator == "more" else figure >= target
    if claim.comparator == "less":
        figure = upper_bound(quantity)
        if figure is None:
            figure = lower_bound(quantity)
            return None if figure is None or figure < target else False
        return figure < target
    figure = best_estimate(quantity)
    return None if figure is None else abs(figure - target) <= APPROX_TOLERANCE * target


def unsupported_ratios(sitreps: list[Sitrep]) -> list[SitrepError]:
    warnings = []
    for sitrep in sorted(sitreps, key=lambda s: (s.date, s.id)):
        body = sitrep.fr.body
        for claim in ratio_claims(body):
            fact = claim_figure(claim, body, sitrep.facts)
            if fact is None or claim_holds(claim, fact.quantity) is not False:
                continue
            share = (best_estimate(fact.quantity) or 0) / claim.total
            warnings.append(SitrepError(
                f"« {claim.text} » is not supported by the casualty figure "
                f"« {fact.evidence[0].text if fact.evidence else fact.id} » "
                f"(about {share:.0%} of {claim.total})",
                sitrep.fr.path, sitrep.fr.line_of(claim.start)))
    return warnings


def consistency_warnings(sitreps: list[Sitrep]) -> list[SitrepError]:
    """Every warning of both rules, in file and line order."""
    return sorted(decreasing_figures(sitreps) + unsupported_ratios(sitreps),
                  key=SitrepError.sort_key)
