"""content/site.yaml: site title and description per language, base URL, languages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import ErrorCollector
from sitrep.model import LANGUAGES
from sitrep.yamlio import parse_yaml, read_text


@dataclass(frozen=True)
class SiteConfig:
    base_url: str
    languages: tuple[str, ...]
    default_language: str
    title: dict[str, str]
    description: dict[str, str]

    @property
    def base_path(self) -> str:
        """The path part of base_url, for the few links that cannot be relative (404)."""
        from urllib.parse import urlsplit
        return urlsplit(self.base_url).path or "/"

    def absolute(self, path: str) -> str:
        """An absolute URL for a site path such as 'fr/briefings/x/'."""
        return self.base_url + path.lstrip("/")


def _per_language(data: dict, key: str, path: Path, errors: ErrorCollector) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(isinstance(value.get(l), str) and value[l].strip()
                                              for l in LANGUAGES):
        errors.add(f"'{key}' must give a text for each of {', '.join(LANGUAGES)}", path, 1)
        return {lang: "" for lang in LANGUAGES}
    return {lang: value[lang].strip() for lang in LANGUAGES}


def load_config(path: Path, errors: ErrorCollector) -> SiteConfig:
    data = {}
    with errors.collect():
        data = parse_yaml(read_text(path), path) or {}
    if not isinstance(data, dict):
        errors.add("site.yaml must be a mapping", path, 1)
        data = {}
    base_url = data.get("base_url", "/")
    if not isinstance(base_url, str) or not base_url.strip():
        errors.add("'base_url' must be a URL", path, 1)
        base_url = "/"
    base_url = base_url.strip().rstrip("/") + "/"
    languages = tuple(data.get("languages", LANGUAGES))
    if languages != LANGUAGES:
        errors.add(f"'languages' must be {list(LANGUAGES)} (French originals, English "
                   "translations)", path, 1)
        languages = LANGUAGES
    default = data.get("default_language", "fr")
    if default not in languages:
        errors.add(f"'default_language' must be one of {', '.join(languages)}", path, 1)
        default = "fr"
    return SiteConfig(base_url, languages, default, _per_language(data, "title", path, errors),
                      _per_language(data, "description", path, errors))
