"""Jinja environments, one per language, with gettext catalogs and Babel formatting."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from sitrep.cache import code_digest
from sitrep.content import tag_slug
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
    # A page whose context is costly to make, and whose inputs can be named more
    # cheaply than it is made, gives `inputs`, a digest of all the context is made
    # from, and `make_context`, which makes it when the page is drawn. Its fingerprint
    # is taken from the inputs, so a build that does not draw it never makes its
    # context, and a first build makes it in the drawing workers.
    inputs: str | None = None
    make_context: Callable[[], dict[str, Any]] | None = field(default=None, repr=False,
                                                               compare=False)
    # Inputs that name more than the page shows (a page drawn from many briefings, which
    # shows few of their facts): equal inputs still mean an equal page, but when they
    # change, the fingerprint is taken of the context, so the page is drawn again only
    # if what it shows changed.
    inputs_are_coarse: bool = False

    def full_context(self) -> dict[str, Any]:
        if self.make_context is not None:
            self.context, self.make_context = self.make_context(), None
        return self.context

    @property
    def url(self) -> str:
        """The site path a link uses: 'fr/briefings/x/' for an index.html."""
        return self.path[: -len("index.html")] if self.path.endswith("index.html") else self.path


def _memo_gettext(translations) -> Any:
    """`_()` for templates: what Jinja's new-style gettext gives (the message translated,
    marked safe, then %-formatted with the escaped variables, even with none), with
    each answer kept, since every page asks for the same thirty-odd interface messages
    (« sentence 1 », « source: … » too)."""
    memo: dict[tuple, Markup] = {}

    def gettext(message: str, **variables: Any) -> Markup:
        try:
            # The type too: a Markup value is not escaped where an equal str would be.
            key = (message, *((name, type(value), value)
                              for name, value in sorted(variables.items())))
            found = memo.get(key)
        except TypeError:                   # a variable that cannot be a key
            return Markup(translations.gettext(message)) % variables
        if found is None:
            found = memo[key] = Markup(translations.gettext(message)) % variables
        return found
    return gettext


def relative_url(target: str, page_path: str) -> str:
    """A link from the page at page_path to the site path target, relative so the site
    works under any base path.

    >>> relative_url("fr/timeline/", "fr/briefings/x/index.html")
    '../../timeline/'
    >>> relative_url("fr/", "fr/index.html")
    './'
    >>> relative_url("static/style.css", "index.html")
    'static/style.css'
    """
    # posixpath.relpath calls abspath on both sides; this runs ~40 times a page.
    base = page_path.split("/")[:-1]
    parts = [p for p in target.split("/") if p]
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + parts[common:])
    if not rel:
        return "./"
    if target.endswith("/"):
        rel += "/"
    return rel


def compiled_templates(folder: Path) -> jinja2.BytecodeCache:
    """Templates compiled by an earlier build, kept in folder: compiling them takes about
    a tenth of a second, as long as the rest of a one-page rebuild's drawing. Jinja checks
    each against its template's source; the files are also named by sitrep's code, which
    sets the environment's options, and those of other code are removed."""
    prefix = f"jinja-{code_digest()[:16]}-"
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("jinja-*.cache"):
        if not stale.name.startswith(prefix):
            stale.unlink(missing_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder), prefix + "%s.cache")


class Renderer:
    """Renders pages with the environment of their language; `compiled`, if given, is
    where compiled templates are kept between builds (see compiled_templates)."""

    def __init__(self, templates: Path, languages: tuple[str, ...],
                 compiled: Path | None = None):
        self.templates = templates
        bytecode = compiled_templates(compiled) if compiled is not None else None
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
                bytecode_cache=bytecode,
            )
            env.install_gettext_translations(translations, newstyle=True)
            env.globals["_"] = env.globals["gettext"] = _memo_gettext(translations)
            env.globals["gettext_in"] = self.gettext_in
            env.globals["once_per_folder"] = self.once_per_folder
            env.filters["tag_slug"] = tag_slug
            self.environments[lang] = env
        self.default = languages[0]
        self._drawn: dict[tuple[str, str, str], Markup] = {}

    def gettext_in(self, lang: str, message: str, **variables: Any) -> str:
        """A message in a language other than the page's (the bilingual root page)."""
        text = self.localizers[lang].gettext(message)
        return text % variables if variables else text

    @jinja2.pass_context
    def once_per_folder(self, context: jinja2.runtime.Context, template: str) -> Markup:
        """A partial that reads only the language, url() and the globals (the site
        navigation), drawn once per language and output folder rather than per page:
        relative links are the same for every page of a folder."""
        page = context["page"]
        key = (template, context["lang"], page.path.rpartition("/")[0])
        drawn = self._drawn.get(key)
        if drawn is None:
            environment = context.environment
            drawn = Markup(environment.get_template(template).render(context.get_all()))
            self._drawn[key] = drawn
        return drawn

    def render(self, page: Page, globals_: dict[str, Any]) -> str:
        env, context = self._context(page, globals_, page.full_context())
        template = page.template
        return self._guarded(template, lambda: env.get_template(template).render(context))

    def render_macro(self, page: Page, globals_: dict[str, Any], template: str, macro: str,
                     *arguments: Any) -> str:
        """What a macro of template draws with these arguments, as on the page (the
        same language, links relative to it), not making the page's own context."""
        env, context = self._context(page, globals_, {})
        return self._guarded(template, lambda: str(getattr(
            env.get_template(template).make_module(context), macro)(*arguments)))

    def _context(self, page: Page, globals_: dict[str, Any], own: dict[str, Any]):
        lang = page.lang or self.default
        loc = self.localizers[lang]
        return self.environments[lang], {
            **globals_, **own, "page": page, "lang": lang, "loc": loc,
            "url": lambda target: relative_url(target, page.path)}

    def _guarded(self, template: str, draw: Callable[[], str]) -> str:
        """draw(), with a mistake in a template said as a SitrepError at its place."""
        try:
            return draw()
        except SitrepError:
            raise
        except jinja2.TemplateSyntaxError as exc:
            # Raised for the file that holds the mistake, be it the page's own template
            # or one it extends or includes (compiled when first used).
            path = Path(exc.filename) if exc.filename else self.templates / template
            raise SitrepError(f"template error: {exc.message}", path, exc.lineno) from None
        except Exception as exc:
            where = _template_location(exc, self.templates)
            if where is None and isinstance(exc, jinja2.TemplateNotFound):
                where = (self.templates / template, None)
            if where is None:
                raise              # not raised in a template: a bug in sitrep, keep the traceback
            raise SitrepError(f"template error: {_describe(exc)}", *where) from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"template not found: {exc.name}"
    if isinstance(exc, jinja2.TemplateError) and exc.message:
        return exc.message
    return f"{type(exc).__name__}: {exc}"


def _template_location(exc: BaseException, templates: Path) -> tuple[Path, int] | None:
    """The template file and line of a runtime error, from its traceback: Jinja rewrites
    it so that template code shows as frames of the template file. The innermost such
    frame is the template that failed (an included or extended one, maybe)."""
    root = os.path.abspath(templates)
    location = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if os.path.abspath(filename).startswith(root + os.sep):
            location = (Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return location
