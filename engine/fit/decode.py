"""Decode FIT bytes held in memory into a FitFile; every failure becomes a friendly FitError.

Policy for damaged files:
- A checksum that is present and wrong (file or header CRC) is refused: the bytes were
  altered and nothing in them can be trusted.
- A file that stops early is refused as truncated, except a recording that was never
  finalised: a single FIT file that ends before its checksum and holds records but no
  ``session`` summary (a watch that died or an app that crashed before saving). Its complete
  messages are kept and analysed from the records, marked ``complete=False``; there is no
  checksum to verify, so nothing is skipped that could have been checked.
- Zero bytes padding the end of a complete file are ignored; any other bytes after it must
  form a valid chained FIT file.
"""

from __future__ import annotations

import io

import fitdecode

from engine.errors import FitError
from engine.fit.collect import Collector
from engine.fit.errors import (
    ChainedHeaderError,
    CorruptFitError,
    EmptyFitError,
    FitCrcError,
    NotFitError,
    TruncatedFitError,
)
from engine.fit.model import FitFile

_HEADER_SIZES = (12, 14)


def _check_signature(data: bytes) -> None:
    """Refuse empty input and anything without the FIT header signature."""
    if not data:
        raise EmptyFitError
    if len(data) < 12 or data[0] not in _HEADER_SIZES or data[8:12] != b".FIT":
        raise NotFitError


def _ended_early(collector: Collector, exc: Exception) -> None:
    """Accept an unfinalised recording (see module policy); refuse any other early end."""
    if collector.parts == 1 and not collector.sessions and collector.rec[0]:
        collector.complete = False
        return
    raise TruncatedFitError(collector.parts, collector.parts) from exc


def _bad_header(collector: Collector, data: bytes, exc: Exception) -> None:
    """Ignore zero padding after a complete file; refuse a corrupt chained header."""
    if collector.parts and collector.part_done:
        if not any(data[collector.end_offset :]):
            return
        raise ChainedHeaderError(collector.parts + 1) from exc
    raise CorruptFitError(0, "its header is unreadable") from exc


def decode_fit(data: bytes, *, check_crc: bool = True) -> FitFile:
    """Decode a FIT file (chained parts included) from bytes.

    Args:
        data: The whole file.
        check_crc: Verify header and file checksums; a mismatch is refused.

    Returns:
        The messages analysis needs, times in Unix seconds.

    Raises:
        EmptyFitError: ``data`` is empty.
        NotFitError: ``data`` lacks the FIT signature.
        FitCrcError: A checksum does not match.
        TruncatedFitError: The data stops early (unfinalised recordings excepted).
        ChainedHeaderError: A chained part's header is corrupt.
        CorruptFitError: The data breaks the format.
        NoClockError: Times are relative to power-on and nothing anchors them.
    """
    _check_signature(data)
    collector = Collector()
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        processor=None,  # raw times are wanted; skipping datetime objects is faster too
        check_crc=fitdecode.CrcCheck.RAISE if check_crc else fitdecode.CrcCheck.DISABLED,
        error_handling=fitdecode.ErrorHandling.IGNORE,  # misaligned sizes fall back to bytes
    )
    try:
        for frame in reader:
            collector.feed(frame)
    except fitdecode.FitCRCError as exc:
        raise FitCrcError from exc
    except fitdecode.FitEOFError as exc:
        _ended_early(collector, exc)
    except fitdecode.FitHeaderError as exc:
        _bad_header(collector, data, exc)
    except fitdecode.FitParseError as exc:
        why = "it uses a message it never defined" if "not defined" in str(exc) else None
        raise CorruptFitError(exc.offset, why or "its data breaks the FIT format") from exc
    except FitError:
        raise
    except Exception as exc:  # fitdecode can fail with plain Python errors on hostile bytes
        raise CorruptFitError from exc
    finally:
        reader.close()
    return collector.build()
