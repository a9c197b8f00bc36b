"""The masthead shows today's date in the newsroom's time zone, as 'Thu. Nov 21st, 2024'."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from dateline.core.dates import masthead_date

EXPECTED_SUFFIX = {
    1: "st",
    2: "nd",
    3: "rd",
    11: "th",
    12: "th",
    13: "th",
    21: "st",
    22: "nd",
    23: "rd",
    31: "st",
}


@pytest.mark.parametrize("day", range(1, 32))
def test_every_day_of_a_month_gets_its_english_ordinal(day):
    suffix = EXPECTED_SUFFIX.get(day, "th")
    text = masthead_date(date(2024, 12, day))
    assert text.endswith(f" {day}{suffix}, 2024")


def test_default_format_matches_the_newsroom_style():
    assert masthead_date(date(2024, 11, 21)) == "Thu. Nov 21st, 2024"


def _masthead(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    stamp = soup.select_one(".masthead__date time")
    return stamp["datetime"], stamp.get_text()


@pytest.mark.django_db
def test_masthead_turns_over_at_local_midnight_not_utc(client, newsroom, settings):
    settings.TIME_ZONE = "America/New_York"
    # 04:59 UTC on 22 Nov is 23:59 on 21 Nov in New York.
    with time_machine.travel(datetime(2024, 11, 22, 4, 59, tzinfo=UTC), tick=False):
        assert _masthead(client) == ("2024-11-21", "Thu. Nov 21st, 2024")
    with time_machine.travel(datetime(2024, 11, 22, 5, 1, tzinfo=UTC), tick=False):
        assert _masthead(client) == ("2024-11-22", "Fri. Nov 22nd, 2024")


@pytest.mark.django_db
def test_masthead_ahead_of_utc_shows_tomorrow_before_utc_midnight(client, newsroom, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    with time_machine.travel(datetime(2024, 11, 30, 14, 59, tzinfo=UTC), tick=False):
        assert _masthead(client)[1] == "Sat. Nov 30th, 2024"
    with time_machine.travel(datetime(2024, 11, 30, 15, 0, tzinfo=UTC), tick=False):
        assert _masthead(client)[1] == "Sun. Dec 1st, 2024"


@pytest.mark.django_db
def test_masthead_format_is_a_site_setting(client, newsroom):
    from dateline.core.models import NewsroomSettings

    settings_row = NewsroomSettings.for_site(newsroom.home.get_site())
    settings_row.masthead_date_format = "l j F Y"
    settings_row.save()
    with time_machine.travel(datetime(2024, 11, 21, 12, tzinfo=UTC), tick=False):
        assert _masthead(client)[1] == "Thursday 21 November 2024"
