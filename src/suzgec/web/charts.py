"""Server-rendered SVG charts for the dashboard: no JavaScript, no chart library."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

PALETTE = ["#2e7d32", "#f9a825", "#c62828", "#1565c0", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037"]


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
    slot = plot_w / max(1, len(days))
    bar_w = max(2.0, slot * 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} '
        f'{height + legend_h}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" '
        'stroke="#999"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    label_every = max(1, len(days) // 7)
    for i, day in enumerate(days):
        x = left + i * slot + (slot - bar_w) / 2
        y = float(top + plot_h)
        for key in keys:
            n = counts.get(day, {}).get(key, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colors[key]}"><title>{escape(day)} · {escape(labels[key])}: {n}'
                "</title></rect>"
            )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'font-size="11">{escape(day[5:])}</text>'
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
