"""One look for every chart: palette, fonts, phone-sized layout and PNG export.

Charts are 1080 px wide (5.4 in at 200 dpi), so 14 pt text stays readable on a phone.
Figures are built with ``Figure`` and ``FigureCanvasAgg`` directly, never pyplot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from io import BytesIO
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from PIL import Image

WIDTH_IN = 5.4
DPI = 200
LEFT_IN = 0.95
RIGHT_IN = 0.45
PALETTE_COLORS = 64

INK = "#111827"
MUTED = "#6B7280"
FAINT = "#E5E7EB"
BACKGROUND = "#FFFFFF"
BLUE = "#2563EB"
ORANGE = "#EA580C"
PINK = "#DB2777"
GOLD = "#F59E0B"
GREEN = "#16A34A"
RED = "#DC2626"
GREY = "#9CA3AF"
LIGHT = "#CBD5E1"
BAND = "#DCFCE7"
BAND_STRONG = "#BBF7D0"
ZONE_COLORS = ("#94A3B8", "#3B82F6", "#22C55E", "#F59E0B", "#EF4444")
HEAT_COLORS = ("#EBEEF2", "#BBF7D0", "#4ADE80", "#16A34A", "#14532D")

TITLE_PT = 21
SUBTITLE_PT = 15
TEXT_PT = 14

RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": TEXT_PT,
    "text.color": INK,
    "axes.facecolor": BACKGROUND,
    "axes.edgecolor": FAINT,
    "axes.linewidth": 1.2,
    "axes.labelsize": TEXT_PT,
    "axes.labelcolor": MUTED,
    "axes.titlesize": 16,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlecolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.spines.left": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "axes.xmargin": 0.02,
    "axes.unicode_minus": True,
    "grid.color": FAINT,
    "grid.linewidth": 1.2,
    "xtick.labelsize": TEXT_PT,
    "ytick.labelsize": TEXT_PT,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.major.size": 0,
    "ytick.major.size": 0,
    "xtick.minor.size": 0,
    "ytick.minor.size": 0,
    "xtick.major.pad": 7,
    "ytick.major.pad": 7,
    "lines.linewidth": 3,
    "lines.solid_capstyle": "round",
    "lines.dash_capstyle": "round",
    "legend.frameon": False,
    "legend.fontsize": TEXT_PT,
    "legend.handlelength": 1.3,
    "legend.handletextpad": 0.5,
    "legend.columnspacing": 1.2,
    "legend.borderaxespad": 0,
    "figure.facecolor": BACKGROUND,
    "figure.dpi": DPI,
    "savefig.facecolor": BACKGROUND,
    "savefig.dpi": DPI,
    "path.simplify": True,
}

# rc_context swaps the process-wide rcParams and restores them on exit; two threads doing that
# at once would restore each other's values mid-render, so renders take turns.
_RENDER_LOCK = threading.RLock()


@contextmanager
def styled() -> Iterator[None]:
    """Apply the chart style while building and saving one figure, one thread at a time."""
    with _RENDER_LOCK, mpl.rc_context(RC):
        yield


def draw_png(draw: Callable[[], Figure]) -> bytes:
    """Build a figure with ``draw`` under the chart style and return it as PNG bytes."""
    with styled():
        canvas = draw().canvas
        canvas.draw()
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw")
    # Flat colours plus anti-aliasing fit a 64-colour palette with no visible loss, and the
    # palette PNG is about a third of the RGBA one: faster to send over mobile data.
    paletted = image.convert("RGB").quantize(PALETTE_COLORS, Image.Quantize.FASTOCTREE)
    buffer = BytesIO()
    paletted.save(buffer, format="PNG")
    return buffer.getvalue()


def build(draw: Callable[[], Figure]) -> Figure:
    """Build a figure with ``draw`` under the chart style (for inspection, not sending)."""
    with styled():
        return draw()


def new_figure(height_in: float) -> Figure:
    """Create a phone-width figure on its own Agg canvas."""
    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def header(figure: Figure, title: str, subtitle: str) -> None:
    """Write the bold title and the muted key-number line at the top left."""
    height = figure.get_figheight()
    x = 0.32 / WIDTH_IN
    top = figure.text(x, 1 - 0.2 / height, title, size=TITLE_PT, weight="bold", va="top")
    sub = figure.text(x, 1 - 0.62 / height, subtitle, size=SUBTITLE_PT, color=MUTED, va="top")
    for text, smallest in ((top, SUBTITLE_PT), (sub, TEXT_PT)):
        _shrink_to_width(figure, text, smallest)


def _shrink_to_width(figure: Figure, text: Text, smallest: float) -> None:
    """Step a header line's font down to ``smallest``, then cut it with an ellipsis, to fit."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    room = (WIDTH_IN - 0.32 - 0.2) * DPI
    while text.get_window_extent(renderer).width > room:
        if text.get_fontsize() > smallest:
            text.set_fontsize(max(smallest, text.get_fontsize() - 1))
        else:
            text.set_text(text.get_text()[:-2].rstrip() + "…")


def legend_row(
    figure: Figure,
    handles: Sequence[Any],
    labels: Sequence[str],
    top_in: float,
    ncols: int | None = None,
) -> None:
    """Put a legend across the figure, ``top_in`` inches from the top, one row by default."""
    figure.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(0.32 / WIDTH_IN - 0.01, 1 - top_in / figure.get_figheight()),
        ncols=ncols or len(labels),
    )


def panel_title(figure: Figure, ax: Axes, text: str) -> None:
    """Title a lower panel in bold, aligned with the header rather than the axes."""
    top = ax.get_position().y1 + 0.14 / figure.get_figheight()
    figure.text(0.32 / WIDTH_IN, top, text, size=16, weight="bold", va="bottom")


def swatch(color: str) -> Patch:
    """Return a square legend handle of one colour."""
    return Patch(facecolor=color, edgecolor="none")


def panels(
    figure: Figure,
    ratios: Sequence[float],
    *,
    top_in: float,
    bottom_in: float = 0.55,
    gap_in: float = 0.55,
    left_in: float = LEFT_IN,
) -> list[Axes]:
    """Stack axes vertically between fixed inch margins, sized by ``ratios``."""
    width, height = figure.get_figwidth(), figure.get_figheight()
    usable = height - top_in - bottom_in - gap_in * (len(ratios) - 1)
    axes, top = [], height - top_in
    for ratio in ratios:
        size = usable * ratio / sum(ratios)
        rect = (
            left_in / width,
            (top - size) / height,
            1 - (left_in + RIGHT_IN) / width,
            size / height,
        )
        axes.append(figure.add_axes(rect))
        top -= size + gap_in
    return axes


# ConciseDateFormatter's formats per tick level (years, months, days, hours, minutes, seconds):
# day ticks read "8 Nov" rather than a bare "08", which looks like a month or a count.
_DATE_FORMATS = ["%Y", "%b", "%-d %b", "%H:%M", "%H:%M", "%S.%f"]


def date_axis(ax: Axes, max_ticks: int = 4) -> None:
    """Label a date x axis with a few concise ticks."""
    locator = AutoDateLocator(minticks=2, maxticks=max_ticks)
    ax.xaxis.set_major_locator(locator)
    formatter = ConciseDateFormatter(locator, formats=_DATE_FORMATS, show_offset=False)
    ax.xaxis.set_major_formatter(formatter)
