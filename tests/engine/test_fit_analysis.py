"""Tests for engine.fit analysis on generated files: one Activity per session, all metrics."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from engine.fit import Activity, FitFile, analyse, analyse_fit
from engine.fit.model import Records, SessionMsg, SetMsg
from engine.fit.stream import ascent_m, session_start
from engine.hr import AthleteProfile, counted_time_s
from tests.engine import fitgen

ATHLETE = AthleteProfile(age=40, sex="m")


def _one(data: bytes) -> Activity:
    (activity,) = analyse_fit(data, ATHLETE)
    return activity


def test_run_with_gps_and_hr():
    """A steady 30-minute run at 3 m/s: summary, pace, cadence, laps and efforts."""
    run = _one(fitgen.run_gps_hr())
    assert (run.sport, run.sub_sport) == ("running", "generic")
    assert run.start_time == datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    assert (run.elapsed_s, run.timer_s) == (1800, 1800)
    assert run.distance_m == pytest.approx(5400)
    assert run.avg_pace_s_per_km == pytest.approx(1000 / 3)
    assert (run.avg_hr, run.max_hr) == (140, 180)  # the session's own summary wins
    assert run.avg_cadence == 170  # 85 strides/min → steps/min
    assert [lap.distance_m for lap in run.laps] == pytest.approx([1800, 1800, 1800])
    assert run.best_efforts["400 m"] == pytest.approx(400 / 3)
    assert run.best_efforts["5 km"] == pytest.approx(5000 / 3)
    assert "10 km" not in run.best_efforts
    assert (run.gait, run.has_gps, run.has_hr, run.partial) == ("run", True, True, False)


def test_zone_times_cover_the_hr_stream_and_loads_are_positive():
    """Zone totals equal the counted HR time; the HR ramp visits every zone Z1..Z5."""
    run = _one(fitgen.run_gps_hr())
    counted = counted_time_s(
        [run.start_time.timestamp() + t for t in run.track.offset_s], run.track.hr_bpm
    )
    assert sum(run.zone_times_s) == pytest.approx(counted)
    assert all(seconds > 0 for seconds in run.zone_times_s[1:])
    assert run.trimp > 0
    assert run.hrtss > 0
    assert run.trimp_edwards > 0


def test_ride_without_hr_has_no_hr_metrics():
    """No strap: HR fields are None, zones are zero, no pace or efforts for a ride."""
    ride = _one(fitgen.ride_no_hr())
    assert ride.sport == "cycling"
    assert (ride.avg_hr, ride.max_hr, ride.trimp, ride.hrtss) == (None, None, None, None)
    assert ride.zone_times_s == (0.0,) * 6
    assert ride.avg_pace_s_per_km is None
    assert ride.best_efforts == {}
    assert ride.avg_speed_mps == pytest.approx(8.0)
    assert not ride.has_hr


def test_walk_saved_as_run_is_detected():
    """A 1.4 m/s 'run' keeps its sport but its gait is 'walk'."""
    walk = _one(fitgen.walk_as_run())
    assert walk.sport == "running"
    assert walk.gait == "walk"


def test_multisport_file_gives_one_activity_per_session():
    """A run then a ride: two activities with their own samples and metrics."""
    run, ride = analyse_fit(fitgen.multisport(), ATHLETE)
    assert (run.sport, ride.sport) == ("running", "cycling")
    assert ride.start_time == datetime(2024, 5, 1, 6, 10, 1, tzinfo=UTC)
    assert (len(run.track), len(ride.track)) == (601, 601)
    assert run.distance_m == pytest.approx(1920)
    assert ride.avg_hr == pytest.approx(155, abs=0.5)
    assert ride.best_efforts == {}
    assert run.track.offset_s[0] == 0


def test_strength_sets_map_to_exercises():
    """Active sets become strength sets with canonical names; rest sets are dropped."""
    gym = _one(fitgen.strength())
    assert (gym.sport, gym.sub_sport) == ("training", "strength_training")
    sets = gym.strength_sets
    assert [s.exercise for s in sets] == ["bench press", "bench press", "front squat", None]
    assert [(s.reps, s.weight_kg) for s in sets] == [(5, 100), (5, 100), (3, 80), (12, 0)]
    assert sets[2].fit_exercise == "barbell_front_squat"
    assert sets[3].fit_category is None
    assert sets[0].start_time == datetime(2024, 5, 1, 6, 0, 30, tzinfo=UTC)
    assert sets[0].duration_s == pytest.approx(40)


def test_hr_from_separate_hr_messages():
    """When records carry no HR, the strap's hr messages supply HR, zones and TRIMP."""
    swim = _one(fitgen.hr_messages_only())
    assert swim.has_hr
    assert swim.avg_hr == pytest.approx(135, abs=1)
    assert swim.max_hr == 170
    assert sum(swim.zone_times_s) == pytest.approx(600, abs=5)
    assert swim.trimp > 0


def test_session_hr_written_as_zero_is_computed_from_records():
    """A session claiming avg/max HR 0 gets them from the record stream instead."""
    ride = _one(fitgen.zero_session_hr())
    assert (ride.avg_hr, ride.max_hr) == (pytest.approx(150), 150)
    assert ride.zone_times_s[4] == pytest.approx(600)


def test_to_json_dict_is_plain_json():
    """The JSON summary has the agreed keys, a UTC ISO start and survives json.dumps."""
    summary = _one(fitgen.strength()).to_json_dict()
    required = {
        "sport",
        "sub_sport",
        "start_time",
        "elapsed_s",
        "timer_s",
        "distance_m",
        "avg_hr",
        "max_hr",
        "records",
        "zone_times_s",
        "best_efforts",
        "trimp",
        "hrtss",
    }
    assert required <= summary.keys()
    assert summary["start_time"] == "2024-05-01T06:00:00+00:00"
    assert summary["records"] == 181
    assert len(summary["zone_times_s"]) == 6
    assert summary["strength_sets"][0]["exercise"] == "bench press"
    assert json.loads(json.dumps(summary)) == summary


def _session(start, end, elapsed) -> SessionMsg:
    return SessionMsg(start, end, elapsed, elapsed, None, "running", None, *([None] * 6))


@pytest.mark.parametrize(
    ("session", "start"),
    [
        (_session(1000.0, 1600.0, 600.0), 1000.0),
        (_session(3700.0, 6400.0, 5400.0), 1000.0),  # start + elapsed overruns the end: repair
        (_session(1000.0, 1000.0, 600.0), 1000.0),  # end == start (a strength watch): keep
        (_session(None, 1600.0, 600.0), 1000.0),
        (_session(1000.0, None, None), 1000.0),
    ],
)
def test_session_start_repairs_only_real_overruns(session, start):
    """A start that overruns the session's own end is re-anchored at end − elapsed."""
    assert session_start(session) == start


def test_ascent_ignores_noise_below_the_threshold():
    """Wiggles under 3 m add nothing; real climbs count from the lowest point."""
    assert ascent_m([100, 102, 100, 102, 100]) == 0
    assert ascent_m([100, 99, 104, 103, 110, None, 90, 95]) == pytest.approx(5 + 7 + 5)
    assert ascent_m([None, None]) is None


def test_sets_without_session_or_records_still_make_an_activity():
    """A file holding only strength sets becomes one activity spanning the sets."""
    empty = Records((), (), (), (), (), (), ())
    sets = (SetMsg(1000.0, 30.0, 5, 60.0, True, 0, 1), SetMsg(1200.0, 30.0, 5, 60.0, True, 0, 1))
    fit = FitFile(None, None, "training", None, (), (), empty, (), (), sets, 1, True, False)
    (gym,) = analyse(fit, ATHLETE)
    assert gym.sport == "training"
    assert [s.exercise for s in gym.strength_sets] == ["bench press", "bench press"]
    assert gym.elapsed_s == 200
