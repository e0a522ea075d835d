"""Unpack the .fit files of a Garmin export ZIP held in memory, with zip-bomb guards.

Limits are checked twice: first against the sizes the archive declares in its central
directory, then while inflating each member in bounded chunks, because a hostile archive can
declare small sizes and inflate to far more.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from engine.fit.errors import BadZipError, NoFitInZipError, ZipLimitError

_CHUNK = 64 * 1024
_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """Safety limits for one archive.

    ``max_ratio`` applies to members that unpack to more than ``ratio_floor_bytes``; tiny
    members legitimately compress very well.
    """

    max_members: int = 200
    max_total_bytes: int = 256 * _MIB
    max_member_bytes: int = 64 * _MIB
    max_ratio: float = 100.0
    ratio_floor_bytes: int = _MIB


def _is_fit(info: zipfile.ZipInfo) -> bool:
    """Keep .fit files; skip folders and macOS resource forks ('__MACOSX/', '._name.fit')."""
    name = info.filename
    base = name.rsplit("/", 1)[-1]
    return (
        not info.is_dir()
        and name.lower().endswith(".fit")
        and not name.startswith("__MACOSX/")
        and not base.startswith("._")
    )


def _check_declared(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Refuse an archive whose own directory already breaks a limit."""
    if len(infos) > limits.max_members:
        raise ZipLimitError(f"it holds more than {limits.max_members} files")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise BadZipError("it is password-protected")
        if info.file_size > limits.max_member_bytes:
            raise ZipLimitError(f"'{info.filename}' is too big when unpacked")
        _check_ratio(info, info.file_size, limits)
        total += info.file_size
    if total > limits.max_total_bytes:
        raise ZipLimitError("its files are too big when unpacked")


def _check_ratio(info: zipfile.ZipInfo, size: int, limits: ZipLimits) -> None:
    if size > limits.ratio_floor_bytes and size > limits.max_ratio * max(info.compress_size, 1):
        raise ZipLimitError(f"'{info.filename}' is compressed suspiciously well")


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, limits: ZipLimits
) -> bytes:
    """Inflate one member in chunks, stopping as soon as a limit is crossed."""
    chunks = []
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > info.file_size or size > limits.max_member_bytes:
                raise ZipLimitError(f"'{info.filename}' unpacks to more than it declares")
            if size > budget:
                raise ZipLimitError("its files are too big when unpacked")
            _check_ratio(info, size, limits)
            chunks.append(chunk)
    return b"".join(chunks)


# Garmin's full data export keeps activity files in ZIPs inside the ZIP: one level of nesting
# is opened, with one budget of bytes and members shared by every level, so nesting cannot be
# used to get past the limits.
MAX_DEPTH = 1


@dataclass
class _Budget:
    bytes: int
    members: int


def _is_zip(info: zipfile.ZipInfo) -> bool:
    return not info.is_dir() and info.filename.lower().endswith(".zip")


def _extract(
    zip_bytes: bytes, limits: ZipLimits, budget: _Budget, depth: int, prefix: str
) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        infos = archive.infolist()
        _check_declared(infos, limits)
        budget.members -= len(infos)
        if budget.members < 0:
            raise ZipLimitError(f"it holds more than {limits.max_members} files")
        found = []
        for info in infos:
            nested = depth < MAX_DEPTH and _is_zip(info)
            if not (_is_fit(info) or nested):
                continue
            data = _read_member(archive, info, budget.bytes, limits)
            budget.bytes -= len(data)
            if nested:
                found += _extract(data, limits, budget, depth + 1, f"{prefix}{info.filename}/")
            else:
                found.append((prefix + info.filename, data))
    return found


def extract_fit_files(
    zip_bytes: bytes, limits: ZipLimits | None = None
) -> list[tuple[str, bytes]]:
    """Return (path inside the archive, bytes) for every .fit file, in archive order.

    ZIPs inside the archive are opened one level deep (their files get paths like
    ``uploads.zip/123.fit``), within the same limits as the whole archive.

    Args:
        zip_bytes: The whole archive.
        limits: Safety limits; defaults to ``ZipLimits()``.

    Raises:
        BadZipError: Not a ZIP, damaged, encrypted or using an unsupported compression.
        ZipLimitError: Too many members, too big unpacked, or a suspicious compression ratio.
        NoFitInZipError: No .fit member.
    """
    limits = limits or ZipLimits()
    budget = _Budget(limits.max_total_bytes, limits.max_members)
    try:
        found = _extract(zip_bytes, limits, budget, 0, "")
    except zipfile.BadZipFile as exc:
        raise BadZipError from exc
    except NotImplementedError as exc:
        raise BadZipError("it uses an unsupported compression method") from exc
    except (EOFError, OSError, ValueError, zlib.error) as exc:
        raise BadZipError("it is damaged") from exc
    if not found:
        raise NoFitInZipError
    return found
