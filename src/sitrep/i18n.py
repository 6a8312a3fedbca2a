"""Interface words: gettext catalogs in templates/locales, compiled in memory with Babel."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from sitrep.errors import SitrepError

DOMAIN = "messages"
# Babel's method map: Jinja's own extractor for templates (MkDocs does the same).
METHOD_MAP = [("**.html", "jinja2"), ("**.xml", "jinja2"), ("**.txt", "jinja2")]
EXTRACT_OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n"},
                   "**.xml": {"extensions": "jinja2.ext.i18n"},
                   "**.txt": {"extensions": "jinja2.ext.i18n"}}
# Messages used from Python (sitrep.localize), marked there with N_().
PYTHON_METHOD_MAP = [("**.py", "python")]


def po_path(templates: Path, lang: str) -> Path:
    return templates / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(templates: Path, lang: str) -> Catalog:
    path = po_path(templates, lang)
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang, domain=DOMAIN)
    except OSError:
        raise SitrepError(f"missing message catalog for '{lang}'", path) from None
    except Exception as exc:  # babel raises PoFileError and others for broken files
        raise SitrepError(f"broken message catalog: {exc}", path) from None


def load_translations(templates: Path, lang: str) -> Translations:
    """The catalog for lang as gettext Translations, compiled to .mo in memory."""
    catalog = read_catalog(templates, lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def extract_messages(templates: Path) -> Catalog:
    """Every interface message in the templates and in sitrep's Python labels."""
    template = Catalog(domain=DOMAIN, project="sitrep", version="1", fuzzy=False)
    sources = [(templates, METHOD_MAP, EXTRACT_OPTIONS),
               (Path(__file__).parent, PYTHON_METHOD_MAP, {})]
    for folder, method_map, options in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
                str(folder), method_map, options_map=options,
                keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None,
                          "gettext_in": (2,)}):
            template.add(message, None, [(filename, lineno)], auto_comments=comments,
                         context=context)
    return template


def update_catalogs(templates: Path, languages: tuple[str, ...]) -> list[Path]:
    """Merge newly extracted messages into each language's catalog (pybabel update)."""
    template = extract_messages(templates)
    written = []
    for lang in languages:
        path = po_path(templates, lang)
        if path.exists():
            catalog = read_catalog(templates, lang)
            catalog.update(template, no_fuzzy_matching=True)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="sitrep", version="1")
            catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=True,
                     ignore_obsolete=True, include_lineno=False)
        written.append(path)
    return written


def untranslated(templates: Path, lang: str) -> list[str]:
    """Messages of the templates that lang's catalog lacks or leaves untranslated."""
    catalog = read_catalog(templates, lang)
    missing = []
    for message in extract_messages(templates):
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        strings = entry.string if entry is not None else None
        if isinstance(strings, tuple):
            ok = all(strings)
        else:
            ok = bool(strings)
        if entry is None or not ok or entry.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return sorted(missing)
