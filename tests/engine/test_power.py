"""Normalized power, IF, TSS, power zones and efforts, rTSS against published definitions."""

import math

import pytest

from engine.power import (
    PowerError,
    best_mean,
    estimate_ftp,
    graded_speeds,
    intensity_factor,
    minetti_cost,
    normalized_power,
    parse_pace,
    power_best_efforts,
    power_zone,
    resample_1s,
    rtss,
    time_in_power_zones,
    tss,
)


def stream(values, step=1.0):
    return [i * step for i in range(len(values) + 1)], [*values, None]


def test_steady_power_normalizes_to_itself():
    times, watts = stream([200.0] * 600)
    assert normalized_power(times, watts) == pytest.approx(200.0)


def test_variable_power_normalizes_above_its_mean():
    # Coggan: NP exceeds average power for variable efforts. 5 min at 300 W and 5 min at 100 W
    # (mean 200 W); the 30 s rolling mean is 300 or 100 except 30 s of ramp between them.
    times, watts = stream([300.0] * 300 + [100.0] * 300)
    np_w = normalized_power(times, watts)
    assert 240 < np_w < ((300**4 + 100**4) / 2) ** 0.25 + 1


def test_under_thirty_seconds_has_no_np():
    times, watts = stream([250.0] * 20)
    assert normalized_power(times, watts) is None


def test_pauses_are_not_filled():
    times = [0, 1, 2, 3] + [1000 + i for i in range(40)]
    runs = resample_1s(times, [100.0] * len(times))
    assert [len(r) for r in runs] == [3, 39]


def test_tss_published_definitions():
    # TrainingPeaks: one hour at FTP is 100 TSS; IF 0.96 for NP 240 on FTP 250; 1 h → 92.16.
    assert tss(3600, 250, 250) == pytest.approx(100.0)
    assert intensity_factor(240, 250) == pytest.approx(0.96)
    assert tss(3600, 240, 250) == pytest.approx(92.16)
    assert tss(7200, 200, 250) == pytest.approx(128.0)
    with pytest.raises(PowerError):
        tss(3600, 200, 0)


def test_ftp_estimate_is_95_percent_of_20_minutes():
    times, watts = stream([200.0] * 600 + [280.0] * 1200 + [150.0] * 300)
    efforts = power_best_efforts(times, watts)
    assert efforts["20 min"] == pytest.approx(280.0)
    assert efforts["5 s"] == pytest.approx(280.0)
    assert estimate_ftp(efforts["20 min"]) == pytest.approx(266.0)
    assert estimate_ftp(None) is None


def test_short_ride_has_only_short_efforts():
    times, watts = stream([400.0] * 90)
    assert set(power_best_efforts(times, watts)) == {"5 s", "1 min"}
    assert best_mean([[1.0, 2.0]], 5) is None


def test_coggan_power_zones():
    ftp = 250
    assert [power_zone(w, ftp) for w in (100, 137.5, 190, 227.5, 265, 302.5, 380)] == [
        1, 2, 3, 4, 5, 6, 7]
    times, watts = stream([100.0] * 10 + [270.0] * 5)
    assert time_in_power_zones(times, watts, ftp) == (10, 0, 0, 0, 5, 0, 0)


def test_minetti_cost_of_running():
    # Minetti et al. 2002's polynomial: 3.6 J/kg/m on the flat, 5.97 at +10 %, 9.01 at +20 %.
    assert minetti_cost(0) == pytest.approx(3.6)
    assert minetti_cost(0.1) == pytest.approx(5.97, abs=0.01)
    assert minetti_cost(0.2) == pytest.approx(9.01, abs=0.01)
    assert minetti_cost(-0.1) < minetti_cost(0)
    flat, up = graded_speeds([3.0, 3.0], [None, 0.1])
    assert flat == 3.0
    assert up > 3.0


def test_rtss_one_hour_at_threshold_is_100():
    threshold = parse_pace("4:30")  # 270 s/km
    assert rtss(3600, 1000 / 270, threshold) == pytest.approx(100.0)
    assert rtss(1800, 1000 / 300, threshold) == pytest.approx(50 * (270 / 300) ** 2)


@pytest.mark.parametrize("bad", ["", "4", "4:3", "4:75", "abc", "1:00", "20:00", "4:30:00"])
def test_bad_paces_are_refused_with_the_reason(bad):
    with pytest.raises(PowerError):
        parse_pace(bad)


def test_np_is_never_below_mean_power():
    times, watts = stream([100.0 + 150 * math.sin(i / 7) ** 2 for i in range(900)])
    mean = sum(w for w in watts if w is not None) / 900
    assert normalized_power(times, watts) >= mean - 1
