"""Every interface message has a translation in both catalogs."""

from __future__ import annotations

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
