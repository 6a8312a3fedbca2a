"""Briefing bodies to HTML: evidence marked where stated, raw HTML made harmless."""

from __future__ import annotations

from sitrep.markup import Anchor, render_body

BODY = "## Titre\n\n- Les pertes ont dépassé 6.000 hommes.\n- Autre point.\n\nUne phrase ici. Une autre.\n"


def anchor(body: str, text: str, anchor_id: str, fact: str = "f") -> Anchor:
    start = body.index(text)
    return Anchor(anchor_id, start, start + len(text), fact)


def test_evidence_in_a_list_item_keeps_the_list():
    html = render_body(BODY, [anchor(BODY, "Les pertes ont dépassé 6.000 hommes.", "a1")])
    assert "<li><mark class=\"evidence\" data-facts=\"f\"><span class=\"anchor\" id=\"a1\"></span>" \
           "Les pertes ont dépassé 6.000 hommes.</mark></li>" in html
    assert html.count("<ul>") == 1


def test_two_facts_on_one_sentence_share_the_mark_with_both_anchors():
    html = render_body(BODY, [anchor(BODY, "Une phrase ici.", "a1", "f1"),
                              anchor(BODY, "Une phrase ici.", "a2", "f2")])
    assert 'data-facts="f1 f2"' in html and 'id="a1"' in html and 'id="a2"' in html


def test_overlapping_spans_stay_well_nested():
    html = render_body(BODY, [anchor(BODY, "Une phrase ici. Une", "a1", "f1"),
                              anchor(BODY, "ici. Une autre.", "a2", "f2")])
    assert html.count("<mark") == html.count("</mark>") == 3


def test_evidence_starting_inside_bold_text_takes_the_bold_into_the_mark():
    body = "- **28 octobre** : le Pentagone estime le nombre.\n"
    start = body.index("28")
    html = render_body(body, [Anchor("a1", start, body.index("nombre.") + 7, "f")])
    assert ('<li><mark class="evidence" data-facts="f"><span class="anchor" id="a1"></span>'
            '<strong>28 octobre</strong> : le Pentagone estime le nombre.</mark></li>') in html


def test_evidence_straddling_inline_markup_is_marked_run_by_run():
    body = "Le Pentagone **estime le nombre** à 10 000.\n"
    start = body.index("nombre")
    html = render_body(body, [Anchor("a1", start, body.index("000") + 3, "f")])
    assert ('<strong>estime le <mark class="evidence" data-facts="f"><span class="anchor" '
            'id="a1"></span>nombre</mark></strong><mark class="evidence" data-facts="f"> à '
            '10 000</mark>') in html
    assert html.count('id="a1"') == 1


def test_raw_html_cannot_inject_script():
    hostile = ('<script>alert(1)</script><img src=x onerror="alert(2)">'
               '<a href="javascript:alert(3)">x</a><iframe src="//evil"></iframe>'
               '<style>body{}</style><a href="data:text/html,hi">d</a>\n')
    html = render_body(hostile)
    for bad in ("<script", "onerror", "javascript:", "<iframe", "<style", "data:"):
        assert bad not in html


def test_private_use_markers_in_the_source_are_removed():
    assert "\ue000" not in render_body("texte \ue0001\ue001 piégé \ue002\n")
