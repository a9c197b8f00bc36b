"""`dateline optimize_database` leaves the query planner statistics it needs."""

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="empty-table statistics are a SQLite matter"
)


def stats() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl, idx, stat FROM sqlite_stat1")
        return {(tbl, idx): stat for tbl, idx, stat in cursor.fetchall()}


def test_empty_tables_are_recorded_as_small_and_full_ones_keep_their_counts(newsroom):
    call_command("optimize_database", verbosity=0)

    recorded = stats()
    # No view restrictions: recorded as one row, so joins start from it, not from the pages.
    assert recorded[("wagtailcore_pageviewrestriction", None)] == "1"
    page_counts = [s for (tbl, idx), s in recorded.items() if tbl == "wagtailcore_page" and idx]
    assert page_counts and all(int(s.split()[0]) > 1 for s in page_counts)


def test_a_table_that_fills_up_gets_its_real_count_at_the_next_run(newsroom):
    from wagtail.models import PageViewRestriction

    call_command("optimize_database", verbosity=0)
    PageViewRestriction.objects.create(page=newsroom.section, restriction_type="login")
    call_command("optimize_database", verbosity=0)

    assert ("wagtailcore_pageviewrestriction", None) not in stats()
