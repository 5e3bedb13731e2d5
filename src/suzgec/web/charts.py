"""Server-rendered SVG charts for the dashboard: no JavaScript, no chart library."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from xml.sax.saxutils import escape

from markupsafe import Markup

# Series colours when the caller gives none (the findings per clause). No green: on the
# dashboard green means "approved". Mostly the Okabe–Ito colour-blind-safe set, in an
# order that keeps neighbouring series apart.
PALETTE = ["#d55e00", "#cc79a7", "#e69f00", "#7b3294", "#0072b2", "#56b4e9", "#5f6b73", "#1d2327"]
GRID = "#e3e7ea"


def nice_ticks(peak: int, most: int = 5) -> list[int]:
    """Y-axis ticks from 0 to at least `peak` in round steps (1, 2 or 5 × 10^k), with at
    most `most` steps: 7 gives 0, 2, 4, 6, 8; 130 gives 0, 50, 100, 150."""
    peak = max(1, peak)
    power = 1
    while True:
        for mult in (1, 2, 5):
            step = mult * power
            steps = math.ceil(peak / step)
            if steps <= most:
                return list(range(0, steps * step + 1, step))
        power *= 10


def day_label(day: str, with_year: bool = False) -> str:
    """An ISO day in Turkish order: "14.03" under a bar, "14.03.2025" in its tooltip."""
    return date.fromisoformat(day).strftime("%d.%m.%Y" if with_year else "%d.%m")


def stacked_bars(
    days: Sequence[str],
    counts: Mapping[str, Mapping[str, int]],
    keys: Sequence[str],
    labels: Mapping[str, str],
    title: str,
    colors: Mapping[str, str] | None = None,
    width: int = 720,
    height: int = 240,
) -> Markup:
    """One bar per day, stacked by key; a legend underneath; every bar has a <title> tooltip."""
    colors = colors or {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}
    left, top, bottom = 36, 16, 28
    # Legend entries flow into rows (about 7 px per character at 12 px).
    legend: list[tuple[str, float, float]] = []
    lx, row = float(left), 0
    for key in keys:
        entry_w = 24 + 7 * len(labels[key])
        if lx + entry_w > width - 8 and lx > left:
            lx, row = float(left), row + 1
        legend.append((key, lx, row))
        lx += entry_w
    legend_h = 22 * (row + 1)
    plot_w, plot_h = width - left - 8, height - top - bottom
    peak = max([sum(counts.get(d, {}).get(k, 0) for k in keys) for d in days] + [1])
    ticks = nice_ticks(peak)
    scale = ticks[-1]  # bars are drawn against the top tick, so grid lines read true
    slot = plot_w / max(1, len(days))
    bar_w = max(2.0, slot * 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} '
        f'{height + legend_h}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in ticks:
        ty = top + plot_h - plot_h * tick / scale
        stroke = "#999" if tick == 0 else GRID
        parts.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - 8}" y2="{ty:.1f}" stroke="{stroke}"/>'
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="11">{tick}</text>'
        )
    label_every = max(1, len(days) // 7)
    for i, day in enumerate(days):
        x = left + i * slot + (slot - bar_w) / 2
        y = float(top + plot_h)
        for key in keys:
            n = counts.get(day, {}).get(key, 0)
            if not n:
                continue
            h = plot_h * n / scale
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colors[key]}"><title>{day_label(day, True)} · {escape(labels[key])}: {n}'
                "</title></rect>"
            )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'font-size="11">{day_label(day)}</text>'
            )
    for key, lx2, row2 in legend:
        ly = height + 6 + 22 * row2
        parts.append(
            f'<rect x="{lx2:.0f}" y="{ly:.0f}" width="12" height="12" fill="{colors[key]}"/>'
            f'<text x="{lx2 + 16:.0f}" y="{ly + 10:.0f}" font-size="12">'
            f"{escape(labels[key])}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
