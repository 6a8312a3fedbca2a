"""Casualty series over time, drawn at build time as inline SVG (no script, no styles).

A figure is drawn as it was stated: « plus de 6 000 » is a point with an arrow up
(the truth lies above), « moins de » an arrow down, a range a bar from low to high.
Each source is its own series, so conflicting estimates stand side by side.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from sitrep.gazetteer import Gazetteer
from sitrep.labels import CATEGORY_ORDER
from sitrep.localize import N_, Localizer
from sitrep.model import Fact

WIDTH, HEIGHT = 480, 280
LEFT, RIGHT, TOP, BOTTOM = 58, 16, 16, 40
SHAPES = ("circle", "square", "diamond", "triangle")
UPWARD = ("more_than", "at_least")
# Compact, language-neutral labels for points; the table beside the chart has the words.
SYMBOLS = {"more_than": "> ", "at_least": "≥ ", "less_than": "< ", "at_most": "≤ ",
           "approx": "≈ ", "exact": ""}
CHAR_WIDTH, LABEL_HEIGHT = 7.5, 15
UNATTRIBUTED = N_("no source named")
DOWNWARD = ("less_than", "at_most")


@dataclass
class Series:
    """One source's estimates of one actor's casualties of one category."""
    source: str | None
    name: str
    points: list            # (fact, sitrep), oldest first
    index: int = 0          # colour and shape

    @property
    def css(self) -> str:
        return f"series-{self.index % 4 + 1}"

    @property
    def shape(self) -> str:
        # Shifted every four series, so that no two series share colour and shape.
        return SHAPES[(self.index + self.index // 4) % 4]

    @property
    def legend_key(self) -> str:
        """The series' marker, alone, for the legend."""
        return (f'<svg class="legend-key" viewBox="0 0 14 14" aria-hidden="true" '
                f'focusable="false">{_marker(self.shape, 7, 7, "point " + self.css)}</svg>')


def as_of(fact: Fact, sitrep) -> dt.date:
    return fact.when.end if fact.when else sitrep.date


def casualty_series(facts, gazetteer: Gazetteer, loc: Localizer):
    """((actor, category), [Series by source]) for every series with a figure."""
    grouped: dict[tuple, dict] = defaultdict(lambda: defaultdict(list))
    for fact, sitrep in facts:
        if fact.kind == "casualties" and fact.quantity is not None:
            grouped[(fact.actor or "", fact.category)][fact.source or ""].append((fact, sitrep))
    result = []
    # North Korea first (the subject of the site), then by actor; total losses first.
    for key in sorted(grouped, key=lambda k: (k[0] != "KP", k[0], CATEGORY_ORDER.index(k[1]))):
        series = []
        for index, source in enumerate(sorted(grouped[key])):
            points = sorted(grouped[key][source], key=lambda p: (as_of(*p), p[1].id, p[0].id))
            name = gazetteer.name("sources", source, loc.lang) if source \
                else loc.gettext(UNATTRIBUTED)
            series.append(Series(source or None, name, points, index))
        result.append((key, series))
    return result


def _bounds(fact: Fact) -> tuple[int, int]:
    q = fact.quantity
    values = [v for v in (q.value, q.low, q.high) if v is not None]
    return min(values), max(values)


def _nice_step(top: float) -> int:
    raw = top / 4
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return max(1, int(factor * magnitude))
    return int(10 * magnitude)


def _marker(shape: str, x: float, y: float, css: str) -> str:
    if shape == "circle":
        return f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
    if shape == "square":
        return f'<rect class="{css}" x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9"/>'
    if shape == "diamond":
        return (f'<polygon class="{css}" points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} '
                f'{x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"/>')
    return (f'<polygon class="{css}" points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} '
            f'{x - 6:.1f},{y + 5:.1f}"/>')


def point_label(quantity, loc: Localizer) -> str:
    if quantity.qualifier == "range" or quantity.value is None:
        return "–".join(loc.number(v) for v in (quantity.low, quantity.high) if v is not None)
    return SYMBOLS.get(quantity.qualifier, "") + loc.number(quantity.value)


class LabelPlacer:
    """Puts each point's label above or below it where it overlaps no other label;
    a label with no free place is left out (the data table has every figure)."""

    # Placed boxes are kept by vertical strip of the chart, so that a label is checked
    # against its neighbours only, not against every label of a chart with thousands.
    STRIP = 40

    def __init__(self) -> None:
        self.strips: dict[int, list[tuple[float, float, float, float]]] = {}

    def _strips(self, box: tuple[float, float, float, float]) -> range:
        return range(int(box[0] // self.STRIP), int(box[2] // self.STRIP) + 1)

    def place(self, x: float, y: float, text: str) -> str:
        width = CHAR_WIDTH * len(text)
        for dy in (-9, 20, -26):
            anchor, left = ("end", x - 8 - width) if x > WIDTH - 130 else ("start", x + 8)
            box = (left, y + dy - LABEL_HEIGHT + 3, left + width, y + dy + 3)
            if box[1] < 0 or box[3] > HEIGHT - BOTTOM:
                continue
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                       for strip in self._strips(box) for b in self.strips.get(strip, ())):
                for strip in self._strips(box):
                    self.strips.setdefault(strip, []).append(box)
                lx = x - 8 if anchor == "end" else x + 8
                return (f'<text class="value" x="{lx:.1f}" y="{y + dy:.1f}" '
                        f'text-anchor="{anchor}">{escape(text, quote=False)}</text>')
        return ""


def draw_chart(series: list[Series], loc: Localizer, title: str) -> str:
    """An SVG chart of the series; its words are in the page's language."""
    points = [(fact, sitrep, s) for s in series for fact, sitrep in s.points]
    first = min(as_of(f, b) for f, b, _s in points)
    last = max(as_of(f, b) for f, b, _s in points)
    first = first.replace(day=1)
    span = max((last - first).days, 30)
    top = max(_bounds(f)[1] for f, _b, _s in points) * 1.2
    step = _nice_step(top)
    top = step * (int(top // step) + 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day: dt.date) -> float:
        return LEFT + 12 + (plot_w - 24) * (day - first).days / span

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(title, quote=False).replace(chr(34), "&quot;")}" xmlns="http://www.w3.org/2000/svg">']
    for value in range(0, int(top) + 1, step):
        y = y_of(value)
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{escape(loc.number(value), quote=False)}</text>')
    month = first
    ticks = []
    while month <= last:
        ticks.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    every = max(1, len(ticks) // 5 + (1 if len(ticks) % 5 else 0))
    for tick in ticks[::every]:
        x = x_of(tick)
        parts.append(f'<line class="axis" x1="{x:.1f}" y1="{TOP + plot_h}" x2="{x:.1f}" '
                     f'y2="{TOP + plot_h + 5}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{HEIGHT - BOTTOM + 20}" '
                     f'text-anchor="middle">{escape(loc.date(tick, "MMM y"), quote=False)}</text>')
    parts.append(f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" '
                 f'y2="{TOP + plot_h}"/>')
    labels: list[tuple[float, float, str]] = []
    for s in series:
        coords = []
        for fact, sitrep in s.points:
            q = fact.quantity
            x = x_of(as_of(fact, sitrep))
            low, high = _bounds(fact)
            if q.qualifier == "range" and q.low is not None and q.high is not None:
                parts.append(f'<line class="range {s.css}" x1="{x:.1f}" y1="{y_of(low):.1f}" '
                             f'x2="{x:.1f}" y2="{y_of(high):.1f}"/>')
            value = q.value if q.value is not None else (low + high) / 2
            y = y_of(value)
            coords.append((x, y))
            if q.qualifier in UPWARD:
                parts.append(f'<path class="bound {s.css}" d="M{x:.1f},{y - 7:.1f} V{y - 26:.1f} '
                             f'M{x - 4:.1f},{y - 21:.1f} L{x:.1f},{y - 27:.1f} L{x + 4:.1f},{y - 21:.1f}"/>')
            elif q.qualifier in DOWNWARD:
                parts.append(f'<path class="bound {s.css}" d="M{x:.1f},{y + 7:.1f} V{y + 26:.1f} '
                             f'M{x - 4:.1f},{y + 21:.1f} L{x:.1f},{y + 27:.1f} L{x + 4:.1f},{y + 21:.1f}"/>')
            parts.append(_marker(s.shape, x, y, f"point {s.css}"))
            labels.append((x, y, point_label(q, loc)))
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.insert(1, f'<polyline class="line {s.css}" points="{path}"/>')
    placer = LabelPlacer()
    parts.extend(placer.place(x, y, text) for x, y, text in labels)
    parts.append("</svg>")
    return "".join(parts)
