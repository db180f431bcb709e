"""Natural dates in the speaker's time zone, relative to a fixed now: WEDNESDAY for the
phrases, NOW itself for the calendar's edges, each zone's next clock change for DST days."""

from calendar import isleap, monthrange
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.language.dates import parse_day, parse_when
from domain.model.calendar import add_working_days, local_today, start_of_day, zone
from domain.model.errors import RoleCallError
from tests.support import (
    BERLIN,
    CLOCK_OFFSETS,
    NEW_YORK,
    NOW,
    at,
    clock_change,
    day,
    iso,
    local_at,
    on_wall,
)

# The Wednesday before THURSDAY, 12:00 UTC: 13:00 or 14:00 in Berlin, whatever the season.
# Instants in zones with daylight saving are expected where zoneinfo puts that wall time on
# that day, so a clock change in the days after WEDNESDAY is exercised, not avoided.
WEDNESDAY = at(-1, "12:00")
TOKYO = "Asia/Tokyo"  # UTC+9 all year
ONE_DAY = timedelta(days=1)


def first_day_from(start: date, wanted) -> date:
    """The first day from `start` on that is `wanted`: the tests' own slow calendar."""
    return next(d for d in (start + timedelta(days=n) for n in range(400)) if wanted(d))


def month_end(on: date) -> date:
    return first_day_from(on, lambda d: (d + ONE_DAY).day == 1)


def ten_years_on(on: date) -> date:
    """The same day ten years later, or 28 February when that year has no 29th."""
    try:
        return on.replace(year=on.year + 10)
    except ValueError:
        return on.replace(year=on.year + 10, day=28)


def ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("friday", day(1)),
        ("Friday", day(1)),
        ("FRIDAY", day(1)),
        ("fri", day(1)),
        ("monday", day(4)),
        ("today", day(-1)),
        ("tomorrow", day(0)),
        ("in 3 days", day(2)),
        ("in  3   days", day(2)),
        ("in 2 weeks", day(13)),
        (iso(21), day(21)),
        (iso(-100), day(-100)),  # a late entry, months ago
    ],
)
def test_a_date_without_a_time_gives_the_day_and_no_instant(text, on):
    assert parse_when(text, BERLIN, WEDNESDAY) == (on, None)


def test_next_friday_5pm_is_next_weeks_friday_at_five_in_the_speakers_zone():
    assert parse_when("next friday 5pm", BERLIN, WEDNESDAY) == (
        day(8),
        local_at(8, "17:00", BERLIN),
    )


@pytest.mark.parametrize("said", ["this friday 5pm", "friday 5pm", "coming fri 5pm"])
def test_this_friday_5pm_is_this_weeks_friday(said):
    assert parse_when(said, BERLIN, WEDNESDAY) == (day(1), local_at(1, "17:00", BERLIN))


@pytest.mark.parametrize(
    ("tz", "instant"),
    [
        (BERLIN, local_at(1, "17:00", BERLIN)),
        (NEW_YORK, local_at(1, "17:00", NEW_YORK)),
        (TOKYO, at(1, "08:00")),
        ("UTC", at(1, "17:00")),
    ],
)
def test_the_same_words_mean_a_different_instant_in_each_zone(tz, instant):
    assert parse_when("this friday 5pm", tz, WEDNESDAY)[1] == instant


CLOCK_CHANGES = list(CLOCK_OFFSETS)


@pytest.mark.parametrize(("tz", "forward"), CLOCK_CHANGES)
def test_a_time_of_day_uses_the_offset_in_force_on_the_day_meant(tz, forward):
    change, (before, after) = clock_change(tz, forward), CLOCK_OFFSETS[tz, forward]
    assert change.weekday() == 6  # both zones change on a Sunday
    said = at(change - timedelta(days=4), "12:00")  # the Wednesday before
    assert parse_when("this friday 5pm", tz, said) == (
        change - timedelta(days=2),
        on_wall(change - timedelta(days=2), "17:00", before),
    )
    assert parse_when("monday 5pm", tz, said) == (  # said before the change, meant after
        change + ONE_DAY,
        on_wall(change + ONE_DAY, "17:00", after),
    )


@pytest.mark.parametrize(("tz", "forward"), CLOCK_CHANGES)
def test_a_time_on_the_day_of_a_clock_change_uses_the_new_offset(tz, forward):
    change, (before, after) = clock_change(tz, forward), CLOCK_OFFSETS[tz, forward]
    expected = (change, on_wall(change, "09:30", after))
    assert parse_when("tomorrow 9:30", tz, at(change - ONE_DAY, "12:00")) == expected
    assert parse_when("9:30", tz, on_wall(change, "00:30", before)) == expected  # said that night


def test_a_time_skipped_by_the_spring_change_is_read_an_hour_later_on_the_wall():
    change = clock_change(BERLIN, True)  # 02:00 CET becomes 03:00 CEST
    assert parse_when("tomorrow 2:30", BERLIN, at(change - ONE_DAY, "12:00")) == (
        change,
        on_wall(change, "03:30", 2),
    )


def test_a_time_repeated_by_the_autumn_change_is_its_first_occurrence():
    change = clock_change(BERLIN, False)  # 03:00 CEST becomes 02:00 CET
    assert parse_when("tomorrow 2:30", BERLIN, at(change - ONE_DAY, "12:00")) == (
        change,
        on_wall(change, "02:30", 2),
    )


def test_an_iso_date_with_a_time_is_an_instant_in_the_speakers_zone():
    assert parse_when(f"{iso(200)} 9am", TOKYO, WEDNESDAY) == (day(200), at(200, "00:00"))


@pytest.mark.parametrize(
    ("tz", "now", "on"),
    [
        ("Pacific/Auckland", WEDNESDAY, day(1)),  # already Thursday there (UTC+12 or +13)
        ("America/Los_Angeles", at(-1, "03:00"), day(-1)),  # still Tuesday there
        ("UTC", at(-1, "03:00"), day(0)),
    ],
)
def test_tomorrow_is_relative_to_the_speakers_own_calendar_day(tz, now, on):
    assert parse_when("tomorrow", tz, now) == (on, None)


def test_now_may_be_given_in_any_zone():
    in_tokyo = WEDNESDAY.astimezone(ZoneInfo(TOKYO))
    assert parse_when("friday 5pm", BERLIN, in_tokyo) == parse_when("friday 5pm", BERLIN, WEDNESDAY)


@pytest.mark.parametrize(
    "text",
    ["banana", "???", "eodx", "in 3 dayz", f"{day(0).year + 1}-02-30", "end of time", "x" * 200],
)
def test_unreadable_text_is_a_short_user_error_with_examples(text):
    with pytest.raises(RoleCallError, match="as a date") as caught:
        parse_when(text, BERLIN, WEDNESDAY)
    assert "in 3 days" in str(caught.value)
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_a_missing_date_is_a_user_error(text):
    with pytest.raises(RoleCallError, match="The date is missing"):
        parse_when(text, BERLIN, WEDNESDAY)


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "Berlin", "../etc/passwd", "\x00", "CEST"])
def test_an_unknown_zone_is_a_user_error(name):
    with pytest.raises(RoleCallError, match="Unknown time zone"):
        zone(name)


def test_a_date_in_an_unknown_zone_is_a_user_error():
    with pytest.raises(RoleCallError, match="Unknown time zone “Mars/Olympus”"):
        parse_when("friday", "Mars/Olympus", WEDNESDAY)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("europe/berlin", BERLIN),
        ("EUROPE/BERLIN", BERLIN),
        ("america/new_york", NEW_YORK),
        (" Asia/Tokyo ", TOKYO),
        ("utc", "UTC"),
    ],
)
def test_zone_names_are_case_insensitive(name, key):
    assert zone(name).key == key


def test_a_date_is_read_in_a_zone_named_in_any_case():
    assert parse_when("friday 5pm", "europe/berlin", WEDNESDAY) == parse_when(
        "friday 5pm", BERLIN, WEDNESDAY
    )


@pytest.mark.parametrize(("tz", "forward"), CLOCK_CHANGES)
def test_start_of_day_is_local_midnight_in_utc_across_dst(tz, forward):
    change, (before, after) = clock_change(tz, forward), CLOCK_OFFSETS[tz, forward]
    # the clocks change at 02:00 or 03:00: that day's midnight still has the old offset
    assert [start_of_day(change + timedelta(days=n), tz) for n in (-1, 0, 1)] == [
        on_wall(change - ONE_DAY, "00:00", before),
        on_wall(change, "00:00", before),
        on_wall(change + ONE_DAY, "00:00", after),
    ]


@pytest.mark.parametrize(("tz", "forward"), CLOCK_CHANGES)
def test_a_dst_day_is_an_hour_shorter_or_longer(tz, forward):
    change = clock_change(tz, forward)
    length = start_of_day(change + ONE_DAY, tz) - start_of_day(change, tz)
    assert length == timedelta(hours=23 if forward else 25)


def test_a_summer_day_is_twenty_four_hours_long():
    summer = clock_change(BERLIN, True) + timedelta(days=80)
    assert start_of_day(summer + ONE_DAY, BERLIN) - start_of_day(summer, BERLIN) == ONE_DAY


def test_a_day_whose_midnight_is_skipped_starts_at_the_first_instant_that_exists():
    # Chile moves its clocks from 00:00 (UTC-4) to 01:00 (UTC-3) on a Sunday in September.
    change = clock_change("America/Santiago", True)
    start = start_of_day(change, "America/Santiago")
    assert start == on_wall(change, "01:00", -3)
    assert start_of_day(change + ONE_DAY, "America/Santiago") - start == timedelta(hours=23)


def test_local_today_is_the_calendar_day_in_the_zone():
    assert local_today("Pacific/Auckland", WEDNESDAY) == day(0)
    assert local_today("America/Los_Angeles", at(-1, "03:00")) == day(-2)


@pytest.mark.parametrize(
    ("on", "count", "result"),
    [
        (day(-1), 0, day(-1)),  # Wednesday
        (day(-1), 2, day(1)),
        (day(1), 1, day(4)),  # Friday → Monday
        (day(1), 2, day(5)),
        (day(2), 1, day(4)),  # Saturday → Monday
        (day(3), 1, day(4)),  # Sunday → Monday
        (day(-1), 5, day(6)),
    ],
)
def test_working_days_skip_the_weekend(on, count, result):
    assert add_working_days(on, count) == result


# --- at NOW itself: the reference instant may sit on any edge of the calendar -------------

AROUND_THE_WORLD = ["UTC", BERLIN, "Pacific/Kiritimati", "America/Los_Angeles"]  # +14 … −8


def today_at_now(tz: str) -> date:
    return NOW.astimezone(ZoneInfo(tz)).date()


@pytest.mark.parametrize("tz", AROUND_THE_WORLD)
def test_days_said_at_now_count_from_the_speakers_own_calendar_day(tz):
    today = today_at_now(tz)
    expected = {
        "today": today,
        "tomorrow": today + ONE_DAY,
        "in 3 days": today + timedelta(days=3),
        "end of month": month_end(today),
        "the 1st": first_day_from(today, lambda d: d.day == 1),
        "end of the year": date(today.year, 12, 31),
    }
    assert {text: parse_day(text, tz, NOW) for text in expected} == expected
    assert local_today(tz, NOW) == today


@pytest.mark.parametrize("tz", [*AROUND_THE_WORLD, NEW_YORK])
def test_a_time_said_at_now_is_that_wall_clock_time_in_the_speakers_zone(tz):
    today, local_now = today_at_now(tz), NOW.astimezone(ZoneInfo(tz))
    tomorrow = today + ONE_DAY
    assert parse_when("tomorrow 9:30", tz, NOW) == (tomorrow, local_at(tomorrow, "09:30", tz))
    five = today if local_now.time() < time(17) else tomorrow  # a bare time: the next to come
    assert parse_when("5pm", tz, NOW) == (five, local_at(five, "17:00", tz))


@pytest.mark.parametrize("tz", AROUND_THE_WORLD)
def test_a_date_is_within_reach_from_a_year_back_to_ten_years_ahead_of_now(tz):
    today = today_at_now(tz)
    furthest, oldest = ten_years_on(today), today - timedelta(days=366)
    assert parse_day(furthest.isoformat(), tz, NOW) == furthest
    assert parse_day("in 10 years", tz, NOW) == furthest
    assert parse_day(oldest.isoformat(), tz, NOW) == oldest
    with pytest.raises(RoleCallError, match="more than 10 years away"):
        parse_day((furthest + ONE_DAY).isoformat(), tz, NOW)
    with pytest.raises(RoleCallError, match="more than a year ago"):
        parse_day((oldest - ONE_DAY).isoformat(), tz, NOW)


# --- bugs found while writing these tests --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "instant"),
    [("friday 5pm UTC", at(1, "17:00")), ("friday 5pm EST", at(1, "22:00"))],
)
def test_a_zone_written_in_the_phrase_wins_over_the_speakers_zone(text, instant):
    assert parse_when(text, BERLIN, WEDNESDAY)[1] == instant


def test_the_unknown_zone_message_stays_short_for_a_long_name():
    with pytest.raises(RoleCallError) as caught:
        zone("Nowhere/" + "x" * 3000)
    assert len(str(caught.value)) < 300


YESTERDAYS, TOMORROWS = day(-2), day(0)  # numbers: passed this month, and to come


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("wed", day(6)),  # on a Wednesday, the next one
        ("next wed", day(6)),
        ("thurs", day(0)),
        ("Sat.", day(2)),
        ("next sun", day(10)),  # the Sunday of next week
        ("this sun", day(3)),
        ("tmrw", day(0)),
        ("asap", day(-1)),
        (f"the {ordinal(TOMORROWS.day)}", TOMORROWS),
        (f"{ordinal(YESTERDAYS.day)}", first_day_from(day(-1), lambda d: d.day == YESTERDAYS.day)),
        ("on the 31st", first_day_from(day(-1), lambda d: d.day == 31)),
        ("eod", day(-1)),
        ("end of week", day(1)),
        ("eow", day(1)),
        ("end of the month", month_end(day(-1))),
        ("by end of month", month_end(day(-1))),
        ("EOM", month_end(day(-1))),
        (
            "end of quarter",
            first_day_from(day(-1), lambda d: month_end(d) == d and d.month % 3 == 0),
        ),
        ("end of the year", date(day(-1).year, 12, 31)),
    ],
)
def test_short_day_names_period_ends_and_days_of_the_month(text, on):
    assert parse_when(text, BERLIN, WEDNESDAY) == (on, None)


def first_of_a_month(wanted) -> date:
    """The first 1st of a month after THURSDAY whose month is `wanted`."""
    return first_day_from(day(1), lambda d: d.day == 1 and wanted(d))


def test_the_31st_in_a_month_without_one_is_the_next_month_that_has_it():
    first = first_of_a_month(lambda d: monthrange(d.year, d.month)[1] == 30)
    assert parse_day("the 31st", BERLIN, at(first + timedelta(days=4), "12:00")) == date(
        first.year, first.month + 1, 31
    )  # after April, June, September or November comes a month of 31 days


def test_the_29th_and_30th_in_february_are_in_march_unless_it_is_a_leap_year():
    first = first_of_a_month(lambda d: d.month == 2)
    said = at(first + timedelta(days=4), "12:00")
    expected = first.replace(day=29) if isleap(first.year) else first.replace(month=3, day=29)
    assert parse_day("the 29th", BERLIN, said) == expected
    assert parse_day("the 30th", BERLIN, said) == first.replace(month=3, day=30)


def test_a_period_end_takes_a_time_of_day():
    end = month_end(day(-1))
    assert parse_when("end of month 5pm", BERLIN, WEDNESDAY) == (
        end,
        local_at(end, "17:00", BERLIN),
    )


@pytest.mark.parametrize("text", ["friday 25:00", "tomorrow 25pm", "monday 13am", "today 9:75"])
def test_an_impossible_time_of_day_is_a_user_error(text):
    with pytest.raises(RoleCallError, match="is not a time of day"):
        parse_when(text, BERLIN, WEDNESDAY)


@pytest.mark.parametrize(
    ("text", "why"),
    [(date.max.isoformat(), "more than 10 years away"), ("in 500 years", "more than 10 years away"),
     (iso(-3650), "more than a year ago")],
)  # fmt: skip
def test_a_date_out_of_reach_is_a_user_error(text, why):
    with pytest.raises(RoleCallError, match=why):
        parse_when(text, BERLIN, WEDNESDAY)


LAST_DAY = month_end(day(0))  # of THURSDAY's month
LAST_EVENING = at(LAST_DAY, "20:00")  # 21:00 or 22:00 in Berlin, the month's last day
FIFTEENTH = LAST_DAY + timedelta(days=15)  # of the month after


@pytest.mark.parametrize(
    ("text", "on", "instant"),
    [
        ("the 15th 5pm", FIFTEENTH, local_at(FIFTEENTH, "17:00", BERLIN)),
        ("the 15th at 5pm", FIFTEENTH, local_at(FIFTEENTH, "17:00", BERLIN)),
        ("5pm", LAST_DAY + ONE_DAY, local_at(LAST_DAY + ONE_DAY, "17:00", BERLIN)),  # passed
        ("at 5pm", LAST_DAY + ONE_DAY, local_at(LAST_DAY + ONE_DAY, "17:00", BERLIN)),
        ("23:30", LAST_DAY, local_at(LAST_DAY, "23:30", BERLIN)),  # still to come today
    ],
)
def test_a_time_with_no_day_or_after_a_day_of_the_month_is_the_next_to_come(text, on, instant):
    assert parse_when(text, BERLIN, LAST_EVENING) == (on, instant)


@pytest.mark.parametrize("text", ["the 0th", "the 45th"])
def test_a_day_no_month_has_is_a_user_error(text):
    with pytest.raises(RoleCallError, match="No month has a day"):
        parse_when(text, BERLIN, WEDNESDAY)


def test_ten_years_ahead_is_within_reach_on_any_day_of_the_month():
    assert parse_when("in 10 years", BERLIN, LAST_EVENING)[0] == ten_years_on(LAST_DAY)


@pytest.mark.parametrize(
    ("text", "on", "instant"),
    [
        ("5pm friday", day(1), local_at(1, "17:00", BERLIN)),
        ("noon on monday", day(4), local_at(4, "12:00", BERLIN)),
        ("5pm tomorrow", day(0), local_at(0, "17:00", BERLIN)),
        ("10am in 3 days", day(2), local_at(2, "10:00", BERLIN)),
        ("5pm EST", day(-1), at(-1, "22:00")),
        ("friday 5:30pm", day(1), local_at(1, "17:30", BERLIN)),  # "30pm" is no hour
        ("12:30pm", day(0), local_at(0, "12:30", BERLIN)),  # 13:00 or 14:00 in Berlin: passed
    ],
)
def test_a_time_written_before_its_day_or_with_its_zone_is_read_whole(text, on, instant):
    assert parse_when(text, BERLIN, WEDNESDAY) == (on, instant)
