"""A metric's series as a small terminal chart, drawn by plotext (axes, ticks and labels that a
hand-made sparkline would not have) and printed through Rich."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import cycle

import plotext as plt

# (label, points): the series' group, or the metric's name; points are (tick label, value).
Series = tuple[str, Sequence[tuple[str, float | None]]]
# Told apart without colour (the theme has none, so the chart reads the same when piped).
MARKERS = ("hd", "x", "o", "+", "*", "dot")


def chart(title: str, series: Sequence[Series], *, width: int, height: int = 14) -> str:
    """One series as bars, several (``--group-by``) as lines; a missing value draws as 0."""
    plt.clf()  # plotext draws on one module-level figure
    plt.theme("clear")
    plt.plotsize(width, height)
    plt.title(title)
    if len(series) == 1:
        _, points = series[0]
        plt.bar([label for label, _ in points], [value or 0 for _, value in points], width=0.5)
    else:
        markers = cycle(MARKERS)
        for name, points in series:
            xs = list(range(len(points)))
            values = [value or 0 for _, value in points]
            plt.plot(xs, values, label=name or "(none)", marker=next(markers))
            plt.xticks(xs, [label for label, _ in points])
    text: str = plt.build()
    return text
