"""The fact diff between two revisions: what a pull request changes in facts and translations.

Facts are matched by briefing id and fact id; facts left over on both sides are paired
by kind, category and actor, so a changed figure reads as one change, not as a removal
and an addition. Unchanged facts are not listed.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sitrep import gitrev
from sitrep.errors import SitrepError, SitrepErrors
from sitrep.i18n import load_translations
from sitrep.labels import CATEGORIES, CONFIDENCE, TRANSLATION_STATUS
from sitrep.localize import Localizer
from sitrep.model import Fact
from sitrep.pair import STALE, Sitrep

SCHEMA_ID = "sitrep.diff/1"
COMPARED_FIELDS = ("quantity", "when", "location", "place", "source", "confidence")
KIND_ORDER = ("casualties", "deployment", "event")
QUOTE_WIDTH = 90

# The report's own words. Values (categories, figures, dates, statuses) go through the
# site's catalogs and Babel; these frame them and exist only here.
WORDS = {
    "fr": {
        "heading": "Faits : {base} → {head}", "working_tree": "arbre de travail",
        "nothing": "Aucun changement dans les faits ni dans les traductions.",
        "briefings": "Briefings", "facts": "Faits",
        "translations_stale": "traductions devenues obsolètes",
        "added": "ajoutés", "removed": "supprimés", "changed": "modifiés",
        "briefing_added": "Nouveau briefing", "briefing_removed": "Briefing supprimé",
        "briefing_modified": "Briefing modifié",
        "fact_added": "ajouté", "fact_removed": "supprimé", "fact_changed": "modifié",
        "translation": "traduction", "colon": " : ",
        "fields": {"quantity": "chiffre", "when": "date", "location": "lieu",
                   "place": "localité", "source": "source", "confidence": "confiance"},
    },
    "en": {
        "heading": "Facts: {base} → {head}", "working_tree": "working tree",
        "nothing": "No change in facts or translations.",
        "briefings": "Briefings", "facts": "Facts", "translations_stale": "translations now stale",
        "added": "added", "removed": "removed", "changed": "changed",
        "briefing_added": "New briefing", "briefing_removed": "Removed briefing",
        "briefing_modified": "Changed briefing",
        "fact_added": "added", "fact_removed": "removed", "fact_changed": "changed",
        "translation": "translation", "colon": ": ",
        "fields": {"quantity": "figure", "when": "date", "location": "location",
                   "place": "town", "source": "source", "confidence": "confidence"},
    },
}


@dataclass
class Snapshot:
    """The sitreps of one revision (or of the working tree), by id."""
    label: str
    commit: str | None
    sitreps: dict[str, Sitrep]


@dataclass
class FactChange:
    before: Fact
    after: Fact
    fields: list[str]


@dataclass
class BriefingDiff:
    id: str
    title: str
    change: str                                   # "added", "removed" or "modified"
    added: list[Fact] = field(default_factory=list)
    removed: list[Fact] = field(default_factory=list)
    changed: list[FactChange] = field(default_factory=list)
    translation: tuple[str | None, str | None] | None = None

    @property
    def translation_became_stale(self) -> bool:
        return self.translation is not None and self.translation[1] == STALE


@dataclass
class FactDiff:
    base: Snapshot
    head: Snapshot
    briefings: list[BriefingDiff]


# Reading the two sides ------------------------------------------------------------------

def _sitreps(root: Path) -> dict[str, Sitrep]:
    from sitrep.pipeline import load_project
    _config, _content, sitreps = load_project(root)
    return {s.id: s for s in sitreps}


def working_tree_snapshot(root: Path) -> Snapshot:
    return Snapshot("working tree", None, _sitreps(root))


def _relocated(error: SitrepError, temp: Path, label: str) -> SitrepError:
    """An error about an exported file, named as `rev:path` instead of its temp path."""
    path = error.path
    if path and Path(path).is_relative_to(temp):
        path = f"{label}:{Path(path).relative_to(temp).as_posix()}"
    return SitrepError(error.message, path, error.line, error.column)


def revision_snapshot(root: Path, rev: str) -> Snapshot:
    """The sitreps of a commit, read with git archive into a temporary folder."""
    top = gitrev.repo_top(root, "diff")
    commit = gitrev.resolve(root, rev, "diff")
    content = (root / "content").resolve().relative_to(top.resolve()).as_posix()
    label = commit[:12]
    with tempfile.TemporaryDirectory(prefix="sitrep-diff-") as folder:
        temp = Path(folder).resolve()
        if not gitrev.export_folder(top, commit, content, temp):
            return Snapshot(label, commit, {})      # no content yet at that revision
        try:
            sitreps = _sitreps((temp / content).parent)
        except SitrepErrors as many:
            raise SitrepErrors([_relocated(e, temp, label) for e in many.errors]) from None
        except SitrepError as one:
            raise _relocated(one, temp, label) from None
    return Snapshot(label, commit, sitreps)


def snapshot(root: Path, rev: str | None) -> Snapshot:
    return working_tree_snapshot(root) if rev is None else revision_snapshot(root, rev)


# Comparing ------------------------------------------------------------------------------

def fact_key(fact: Fact) -> tuple:
    kind = KIND_ORDER.index(fact.kind) if fact.kind in KIND_ORDER else len(KIND_ORDER)
    return (kind, fact.category, fact.actor or "", fact.id)


def _sorted(facts) -> list[Fact]:
    return sorted(facts, key=fact_key)


def _compared(fact: Fact, name: str):
    value = getattr(fact, name)
    if name == "when" and value is not None:
        return (value.start, value.end, value.precision)   # not the words it was read from
    return value


def changed_fields(before: Fact, after: Fact) -> list[str]:
    return [name for name in COMPARED_FIELDS if _compared(before, name) != _compared(after, name)]


def same_statement(before: Fact, after: Fact) -> bool:
    """Whether two facts are stated in mostly the same words (a figure or a date edited)."""
    import difflib
    old = " ".join(span.text for span in before.evidence)
    new = " ".join(span.text for span in after.evidence)
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= 0.6


def compare_facts(before: list[Fact], after: list[Fact]) -> tuple[list[Fact], list[Fact],
                                                                  list[FactChange]]:
    """(added, removed, changed) between two fact lists of one briefing."""
    old = {f.id: f for f in before}
    new = {f.id: f for f in after}
    changed = [FactChange(old[i], new[i], changed_fields(old[i], new[i]))
               for i in sorted(old.keys() & new.keys())]
    changed = [c for c in changed if c.fields]
    removed = _sorted(old[i] for i in old.keys() - new.keys())
    added = _sorted(new[i] for i in new.keys() - old.keys())
    # A leftover of the same kind, category and actor, stated in much the same words,
    # is the same fact with a new value (« dépassé les 5.000 » → « dépassé les 6.000 »);
    # stated elsewhere, it is another fact, added while this one went.
    for fact in list(removed):
        match = next((f for f in added if (f.kind, f.category, f.actor)
                      == (fact.kind, fact.category, fact.actor)
                      and same_statement(fact, f)), None)
        if match is not None:
            removed.remove(fact)
            added.remove(match)
            fields = changed_fields(fact, match)
            if fields:                                  # else only its id changed
                changed.append(FactChange(fact, match, fields))
    return added, removed, sorted(changed, key=lambda c: fact_key(c.after))


def compare(base: Snapshot, head: Snapshot) -> FactDiff:
    diffs = []
    for sitrep_id in sorted(base.sitreps.keys() | head.sitreps.keys()):
        old, new = base.sitreps.get(sitrep_id), head.sitreps.get(sitrep_id)
        if old is None:
            diffs.append(BriefingDiff(sitrep_id, new.fr.title, "added", added=_sorted(new.facts),
                                      translation=(None, new.translation_status)))
            continue
        if new is None:
            diffs.append(BriefingDiff(sitrep_id, old.fr.title, "removed",
                                      removed=_sorted(old.facts)))
            continue
        added, removed, changed = compare_facts(old.facts, new.facts)
        translation = None
        if old.translation_status != new.translation_status:
            translation = (old.translation_status, new.translation_status)
        if added or removed or changed or translation:
            diffs.append(BriefingDiff(sitrep_id, new.fr.title, "modified", added, removed,
                                      changed, translation))
    return FactDiff(base, head, diffs)


def fact_diff(root: Path, base_rev: str | None, head_rev: str | None) -> FactDiff:
    """Compare base (default: the merge base with main) and head (default: working tree)."""
    base_rev = base_rev or gitrev.default_base(root, "diff")
    return compare(snapshot(root, base_rev), snapshot(root, head_rev))


# Saying it ------------------------------------------------------------------------------

def md_escape(text: str) -> str:
    """Text safe inside a Markdown list item of a pull-request comment."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return one_line(text)


def one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space (Babel's no-break spaces are kept)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


class Wording:
    """Facts and their values in words, in one language."""

    def __init__(self, loc: Localizer):
        self.loc = loc
        self.words = WORDS[loc.lang]

    def label(self, fact: Fact) -> str:
        category = CATEGORIES.get((fact.kind, fact.category))
        # The site spells out what "total" counts; in a one-line change that is noise.
        name = self.loc.gettext(category).split(" (")[0] if category else fact.category
        return f"{name} {fact.actor}" if fact.actor else name

    def value(self, fact: Fact, name: str) -> str:
        value = getattr(fact, name)
        if value is None:
            return "—"
        if name == "quantity":
            return self.loc.quantity(value)
        if name == "when":
            return self.loc.when(value)
        if name == "confidence" and value in CONFIDENCE:
            return self.loc.gettext(CONFIDENCE[value][0])
        return str(value)

    def status(self, status: str | None) -> str:
        return self.loc.gettext(TRANSLATION_STATUS[status]) if status in TRANSLATION_STATUS \
            else "—"

    def fact(self, fact: Fact) -> str:
        parts = [self.value(fact, n) for n in ("quantity", "when") if getattr(fact, n)]
        said = self.label(fact) + (self.words["colon"] + " · ".join(parts) if parts else "")
        return md_escape(said) + self.quote(fact)

    def change(self, change: FactChange) -> str:
        lines = []
        for name in change.fields:
            what = self.label(change.after)
            if name != "quantity":
                what += f", {self.words['fields'][name]}"
            lines.append(md_escape(f"{what}{self.words['colon']}{self.value(change.before, name)}"
                                   f" → {self.value(change.after, name)}"))
        return "; ".join(lines) + self.quote(change.after)

    @staticmethod
    def quote(fact: Fact) -> str:
        if not fact.evidence:
            return ""
        text = one_line(fact.evidence[0].text)
        if len(text) > QUOTE_WIDTH:
            text = text[:QUOTE_WIDTH - 1].rstrip() + "…"
        return f" — *« {md_escape(text)} »*"


def format_markdown(diff: FactDiff, loc: Localizer) -> str:
    wording = Wording(loc)
    w = wording.words
    head_label = w["working_tree"] if diff.head.commit is None else f"`{diff.head.label}`"
    lines = [f"### {w['heading'].format(base=f'`{diff.base.label}`', head=head_label)}", ""]
    if not diff.briefings:
        return "\n".join(lines + [w["nothing"], ""])
    count = {change: sum(b.change == change for b in diff.briefings)
             for change in ("added", "removed", "modified")}
    facts = {"added": sum(len(b.added) for b in diff.briefings),
             "removed": sum(len(b.removed) for b in diff.briefings),
             "changed": sum(len(b.changed) for b in diff.briefings)}
    stale = sum(b.translation_became_stale for b in diff.briefings)
    lines.append(f"{w['briefings']}{w['colon']}{w['added']} {count['added']}, "
                 f"{w['removed']} {count['removed']}, {w['changed']} {count['modified']} · "
                 f"{w['facts']}{w['colon']}{w['added']} {facts['added']}, "
                 f"{w['removed']} {facts['removed']}, {w['changed']} {facts['changed']} · "
                 f"{w['translations_stale']}{w['colon']}{stale}")
    for briefing in diff.briefings:
        lines += ["", f"#### {w['briefing_' + briefing.change]}{w['colon']}`{briefing.id}` — "
                      f"{md_escape(briefing.title)}", ""]
        lines += [f"- **{w['fact_changed']}** {wording.change(c)}" for c in briefing.changed]
        lines += [f"- **{w['fact_added']}** {wording.fact(f)}" for f in briefing.added]
        lines += [f"- **{w['fact_removed']}** {wording.fact(f)}" for f in briefing.removed]
        if briefing.translation and briefing.change != "removed":
            before, after = briefing.translation
            mark = " ⚠️" if briefing.translation_became_stale else ""
            said = wording.status(after) if before is None \
                else f"{wording.status(before)} → {wording.status(after)}"
            lines.append(f"- **{w['translation']}**{w['colon']}{said}{mark}")
    return "\n".join(lines) + "\n"


def to_json(diff: FactDiff) -> dict:
    def side(snapshot: Snapshot) -> dict:
        return {"revision": snapshot.commit, "label": snapshot.label}

    return {
        "schema": SCHEMA_ID, "base": side(diff.base), "head": side(diff.head),
        "briefings": [{
            "id": b.id, "title": b.title, "change": b.change,
            "facts": {
                "added": [f.to_json() for f in b.added],
                "removed": [f.to_json() for f in b.removed],
                "changed": [{"fields": c.fields, "before": c.before.to_json(),
                             "after": c.after.to_json()} for c in b.changed],
            },
            "translation": None if b.translation is None else
            {"before": b.translation[0], "after": b.translation[1],
             "became_stale": b.translation_became_stale},
        } for b in diff.briefings],
    }


def localizer(root: Path, lang: str) -> Localizer:
    return Localizer(lang, load_translations(root / "templates", lang))
