"""Tests for CSV imports: detection by headers, Strong classic/newer/German, Hevy kg/lb, Spotter,
bad files, and matching names to the catalog."""

import datetime as dtm
from pathlib import Path

import pytest

from engine.imports import (
    MAX_ROWS,
    CsvImportError,
    match_exercises,
    parse_csv,
    with_unit,
)
from engine.imports.parse import parse_duration, parse_number, parse_when

DATA = Path(__file__).parent / "data" / "imports"


def load(name: str, unit: str | None = None):
    return parse_csv((DATA / name).read_bytes(), unit=unit)


def test_strong_classic_asks_for_the_unit_then_reads_sets_warmups_and_rpe():
    """The classic export has no unit column: weights stay unit-less until the user says."""
    parsed = load("strong_classic.csv")
    assert parsed.format == "strong_classic"
    assert parsed.needs_unit
    assert parsed.sets[0].weight_kg is None
    lb = with_unit(parsed, "lb")
    squat = [s for s in lb.sets if s.exercise == "Squat (Barbell)"]
    assert [s.set_type for s in squat] == ["warmup", "normal", "normal"]
    assert [s.position for s in squat] == [0, 1, 2]
    assert squat[1].weight_kg == pytest.approx(45.359, abs=0.001)
    assert squat[1].rpe == 8.5
    assert squat[1].notes == "felt heavy"
    assert lb.workouts == 2
    assert lb.first == dtm.datetime(2020, 12, 30, 18, 51, 52)
    assert lb.sets[0].ended == dtm.datetime(2020, 12, 30, 21, 29, 52)


def test_strong_classic_zero_means_not_applicable_and_distance_follows_the_unit():
    """0 weight is bodyweight, 0 reps with seconds a timed set, distance in km for kg files."""
    parsed = load("strong_classic.csv", unit="kg")
    by_name = {s.exercise: s for s in parsed.sets}
    assert by_name["Pull Up"].input_weight is None
    assert by_name["Pull Up"].reps == 8
    assert by_name["Plank"].duration_s == 60
    assert by_name["Plank"].reps is None
    assert by_name["Running"].distance_m == 5200
    assert by_name["Bench Press (Barbell)"].workout_name == "Morning, easy"
    assert with_unit(load("strong_classic.csv"), "lb").sets[-2].distance_m == pytest.approx(
        8368.6, abs=0.1
    )


def test_strong_newer_semicolons_decimal_commas_and_per_row_units():
    """Android's export: ';', '82,5', a unit on each row, 'lbs' understood."""
    parsed = load("strong_android.csv")
    assert parsed.format == "strong"
    assert not parsed.needs_unit
    bench, bench2, ohp, run = parsed.sets
    assert bench.weight_kg == 82.5
    assert bench2.rpe == 8.5
    assert ohp.input_unit == "lb"
    assert ohp.weight_kg == pytest.approx(52.163, abs=0.001)
    assert run.distance_m == 3000
    assert run.duration_s == 900
    assert bench.ended - bench.started == dtm.timedelta(hours=1, minutes=5)


def test_strong_german_headers_and_dotted_dates():
    """Localized headers map by name; German dates and quoted semicolons read right."""
    parsed = load("strong_german.csv")
    assert parsed.format == "strong"
    warm, squat, dead = parsed.sets
    assert warm.set_type == "warmup"
    assert warm.exercise == "Kniebeuge (Langhantel)"
    assert squat.weight_kg == 102.5
    assert squat.rpe == 8
    assert squat.notes == "schwer; aber gut"
    assert squat.started == dtm.datetime(2023, 3, 5, 17, 30)
    assert dead.reps == 3


def test_hevy_kg_set_types_multiline_notes_and_dates():
    """Hevy: 0-based index, warmup / dropset / failure, quoted notes across lines."""
    parsed = load("hevy_kg.csv")
    assert parsed.format == "hevy"
    assert parsed.workouts == 2
    types = [s.set_type for s in parsed.sets]
    assert types == ["warmup", "normal", "drop", "failure", "normal"]
    assert [s.position for s in parsed.sets[:3]] == [0, 1, 2]
    assert parsed.sets[1].notes == "paused\nfirst rep"
    assert parsed.sets[1].rpe == 8.5
    assert parsed.sets[0].started == dtm.datetime(2026, 4, 8, 16, 50)
    assert parsed.sets[0].ended == dtm.datetime(2026, 4, 8, 17, 55)
    assert parsed.sets[-1].started == dtm.datetime(2026, 7, 25, 14, 21)


def test_hevy_lb_unit_from_the_header_and_us_dates():
    """weight_lbs / distance_miles headers carry the unit; 'May 7, 2026, 6:13 AM' reads."""
    parsed = load("hevy_lb.csv")
    first, second, run = parsed.sets
    assert first.input_unit == "lb"
    assert first.input_weight == 315
    assert first.weight_kg == pytest.approx(142.882, abs=0.001)
    assert second.rpe == 9
    assert first.started == dtm.datetime(2026, 5, 7, 6, 13)
    assert run.started == dtm.datetime(2026, 5, 8, 18, 40)
    assert run.distance_m == pytest.approx(4989.0, abs=0.1)


def test_columns_are_found_by_name_not_position():
    """The same Hevy data with its columns shuffled parses to the same sets."""
    lines = (DATA / "hevy_lb.csv").read_text().splitlines()
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    order = list(reversed(range(len(rows[0]))))
    out = io.StringIO()
    csv.writer(out).writerows([[r[i] for i in order] for r in rows])
    shuffled = parse_csv(out.getvalue().encode())
    assert shuffled.sets == load("hevy_lb.csv").sets


def test_utf16_and_bom_files_read():
    """Excel re-saves as UTF-16 or UTF-8 with a BOM; both read."""
    text = (DATA / "strong_android.csv").read_text()
    assert parse_csv(text.encode("utf-16")).sets == load("strong_android.csv").sets
    assert parse_csv(b"\xef\xbb\xbf" + text.encode()).sets == load("strong_android.csv").sets


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"Date,Exercise,Category,Weight,Weight Unit,Reps\n2020-01-01,Squat,Legs,100,kg,5\n",
         "FitNotes"),
        (b"name,price\nfoo,3\n", "don't recognise"),
        ("Datum;Übung\n".encode("latin-1") + b"\xfc\xe4\n", "encoding"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"", "empty"),
        (b'title,start_time,exercise_title,set_type,weight_kg,reps\n"A,"8 Apr 2026, 16:50",x\n',
         "quoting"),
        (b"title,start_time,exercise_title,set_type,weight_kg,reps\nA,8 Apr 2026 16:50,Squat,"
         b"normal,100,5,extra,fields\n", "quoting"),
        (b"title,start_time,exercise_title,set_type,weight_kg,reps\nA,someday,Squat,normal,1,5\n",
         "can't read"),
        (b"title,start_time,exercise_title,set_type,weight_kg,reps\n", "no sets"),
    ],
)  # fmt: skip
def test_bad_files_get_a_clear_reason(data, says):
    """Another app's CSV, wrong encoding, binary, empty, broken quoting, unreadable values."""
    with pytest.raises(CsvImportError) as caught:
        parse_csv(data)
    assert says in str(caught.value)
    assert "Nothing was saved" in str(caught.value) or "nothing was saved" in str(caught.value)


def test_too_big_and_too_many_rows_are_refused_before_parsing_everything():
    """50 MB or a million rows: refused with the limit named."""
    with pytest.raises(CsvImportError, match="MB"):
        parse_csv(b"x" * (50 * 1024 * 1024))
    header = b"title,start_time,exercise_title,set_type,weight_kg,reps\n"
    row = b"A,2026-01-01 10:00:00,Squat,normal,100,5\n"
    with pytest.raises(CsvImportError, match="rows"):
        parse_csv(header + row * (MAX_ROWS + 1))


def test_spotter_export_keeps_exact_kg_and_utc_times():
    """Spotter's own sets.csv is recognised and marked UTC."""
    data = (
        b"workout_id,workout_started_at,workout_closed_at,exercise,position,set_type,weight_kg,"
        b"input_weight,input_unit,reps,rir,rpe,bodyweight,added_weight_kg,duration_s,distance_m,"
        b"performed_at,raw_text\n"
        b"7,2026-01-05T17:00:00,2026-01-05T18:00:00,squat,0,warmup,60.0,132.277,lb,5,,,False,,,,"
        b"2026-01-05T17:01:00,squat 132.277lb x5\n"
    )
    parsed = parse_csv(data)
    (only,) = parsed.sets
    assert parsed.format == "spotter"
    assert parsed.times_utc
    assert only.weight_kg == 60.0
    assert only.warmup
    assert only.input_unit == "lb"
    assert only.performed == dtm.datetime(2026, 1, 5, 17, 1)


def test_exercise_names_match_the_catalog_or_offer_suggestions():
    """Strong's 'Name (Equipment)' names resolve; unknown ones carry suggestions."""
    parsed = load("strong_classic.csv", unit="kg")
    matches = {m.name: m for m in match_exercises(parsed.exercise_names)}
    assert matches["Squat (Barbell)"].exercise.name == "squat"
    assert matches["Bench Press (Barbell)"].exercise.name == "bench press"
    assert matches["Pull Up"].exercise.name == "pull-up"
    assert matches["Zercher Carry Thing"].exercise is None
    assert len(matches) == len(parsed.exercise_names)


@pytest.mark.parametrize(
    ("text", "value"),
    [("82,5", 82.5), ("82.5", 82.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("", None)],
)
def test_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("2020-12-30 18:51:52", dtm.datetime(2020, 12, 30, 18, 51, 52)),
        ("8 Apr 2026, 16:50", dtm.datetime(2026, 4, 8, 16, 50)),
        ("May 7, 2026, 12:13 AM", dtm.datetime(2026, 5, 7, 0, 13)),
        ("May 7, 2026, 12:13 PM", dtm.datetime(2026, 5, 7, 12, 13)),
        ("25 Juli 2026, 14:21", dtm.datetime(2026, 7, 25, 14, 21)),
        ("3. März 2026, 07:05", dtm.datetime(2026, 3, 3, 7, 5)),
    ],
)
def test_dates(text, when):
    assert parse_when(text) == when


def test_durations():
    assert parse_duration("2h 38m") == 9480
    assert parse_duration("45m") == 2700
    assert parse_duration("1h") == 3600
    assert parse_duration("") is None
