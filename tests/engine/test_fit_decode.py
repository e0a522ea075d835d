"""Tests for engine.fit decoding on generated files: error messages, chaining, damage policy."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import EngineError, FitError
from engine.fit import (
    ChainedHeaderError,
    CorruptFitError,
    EmptyFitError,
    FitCrcError,
    NoActivityError,
    NoClockError,
    NotFitError,
    TruncatedFitError,
    analyse,
    analyse_fit,
    decode_fit,
)
from engine.hr import AthleteProfile
from tests.engine import fitgen

ATHLETE = AthleteProfile(age=40, sex="m")


@pytest.mark.parametrize(
    ("data", "error", "fragment"),
    [
        (b"", EmptyFitError, "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", NotFitError, "not a FIT file"),
        (b"date,distance\n2024-05-01,5.0\n", NotFitError, "not a FIT file"),
        (b"\x0e\x10", NotFitError, "not a FIT file"),
    ],
)
def test_unusable_input_gets_a_specific_message(data, error, fragment):
    """Empty input and renamed non-FIT files are refused with a user-safe message."""
    with pytest.raises(error, match=fragment) as info:
        decode_fit(data)
    assert isinstance(info.value, FitError)
    assert isinstance(info.value, EngineError)


def test_bad_file_checksum_is_refused_unless_checking_is_off():
    """A wrong file CRC is refused; with check_crc=False the same bytes decode."""
    data = bytearray(fitgen.ride_no_hr())
    data[-1] ^= 0xFF
    with pytest.raises(FitCrcError, match="checksum"):
        decode_fit(bytes(data))
    assert len(decode_fit(bytes(data), check_crc=False).records) == 451


def test_header_checksum_is_checked_too():
    """A 14-byte header with a correct CRC decodes; a wrong header CRC is refused."""
    assert decode_fit(fitgen.with_header_crc(fitgen.ride_no_hr())).sessions
    with pytest.raises(FitCrcError):
        decode_fit(fitgen.with_header_crc(fitgen.ride_no_hr(), valid=False))


@pytest.mark.parametrize("cut", [1, 2, 3, 20])
def test_file_cut_after_its_summary_is_truncated(cut):
    """Cutting a finished file (its session already written) is refused as truncated."""
    with pytest.raises(TruncatedFitError, match="ends too early"):
        decode_fit(fitgen.run_gps_hr()[:-cut])


def test_unfinalised_recording_is_analysed_from_its_records():
    """Records without session or checksum are kept and analysed, flagged as partial."""
    fit = decode_fit(fitgen.unfinalised())
    assert not fit.complete
    assert fit.sessions == ()
    assert len(fit.records) == 601
    (activity,) = analyse(fit, ATHLETE)
    assert activity.partial
    assert activity.sport == "cycling"
    assert activity.distance_m == pytest.approx(3600)
    assert activity.elapsed_s == pytest.approx(600)


def test_chained_files_are_read_as_one():
    """Two FIT files back to back give both sessions and both record streams."""
    fit = decode_fit(fitgen.ride_no_hr() + fitgen.zero_session_hr())
    assert fit.parts == 2
    assert len(fit.sessions) == 2
    assert len(fit.records) == 451 + 601


def test_zero_padding_after_a_complete_file_is_ignored():
    """Trailing zero bytes (padding from a transfer) do not make a file corrupt."""
    assert decode_fit(fitgen.ride_no_hr() + bytes(7)).parts == 1


@pytest.mark.parametrize("tail", [b"\x0c\x10\x47\x00\x44\x00\x00\x00.GIT", b"junk after the end"])
def test_corrupt_chained_header_is_refused(tail):
    """Non-zero bytes after a complete file must be a valid chained header."""
    with pytest.raises(ChainedHeaderError, match="part 2"):
        decode_fit(fitgen.ride_no_hr() + tail)


def test_chained_part_without_data_is_truncated():
    """A second header whose data is missing names the damaged part."""
    second = fitgen.zero_session_hr()
    with pytest.raises(TruncatedFitError, match="part 2 of its 2") as info:
        decode_fit(fitgen.ride_no_hr() + second[:15])
    assert info.value.part == 2


def test_undefined_local_message_is_corrupt():
    """Data that refers to a message type it never defined is reported as damaged."""
    data = fitgen.undefined_message(fitgen.ride_no_hr())
    with pytest.raises(CorruptFitError, match="never defined") as info:
        decode_fit(data, check_crc=False)
    assert info.value.offset == 12


def test_valid_fit_without_activity_data():
    """A settings file decodes but has nothing to analyse, and says what it is."""
    fit = decode_fit(fitgen.settings_file())
    assert fit.file_type == "settings"
    with pytest.raises(NoActivityError, match="'settings' file"):
        analyse(fit, ATHLETE)


def test_relative_clock_is_anchored_on_local_time():
    """Power-on-relative times are placed at the activity's local wall time and flagged."""
    (activity,) = analyse_fit(fitgen.relative_clock(local_offset_h=2), ATHLETE)
    assert activity.clock_estimated
    assert activity.start_time.isoformat() == "2024-05-01T08:00:00+00:00"
    assert activity.elapsed_s == pytest.approx(300)


def test_relative_clock_without_anchor_is_refused():
    """Without the activity's local time there is no day to put the activity on."""
    with pytest.raises(NoClockError, match="no real date"):
        decode_fit(fitgen.relative_clock(local_offset_h=None))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
    st.integers(0, 10**6),
    st.booleans(),
)
def test_damaged_bytes_never_escape_as_other_errors(edits, cut, check_crc):
    """Random byte damage yields activities or a FitError, never another exception."""
    data = bytearray(fitgen.strength())
    for position, value in edits:
        data[position % len(data)] = value
    data = data[: max(1, cut % (len(data) + 1))]
    refusal = None
    try:
        activities = analyse_fit(bytes(data), ATHLETE, check_crc=check_crc)
    except FitError as exc:
        activities, refusal = [], str(exc)
    assert refusal is None or refusal.endswith(".")
    assert all(a.elapsed_s >= 0 and a.timer_s >= 0 for a in activities)
