"""Reading weigh-ins and their 7-day trend."""

import datetime as dtm

import pytest

from engine.bodyweight import (
    BodyWeightError,
    change_over,
    read_argument,
    read_message,
    trend,
)

D = dtm.date(2026, 11, 1)


@pytest.mark.parametrize(("text", "kg"), [
    ("bw 82.5", 82.5), ("weight 82.5kg", 82.5), ("BW: 82,5", 82.5), ("weighed 181 lb", 82.1),
    ("my weight is 80", 80.0), ("82.5 bodyweight", 82.5),
])
def test_plain_weighins(text, kg):
    assert read_message(text, "kg") == pytest.approx(kg, abs=0.01)


@pytest.mark.parametrize("text", [
    "bench 100x5", "82.5", "squat 3x5 @ 100", "bw pull-ups 3x8", "weight 5", "thanks",
])
def test_other_messages_are_no_weighins(text):
    assert read_message(text, "kg") is None


def test_command_argument_in_the_users_unit():
    assert read_argument("82.5", "kg") == 82.5
    assert read_argument("181", "lb") == pytest.approx(82.1, abs=0.01)
    assert read_argument("82 KG", "lb") == 82.0
    for bad in ("", "heavy", "5", "900", "82.5.5"):
        with pytest.raises(BodyWeightError):
            read_argument(bad, "kg")


def test_trend_is_the_mean_of_the_last_seven_days():
    days = [(D + dtm.timedelta(days=i), 80.0 + i) for i in range(10)]
    points = trend(days)
    assert points[0].trend_kg == 80.0
    assert points[6].trend_kg == pytest.approx(83.0)
    assert points[9].trend_kg == pytest.approx(86.0)  # days 3..9
    assert change_over(points) == pytest.approx(86.0 - 81.0)  # against day 2 (mean of 0..2)
    assert change_over(points[:1]) is None
