"""Jinja environments, one per language, with gettext catalogs and Babel formatting."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from sitrep.errors import SitrepError
from sitrep.i18n import load_translations
from sitrep.localize import Localizer


@dataclass
class Page:
    """One output file: where it goes, which template draws it, and with what."""
    path: str                             # output file, relative: "fr/briefings/x/index.html"
    template: str
    lang: str | None
    context: dict[str, Any] = field(default_factory=dict)
    alternates: dict[str, str] = field(default_factory=dict)   # lang -> site path

    @property
    def url(self) -> str:
        """The site path a link uses: 'fr/briefings/x/' for an index.html."""
        return self.path[: -len("index.html")] if self.path.endswith("index.html") else self.path


def relative_url(target: str, page_path: str) -> str:
    """A link from the page at page_path to the site path target, relative so the site
    works under any base path."""
    base = posixpath.dirname(page_path)
    rel = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if rel == "./":
        return "./"
    return rel


class Renderer:
    """Renders pages with the environment of their language."""

    def __init__(self, templates: Path, languages: tuple[str, ...]):
        self.templates = templates
        self.localizers: dict[str, Localizer] = {}
        self.environments: dict[str, jinja2.Environment] = {}
        for lang in languages:
            translations = load_translations(templates, lang)
            self.localizers[lang] = Localizer(lang, translations)
            env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(str(templates)),
                autoescape=True,                   # everywhere, whatever the file name
                undefined=jinja2.StrictUndefined,
                extensions=["jinja2.ext.i18n"],
                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            )
            env.install_gettext_translations(translations, newstyle=True)
            env.globals["gettext_in"] = self.gettext_in
            self.environments[lang] = env
        self.default = languages[0]

    def gettext_in(self, lang: str, message: str, **variables: Any) -> str:
        """A message in a language other than the page's (the bilingual root page)."""
        text = self.localizers[lang].gettext(message)
        return text % variables if variables else text

    def render(self, page: Page, globals_: dict[str, Any]) -> str:
        lang = page.lang or self.default
        env = self.environments[lang]
        loc = self.localizers[lang]
        context = {**globals_, **page.context, "page": page, "lang": lang, "loc": loc,
                   "url": lambda target: relative_url(target, page.path)}
        try:
            return env.get_template(page.template).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise SitrepError(f"template error: {exc.message}",
                              self.templates / (exc.name or page.template), exc.lineno) from None
        except jinja2.TemplateNotFound as exc:
            raise SitrepError(f"template not found: {exc.name}", self.templates / page.template) \
                from None
        except jinja2.UndefinedError as exc:
            raise SitrepError(f"template error: {exc.message}", *_template_location(exc, self.templates,
                                                                                  page.template)) from None


def _template_location(exc: BaseException, templates: Path, fallback: str) -> tuple[Path, int | None]:
    """The template file and line of a runtime template error, from its traceback."""
    tb = exc.__traceback__
    location: tuple[Path, int | None] = (templates / fallback, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(str(templates)):
            location = (Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return location
