"""DOTS and Wilks 2 against published coefficient tables and hand-worked totals."""

import pytest

from engine.strength_scores import (
    ScoreError,
    big_three_scores,
    dots,
    dots_coefficient,
    wilks2,
    wilks2_coefficient,
)

# Wilks 2020 coefficient tables as published by Powerlifting Australia (4 decimals).
WILKS2_MEN = {40: 1.3895, 50: 1.1510, 60: 0.9968, 70: 0.8923, 80: 0.8191, 90: 0.7670,
              100: 0.7294, 120: 0.6817, 140: 0.6546, 160: 0.6361, 180: 0.6213, 200: 0.6123}
WILKS2_WOMEN = {40: 1.8486, 50: 1.5091, 60: 1.3190, 70: 1.2042, 80: 1.1318, 90: 1.0846,
                100: 1.0525, 120: 1.0089, 140: 0.9753, 150: 0.9635}


@pytest.mark.parametrize(("bw", "coef"), WILKS2_MEN.items())
def test_wilks2_men_matches_the_published_table(bw, coef):
    assert round(wilks2_coefficient("m", bw), 4) == coef


@pytest.mark.parametrize(("bw", "coef"), WILKS2_WOMEN.items())
def test_wilks2_women_matches_the_published_table(bw, coef):
    assert round(wilks2_coefficient("f", bw), 4) == coef


def test_wilks2_clamps_outside_the_table():
    assert wilks2_coefficient("m", 20) == wilks2_coefficient("m", 40)
    assert round(wilks2_coefficient("m", 400), 4) == 0.6122
    assert round(wilks2_coefficient("f", 200), 4) == 0.9627


def test_dots_worked_examples():
    # 100 kg man: denominator -307.75076 + 2409.00756 - 1918.759221 + 739.1293 - 109.3
    assert dots("m", 100, 700) == pytest.approx(700 * 500 / 812.327, abs=1e-3)
    assert dots("m", 100, 700) == pytest.approx(430.86, abs=0.01)
    # 60 kg woman, 400 kg total
    assert dots("f", 60, 400) == pytest.approx(443.42, abs=0.01)
    assert dots_coefficient("m", 300) == dots_coefficient("m", 210)
    assert dots_coefficient("f", 30) == dots_coefficient("f", 40)


def test_scores_refuse_impossible_input():
    with pytest.raises(ScoreError):
        dots("m", 0, 500)
    with pytest.raises(ScoreError):
        wilks2("x", 80, 500)  # type: ignore[arg-type]


def test_big_three_needs_all_three_lifts_and_a_body_weight():
    e1rms = {"squat": 200.0, "bench press": 140.0, "deadlift": 240.0}
    scores = big_three_scores(e1rms, 90.0, "m")
    assert scores is not None
    assert scores.total_kg == 580.0
    assert scores.wilks2 == pytest.approx(580 * 0.7670, abs=0.05)
    assert big_three_scores(e1rms, None, "m") is None
    assert big_three_scores({"squat": 200.0, "deadlift": 240.0}, 90.0, "m") is None
