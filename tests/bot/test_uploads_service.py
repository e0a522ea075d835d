"""FIT uploads through the service: storage, dedupe, PBs, strength sets, bad input, ZIPs."""

from __future__ import annotations

import gzip
import itertools
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from bot.formatting import fmt_duration
from bot.services import Services
from bot.services.athlete import HrInputError, check_profile, parse_setting
from bot.services.upload_analysis import WRONG_TYPE
from bot.services.upload_store import NO_HR_LOAD_PER_HOUR
from bot.services.uploads import ALREADY_HANDLED, UploadReport
from bot.settings import Settings
from engine.errors import EngineError
from engine.fit import analyse_fit
from engine.hr import AthleteProfile
from storage import activities as activity_repo
from storage.tables import User
from tests.bot.upload_support import DAY1, gym_unnamed, ride_at, run_at, zip_of
from tests.conftest import shared_path
from tests.engine import fitgen

ANN, BOB = 701, 702
TODAY = DAY1.date()
_updates = itertools.count(10_000)


def rows(settings: Settings, sql: str) -> list[tuple]:
    path = Path(settings.database_url.removeprefix("sqlite+aiosqlite:///"))
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def count(settings: Settings, table: str) -> int:
    return rows(settings, f"SELECT count(*) FROM {table}")[0][0]  # noqa: S608


async def started(services: Services, user_id: int, units: str = "kg") -> None:
    await services.users.start(next(_updates), user_id, "Ann", None)
    await services.users.set_units(next(_updates), user_id, units)
    await services.users.set_timezone(next(_updates), user_id, "Europe/Berlin")


async def upload(services: Services, name: str, data: bytes, user: int = ANN) -> UploadReport:
    """The reply an upload gets; a refused upload answers like the handler does."""
    try:
        return await services.uploads.upload(next(_updates), user, name, data, 5)
    except EngineError as exc:
        return UploadReport(f"Nothing saved: {exc}")


@pytest.fixture
async def ann(services: Services) -> Services:
    await started(services, ANN)
    return services


async def test_a_run_is_stored_summarised_and_charted(ann: Services, settings: Settings) -> None:
    """One run: a summary in local time, a PNG chart, the activity row and the gzipped original."""
    data = run_at()
    report = await upload(ann, "run.fit", data)
    assert report.stored == 1
    assert report.text.startswith("🏃 Run · Thu 1 Oct 08:00\n5.40 km · 30:00 moving")
    for part in ("Pace 5:33 /km avg", "❤️ HR", "Zones (min): Z1", "(hrTSS)", "5 km 27:47"):
        assert part in report.text
    assert "PB" not in report.text  # nothing to beat yet
    assert [c.png[:4] for c in report.charts] == [b"\x89PNG"]
    ((sha, stored_path),) = rows(settings, "SELECT sha256, stored_path FROM uploaded_files")
    assert stored_path == f"uploads/{ANN}/{sha}.fit.gz"
    assert gzip.decompress((settings.data_dir / stored_path).read_bytes()) == data
    ((load, hrtss, zones, efforts),) = rows(
        settings, "SELECT load, hrtss, zone_times_s, best_efforts FROM activities"
    )
    assert load == pytest.approx(hrtss, abs=0.05)
    assert len(json.loads(zones)) == 6
    assert set(json.loads(efforts)) >= {"1 km", "5 km"}


async def test_miles_for_lb_users(services: Services) -> None:
    """A user on lb sees miles and minutes per mile."""
    await started(services, BOB, units="lb")
    report = await upload(services, "run.fit", run_at(), user=BOB)
    assert "3.36 mi" in report.text
    assert "Pace 8:56 /mi avg" in report.text


async def test_the_same_file_twice_stores_nothing_new(ann: Services, settings: Settings) -> None:
    """A repeated file is recognised by its hash and described, and nothing new is stored."""
    await upload(ann, "run.fit", run_at())
    report = await upload(ann, "again.fit", run_at())
    assert report.text == "Already have this one (Thu 1 Oct run, 5.4 km)"
    assert (report.stored, report.charts) == (0, ())
    assert (count(settings, "uploaded_files"), count(settings, "activities")) == (1, 1)


async def test_the_same_activity_in_other_bytes_is_a_duplicate(
    ann: Services, settings: Settings
) -> None:
    """A re-export (different bytes, same start and sport) is recognised by its start time."""
    await upload(ann, "run.fit", run_at())
    report = await upload(ann, "export.fit", fitgen.with_header_crc(run_at()))
    assert report.text.startswith("Already have this one (Thu 1 Oct run")
    assert (count(settings, "uploaded_files"), count(settings, "activities")) == (1, 1)


async def test_a_faster_run_is_a_pb_and_predicts_races(ann: Services) -> None:
    """The second, faster run flags each distance it beat with the old time."""
    slow, fast = run_at(DAY1, 2.6, 2100), run_at(DAY1 + timedelta(days=7), 3.4)
    first = await upload(ann, "slow.fit", slow)
    second = await upload(ann, "fast.fit", fast)
    athlete = AthleteProfile(35, "m")
    old = analyse_fit(slow, athlete)[0].best_efforts
    new = analyse_fit(fast, athlete)[0].best_efforts
    assert "🔮 Race predictions (VDOT" not in first.text  # VDOT under 30 predicts nothing
    for label in ("1 km", "5 km"):
        line = f"🏆 PB {label} {fmt_duration(new[label])}, was {fmt_duration(old[label])}"
        assert line in second.text
    assert "🔮 Race predictions (VDOT" in second.text


async def test_a_slower_run_after_a_fast_one_is_no_pb(ann: Services) -> None:
    """Efforts slower than the stored best are listed without a PB flag."""
    await upload(ann, "fast.fit", run_at(DAY1, 3.4))
    report = await upload(ann, "slow.fit", run_at(DAY1 + timedelta(days=3), 3.0))
    assert "Best efforts:" in report.text
    assert "🏆" not in report.text


async def test_watch_strength_sets_reach_the_logbook(ann: Services, settings: Settings) -> None:
    """Named sets are logged in kg under one entry; the unnamed one is asked about."""
    report = await upload(ann, "gym.fit", fitgen.strength())
    assert "Logged 3 sets: Bench press 5 × 100 kg, 5 × 100 kg · Front squat 3 × 80 kg" in (
        report.text
    )
    assert "Load: counted from the logged sets" in report.text
    assert rows(settings, "SELECT exercise, weight_kg, reps FROM set_logs ORDER BY id") == [
        ("bench press", 100.0, 5),
        ("bench press", 100.0, 5),
        ("front squat", 80.0, 3),
    ]
    assert rows(settings, "SELECT raw_text FROM log_entries") == [("FIT upload: gym.fit",)]
    assert rows(settings, "SELECT load FROM activities") == [(0.0,)]
    assert rows(settings, "SELECT closed_at IS NOT NULL FROM workouts") == [(1,)]
    question = report.question
    assert question is not None
    assert question.text.startswith("1 set the watch logged without an exercise: 12 reps.")
    assert question.buttons[-1][0] == "Skip"


async def test_naming_unnamed_sets_logs_them_and_moves_the_load(
    ann: Services, settings: Settings
) -> None:
    """Picking an exercise logs the group; the activity's own load then drops to 0."""
    report = await upload(ann, "gym.fit", gym_unnamed())
    assert rows(settings, "SELECT count(*), min(load) > 0 FROM activities") == [(1, 1)]
    assert report.question is not None
    labels = [label for label, _ in report.question.buttons]
    assert labels[0] == "T-bar row"  # the FIT category "row" comes first
    pick = report.question.buttons[labels.index("Barbell row")][1]
    _, pending_id, choice = pick.split(":")
    answer = await ann.uploads.name_sets(next(_updates), ANN, int(pending_id), choice)
    assert answer is not None
    assert answer.text == "✅ Logged 2 sets of barbell row."
    assert answer.question is None
    assert rows(settings, "SELECT exercise, weight_kg, reps FROM set_logs ORDER BY id") == [
        ("barbell row", 20.0, 10),
        ("barbell row", 22.5, 8),
    ]
    assert rows(settings, "SELECT load FROM activities") == [(0.0,)]
    again = await ann.uploads.name_sets(next(_updates), ANN, int(pending_id), choice)
    assert again is None


async def test_skipping_unnamed_sets_logs_nothing(ann: Services, settings: Settings) -> None:
    """Skip stores no sets and keeps the activity's heart-rate load."""
    report = await upload(ann, "gym.fit", gym_unnamed())
    assert report.question is not None
    _, pending_id, _ = report.question.buttons[-1][1].split(":")
    answer = await ann.uploads.name_sets(next(_updates), ANN, int(pending_id), "x")
    assert answer is not None
    assert answer.text == "Skipped 2 sets."
    assert count(settings, "set_logs") == 0
    assert rows(settings, "SELECT load > 0 FROM activities") == [(1,)]


async def test_another_user_cannot_answer_the_question(ann: Services, settings: Settings) -> None:
    """A pending question belongs to its uploader."""
    await started(ann, BOB)
    report = await upload(ann, "gym.fit", gym_unnamed())
    assert report.question is not None
    _, pending_id, _ = report.question.buttons[0][1].split(":")
    assert await ann.uploads.name_sets(next(_updates), BOB, int(pending_id), "0") is None
    assert count(settings, "set_logs") == 0


def _zip_bomb() -> bytes:
    return zip_of({"a.fit": bytes(4 * 1024 * 1024)})


BAD_INPUTS = [
    ("truncated", "run.fit", lambda: run_at()[:-2], "ends too early"),
    ("corrupt", "run.fit", lambda: fitgen.undefined_message(run_at()), "never defined"),
    ("renamed PDF", "run.fit", lambda: b"%PDF-1.7\n" + bytes(200), "not a FIT file"),
    ("empty", "run.fit", lambda: b"", "The file is empty."),
    (
        "bad CRC",
        "run.fit",
        lambda: run_at()[:400] + bytes([run_at()[400] ^ 0xFF]) + run_at()[401:],
        "checksum does not match",
    ),
    ("zip bomb", "export.zip", _zip_bomb, "compressed suspiciously well"),
    (
        "too many files",
        "export.zip",
        lambda: zip_of({f"{i}.fit": b"x" for i in range(201)}),
        "more than 200 files",
    ),
    ("zip without FIT", "export.zip", lambda: zip_of({"notes.txt": b"hi"}), "holds no .fit files"),
    ("not a zip", "export.zip", lambda: b"hello", "cannot be opened"),
    ("a PDF", "report.pdf", lambda: b"%PDF-1.7", WRONG_TYPE),
]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
async def test_bad_input_is_explained_and_stores_nothing(
    ann: Services, settings: Settings, name: str, data, expected: str
) -> None:
    """Each kind of bad upload gets its own friendly reason; no row and no file is written."""
    report = await upload(ann, name, data())
    assert report.text.startswith("Nothing saved: ")
    assert expected in report.text
    for table in ("uploaded_files", "activities", "set_logs"):
        assert count(settings, table) == 0
    assert not (settings.data_dir / "uploads").exists()


@pytest.mark.parametrize(
    ("filename", "size", "expected"),
    [
        ("run.fit", 1000, None),
        ("EXPORT.ZIP", 19 * 1024 * 1024, None),
        ("notes.pdf", 1000, WRONG_TYPE),
        (None, 1000, WRONG_TYPE),
        ("big.zip", 25 * 1024 * 1024, "That file is 25 MB"),
    ],
)
async def test_refusal_before_download(
    ann: Services, filename: str | None, size: int, expected: str | None
) -> None:
    """Wrong types and files over Telegram's 20 MB bot limit are refused before downloading."""
    answer = await ann.uploads.refusal(ANN, filename, size)
    assert answer == expected or (expected is not None and answer.startswith(expected))


async def test_uploads_need_start_first(services: Services) -> None:
    """A stranger is told to /start and nothing is analysed."""
    assert await services.uploads.refusal(999, "run.fit", 10) == (
        "Send /start first, so I know your units and timezone."
    )
    with pytest.raises(EngineError, match="/start"):
        await services.uploads.upload(next(_updates), 999, "run.fit", run_at(), None)


async def test_indoor_and_no_heart_rate_are_explained(ann: Services, settings: Settings) -> None:
    """No GPS: the device's distance; no HR: no zones, and a duration-based load."""
    report = await upload(ann, "ride.fit", ride_at(DAY1, hr=False, gps=False))
    assert "Indoors (no GPS): the distance is the device's own." in report.text
    assert "No heart rate recorded, so no zones." in report.text
    assert "Zones (min)" not in report.text
    assert "estimated from the duration" in report.text
    assert rows(settings, "SELECT load FROM activities") == [
        (pytest.approx(NO_HR_LOAD_PER_HOUR * 1200 / 3600, abs=0.05),)
    ]


async def test_a_walk_saved_as_a_run_is_called_a_walk(ann: Services, settings: Settings) -> None:
    """A walking pace stream is labelled a walk and sets no running marks."""
    report = await upload(ann, "walk.fit", fitgen.walk_as_run())
    assert report.text.startswith("🚶 Walk (recorded as a run) · ")
    assert rows(settings, "SELECT best_efforts FROM activities") == [("{}",)]


async def test_multisport_gives_one_activity_per_session(
    ann: Services, settings: Settings
) -> None:
    """A run-then-ride file is stored and described as two activities."""
    report = await upload(ann, "multi.fit", fitgen.multisport())
    assert report.stored == 2
    assert "🏃 Run · Wed 1 May 08:00" in report.text
    assert "🚴 Ride · road · Wed 1 May 08:10" in report.text
    assert rows(settings, "SELECT sport FROM activities ORDER BY start_time") == [
        ("running",),
        ("cycling",),
    ]
    assert count(settings, "uploaded_files") == 1


async def test_a_zip_is_reported_per_file(ann: Services, settings: Settings) -> None:
    """Nested folders are read; repeats and a damaged file are listed, the rest stored."""
    ride = ride_at(DAY1 + timedelta(days=1))
    await upload(ann, "ride.fit", ride)
    export = zip_of(
        {
            "DI_CONNECT/2026/run.fit": run_at(),
            "DI_CONNECT/2026/ride.fit": ride,
            "DI_CONNECT/copy/run.fit": run_at(),
            "DI_CONNECT/2026/broken.fit": run_at()[:-2],
        }
    )
    report = await upload(ann, "export.zip", export)
    assert report.text.startswith("📦 4 files: 1 new activity, 2 already here, 1 unreadable.")
    assert "📄 broken.fit: The file ends too early" in report.text
    assert "📄 ride.fit: Already have this one (Fri 2 Oct ride, 9.6 km)" in report.text
    assert "📄 run.fit: Already have this one (Thu 1 Oct run, 5.4 km)" in report.text
    assert (count(settings, "uploaded_files"), count(settings, "activities")) == (2, 2)


async def test_the_same_update_twice_is_applied_once(ann: Services, settings: Settings) -> None:
    """A redelivered upload update is answered without storing anything again."""
    update_id = next(_updates)
    await ann.uploads.upload(update_id, ANN, "run.fit", run_at(), 5)
    again = await ann.uploads.upload(update_id, ANN, "run.fit", ride_at(DAY1), 5)
    assert again.text == ALREADY_HANDLED
    assert count(settings, "activities") == 1


async def test_a_failure_midway_leaves_nothing_half_written(
    ann: Services, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If storing the second session fails, the file row and first session roll back too."""
    real = activity_repo.add_activity
    calls = itertools.count()

    async def flaky(session, row):
        if next(calls) == 1:
            raise RuntimeError("disk full")
        return await real(session, row)

    monkeypatch.setattr(activity_repo, "add_activity", flaky)
    update_id = next(_updates)
    with pytest.raises(RuntimeError):
        await ann.uploads.upload(update_id, ANN, "multi.fit", fitgen.multisport(), 5)
    for table in ("uploaded_files", "activities", "processed_updates WHERE kind = 'upload'"):
        assert count(settings, table) == 0
    monkeypatch.setattr(activity_repo, "add_activity", real)
    report = await ann.uploads.upload(update_id, ANN, "multi.fit", fitgen.multisport(), 5)
    assert report.stored == 2  # the redelivered update succeeds; the leftover file is reused


async def test_users_see_only_their_own_uploads(ann: Services, settings: Settings) -> None:
    """Another user's identical file is new to them, and stored for them."""
    await started(ann, BOB)
    await upload(ann, "run.fit", run_at())
    report = await upload(ann, "run.fit", run_at(), user=BOB)
    assert report.stored == 1
    assert rows(settings, "SELECT user_id FROM activities ORDER BY id") == [(ANN,), (BOB,)]


async def test_default_zones_are_flagged_until_the_profile_is_set(ann: Services) -> None:
    """Without a birth year the reply says zones use age 35; after /hr it does not."""
    first = await upload(ann, "run.fit", run_at())
    assert "ℹ️ Zones assume a max HR of 189" in first.text
    profile = await ann.athlete.change(next(_updates), ANN, "born 1970")
    assert profile.athlete.age == 56
    second = await upload(ann, "ride.fit", ride_at(DAY1 + timedelta(days=2)))
    assert "Zones assume" not in second.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("born 1988", ("birth_year", 1988)),
        ("age 40", ("birth_year", 1986)),
        ("max 188", ("max_hr", 188)),
        ("rest=52", ("rest_hr", 52)),
        ("max auto", ("max_hr", None)),
        ("sex female", ("sex", "f")),
        ("zones hrr", ("zone_method", "karvonen")),
    ],
)
def test_hr_settings_are_read(text: str, expected: tuple[str, object]) -> None:
    """Typed /hr values map to the column they change."""
    assert parse_setting(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sex x", "m or f"),
        ("max lots", "not a whole number"),
        ("weight 80", "Try “/hr born 1988”"),
        ("zones fancy", "karvonen"),
    ],
)
def test_unreadable_hr_settings_are_explained(text: str, message: str) -> None:
    """Typed values that make no sense get a hint."""
    with pytest.raises(HrInputError, match=message):
        parse_setting(text, TODAY)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"max_hr": 300}, "between 100 and 240"),
        ({"rest_hr": 130}, "between 25 and 120"),
        ({"birth_year": 1900}, "outside 10–100"),
        ({"max_hr": 110, "rest_hr": 115}, "below max"),
    ],
)
def test_impossible_hr_settings_are_refused(changes: dict[str, int], message: str) -> None:
    """Values no human heart fits are refused with the reason."""
    user = User(id=1, created_at=DAY1, **changes)
    with pytest.raises(HrInputError, match=message):
        check_profile(user, "hrmax", TODAY)


async def test_a_refused_hr_change_changes_nothing(ann: Services) -> None:
    """A resting HR at or above the stored max HR is refused and not stored."""
    await ann.athlete.change(next(_updates), ANN, "max 110")
    with pytest.raises(HrInputError, match="below max"):
        await ann.athlete.change(next(_updates), ANN, "rest 115")
    assert (await ann.athlete.heart(ANN)).rest_hr is None


REAL = [
    ("run_fr920xt_devfields.fit", "🏃 Run · Sat 18 May 16:11", "16.77 km"),
    ("bike_edge530_hrv.fit", "🚴 Ride · road · Sat 7 Nov 20:13", "66.80 km"),
    ("swim_pool_fr735xt.fit", "🏊 Swim · lap swimming · Tue 13 Jun 15:42", "2,606 m"),
]


@pytest.mark.shared
@pytest.mark.parametrize(("name", "head", "distance"), REAL, ids=[r[0] for r in REAL])
async def test_real_device_files(
    ann: Services, settings: Settings, name: str, head: str, distance: str
) -> None:
    """Real watch and bike-computer files are stored, summarised and charted."""
    data = shared_path("data", "fit", name).read_bytes()
    report = await upload(ann, name, data)
    assert report.stored == 1
    assert report.text.startswith(head)
    assert distance in report.text
    assert "Zones (min)" in report.text
    assert len(report.charts) == 1
    assert count(settings, "activities") == 1


@pytest.mark.shared
async def test_a_real_damaged_file_is_refused(ann: Services, settings: Settings) -> None:
    """The corpus's bad-checksum file is refused with the checksum reason."""
    data = shared_path("data", "fit", "bad_crc.fit").read_bytes()
    report = await upload(ann, "bad_crc.fit", data)
    assert report.text.startswith("Nothing saved: The file's checksum does not match")
    assert count(settings, "activities") == 0
