"""FIT files: decode bytes, analyse sessions into activities, unpack Garmin export ZIPs."""

from engine.fit.activity import Activity, Lap, StrengthSet, Track
from engine.fit.analysis import analyse, analyse_fit
from engine.fit.archive import ZipLimits, extract_fit_files
from engine.fit.decode import decode_fit
from engine.fit.errors import (
    BadZipError,
    ChainedHeaderError,
    CorruptFitError,
    EmptyFitError,
    FitCrcError,
    NoActivityError,
    NoClockError,
    NoFitInZipError,
    NotFitError,
    TruncatedFitError,
    ZipError,
    ZipLimitError,
)
from engine.fit.model import FitFile
from engine.fit.strength import canonical_exercise

__all__ = [
    "Activity",
    "BadZipError",
    "ChainedHeaderError",
    "CorruptFitError",
    "EmptyFitError",
    "FitCrcError",
    "FitFile",
    "Lap",
    "NoActivityError",
    "NoClockError",
    "NoFitInZipError",
    "NotFitError",
    "StrengthSet",
    "Track",
    "TruncatedFitError",
    "ZipError",
    "ZipLimitError",
    "ZipLimits",
    "analyse",
    "analyse_fit",
    "canonical_exercise",
    "decode_fit",
    "extract_fit_files",
]
