"""Interface words for the values facts take (kinds, categories, qualifiers, confidence).

Each is an English message marked with N_ and translated through the catalogs.
"""

from __future__ import annotations

from sitrep.localize import N_

__all__ = ["N_"]

KINDS = {"casualties": N_("Casualties"), "deployment": N_("Deployment"), "event": N_("Event")}
CATEGORIES = {
    ("casualties", "total"): N_("losses (killed, wounded, missing, captured)"),
    ("casualties", "killed"): N_("killed"),
    ("casualties", "wounded"): N_("wounded"),
    ("casualties", "missing"): N_("missing"),
    ("casualties", "captured"): N_("captured"),
    ("deployment", "deployed"): N_("troops deployed"),
    ("deployment", "reinforcement"): N_("reinforcements"),
    ("deployment", "withdrawn"): N_("troops withdrawn"),
    ("event", "incursion"): N_("incursion"),
    ("event", "offensive"): N_("offensive"),
    ("event", "counteroffensive"): N_("counteroffensive"),
    ("event", "capture"): N_("capture"),
    ("event", "withdrawal"): N_("withdrawal"),
    ("event", "confirmation"): N_("confirmation"),
    ("event", "visit"): N_("visit"),
    ("event", "agreement"): N_("agreement"),
    ("event", "statement"): N_("statement"),
    ("event", "other"): N_("other event"),
}
# The UK Professional Head of Intelligence Assessment yardstick, with its ranges.
CONFIDENCE = {
    "almost_certain": (N_("almost certain"), "95–100 %"),
    "highly_likely": (N_("highly likely"), "80–90 %"),
    "likely": (N_("likely or probable"), "55–75 %"),
    "realistic_possibility": (N_("realistic possibility"), "40–50 %"),
    "unlikely": (N_("unlikely"), "25–35 %"),
    "highly_unlikely": (N_("highly unlikely"), "10–20 %"),
    "remote_chance": (N_("remote chance"), "0–5 %"),
}
TRANSLATION_STATUS = {
    "current": N_("translated"),
    "stale": N_("translation out of date"),
    "missing": N_("no translation yet"),
    "unverified": N_("translation not yet checked"),
}
CATEGORY_ORDER = ("total", "killed", "wounded", "missing", "captured")
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
# The French words the extractor reads for each term (shown on the method page).
YARDSTICK_FRENCH = {
    "almost_certain": "presque certain, presque certainement",
    "highly_likely": "très probable, très probablement",
    "likely": "probable, probablement",
    "realistic_possibility": "possibilité réaliste",
    "unlikely": "peu probable",
    "highly_unlikely": "très peu probable",
    "remote_chance": "chance infime",
}
