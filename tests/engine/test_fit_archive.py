"""Tests for engine.fit.archive: .fit files out of Garmin export ZIPs, with bomb guards."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from engine.fit import (
    BadZipError,
    NoFitInZipError,
    ZipError,
    ZipLimitError,
    ZipLimits,
    extract_fit_files,
)


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_fit_members_are_found_in_nested_folders():
    """.fit files at any depth (any case) are returned; other files, folders and forks are not."""
    data = _zip(
        {
            "DI_CONNECT/DI-Connect-Fitness/summary.json": b"{}",
            "DI_CONNECT/uploads/2024/run.fit": b"run bytes",
            "ride.FIT": b"ride bytes",
            "__MACOSX/DI_CONNECT/._run.fit": b"resource fork",
            "DI_CONNECT/._hidden.fit": b"resource fork",
            "notes.txt": b"hello",
        }
    )
    assert extract_fit_files(data) == [
        ("DI_CONNECT/uploads/2024/run.fit", b"run bytes"),
        ("ride.FIT", b"ride bytes"),
    ]


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 broken", b"not a zip at all"])
def test_non_zip_input_is_refused(data):
    """Bytes that are not a ZIP raise BadZipError with a friendly message."""
    with pytest.raises(BadZipError, match="cannot be opened"):
        extract_fit_files(data)


def test_archive_without_fit_files():
    """An archive of JSON only says it holds no .fit files."""
    with pytest.raises(NoFitInZipError, match=r"no \.fit"):
        extract_fit_files(_zip({"a.json": b"{}"}))


def test_too_many_members_is_refused_from_the_directory():
    """The member count is checked before anything is inflated."""
    data = _zip({f"f{i}.fit": b"x" for i in range(6)})
    with pytest.raises(ZipLimitError, match="more than 5 files"):
        extract_fit_files(data, ZipLimits(max_members=5))


@pytest.mark.parametrize(
    ("limits", "fragment"),
    [
        (ZipLimits(max_member_bytes=1000), "too big when unpacked"),
        (ZipLimits(max_total_bytes=1500), "too big when unpacked"),
    ],
)
def test_declared_sizes_over_the_limits_are_refused(limits, fragment):
    """Member and total unpacked sizes are capped."""
    data = _zip({"a.fit": bytes(range(256)) * 4, "b.fit": bytes(range(256)) * 4})
    with pytest.raises(ZipLimitError, match=fragment):
        extract_fit_files(data, limits)


def test_suspicious_compression_ratio_is_refused():
    """Two MiB of zeros compress about 1000:1, far beyond any real FIT file."""
    data = _zip({"bomb.fit": bytes(2 * 1024 * 1024)})
    with pytest.raises(ZipLimitError, match="compressed suspiciously well"):
        extract_fit_files(data)


def _lie_about_size(data: bytes, declared: int) -> bytes:
    """Rewrite the uncompressed size in the local and central headers of a one-member ZIP."""
    patched = bytearray(data)
    local = patched.find(b"PK\x03\x04")
    struct.pack_into("<I", patched, local + 22, declared)
    central = patched.find(b"PK\x01\x02")
    struct.pack_into("<I", patched, central + 24, declared)
    return bytes(patched)


def test_member_that_unpacks_beyond_its_declared_size_is_refused():
    """A header that understates the unpacked size is caught while inflating."""
    data = _lie_about_size(_zip({"a.fit": bytes(range(256)) * 200}), 100)
    with pytest.raises(ZipError):
        extract_fit_files(data)


def test_password_protected_archive_is_refused():
    """Encrypted members cannot be read, and the message says why."""
    data = bytearray(_zip({"a.fit": b"secret"}, zipfile.ZIP_STORED))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        struct.pack_into("<H", data, start + flag_at, 1)
    with pytest.raises(BadZipError, match="password"):
        extract_fit_files(bytes(data))


def test_zips_inside_the_zip_are_opened_one_level_deep():
    """A Garmin full export keeps activities in inner ZIPs; a ZIP three deep is left alone."""
    deepest = _zip({"c.fit": b"third"})
    inner = _zip({"b.fit": b"second", "deeper.zip": deepest})
    outer = _zip({"a.fit": b"first", "DI_CONNECT/uploads/part1.zip": inner})
    assert extract_fit_files(outer) == [
        ("a.fit", b"first"),
        ("DI_CONNECT/uploads/part1.zip/b.fit", b"second"),
    ]


def test_nested_zips_share_the_member_limit():
    """Files spread over inner ZIPs count against one limit, so nesting cannot dodge it."""
    inners = {f"part{i}.zip": _zip({f"{i}-{j}.fit": b"x" for j in range(3)}) for i in range(3)}
    with pytest.raises(ZipLimitError, match="more than 8 files"):
        extract_fit_files(_zip(inners), ZipLimits(max_members=8))
    assert len(extract_fit_files(_zip(inners), ZipLimits(max_members=12))) == 9


def test_a_broken_inner_zip_is_a_bad_archive():
    """A damaged ZIP inside the archive is reported like a damaged archive."""
    with pytest.raises(BadZipError):
        extract_fit_files(_zip({"part.zip": b"PK\x03\x04 not really a zip"}))
