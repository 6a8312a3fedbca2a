"""Chart drawing details that the site tests do not reach one by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.charts import BOTTOM, CHAR_WIDTH, HEIGHT, LABEL_HEIGHT, WIDTH, LabelPlacer


def placed_against_every_label(points: list[tuple[float, float, str]]) -> list[str]:
    """The placer's rule, each label checked against all those placed before it."""
    boxes, drawn = [], []
    for x, y, text in points:
        width = CHAR_WIDTH * len(text)
        result = ""
        for dy in (-9, 20, -26):
            left = x - 8 - width if x > WIDTH - 130 else x + 8
            box = (left, y + dy - LABEL_HEIGHT + 3, left + width, y + dy + 3)
            if box[1] < 0 or box[3] > HEIGHT - BOTTOM:
                continue
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                       for b in boxes):
                boxes.append(box)
                result = f'y="{y + dy:.1f}"'
                break
        drawn.append(result)
    return drawn


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, WIDTH), st.floats(0, HEIGHT),
                          st.text(alphabet="0123456789 >~–", min_size=1, max_size=12)),
                max_size=80))
def test_labels_kept_by_strip_are_placed_as_if_checked_against_all(points):
    placer = LabelPlacer()
    drawn = [placer.place(x, y, text) for x, y, text in points]
    expected = placed_against_every_label(points)
    assert [d != "" for d in drawn] == [e != "" for e in expected]
    assert all(e in d for d, e in zip(drawn, expected))


def test_a_crowded_chart_places_a_label_once_and_never_on_top_of_another():
    placer = LabelPlacer()
    first = placer.place(100.0, 100.0, "1 000")
    assert 'x="108.0"' in first and 'y="91.0"' in first
    assert placer.place(100.0, 100.0, "1 000") != first          # moved below
    assert placer.place(100.0, 100.0, "1 000") != ""             # above, higher up
    assert placer.place(100.0, 100.0, "1 000") == ""             # no free place left
