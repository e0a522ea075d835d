"""Every real device file of the shared corpus through decoding and analysis (see SOURCES.md)."""

from __future__ import annotations

import functools
import itertools
import json
from datetime import date

import pytest

from engine.fit import (
    Activity,
    ChainedHeaderError,
    CorruptFitError,
    FitCrcError,
    FitFile,
    TruncatedFitError,
    analyse,
    decode_fit,
)
from engine.hr import AthleteProfile
from engine.running import EFFORT_DISTANCES_M
from tests.engine import fitgen

FOLDER = fitgen.shared_fit_dir()
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(FOLDER is None, reason="shared FIT corpus not present"),
]
ATHLETE = AthleteProfile(age=40, sex="m")

# file: (sessions, first sport, first sub_sport, records, has HR, has GPS)
VALID = {
    "run_fr110_2013": (1, "running", "generic", 590, True, True),
    "run_fenix2_small": (1, "running", None, 2809, True, True),
    "run_fenix5_short": (1, "running", "generic", 21, True, True),
    "run_stryd_devfields": (1, "running", "generic", 3424, True, True),
    "run_fr920xt_devfields": (1, "running", "generic", 6874, True, True),
    "run_fr70_compressed_ts": (1, "running", None, 755, True, False),
    "bike_edge500_long": (1, "cycling", None, 10686, True, True),
    "bike_elemnt_long": (1, "cycling", None, 13471, True, True),
    "bike_edge810_vector": (1, "cycling", "generic", 4700, True, True),
    "bike_edge530_hrv": (1, "cycling", "road", 8823, True, True),
    "bike_coros_misaligned": (1, "cycling", None, 11272, True, True),
    "bike_edge820_short": (1, "cycling", "commuting", 15, True, True),
    "bike_fenix5_short": (1, "cycling", "generic", 19, True, True),
    "bike_edge200_nohr": (1, "cycling", "generic", 221, False, True),
    "bike_indoor_edge800": (1, "cycling", "generic", 2263, True, False),
    "bike_zwift_virtual": (1, "cycling", "virtual_activity", 1808, False, True),  # HR all 0
    "walk_fenix5_short": (1, "walking", "generic", 17, True, True),
    "swim_pool_fr735xt": (1, "swimming", "lap_swimming", 4376, True, False),
    "multisport_tri_fr920xt": (5, "swimming", "open_water", 1773, True, True),
    "multisport_fenix2_large": (7, "generic", None, 24239, True, True),
    "strength_fr965": (1, "training", "strength_training", 1322, True, False),
    "rowing_vivoactive_hr": (1, "fitness_equipment", "indoor_rowing", 1641, True, False),
}


@functools.cache
def _data(name: str) -> bytes:
    assert FOLDER is not None
    return (FOLDER / f"{name}.fit").read_bytes()


@functools.cache
def _load(name: str) -> tuple[FitFile, list[Activity]]:
    fit = decode_fit(_data(name))
    return fit, analyse(fit, ATHLETE)


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_file_has_expected_sessions_and_samples(name):
    """Session count, sport, record count, HR and GPS presence match SOURCES.md."""
    sessions, sport, sub_sport, records, has_hr, has_gps = VALID[name]
    fit, activities = _load(name)
    assert len(activities) == sessions
    assert (activities[0].sport, activities[0].sub_sport) == (sport, sub_sport)
    assert len(fit.records) == records
    assert sum(len(a.track) for a in activities) == records
    assert any(a.has_hr for a in activities) == has_hr
    assert any(a.has_gps for a in activities) == has_gps


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_file_has_sensible_summary(name):
    """Dates, durations, distances, HR and loads are plausible and JSON-serialisable."""
    _, activities = _load(name)
    starts = [a.start_time for a in activities]
    assert starts == sorted(starts)
    for a in activities:
        assert date(2010, 1, 1) <= a.start_time.date() <= date(2026, 1, 1)
        assert a.elapsed_s > 0
        assert 0 < a.timer_s <= a.elapsed_s * 1.01 + 2
        assert a.distance_m is None or 0 <= a.distance_m < 200_000
        if a.avg_hr is not None:
            assert 40 <= a.avg_hr <= a.max_hr <= 220
        assert (sum(a.zone_times_s) > 0) == a.has_hr == (a.trimp is not None)
        times = [a.best_efforts[k] for k in EFFORT_DISTANCES_M if k in a.best_efforts]
        assert times == sorted(times)
        json.dumps(a.to_json_dict())


def test_elemnt_average_speed():
    """The Wahoo ELEMNT ride averages 5.86 m/s (as fitparse checks)."""
    (ride,) = _load("bike_elemnt_long")[1]
    assert ride.avg_speed_mps == pytest.approx(5.86)
    assert ride.distance_m == pytest.approx(78940.55)


def test_triathlon_sessions_and_chained_parts():
    """The FR920XT triathlon has 4 chained parts and swim/T1/bike/T2/run sessions."""
    fit, activities = _load("multisport_tri_fr920xt")
    assert fit.parts == 4
    assert [a.sport for a in activities] == [
        "swimming",
        "transition",
        "cycling",
        "transition",
        "running",
    ]
    assert activities[0].zone_times_s[5] > 0  # swim HR comes from the strap's hr messages


def test_multisport_overlapping_first_session_is_repaired():
    """The Fenix 2 file's first session is re-anchored so no session overlaps the next."""
    _, activities = _load("multisport_fenix2_large")
    assert [a.sport for a in activities].count("transition") == 3
    for before, after in itertools.pairwise(activities):
        assert before.start_time.timestamp() + before.elapsed_s <= after.start_time.timestamp() + 1
    assert activities[0].avg_hr is not None  # the sessions carry no HR; records do


def test_pool_swim_hr_only_in_hr_messages():
    """Pool swim: 5 chained parts, no HR in records, HR recovered from hr messages."""
    fit, (swim,) = _load("swim_pool_fr735xt")
    assert fit.parts == 5
    assert all(hr is None for hr in fit.records.hr_bpm)
    assert len(fit.hr_bpm) > 1415
    assert swim.has_hr
    assert sum(swim.zone_times_s) == pytest.approx(swim.timer_s, rel=0.05)


def test_strength_file_sets():
    """76 set messages: 38 active sets are kept, with reps, and some exercises named."""
    fit, (gym,) = _load("strength_fr965")
    assert len(fit.sets) == 76
    assert len(gym.strength_sets) == 38
    assert all(s.reps for s in gym.strength_sets)
    assert "lat pulldown" in {s.exercise for s in gym.strength_sets}
    assert gym.laps == ()


def test_compressed_timestamps_are_anchored_on_local_time():
    """The FR70 has no clock: times are anchored on its local wall time and flagged."""
    fit, (run,) = _load("run_fr70_compressed_ts")
    assert fit.clock_estimated
    assert run.clock_estimated
    assert run.start_time.date() == date(2012, 2, 13)
    assert run.distance_m == pytest.approx(10248.67)
    assert "10 km" in run.best_efforts


@pytest.mark.parametrize("name", ["run_stryd_devfields", "bike_coros_misaligned"])
def test_session_without_hr_summary_gets_hr_from_records(name):
    """Files whose session lacks average HR get it from the record stream."""
    (activity,) = _load(name)[1]
    assert 100 < activity.avg_hr < 170


@pytest.mark.parametrize(
    ("name", "error", "fragment"),
    [
        ("bad_crc", FitCrcError, "checksum does not match"),
        ("bad_truncated_eof", TruncatedFitError, "ends too early: it was cut off"),
        ("bad_chained_corrupt_header", ChainedHeaderError, "header of part 2 is corrupt"),
        ("bad_chained_nodata", TruncatedFitError, "inside part 2 of its 2 chained"),
        ("bad_strava_undefined_msg", CorruptFitError, "byte 7471: it uses a message it never"),
    ],
)
def test_bad_files_are_refused_with_specific_messages(name, error, fragment):
    """Each broken file raises its own FitError subclass with a specific message."""
    with pytest.raises(error, match=fragment):
        decode_fit(_data(name))


def test_unterminated_recording_is_analysed_as_partial():
    """The never-finalised Sigma ride: all 14391 records analysed, flagged partial."""
    fit, (ride,) = _load("bad_unterminated_sigma")
    assert not fit.complete
    assert ride.partial
    assert ride.sport == "cycling"
    assert len(ride.track) == 14391
    assert ride.distance_m == pytest.approx(113550.87)
    assert ride.has_gps
    assert ride.has_hr
