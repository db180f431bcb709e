"""Natural dates in the speaker's time zone, relative to a fixed now."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.dates import add_working_days, local_today, parse_when, start_of_day, zone
from domain.errors import RoleCallError

# Wednesday 10 March 2027, 13:00 in Berlin (CET, UTC+1); before either DST change.
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)
BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("friday", date(2027, 3, 12)),
        ("Friday", date(2027, 3, 12)),
        ("FRIDAY", date(2027, 3, 12)),
        ("fri", date(2027, 3, 12)),
        ("monday", date(2027, 3, 15)),
        ("today", date(2027, 3, 10)),
        ("tomorrow", date(2027, 3, 11)),
        ("in 3 days", date(2027, 3, 13)),
        ("in  3   days", date(2027, 3, 13)),
        ("in 2 weeks", date(2027, 3, 24)),
        ("2027-04-01", date(2027, 4, 1)),
        ("2026-12-01", date(2026, 12, 1)),
    ],
)
def test_a_date_without_a_time_gives_the_day_and_no_instant(text, day):
    assert parse_when(text, BERLIN, NOW) == (day, None)


def test_next_friday_5pm_is_that_friday_at_five_in_the_speakers_zone():
    assert parse_when("next friday 5pm", BERLIN, NOW) == (date(2027, 3, 12), utc(2027, 3, 12, 16))


@pytest.mark.parametrize(
    ("tz", "instant"),
    [
        (BERLIN, utc(2027, 3, 12, 16)),  # CET, UTC+1
        (NEW_YORK, utc(2027, 3, 12, 22)),  # EST, UTC-5
        ("Asia/Tokyo", utc(2027, 3, 12, 8)),  # JST, UTC+9
        ("UTC", utc(2027, 3, 12, 17)),
    ],
)
def test_the_same_words_mean_a_different_instant_in_each_zone(tz, instant):
    assert parse_when("next friday 5pm", tz, NOW)[1] == instant


@pytest.mark.parametrize(
    ("tz", "now", "day", "instant"),
    [
        # said before the change, meant after it: the offset of the meant day counts
        (BERLIN, utc(2027, 3, 24, 12), date(2027, 3, 26), utc(2027, 3, 26, 16)),
        (BERLIN, utc(2027, 3, 31, 12), date(2027, 4, 2), utc(2027, 4, 2, 15)),
        (NEW_YORK, utc(2027, 3, 17, 12), date(2027, 3, 19), utc(2027, 3, 19, 21)),
    ],
)
def test_a_time_of_day_uses_the_offset_in_force_on_that_day(tz, now, day, instant):
    assert parse_when("next friday 5pm", tz, now) == (day, instant)


def test_a_time_on_the_day_summer_time_ends_uses_the_winter_offset():
    assert parse_when("tomorrow 9:30", BERLIN, utc(2027, 10, 30, 12)) == (
        date(2027, 10, 31),
        utc(2027, 10, 31, 8, 30),
    )


def test_an_iso_date_with_a_time_is_an_instant_in_the_speakers_zone():
    assert parse_when("2027-12-01 9am", "Asia/Tokyo", NOW) == (
        date(2027, 12, 1),
        utc(2027, 12, 1, 0),
    )


@pytest.mark.parametrize(
    ("tz", "now", "day"),
    [
        ("Pacific/Auckland", utc(2027, 3, 10, 12), date(2027, 3, 12)),  # already the 11th there
        ("America/Los_Angeles", utc(2027, 3, 10, 3), date(2027, 3, 10)),  # still the 9th there
        ("UTC", utc(2027, 3, 10, 3), date(2027, 3, 11)),
    ],
)
def test_tomorrow_is_relative_to_the_speakers_own_calendar_day(tz, now, day):
    assert parse_when("tomorrow", tz, now) == (day, None)


def test_now_may_be_given_in_any_zone():
    in_tokyo = NOW.astimezone(ZoneInfo("Asia/Tokyo"))
    assert parse_when("friday 5pm", BERLIN, in_tokyo) == parse_when("friday 5pm", BERLIN, NOW)


@pytest.mark.parametrize(
    "text", ["banana", "???", "eodx", "in 3 dayz", "2027-02-30", "end of time", "x" * 200]
)
def test_unreadable_text_is_a_short_user_error_with_examples(text):
    with pytest.raises(RoleCallError, match="as a date") as caught:
        parse_when(text, BERLIN, NOW)
    assert "in 3 days" in str(caught.value)
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_a_missing_date_is_a_user_error(text):
    with pytest.raises(RoleCallError, match="The date is missing"):
        parse_when(text, BERLIN, NOW)


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "Berlin", "../etc/passwd", "\x00", "CEST"])
def test_an_unknown_zone_is_a_user_error(name):
    with pytest.raises(RoleCallError, match="Unknown time zone"):
        zone(name)


def test_a_date_in_an_unknown_zone_is_a_user_error():
    with pytest.raises(RoleCallError, match="Unknown time zone “Mars/Olympus”"):
        parse_when("friday", "Mars/Olympus", NOW)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("europe/berlin", BERLIN),
        ("EUROPE/BERLIN", BERLIN),
        ("america/new_york", NEW_YORK),
        (" Asia/Tokyo ", "Asia/Tokyo"),
        ("utc", "UTC"),
    ],
)
def test_zone_names_are_case_insensitive(name, key):
    assert zone(name).key == key


def test_a_date_is_read_in_a_zone_named_in_any_case():
    assert parse_when("friday 5pm", "europe/berlin", NOW) == parse_when("friday 5pm", BERLIN, NOW)


@pytest.mark.parametrize(
    ("day", "tz", "midnight"),
    [
        (date(2027, 3, 27), BERLIN, utc(2027, 3, 26, 23)),
        (date(2027, 3, 28), BERLIN, utc(2027, 3, 27, 23)),  # clocks go forward at 02:00
        (date(2027, 3, 29), BERLIN, utc(2027, 3, 28, 22)),
        (date(2027, 10, 31), BERLIN, utc(2027, 10, 30, 22)),  # clocks go back at 03:00
        (date(2027, 11, 1), BERLIN, utc(2027, 10, 31, 23)),
        (date(2027, 3, 14), NEW_YORK, utc(2027, 3, 14, 5)),
        (date(2027, 3, 15), NEW_YORK, utc(2027, 3, 15, 4)),
        (date(2027, 11, 7), NEW_YORK, utc(2027, 11, 7, 4)),
        (date(2027, 11, 8), NEW_YORK, utc(2027, 11, 8, 5)),
    ],
)
def test_start_of_day_is_local_midnight_in_utc_across_dst(day, tz, midnight):
    assert start_of_day(day, tz) == midnight


@pytest.mark.parametrize(
    ("day", "tz", "hours"),
    [
        (date(2027, 3, 28), BERLIN, 23),
        (date(2027, 10, 31), BERLIN, 25),
        (date(2027, 3, 14), NEW_YORK, 23),
        (date(2027, 11, 7), NEW_YORK, 25),
        (date(2027, 6, 1), BERLIN, 24),
    ],
)
def test_a_dst_day_is_an_hour_shorter_or_longer(day, tz, hours):
    length = start_of_day(day + timedelta(days=1), tz) - start_of_day(day, tz)
    assert length == timedelta(hours=hours)


def test_a_day_whose_midnight_is_skipped_starts_at_the_first_instant_that_exists():
    # Chile moves its clocks from 00:00 to 01:00 on Sunday 5 September 2027.
    start = start_of_day(date(2027, 9, 5), "America/Santiago")
    assert start == utc(2027, 9, 5, 4)
    assert start_of_day(date(2027, 9, 6), "America/Santiago") - start == timedelta(hours=23)


def test_local_today_is_the_calendar_day_in_the_zone():
    assert local_today("Pacific/Auckland", NOW) == date(2027, 3, 11)
    assert local_today("America/Los_Angeles", utc(2027, 3, 10, 3)) == date(2027, 3, 9)


@pytest.mark.parametrize(
    ("day", "count", "result"),
    [
        (date(2027, 3, 10), 0, date(2027, 3, 10)),  # Wednesday
        (date(2027, 3, 10), 2, date(2027, 3, 12)),
        (date(2027, 3, 12), 1, date(2027, 3, 15)),  # Friday → Monday
        (date(2027, 3, 12), 2, date(2027, 3, 16)),
        (date(2027, 3, 13), 1, date(2027, 3, 15)),  # Saturday → Monday
        (date(2027, 3, 14), 1, date(2027, 3, 15)),  # Sunday → Monday
        (date(2027, 3, 10), 5, date(2027, 3, 17)),
    ],
)
def test_working_days_skip_the_weekend(day, count, result):
    assert add_working_days(day, count) == result


# --- bugs found while writing these tests --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "instant"),
    [("friday 5pm UTC", utc(2027, 3, 12, 17)), ("friday 5pm EST", utc(2027, 3, 12, 22))],
)
def test_a_zone_written_in_the_phrase_wins_over_the_speakers_zone(text, instant):
    assert parse_when(text, BERLIN, NOW)[1] == instant


def test_the_unknown_zone_message_stays_short_for_a_long_name():
    with pytest.raises(RoleCallError) as caught:
        zone("Nowhere/" + "x" * 3000)
    assert len(str(caught.value)) < 300


# NOW is Wednesday 10 March 2027.
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("wed", date(2027, 3, 17)),  # on a Wednesday, the next one
        ("next wed", date(2027, 3, 17)),
        ("thurs", date(2027, 3, 11)),
        ("Sat.", date(2027, 3, 13)),
        ("next sun", date(2027, 3, 14)),
        ("the 15th", date(2027, 3, 15)),
        ("9th", date(2027, 4, 9)),  # the 9th has passed this month
        ("on the 31st", date(2027, 3, 31)),
        ("eod", date(2027, 3, 10)),
        ("end of week", date(2027, 3, 12)),
        ("eow", date(2027, 3, 12)),
        ("end of the month", date(2027, 3, 31)),
        ("by end of month", date(2027, 3, 31)),
        ("EOM", date(2027, 3, 31)),
        ("end of quarter", date(2027, 3, 31)),
        ("end of the year", date(2027, 12, 31)),
    ],
)
def test_short_day_names_period_ends_and_days_of_the_month(text, day):
    assert parse_when(text, BERLIN, NOW) == (day, None)


def test_the_31st_in_a_month_without_one_is_the_next_month_that_has_it():
    assert parse_when("the 31st", BERLIN, utc(2027, 4, 5, 12))[0] == date(2027, 5, 31)


def test_a_period_end_takes_a_time_of_day():
    assert parse_when("end of month 5pm", BERLIN, NOW) == (date(2027, 3, 31), utc(2027, 3, 31, 15))


@pytest.mark.parametrize("text", ["friday 25:00", "tomorrow 25pm", "monday 13am", "today 9:75"])
def test_an_impossible_time_of_day_is_a_user_error(text):
    with pytest.raises(RoleCallError, match="is not a time of day"):
        parse_when(text, BERLIN, NOW)


@pytest.mark.parametrize(
    ("text", "why"),
    [("9999-12-31", "more than 10 years away"), ("in 500 years", "more than 10 years away"),
     ("1999-01-01", "more than a year ago")],
)  # fmt: skip
def test_a_date_out_of_reach_is_a_user_error(text, why):
    with pytest.raises(RoleCallError, match=why):
        parse_when(text, BERLIN, NOW)


LAST_EVENING = utc(2027, 1, 31, 20)  # 21:00 in Berlin, the month's last day


@pytest.mark.parametrize(
    ("text", "day", "instant"),
    [
        ("the 15th 5pm", date(2027, 2, 15), utc(2027, 2, 15, 16)),
        ("the 15th at 5pm", date(2027, 2, 15), utc(2027, 2, 15, 16)),
        ("5pm", date(2027, 2, 1), utc(2027, 2, 1, 16)),  # passed today: tomorrow
        ("at 5pm", date(2027, 2, 1), utc(2027, 2, 1, 16)),
        ("23:30", date(2027, 1, 31), utc(2027, 1, 31, 22, 30)),  # still to come today
    ],
)
def test_a_time_with_no_day_or_after_a_day_of_the_month_is_the_next_to_come(text, day, instant):
    assert parse_when(text, BERLIN, LAST_EVENING) == (day, instant)


@pytest.mark.parametrize("text", ["the 0th", "the 45th"])
def test_a_day_no_month_has_is_a_user_error(text):
    with pytest.raises(RoleCallError, match="No month has a day"):
        parse_when(text, BERLIN, NOW)


def test_ten_years_ahead_is_within_reach_on_any_day_of_the_month():
    assert parse_when("in 10 years", BERLIN, LAST_EVENING)[0] == date(2037, 1, 31)


@pytest.mark.parametrize(
    ("text", "day", "instant"),
    [
        ("5pm friday", date(2027, 3, 12), utc(2027, 3, 12, 16)),
        ("noon on monday", date(2027, 3, 15), utc(2027, 3, 15, 11)),
        ("5pm tomorrow", date(2027, 3, 11), utc(2027, 3, 11, 16)),
        ("10am in 3 days", date(2027, 3, 13), utc(2027, 3, 13, 9)),
        ("5pm EST", date(2027, 3, 10), utc(2027, 3, 10, 22)),
        ("friday 5:30pm", date(2027, 3, 12), utc(2027, 3, 12, 16, 30)),  # "30pm" is no hour
        ("12:30pm", date(2027, 3, 11), utc(2027, 3, 11, 11, 30)),  # 13:00 in Berlin: passed
    ],
)
def test_a_time_written_before_its_day_or_with_its_zone_is_read_whole(text, day, instant):
    assert parse_when(text, BERLIN, NOW) == (day, instant)
