"""Generate a realistic synthetic archive of briefings for benchmarks.

    python benchmarks/generate.py OUT N [--seed S]

writes OUT/sitrep (a sitrep project: content/ + templates/), OUT/pelican and OUT/hugo
(the same bodies laid out for those tools). Each briefing is French prose of about the
seed's size whose sentences carry facts (casualties, deployments, dated events, sources,
estimative terms); 90 % have an English translation. Same N and seed, same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))

from sitrep.content import body_hash  # noqa: E402

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
SOURCES = [("le Service national de renseignement sud-coréen", "South Korea's National Intelligence Service", "kr-nis"),
           ("l'état-major interarmées sud-coréen", "the South Korean Joint Chiefs of Staff", "kr-jcs"),
           ("le renseignement militaire britannique", "British military intelligence", "uk-defence-intelligence"),
           ("le Pentagone", "the Pentagon", "us-dod"),
           ("le renseignement militaire ukrainien", "Ukrainian military intelligence", "ua-gur")]
PLACES = [("l'oblast de Koursk", "Kursk oblast"), ("la région de Koursk", "the Kursk region"),
          ("Soudja", "Sudzha"), ("l'oblast de Belgorod", "Belgorod oblast"),
          ("Korenevo", "Korenevo")]
TERMS = [("il est très probable que", "it is highly likely that"),
         ("il est probable que", "it is likely that"),
         ("il existe une possibilité réaliste que", "there is a realistic possibility that"),
         ("il est peu probable que", "it is unlikely that")]
QUALIFIERS = [("plus de", "more than"), ("environ", "about"), ("près de", "nearly"),
              ("au moins", "at least"), ("quelque", "some")]
FILLER_FR = [
    "Les combats se poursuivent le long de la ligne de front, où l'artillerie des deux camps reste très active.",
    "Les conditions météorologiques ont ralenti les mouvements de véhicules blindés au cours de la période.",
    "Les unités engagées manquent d'expérience du combat moderne et de coordination avec l'aviation.",
    "La logistique reste fragile, en particulier pour l'acheminement des munitions vers les positions avancées.",
    "Les drones jouent un rôle croissant dans la reconnaissance et dans la correction des tirs.",
    "Aucune confirmation indépendante de ces informations n'a pu être obtenue à ce stade.",
    "Les autorités régionales ont ordonné l'évacuation de plusieurs localités proches de la frontière.",
    "La coopération militaire entre Moscou et Pyongyang s'étend aussi aux livraisons d'obus et de missiles.",
]
FILLER_EN = [
    "Fighting continues along the front line, where both sides' artillery remains very active.",
    "Weather conditions slowed the movement of armoured vehicles during the period.",
    "The units engaged lack experience of modern combat and of coordination with air power.",
    "Logistics remain fragile, particularly for moving ammunition to forward positions.",
    "Drones play a growing role in reconnaissance and in adjusting fire.",
    "No independent confirmation of this information could be obtained at this stage.",
    "Regional authorities ordered the evacuation of several villages near the border.",
    "Military cooperation between Moscow and Pyongyang also extends to deliveries of shells and missiles.",
]


def french_number(n: int, rng: random.Random) -> str:
    style = rng.random()
    if style < 0.4:
        return f"{n:,}".replace(",", " ")
    if style < 0.7:
        return f"{n:,}".replace(",", ".")
    if style < 0.85:
        return f"{n:,}".replace(",", "\u00a0")
    return str(n)


def one_briefing(index: int, day: dt.date, rng: random.Random) -> tuple[dict, str, str, str, str]:
    source_fr, source_en, source_id = rng.choice(SOURCES)
    place_fr, place_en = rng.choice(PLACES)
    term_fr, term_en = rng.choice(TERMS)
    qual_fr, qual_en = rng.choice(QUALIFIERS)
    losses = rng.randrange(5, 120) * 100
    killed = losses // rng.randrange(4, 9)
    sent = rng.randrange(10, 60) * 100
    month = (day.month - 2) % 12
    part_fr, part_en = rng.choice([("début", "early"), ("mi-", "mid-"), ("fin", "late")])
    title_fr = f"Point de situation n° {index + 1} : pertes et renforts nord-coréens"
    title_en = f"Situation report no. {index + 1}: North Korean losses and reinforcements"
    fr = [
        "## Points clés", "",
        f"- Selon {source_fr}, les pertes nord-coréennes atteignent {qual_fr} {french_number(losses, rng)} hommes dans {place_fr}.",
        f"- Pyongyang aurait envoyé environ {french_number(sent, rng)} soldats supplémentaires en {MONTHS_FR[month]}.",
        f"- {term_fr.capitalize()} de nouveaux renforts arrivent {part_fr.rstrip('-')}{'-' if part_fr == 'mi-' else ' '}{MONTHS_FR[day.month - 1]}.", "",
        "## Analyse", "",
        f"{source_fr[0].upper() + source_fr[1:]} estime que {french_number(killed, rng)} militaires nord-coréens ont été tués depuis leur arrivée sur le front. "
        + " ".join(rng.sample(FILLER_FR, 3)), "",
        f"Le {rng.randrange(1, 28)} {MONTHS_FR[month]}, les forces russes ont lancé une offensive dans le secteur de {place_en}. "
        + " ".join(rng.sample(FILLER_FR, 3)), "",
        " ".join(rng.sample(FILLER_FR, 4)), "",
    ]
    en = [
        "## Key points", "",
        f"- According to {source_en}, North Korean losses reach {qual_en} {losses:,} men in {place_en}.",
        f"- Pyongyang reportedly sent about {sent:,} more soldiers in {MONTHS_EN[month]}.",
        f"- {term_en.capitalize()} new reinforcements arrive in {part_en}{'' if part_en == 'mid-' else ' '}{MONTHS_EN[day.month - 1]}.", "",
        "## Analysis", "",
        f"{source_en[0].upper() + source_en[1:]} estimates that {killed:,} North Korean soldiers have been killed since reaching the front. "
        + " ".join(rng.sample(FILLER_EN, 3)), "",
        f"Russian forces launched an offensive near {place_en} in {MONTHS_EN[month]}. " + " ".join(rng.sample(FILLER_EN, 3)), "",
        " ".join(rng.sample(FILLER_EN, 4)), "",
    ]
    meta = {"id": f"{day.isoformat()}-point-{index + 1:05d}", "date": day, "source": source_id,
            "tags": rng.sample(["koursk", "pertes", "renforts", "coree-du-nord", "offensive", "diplomatie"], 2)}
    return meta, title_fr, "\n".join(fr), title_en, "\n".join(en)


def generate(out: Path, count: int, seed: int = 2025) -> list:
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    briefings = []
    for index in range(count):
        day = start + dt.timedelta(days=index * 3 // 4 + index // 365)
        meta, title_fr, body_fr, title_en, body_en = one_briefing(index, day, rng)
        translated = rng.random() < 0.9
        briefings.append((meta, title_fr, body_fr + "\n", title_en, body_en + "\n", translated))
    write_sitrep(out / "sitrep", briefings)
    write_pelican(out / "pelican", briefings)
    write_hugo(out / "hugo", briefings)
    return briefings


def write_sitrep(root: Path, briefings) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "content" / "briefings").mkdir(parents=True)
    shutil.copytree(PROJECT / "content" / "gazetteer", root / "content" / "gazetteer")
    shutil.copy(PROJECT / "content" / "site.yaml", root / "content" / "site.yaml")
    shutil.copytree(PROJECT / "templates", root / "templates")
    folder = root / "content" / "briefings"
    for meta, title_fr, body_fr, title_en, body_en, translated in briefings:
        header = (f"---\ntitle: \"{title_fr}\"\ndate: {meta['date'].isoformat()}\n"
                  f"source: {meta['source']}\ntags: [{', '.join(meta['tags'])}]\n---\n")
        (folder / f"{meta['id']}.fr.md").write_text(header + body_fr, encoding="utf-8")
        if translated:
            en_header = (f"---\ntitle: \"{title_en}\"\ndate: {meta['date'].isoformat()}\n"
                         f"translation_of: \"{body_hash(body_fr)}\"\n---\n")
            (folder / f"{meta['id']}.en.md").write_text(en_header + body_en, encoding="utf-8")


def write_pelican(root: Path, briefings) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "content").mkdir(parents=True)
    (root / "pelicanconf.py").write_text(
        "SITENAME = 'bench'\nPATH = 'content'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'fr'\n"
        "FEED_ALL_ATOM = 'feeds/all.atom.xml'\nTRANSLATION_FEED_ATOM = 'feeds/all-{lang}.atom.xml'\n"
        "ARTICLE_TRANSLATION_ID = 'slug'\nDEFAULT_PAGINATION = 20\nRELATIVE_URLS = True\n"
        "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n", encoding="utf-8")
    for meta, title_fr, body_fr, title_en, body_en, translated in briefings:
        tags = ", ".join(meta["tags"])
        for lang, title, body in (("fr", title_fr, body_fr), ("en", title_en, body_en)):
            if lang == "en" and not translated:
                continue
            (root / "content" / f"{meta['id']}.{lang}.md").write_text(
                f"Title: {title}\nDate: {meta['date'].isoformat()}\nSlug: {meta['id']}\n"
                f"Lang: {lang}\nTags: {tags}\n\n{body}", encoding="utf-8")


def write_hugo(root: Path, briefings) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "content" / "briefings").mkdir(parents=True)
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text(
        "baseURL = 'https://example.org/'\ndefaultContentLanguage = 'fr'\n"
        "[languages.fr]\nweight = 1\n[languages.en]\nweight = 2\n", encoding="utf-8")
    layout = "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n"
    (root / "layouts" / "_default" / "single.html").write_text(layout, encoding="utf-8")
    (root / "layouts" / "_default" / "list.html").write_text(
        "<!DOCTYPE html><html><body>{{ range .Pages }}<a href='{{ .RelPermalink }}'>{{ .Title }}</a>{{ end }}</body></html>\n",
        encoding="utf-8")
    for meta, title_fr, body_fr, title_en, body_en, translated in briefings:
        for lang, title, body in (("fr", title_fr, body_fr), ("en", title_en, body_en)):
            if lang == "en" and not translated:
                continue
            (root / "content" / "briefings" / f"{meta['id']}.{lang}.md").write_text(
                f"---\ntitle: \"{title}\"\ndate: {meta['date'].isoformat()}\n"
                f"tags: [{', '.join(meta['tags'])}]\n---\n{body}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    generate(args.out, args.count, args.seed)
    print(f"wrote {args.count} briefings to {args.out}/sitrep, pelican and hugo")


if __name__ == "__main__":
    main()
