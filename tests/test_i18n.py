"""Every interface message has a translation in both catalogs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitrep.i18n import extract_messages, untranslated

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def test_messages_are_extracted_from_templates_and_python():
    ids = {m.id for m in extract_messages(TEMPLATES) if m.id}
    assert "Key figures" in ids                 # from home.html
    assert "more than %(n)s" in ids             # from sitrep/localize.py
    assert "Read the site in French" in ids     # gettext_in() in root.html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_message_lacks_a_translation(lang):
    assert untranslated(TEMPLATES, lang) == []


def test_untranslated_catches_a_missing_message(tmp_path):
    import shutil
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "templates" / "extra.html").write_text('{{ _("A brand new message") }}')
    assert untranslated(tmp_path / "templates", "fr") == ["A brand new message"]


def test_templates_gettext_answers_as_jinja_does_whatever_it_keeps(tmp_path):
    """_() keeps its answers; an equal Markup and str must still be escaped apart."""
    import jinja2
    from markupsafe import Markup

    from sitrep.render import Renderer
    shutil.copytree(Path(__file__).resolve().parents[1] / "templates" / "locales",
                    tmp_path / "locales")
    (tmp_path / "t.html").write_text(
        '{{ _("Home") }}|{{ _("source: %(source)s", source=a) }}|'
        '{{ _("source: %(source)s", source=b) }}|{{ _("Home") }}|100%% {{ _("x %%") }}',
        encoding="utf-8")
    renderer = Renderer(tmp_path, ("fr", "en"))
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True,
                               extensions=["jinja2.ext.i18n"])
    plain.install_gettext_translations(renderer.localizers["fr"].translations, newstyle=True)
    values = {"a": "<b>R&D</b>", "b": Markup("<b>R&D</b>")}
    ours = renderer.environments["fr"].get_template("t.html").render(values)
    assert ours == plain.get_template("t.html").render(values)
    assert "Accueil" in ours and "&lt;b&gt;R&amp;D&lt;/b&gt;" in ours and "<b>R&D</b>" in ours
