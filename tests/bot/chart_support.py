"""Helpers for looking at rendered charts: PNG size, ink, artists and texts."""

from __future__ import annotations

import struct
from io import BytesIO

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.image import imread

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """Read width and height from a PNG's IHDR chunk, checking the signature first."""
    assert png[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", png[8:16])
    assert (length, kind) == (13, b"IHDR")
    return struct.unpack(">II", png[16:24])


def ink_fraction(png: bytes) -> float:
    """Return the share of pixels that are not the white background."""
    pixels = imread(BytesIO(png))[..., :3]
    return float(np.mean(np.any(np.abs(pixels - 1.0) > 0.02, axis=-1)))


def artists(figure: Figure, gid: str) -> list[Artist]:
    """Return every artist with ``gid`` in any of the figure's axes."""
    return [a for ax in figure.axes for a in ax.get_children() if a.get_gid() == gid]


def figure_texts(figure: Figure) -> list[str]:
    """Return the figure-level texts (header, panel titles, legends)."""
    texts = [t.get_text() for t in figure.texts]
    for legend in figure.legends:
        texts += [t.get_text() for t in legend.get_texts()]
    return texts
