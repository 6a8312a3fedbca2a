"""The project's scorer: extracted facts against hand-made gold facts.

    python tests/eval/score.py GOLD_DIR FACTS.json [--verbose]

The matching rules are those of the shared evaluation: a gold file `<briefing id>.json`
holds `required` and `optional` facts. A predicted fact that matches a required fact
(each gold fact matched at most once, in order) is a hit; one that matches an optional
fact costs nothing; any other is a false alarm. Two facts match when kind and actor
agree and, for an event, their intervals overlap; otherwise when category agrees and the
quantities agree: same class of qualifier (a point, a lower bound, an upper bound, a
range), and the same value, or the same bounds for a range. Gold qualifier `unknown`
matches any quantity.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

QUALIFIER_CLASS = {"exact": "point", "approx": "point", "more_than": "lower", "at_least": "lower",
                   "less_than": "upper", "at_most": "upper", "range": "range"}
SECONDARY = ("when", "location", "category", "confidence")


def intervals_overlap(a: dict | None, b: dict | None) -> bool:
    return bool(a and b) and a["start"] <= b["end"] and b["start"] <= a["end"]


def same_quantity(gold: dict | None, predicted: dict | None) -> bool:
    if gold is None or gold.get("qualifier") == "unknown":
        return True
    if not predicted:
        return False
    if QUALIFIER_CLASS.get(gold["qualifier"]) != QUALIFIER_CLASS.get(predicted.get("qualifier")):
        return False
    if gold["qualifier"] == "range":
        return (gold.get("low"), gold.get("high")) == (predicted.get("low"), predicted.get("high"))
    return gold["value"] == predicted.get("value")


def is_match(gold: dict, predicted: dict) -> bool:
    if (gold["kind"], gold["actor"]) != (predicted.get("kind"), predicted.get("actor")):
        return False
    if gold["kind"] == "event":
        return intervals_overlap(gold.get("when"), predicted.get("when"))
    return gold["category"] == predicted.get("category") \
        and same_quantity(gold.get("quantity"), predicted.get("quantity"))


@dataclass
class Score:
    hits: int = 0
    misses: int = 0
    false_alarms: int = 0
    secondary: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in SECONDARY})
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.hits / (self.hits + self.false_alarms) if self.hits + self.false_alarms else 0.0

    @property
    def recall(self) -> float:
        return self.hits / (self.hits + self.misses) if self.hits + self.misses else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def count_secondary(self, gold: dict, predicted: dict) -> None:
        checks = {"when": lambda: intervals_overlap(gold["when"], predicted.get("when")),
                  "location": lambda: gold["location"] == predicted.get("location"),
                  "confidence": lambda: gold["confidence"] == predicted.get("confidence")}
        for name, check in checks.items():
            if name in gold:
                self.secondary[name][1] += 1
                self.secondary[name][0] += bool(check())
        if gold["kind"] == "event":
            self.secondary["category"][1] += 1
            self.secondary["category"][0] += gold["category"] == predicted.get("category")

    def report(self) -> str:
        lines = list(self.notes)
        lines.append(f"required facts {self.hits + self.misses}, hits {self.hits}, "
                     f"missed {self.misses}, false alarms {self.false_alarms}")
        lines.append(f"precision {self.precision:.3f}  recall {self.recall:.3f}")
        lines += [f"{name} right in {ok}/{n} hits" for name, (ok, n) in self.secondary.items() if n]
        lines.append(f"F1 {self.f1:.3f}")
        return "\n".join(lines)


def score_briefing(score: Score, briefing_id: str, gold: dict, predicted: list[dict]) -> None:
    used: set[int] = set()
    for wanted in gold["required"]:
        index = next((i for i, p in enumerate(predicted) if i not in used and is_match(wanted, p)), None)
        if index is None:
            score.misses += 1
            score.notes.append(f"{briefing_id}: MISSED {json.dumps(wanted, ensure_ascii=False)}")
            continue
        used.add(index)
        score.hits += 1
        score.count_secondary(wanted, predicted[index])
    for index, fact in enumerate(predicted):
        if index in used or any(is_match(g, fact) for g in gold.get("optional", [])):
            continue
        score.false_alarms += 1
        text = (fact.get("evidence") or [{}])[0].get("text", "")
        score.notes.append(f"{briefing_id}: FALSE ALARM {fact.get('kind')}/{fact.get('category')} "
                           f"{fact.get('actor')} {json.dumps(fact.get('quantity'))} « {text} »")


def score_document(gold_dir: Path, document: dict) -> Score:
    """Score a `sitrep.facts/1` document against every gold file of a folder."""
    predicted = {b["id"]: b["facts"] for b in document["briefings"]}
    score = Score()
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        briefing_id = gold_file.stem
        if briefing_id not in predicted:
            score.notes.append(f"{briefing_id}: no briefing with this id in the output")
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        score_briefing(score, briefing_id, gold, list(predicted.get(briefing_id, [])))
    return score


def main(argv: list[str]) -> int:
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    document = json.loads(Path(paths[1]).read_text(encoding="utf-8"))
    score = score_document(Path(paths[0]), document)
    if "--verbose" not in argv:
        score.notes = []
    print(score.report())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
